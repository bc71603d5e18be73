/**
 * The sandbox's server-sent event streams over real sockets: the health check, the refusals Mastodon's
 * streaming server gives (token, scopes, tag, list, unknown path), the event format, heartbeats, and
 * every stream getting what Mastodon's fan-out sends it.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { createToken } from "../src/sandbox/accounts-store.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { notify } from "../src/sandbox/notify.js";
import { streamTiming } from "../src/sandbox/stream-timing.js";
import {
  follow,
  openSse,
  pause,
  postStatus,
  relate,
  type SseReader,
  tokenOf,
  until,
} from "./sandbox-streaming-harness.js";

let sb: Sandbox;
const open: SseReader[] = [];

async function sse(path: string, user: string | undefined = "bob"): Promise<SseReader> {
  const reader = await openSse(sb.url + path, user === undefined ? undefined : tokenOf(sb, user));
  open.push(reader);
  return reader;
}

before(async () => {
  sb = await startSandbox({ port: 0, users: ["alice", "bob", "carol"] });
});
after(async () => {
  for (const r of open) r.close();
  await sb.close();
});
beforeEach(async () => {
  for (const r of open.splice(0)) r.close();
  await sb.reset();
});

describe("health", () => {
  test("answers OK as text/plain, without a token", async () => {
    const res = await fetch(`${sb.url}/api/v1/streaming/health`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain");
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(await res.text(), "OK");
  });
});

describe("refusals", () => {
  const refused = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(sb.url + path, { headers });
    return { status: res.status, body: await res.json() };
  };

  test("no token: 401 Missing access token, even for public streams", async () => {
    for (const path of [
      "/api/v1/streaming/user",
      "/api/v1/streaming/public",
      "/api/v1/streaming/hashtag?tag=a",
    ]) {
      assert.deepEqual(await refused(path, {}), { status: 401, body: { error: "Missing access token" } });
    }
  });

  test("unknown, malformed or overlong token: 401 Invalid access token", async () => {
    for (const authorization of ["Bearer nope", "Basic abc", "Bearer ", `Bearer ${"x".repeat(5000)}`]) {
      assert.deepEqual(await refused("/api/v1/streaming/user", { authorization }), {
        status: 401,
        body: { error: "Invalid access token" },
      });
    }
    assert.deepEqual(await refused("/api/v1/streaming/user?access_token=nope", {}), {
      status: 401,
      body: { error: "Invalid access token" },
    });
  });

  test("the token may come as access_token in the query", async () => {
    const reader = await openSse(
      `${sb.url}/api/v1/streaming/user?access_token=${tokenOf(sb, "bob")}`,
      undefined,
    );
    open.push(reader);
    assert.equal(reader.response.status, 200);
  });

  test("an app's own token (no user) is refused as invalid", async () => {
    const app = sb.context.state.apps.all()[0]!;
    const token = createToken(sb.context, { client_id: app.client_id, account_id: null, scopes: ["read"] });
    assert.deepEqual(await refused("/api/v1/streaming/public", { authorization: `Bearer ${token.token}` }), {
      status: 401,
      body: { error: "Invalid access token" },
    });
  });

  test("scopes: the user stream needs read or read:statuses, notifications read or read:notifications", async () => {
    const app = sb.context.state.apps.all()[0]!;
    const bob = sb.users.find((u) => u.username === "bob")!;
    const writeOnly = createToken(sb.context, {
      client_id: app.client_id,
      account_id: bob.id,
      scopes: ["write"],
    });
    const headers = { authorization: `Bearer ${writeOnly.token}` };
    const scopeError = { status: 401, body: { error: "Access token does not have the required scopes" } };
    assert.deepEqual(await refused("/api/v1/streaming/user", headers), scopeError);
    assert.deepEqual(await refused("/api/v1/streaming/user/notification", headers), scopeError);
    assert.deepEqual(await refused("/api/v1/streaming/direct", headers), scopeError);
    // Public streams need no scope at all.
    const reader = await openSse(`${sb.url}/api/v1/streaming/public`, writeOnly.token);
    open.push(reader);
    assert.equal(reader.response.status, 200);
    const statusesOnly = createToken(sb.context, {
      client_id: app.client_id,
      account_id: bob.id,
      scopes: ["read:statuses"],
    });
    assert.deepEqual(
      await refused("/api/v1/streaming/user/notification", { authorization: `Bearer ${statusesOnly.token}` }),
      scopeError,
    );
  });

  test("hashtag without tag, list without list: 400 as Mastodon words it", async () => {
    const headers = { authorization: `Bearer ${tokenOf(sb, "bob")}` };
    assert.deepEqual(await refused("/api/v1/streaming/hashtag", headers), {
      status: 400,
      body: { error: "Missing tag name parameter" },
    });
    assert.deepEqual(await refused("/api/v1/streaming/hashtag/local?tag=", headers), {
      status: 400,
      body: { error: "Missing tag name parameter" },
    });
    assert.deepEqual(await refused("/api/v1/streaming/list", headers), {
      status: 400,
      body: { error: "Missing list name parameter" },
    });
  });

  test("someone else's list, or no such list: 401 Not authorized to stream this list", async () => {
    const ctx = sb.context;
    const alice = sb.users.find((u) => u.username === "alice")!;
    ctx.state.lists.insert({
      id: "777",
      account_id: alice.id,
      title: "alice's",
      replies_policy: "list",
      exclusive: false,
      account_ids: [],
    });
    const headers = { authorization: `Bearer ${tokenOf(sb, "bob")}` };
    for (const list of ["777", "999999", "%00", "../../x"]) {
      assert.deepEqual(await refused(`/api/v1/streaming/list?list=${list}`, headers), {
        status: 401,
        body: { error: "Not authorized to stream this list" },
      });
    }
  });

  test("a path under /api/v1/streaming that names no stream: 400 Unknown channel requested", async () => {
    for (const path of ["/api/v1/streaming", "/api/v1/streaming/nope", "/api/v1/streaming/user/nope"]) {
      assert.deepEqual(await refused(path, { authorization: `Bearer ${tokenOf(sb, "bob")}` }), {
        status: 400,
        body: { error: "Unknown channel requested" },
      });
    }
  });
});

describe("the event stream", () => {
  test("opens with ':)' and Mastodon's headers, sends event/data blocks", async () => {
    const reader = await sse("/api/v1/streaming/public");
    assert.equal(reader.response.status, 200);
    assert.equal(reader.response.headers.get("content-type"), "text/event-stream");
    assert.equal(reader.response.headers.get("cache-control"), "private, no-store");
    assert.equal(reader.response.headers.get("access-control-allow-origin"), "*");
    await until(() => reader.text().startsWith(":)\n"), "the opening comment");
    const status = postStatus(sb, "alice", "Hello #World");
    await until(() => reader.events().length === 1, "the update");
    const [event] = reader.events();
    assert.equal(event!.event, "update");
    const payload = JSON.parse(event!.data);
    assert.equal(payload.id, status.id);
    assert.equal(payload.content, status.content);
    assert.equal(payload.account.username, "alice");
    assert.match(reader.text(), new RegExp(`^:\\)\\nevent: update\\ndata: \\{"id":"${status.id}"`));
  });

  test("heartbeats ':thump' at the configured interval", async () => {
    const saved = streamTiming.sseHeartbeatMs;
    streamTiming.sseHeartbeatMs = 40;
    try {
      const reader = await sse("/api/v1/streaming/user");
      await until(() => reader.text().split(":thump\n").length >= 3, "two heartbeats");
    } finally {
      streamTiming.sseHeartbeatMs = saved;
    }
  });

  test("closing the sandbox's streams (reset) ends open responses", async () => {
    const reader = await sse("/api/v1/streaming/user");
    await sb.reset();
    await until(() => reader.ended(), "the response to end");
  });

  test("HEAD answers the headers and ends", async () => {
    const res = await fetch(`${sb.url}/api/v1/streaming/public`, {
      method: "HEAD",
      headers: { authorization: `Bearer ${tokenOf(sb, "bob")}` },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream");
  });
});

describe("what each stream gets", () => {
  test("user: own statuses and followed accounts', each rendered for the viewer; notifications too", async () => {
    follow(sb, "bob", "alice");
    const bob = await sse("/api/v1/streaming/user", "bob");
    const carol = await sse("/api/v1/streaming/user", "carol");
    const mine = postStatus(sb, "bob", "bob's own");
    const followed = postStatus(sb, "alice", "from alice");
    await until(() => bob.events().length === 2, "bob's two updates");
    assert.deepEqual(
      bob.events().map((e) => [e.event, JSON.parse(e.data).id]),
      [
        ["update", mine.id],
        ["update", followed.id],
      ],
    );
    // Rendered for bob: his own flags are there.
    assert.equal(JSON.parse(bob.events()[1]!.data).favourited, false);
    const bobId = sb.users.find((u) => u.username === "bob")!.id;
    const aliceId = sb.users.find((u) => u.username === "alice")!.id;
    notify(sb.context, bobId, "favourite", aliceId, mine.id);
    await until(() => bob.events().length === 3, "the notification");
    const notification = JSON.parse(bob.events()[2]!.data);
    assert.equal(bob.events()[2]!.event, "notification");
    assert.equal(notification.type, "favourite");
    assert.equal(notification.account.username, "alice");
    assert.equal(notification.status.id, mine.id);
    assert.deepEqual(Object.keys(notification), [
      "id",
      "type",
      "created_at",
      "group_key",
      "account",
      "status",
    ]);
    await pause(50);
    assert.deepEqual(carol.events(), [], "carol follows no one and got nothing");
  });

  test("user:notification: notifications only", async () => {
    const reader = await sse("/api/v1/streaming/user/notification", "bob");
    const status = postStatus(sb, "bob", "mine");
    const ids = Object.fromEntries(sb.users.map((u) => [u.username, u.id]));
    notify(sb.context, ids.bob!, "follow", ids.alice!);
    await until(() => reader.events().length === 1, "the notification");
    assert.equal(reader.events()[0]!.event, "notification");
    const payload = JSON.parse(reader.events()[0]!.data);
    assert.equal(payload.type, "follow");
    assert.equal("status" in payload, false);
    assert.ok(status.id);
  });

  test("public and public/local: public statuses, not unlisted, private, direct or reblogs", async () => {
    const pub = await sse("/api/v1/streaming/public");
    const local = await sse("/api/v1/streaming/public/local");
    const remote = await sse("/api/v1/streaming/public/remote");
    postStatus(sb, "alice", "unlisted", { visibility: "unlisted" });
    postStatus(sb, "alice", "private", { visibility: "private" });
    postStatus(sb, "alice", "@bob direct", { visibility: "direct" });
    const shown = postStatus(sb, "alice", "public");
    postStatus(sb, "carol", "", { reblog_of_id: shown.id });
    await until(() => pub.events().length >= 1 && local.events().length >= 1, "the public status");
    await pause(50);
    assert.deepEqual(
      pub.events().map((e) => JSON.parse(e.data).content),
      ["<p>public</p>"],
    );
    assert.deepEqual(
      local.events().map((e) => JSON.parse(e.data).content),
      ["<p>public</p>"],
    );
    assert.deepEqual(remote.events(), [], "every sandbox status is local");
  });

  test("only_media=true: the :media streams get only statuses with media", async () => {
    const media = await sse("/api/v1/streaming/public?only_media=true");
    const notMedia = await sse("/api/v1/streaming/public?only_media=false");
    postStatus(sb, "alice", "text only");
    const withMedia = postStatus(sb, "alice", "a picture", { media_ids: ["1"] });
    await until(() => media.events().length === 1 && notMedia.events().length === 2, "the updates");
    assert.equal(JSON.parse(media.events()[0]!.data).id, withMedia.id);
  });

  test("hashtag: any case of the tag, a '#' is not part of it; local too", async () => {
    const tag = await sse("/api/v1/streaming/hashtag?tag=Cats");
    const tagLocal = await sse("/api/v1/streaming/hashtag/local?tag=cats");
    const other = await sse("/api/v1/streaming/hashtag?tag=dogs");
    const hashed = await sse("/api/v1/streaming/hashtag?tag=%23CATS");
    postStatus(sb, "alice", "about #cats");
    postStatus(sb, "alice", "quiet #cats", { visibility: "unlisted" });
    await until(
      () => tag.events().length === 1 && tagLocal.events().length === 1 && hashed.events().length === 1,
      "the tagged status",
    );
    await pause(50);
    assert.deepEqual(other.events(), []);
  });

  test("list: statuses of its members, for its owner", async () => {
    follow(sb, "bob", "alice");
    const bobId = sb.users.find((u) => u.username === "bob")!.id;
    const aliceId = sb.users.find((u) => u.username === "alice")!.id;
    sb.context.state.lists.insert({
      id: "42",
      account_id: bobId,
      title: "friends",
      replies_policy: "list",
      exclusive: false,
      account_ids: [aliceId],
    });
    const list = await sse("/api/v1/streaming/list?list=42");
    postStatus(sb, "carol", "not a member");
    const member = postStatus(sb, "alice", "a member");
    postStatus(sb, "alice", "@carol hi", { in_reply_to_id: postStatus(sb, "carol", "a thread").id });
    await until(() => list.events().length === 1, "the member's status");
    await pause(50);
    assert.deepEqual(
      list.events().map((e) => JSON.parse(e.data).id),
      [member.id],
      "a reply to a non-member is left out by the 'list' replies policy",
    );
  });

  test("direct: a conversation event for each participant", async () => {
    const alice = await sse("/api/v1/streaming/direct", "alice");
    const bob = await sse("/api/v1/streaming/direct", "bob");
    const carol = await sse("/api/v1/streaming/direct", "carol");
    const dm = postStatus(sb, "alice", "@bob secret", { visibility: "direct" });
    postStatus(sb, "alice", "not direct");
    await until(() => alice.events().length === 1 && bob.events().length === 1, "the conversations");
    const forBob = JSON.parse(bob.events()[0]!.data);
    assert.equal(bob.events()[0]!.event, "conversation");
    assert.deepEqual(Object.keys(forBob), ["id", "unread", "accounts", "last_status"]);
    assert.equal(forBob.unread, true);
    assert.deepEqual(
      forBob.accounts.map((a: { username: string }) => a.username),
      ["alice"],
    );
    assert.equal(forBob.last_status.id, dm.id);
    const forAlice = JSON.parse(alice.events()[0]!.data);
    assert.equal(forAlice.unread, false);
    assert.deepEqual(
      forAlice.accounts.map((a: { username: string }) => a.username),
      ["bob"],
    );
    await pause(50);
    assert.deepEqual(carol.events(), []);
  });

  test("delete: the id, bare, on the streams that had the status", async () => {
    follow(sb, "bob", "alice");
    const user = await sse("/api/v1/streaming/user", "bob");
    const pub = await sse("/api/v1/streaming/public", "carol");
    const status = postStatus(sb, "alice", "soon gone #tag");
    await until(() => user.events().length === 1 && pub.events().length === 1, "the updates");
    sb.context.state.statuses.delete(status.id);
    sb.context.events.emit({ type: "status.deleted", status });
    await until(() => user.events().length === 2 && pub.events().length === 2, "the deletes");
    assert.deepEqual(user.events()[1], { event: "delete", data: status.id });
    assert.deepEqual(pub.events()[1], { event: "delete", data: status.id });
  });

  test("status.update: the edited status", async () => {
    const pub = await sse("/api/v1/streaming/public");
    const status = postStatus(sb, "alice", "first");
    status.content = "<p>second</p>";
    status.edited_at = sb.context.nowIso();
    sb.context.events.emit({ type: "status.updated", status });
    await until(() => pub.events().length === 2, "the edit");
    assert.equal(pub.events()[1]!.event, "status.update");
    const payload = JSON.parse(pub.events()[1]!.data);
    assert.equal(payload.content, "<p>second</p>");
    assert.equal(payload.edited_at, status.edited_at);
  });

  test("blocks, mutes and hidden boosts keep statuses off the user and public streams", async () => {
    follow(sb, "bob", "alice");
    follow(sb, "bob", "carol", { show_reblogs: false });
    relate(sb, "mutes", "carol", "alice");
    const bobUser = await sse("/api/v1/streaming/user", "bob");
    const carolPublic = await sse("/api/v1/streaming/public", "carol");
    const aliceTag = await sse("/api/v1/streaming/hashtag?tag=x", "alice");
    const first = postStatus(sb, "alice", "#x from alice");
    postStatus(sb, "carol", "", { reblog_of_id: first.id });
    relate(sb, "blocks", "carol", "alice");
    const afterBlock = postStatus(sb, "carol", "#x from carol");
    await until(() => bobUser.events().length === 2 && carolPublic.events().length === 1, "the updates");
    await pause(50);
    assert.deepEqual(
      bobUser.events().map((e) => JSON.parse(e.data).id),
      [first.id, afterBlock.id],
      "bob hides carol's boosts",
    );
    assert.deepEqual(
      carolPublic.events().map((e) => JSON.parse(e.data).id),
      [afterBlock.id],
      "carol mutes alice",
    );
    assert.deepEqual(
      aliceTag.events().map((e) => JSON.parse(e.data).id),
      [first.id],
      "carol blocks alice: her tagged status does not reach alice",
    );
  });

  test("filters_changed: on the user stream, with 'undefined' data as Mastodon writes it", async () => {
    const user = await sse("/api/v1/streaming/user", "bob");
    const bobId = sb.users.find((u) => u.username === "bob")!.id;
    sb.context.events.emit({ type: "filters_changed", account_id: bobId });
    await until(() => user.events().length === 1, "filters_changed");
    assert.deepEqual(user.events()[0], { event: "filters_changed", data: "undefined" });
  });
});
