/**
 * Reading accounts in the sandbox: by id, by address, several at once, search, an account's statuses
 * with their filters and Mastodon's Link headers, followers and following pages.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { MastodonNotFoundError } from "../src/core/errors.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { addStatus, raw, userId } from "./sandbox-accounts-support.js";

const USERS = ["alice", "bob", "carol", "dave", "erin"];

describe("sandbox accounts: reading", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ port: 0, users: USERS });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it("an account by id, with or without a token; unknown ids and bad tokens as Mastodon answers them", async () => {
    const bobId = userId(sb, "bob");
    const seen = await sb.client("alice").account(bobId);
    assert.equal(seen.username, "bob");
    assert.equal(seen.followers_count, 0);
    const anonymous = await raw(sb, "GET", `/api/v1/accounts/${bobId}`);
    assert.equal(anonymous.status, 200);
    assert.deepEqual(Object.keys(anonymous.body as object), [
      "id",
      "username",
      "acct",
      "display_name",
      "locked",
      "bot",
      "discoverable",
      "indexable",
      "group",
      "created_at",
      "note",
      "url",
      "uri",
      "avatar",
      "avatar_static",
      "avatar_description",
      "header",
      "header_static",
      "header_description",
      "followers_count",
      "following_count",
      "statuses_count",
      "last_status_at",
      "hide_collections",
      "show_media",
      "show_media_replies",
      "show_featured",
      "noindex",
      "feature_approval",
      "emojis",
      "roles",
      "fields",
    ]);
    for (const id of ["999999", "abc", "%00", "1".repeat(500)]) {
      const r = await raw(sb, "GET", `/api/v1/accounts/${id}`, { user: "alice" });
      assert.deepEqual([r.status, r.body], [404, { error: "Record not found" }], id);
    }
    await assert.rejects(sb.client("alice").account("999999"), MastodonNotFoundError);
    const badToken = await raw(sb, "GET", `/api/v1/accounts/${bobId}`, { token: "nope" });
    assert.deepEqual([badToken.status, badToken.body], [401, { error: "The access token is invalid" }]);
  });

  it("lookup finds local accounts by user, @user or user@this-domain, and nothing else", async () => {
    const alice = sb.client("alice");
    const domain = new URL(sb.url).host;
    for (const acct of ["bob", "@bob", "BOB", `bob@${domain}`]) {
      assert.equal((await alice.accountLookup(acct)).id, userId(sb, "bob"), acct);
    }
    for (const acct of ["nobody", "bob@elsewhere.example", "bob@a@b", "", "@"]) {
      const r = await raw(sb, "GET", `/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      assert.deepEqual([r.status, r.body], [404, { error: "Record not found" }], acct);
    }
    assert.equal((await raw(sb, "GET", "/api/v1/accounts/lookup")).status, 404);
  });

  it("several accounts by id: unknown ones left out, more than 40 refused", async () => {
    const ids = [userId(sb, "bob"), "123", userId(sb, "carol"), userId(sb, "bob")];
    const found = await sb.client("alice").accounts(ids);
    assert.deepEqual(
      found.map((a) => a.username),
      ["bob", "carol"],
    );
    const query = Array.from({ length: 41 }, (_, i) => `id[]=${i + 1}`).join("&");
    const tooMany = await raw(sb, "GET", `/api/v1/accounts?${query}`, { user: "alice" });
    assert.deepEqual([tooMany.status, tooMany.body], [422, { error: "Mastodon::ValidationError" }]);
  });

  it("search: prefix of username or display name, exact match first, following, limit and offset", async () => {
    await sb.client("dave").accountUpdateCredentials({ display_name: "Bobby Tables" });
    const alice = sb.client("alice");
    assert.deepEqual(
      (await alice.accountSearch("bob")).map((a) => a.username),
      ["bob", "dave"],
    );
    assert.deepEqual(
      (await alice.accountSearch("@bob")).map((a) => a.username),
      ["bob", "dave"],
    );
    assert.deepEqual(
      (await alice.accountSearch("tab")).map((a) => a.username),
      ["dave"],
    );
    assert.deepEqual(
      (await alice.accountSearch("bob", { limit: 1 })).map((a) => a.username),
      ["bob"],
    );
    assert.deepEqual(
      (await alice.accountSearch("bob", { offset: 1 })).map((a) => a.username),
      ["dave"],
    );
    assert.deepEqual(await alice.accountSearch("bob", { following: true }), []);
    await alice.accountFollow(userId(sb, "dave"));
    assert.deepEqual(
      (await alice.accountSearch("bob", { following: true })).map((a) => a.username),
      ["dave"],
    );
    assert.deepEqual(await alice.accountSearch("zzz"), []);
    assert.deepEqual(await alice.accountSearch("bob@elsewhere.example"), []);
    const blank = await raw(sb, "GET", "/api/v1/accounts/search?q=", { user: "alice" });
    assert.deepEqual([blank.status, blank.body], [200, []]);
    const anonymous = await raw(sb, "GET", "/api/v1/accounts/search?q=bob");
    assert.equal(anonymous.status, 401);
  });

  it("an account's statuses: newest first, Link next only when the page is full, prev with min_id", async () => {
    const s = [1, 2, 3].map(() => addStatus(sb, "bob"));
    const path = `/api/v1/accounts/${userId(sb, "bob")}/statuses`;
    const first = await raw(sb, "GET", `${path}?limit=2`, { user: "alice" });
    assert.deepEqual(
      (first.body as { id: string }[]).map((x) => x.id),
      [s[2]?.id, s[1]?.id],
    );
    assert.equal(
      first.headers.get("link"),
      `<${sb.url}${path}?limit=2&max_id=${s[1]?.id}>; rel="next", <${sb.url}${path}?limit=2&min_id=${s[2]?.id}>; rel="prev"`,
    );
    const second = await raw(sb, "GET", `${path}?limit=2&max_id=${s[1]?.id}`, { user: "alice" });
    assert.deepEqual(
      (second.body as { id: string }[]).map((x) => x.id),
      [s[0]?.id],
    );
    assert.equal(second.headers.get("link"), `<${sb.url}${path}?limit=2&min_id=${s[0]?.id}>; rel="prev"`);
    const empty = await raw(sb, "GET", `${path}?since_id=${s[2]?.id}`, { user: "alice" });
    assert.deepEqual([empty.body, empty.headers.get("link")], [[], null]);
    // The library follows the same links.
    const page = await sb.client("alice").accountStatuses(userId(sb, "bob"), { limit: 2 });
    assert.equal(page.length, 2);
    assert.equal(await raw(sb, "GET", "/api/v1/accounts/404404/statuses").then((r) => r.status), 404);
  });

  it("an account's statuses: only_media, exclude_replies, exclude_reblogs, pinned, tagged", async () => {
    const bob = userId(sb, "bob");
    const plain = addStatus(sb, "bob");
    const other = addStatus(sb, "carol");
    const reply = addStatus(sb, "bob", {
      in_reply_to_id: other.id,
      in_reply_to_account_id: other.account_id,
    });
    const selfReply = addStatus(sb, "bob", { in_reply_to_id: plain.id, in_reply_to_account_id: bob });
    const reblog = addStatus(sb, "bob", { reblog_of_id: other.id, text: "", content: "" });
    const tagged = addStatus(sb, "bob", { tags: ["bots"] });
    const media = sb.context.state.media;
    media.insert({
      id: sb.context.newId(),
      account_id: bob,
      type: "image",
      content_type: "image/png",
      filename: "a.png",
      data: "",
      description: null,
      focus: null,
      width: 1,
      height: 1,
      blurhash: null,
      ready_ms: 0,
      status_id: null,
      created_at: sb.context.nowIso(),
    });
    const withMedia = addStatus(sb, "bob", { media_ids: [media.all().at(-1)?.id ?? ""] });
    sb.context.state.pins.insert({
      id: sb.context.newId(),
      account_id: bob,
      status_id: tagged.id,
      created_at: sb.context.nowIso(),
    });
    const ids = async (query: string) =>
      (
        (await raw(sb, "GET", `/api/v1/accounts/${bob}/statuses?${query}`, { user: "alice" })).body as {
          id: string;
        }[]
      ).map((x) => x.id);
    assert.deepEqual(
      await ids(""),
      [withMedia, tagged, reblog, selfReply, reply, plain].map((x) => x.id),
    );
    assert.deepEqual(await ids("only_media=true"), [withMedia.id]);
    assert.deepEqual(
      await ids("exclude_replies=true"),
      [withMedia, tagged, reblog, selfReply, plain].map((x) => x.id),
    );
    assert.deepEqual(
      await ids("exclude_reblogs=1"),
      [withMedia, tagged, selfReply, reply, plain].map((x) => x.id),
    );
    assert.deepEqual(await ids("pinned=true"), [tagged.id]);
    assert.deepEqual(await ids("tagged=BOTS"), [tagged.id]);
    const lib = await sb.client("alice").accountStatuses(bob, { exclude_reblogs: true, only_media: true });
    assert.deepEqual(
      lib.map((x) => x.id),
      [withMedia.id],
    );
  });

  it("an account's statuses show private ones only to followers and direct ones only to those mentioned", async () => {
    const bob = userId(sb, "bob");
    const pub = addStatus(sb, "bob");
    const priv = addStatus(sb, "bob", { visibility: "private" });
    const direct = addStatus(sb, "bob", { visibility: "direct", mention_ids: [userId(sb, "carol")] });
    const ids = async (user?: string) =>
      ((await raw(sb, "GET", `/api/v1/accounts/${bob}/statuses`, { user })).body as { id: string }[]).map(
        (x) => x.id,
      );
    assert.deepEqual(await ids(), [pub.id]);
    assert.deepEqual(await ids("alice"), [pub.id]);
    assert.deepEqual(await ids("carol"), [direct.id, pub.id]);
    assert.deepEqual(await ids("bob"), [direct.id, priv.id, pub.id]);
    await sb.client("alice").accountFollow(bob);
    assert.deepEqual(await ids("alice"), [priv.id, pub.id]);
    // A block hides everything.
    await sb.client("bob").accountBlock(userId(sb, "alice"));
    assert.deepEqual(await ids("alice"), []);
  });

  it("followers and following page by the follow's id, with Mastodon's Link header", async () => {
    const alice = userId(sb, "alice");
    for (const user of ["bob", "carol", "dave"]) await sb.client(user).accountFollow(alice);
    const follows = sb.context.state.follows.lookup("target", alice);
    const path = `/api/v1/accounts/${alice}/followers`;
    const first = await raw(sb, "GET", `${path}?limit=2`);
    assert.deepEqual(
      (first.body as { username: string }[]).map((a) => a.username),
      ["dave", "carol"],
    );
    assert.equal(
      first.headers.get("link"),
      `<${sb.url}${path}?limit=2&max_id=${follows[1]?.id}>; rel="next", <${sb.url}${path}?limit=2&since_id=${follows[2]?.id}>; rel="prev"`,
    );
    const rest = await raw(sb, "GET", `${path}?limit=2&max_id=${follows[1]?.id}&only_media=1`);
    assert.deepEqual(
      (rest.body as { username: string }[]).map((a) => a.username),
      ["bob"],
    );
    // Parameters the controller does not permit are not carried over.
    assert.equal(
      rest.headers.get("link"),
      `<${sb.url}${path}?limit=2&since_id=${follows[0]?.id}>; rel="prev"`,
    );
    const all = await sb.client("bob").accountFollowers(alice);
    assert.deepEqual(
      all.map((a) => a.username),
      ["dave", "carol", "bob"],
    );
    const following = await sb.client("alice").accountFollowing(userId(sb, "carol"));
    assert.deepEqual(
      following.map((a) => a.username),
      ["alice"],
    );
    const me = await sb.client("alice").accountVerifyCredentials();
    assert.equal(me.followers_count, 3);
  });

  it("hidden collections are empty to others but not to their owner", async () => {
    const alice = userId(sb, "alice");
    await sb.client("bob").accountFollow(alice);
    await sb.client("alice").accountUpdateCredentials({ hide_collections: true });
    assert.deepEqual(await sb.client("bob").accountFollowers(alice), []);
    assert.equal((await sb.client("alice").accountFollowers(alice)).length, 1);
  });
});
