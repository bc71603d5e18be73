// Sandbox conversations, search, hashtags, quotes and e-mail confirmation over real sockets (the
// library and raw fetch), with hostile inputs: unknown and foreign ids, bad names, odd parameters.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderConversation } from "../src/sandbox/stream-render.js";
import { client, follow, ids, post, raw, sandbox } from "./sandbox-timelines-fixtures.js";

describe("sandbox conversations", () => {
  test("one per thread and participants, unread for the recipient, read, deleted; ids agree with the stream", async (t) => {
    const sb = await sandbox(t);
    const [alice, bob] = [client(sb, "alice"), client(sb, "bob")];
    const first = await alice.statusPost("@bob secret", { visibility: "direct" });
    const reply = await bob.statusPost("@alice ok", { visibility: "direct", in_reply_to_id: first.id });
    await alice.statusPost("@bob @carol group chat", { visibility: "direct" });
    await alice.statusPost("public, no conversation", { visibility: "public" });

    const bobs = await bob.conversations();
    assert.equal(bobs.length, 2);
    const thread = bobs.find((c) => c.last_status?.id === reply.id)!;
    assert.equal(thread.unread, false, "bob wrote the last message");
    assert.deepEqual(
      thread.accounts.map((a) => a.username),
      ["alice"],
    );
    const group = bobs.find((c) => c.last_status?.id !== reply.id)!;
    assert.equal(group.unread, true);
    assert.deepEqual(group.accounts.map((a) => a.username).sort(), ["alice", "carol"]);
    const status = sb.context.state.statuses.get(reply.id)!;
    const bobId = sb.users.find((u) => u.username === "bob")!.id;
    assert.equal(
      renderConversation(sb.context, status, bobId).id,
      thread.id,
      "the stream's id is the REST id",
    );

    const aliceThread = (await alice.conversations()).find((c) => c.last_status?.id === reply.id)!;
    assert.equal(aliceThread.unread, true);
    assert.notEqual(aliceThread.id, thread.id, "each participant has a record of their own");
    const read = await alice.conversationsRead(aliceThread.id);
    assert.equal(read.unread, false);
    assert.deepEqual(await alice.conversationsDelete(aliceThread.id), {});
    assert.equal((await alice.conversations()).length, 1);
    assert.equal((await bob.conversations()).length, 2, "deleting is for oneself only");

    // A new message in the deleted thread starts it again, with a new id.
    await bob.statusPost("@alice still there?", { visibility: "direct", in_reply_to_id: reply.id });
    const again = (await alice.conversations()).find((c) => c.unread)!;
    assert.notEqual(again.id, aliceThread.id);
  });

  test("paged by last status id, 20 by default, Link next only after a full page", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    for (let i = 0; i < 3; i++) {
      await alice.statusPost(`@bob thread ${i}`, { visibility: "direct" });
      await alice.statusPost(`@carol thread ${i}`, { visibility: "direct" });
    }
    const page = await raw(sb, "alice", "GET", "/api/v1/conversations?limit=4");
    const rows = page.body as { last_status: { id: string } }[];
    assert.equal(rows.length, 4);
    const lastIds = rows.map((r) => r.last_status.id);
    assert.deepEqual(lastIds, [...lastIds].sort().reverse());
    assert.equal(
      page.link,
      `<${sb.url}/api/v1/conversations?limit=4&max_id=${lastIds[3]}>; rel="next", <${sb.url}/api/v1/conversations?limit=4&min_id=${lastIds[0]}>; rel="prev"`,
    );
    const rest = await raw(sb, "alice", "GET", `/api/v1/conversations?limit=4&max_id=${lastIds[3]}`);
    assert.equal((rest.body as unknown[]).length, 2);
    assert.doesNotMatch(rest.link ?? "", /rel="next"/);
    const nothing = await raw(sb, "alice", "GET", "/api/v1/conversations?max_id=abc");
    assert.deepEqual([nothing.status, nothing.body, nothing.link], [200, [], null]);
  });

  test("deleting the last status removes the conversation; unknown and foreign ids are 404", async (t) => {
    const sb = await sandbox(t);
    const [alice, bob] = [client(sb, "alice"), client(sb, "bob")];
    const only = await alice.statusPost("@bob gone soon", { visibility: "direct" });
    const [bobs] = await bob.conversations();
    await alice.statusDelete(only.id);
    assert.deepEqual(await bob.conversations(), []);
    await alice.statusPost("@bob again", { visibility: "direct" });
    const [fresh] = await bob.conversations();
    for (const id of [bobs!.id, "0", "abc", "9".repeat(3000)]) {
      const read = await raw(sb, "bob", "POST", `/api/v1/conversations/${id}/read`);
      assert.deepEqual([read.status, read.body], [404, { error: "Record not found" }], id.slice(0, 10));
      const removed = await raw(sb, "bob", "DELETE", `/api/v1/conversations/${id}`);
      assert.equal(removed.status, 404);
    }
    const foreign = await raw(sb, "carol", "POST", `/api/v1/conversations/${fresh!.id}/read`);
    assert.equal(foreign.status, 404, "another account's conversation");
    assert.equal((await bob.conversations()).length, 1);
    assert.equal((await raw(sb, undefined, "GET", "/api/v1/conversations")).status, 401);
  });

  test("a direct post mentioning nobody is a conversation with oneself", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    await alice.statusPost("note to self", { visibility: "direct" });
    const [c] = await alice.conversations();
    assert.deepEqual(
      c!.accounts.map((a) => a.username),
      ["alice"],
    );
  });
});

describe("sandbox search v2", () => {
  test("accounts, statuses the caller can see holding every word, hashtags; type, limit, offset", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    post(sb, "bob", "Cats are great #CatsOfMastodon", { tags: ["catsofmastodon"] });
    post(sb, "bob", "great dogs", { tags: ["cats"] });
    post(sb, "carol", "secret cats are great", { visibility: "private" });
    post(sb, "bob", "private cats great to followers", { visibility: "private" });
    const all = await alice.search("cats great");
    assert.deepEqual(
      all.statuses.map((s) => s.content),
      ["<p>Cats are great #CatsOfMastodon</p>"],
    );
    assert.deepEqual(all.accounts, []);
    assert.deepEqual((all as { collections?: unknown[] }).collections, []);
    follow(sb, "alice", "bob");
    assert.equal((await alice.search("cats great", { type: "statuses" })).statuses.length, 2);

    const tags = await alice.search("#cats", { type: "hashtags" });
    assert.deepEqual(
      tags.hashtags.map((h) => (typeof h === "string" ? h : h.name)),
      ["cats", "catsofmastodon"],
    );
    const people = await alice.search("bo", { type: "accounts" });
    assert.deepEqual(
      people.accounts.map((a) => a.username),
      ["bob"],
    );
    const following = await raw(sb, "alice", "GET", "/api/v2/search?q=c&type=accounts&following=true");
    assert.deepEqual((following.body as { accounts: unknown[] }).accounts, []);
    const limited = await raw(sb, "alice", "GET", "/api/v2/search?q=great&type=statuses&limit=1&offset=1");
    assert.equal((limited.body as { statuses: unknown[] }).statuses.length, 1);
    const bobId = sb.users.find((u) => u.username === "bob")!.id;
    // Bob's three statuses saying "great" (his private one: alice follows him now); not carol's.
    const byBob = await raw(sb, "alice", "GET", `/api/v2/search?q=great&account_id=${bobId}&type=statuses`);
    assert.equal((byBob.body as { statuses: unknown[] }).statuses.length, 3);
    const unknownType = await raw(sb, "alice", "GET", "/api/v2/search?q=bob&type=everything");
    assert.deepEqual(unknownType.body, { accounts: [], statuses: [], hashtags: [], collections: [] });
  });

  test("q is required; without a token offset and resolve are refused, statuses are not searched", async (t) => {
    const sb = await sandbox(t);
    post(sb, "bob", "findable words");
    for (const path of [
      "/api/v2/search",
      "/api/v2/search?q=",
      "/api/v2/search?q=%20%20",
      "/api/v2/search?q[]=x",
    ]) {
      const res = await raw(sb, "alice", "GET", path);
      assert.deepEqual(
        [res.status, res.body],
        [400, { error: "param is missing or the value is empty: q" }],
        path,
      );
    }
    const anonymous = await raw(sb, undefined, "GET", "/api/v2/search?q=findable");
    assert.deepEqual(anonymous.body, { accounts: [], statuses: [], hashtags: [], collections: [] });
    const paged = await raw(sb, undefined, "GET", "/api/v2/search?q=bob&offset=1");
    assert.deepEqual(
      [paged.status, paged.body],
      [401, { error: "Search queries pagination is not supported without authentication" }],
    );
    const resolving = await raw(sb, undefined, "GET", "/api/v2/search?q=bob&resolve=true");
    assert.equal(resolving.status, 401);
    const huge = await raw(sb, "alice", "GET", `/api/v2/search?q=${"a%20".repeat(2000)}&limit=-5&offset=abc`);
    assert.equal(huge.status, 200);
    assert.equal(
      (await raw(sb, "alice", "GET", "/api/v1/search?q=bob")).status,
      404,
      "removed in Mastodon 3.0",
    );
  });
});

describe("sandbox hashtags", () => {
  test("tag, follow, unfollow and followed_tags as recorded (test_followed_hashtags)", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    const unknown = await alice.tagUnfollow("heeho");
    assert.equal(unknown.id, "");
    assert.equal(unknown.following, false);
    assert.equal(unknown.history?.length, 7);
    assert.deepEqual(await alice.followedTags(), []);
    const followed = await alice.tagFollow("HeeHo");
    assert.equal(followed.name, "heeho");
    assert.equal(followed.following, true);
    assert.match(followed.id ?? "", /^\d+$/);
    assert.deepEqual(await alice.tagFollow("heeho"), followed, "following twice changes nothing");
    const list = await raw(sb, "alice", "GET", "/api/v1/followed_tags");
    assert.deepEqual(ids(list.body), [followed.id]);
    assert.match(list.link ?? "", /since_id=\d+>; rel="prev"$/);
    assert.equal((await alice.tagUnfollow("heeho")).following, false);
    const shown = await raw(sb, undefined, "GET", "/api/v1/tags/heeho");
    assert.equal(shown.status, 200);
    assert.equal((shown.body as { following?: boolean }).following, undefined, "no viewer, no following");
  });

  test("history counts public and unlisted uses per UTC day; names that are no hashtag are 404", async (t) => {
    const sb = await sandbox(t);
    post(sb, "bob", "#fun", { tags: ["fun"] });
    post(sb, "carol", "#fun", { tags: ["fun"], visibility: "unlisted" });
    post(sb, "carol", "#fun too", { tags: ["fun"] });
    post(sb, "bob", "#fun hidden", { tags: ["fun"], visibility: "private" });
    const tag = await client(sb, "alice").tag("fun");
    const today = Math.floor(sb.context.now() / 86_400_000) * 86_400;
    assert.deepEqual(tag.history?.[0], { day: String(today), accounts: "2", uses: "3" });
    assert.deepEqual(tag.history?.[1], { day: String(today - 86_400), accounts: "0", uses: "0" });
    for (const name of ["123", "a-b", "%20", "a%00b", "_%C2%B7"]) {
      for (const [method, path] of [
        ["GET", `/api/v1/tags/${name}`],
        ["POST", `/api/v1/tags/${name}/follow`],
      ] as const) {
        const res = await raw(sb, "alice", method, path);
        assert.deepEqual([res.status, res.body], [404, { error: "Record not found" }], `${method} ${name}`);
      }
    }
    assert.deepEqual(await client(sb, "alice").followedTags(), []);
  });

  test("public statuses with a followed hashtag reach the home timeline", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    const tagged = post(sb, "bob", "#news today", { tags: ["news"] });
    post(sb, "bob", "#news for followers", { tags: ["news"], visibility: "private" });
    post(sb, "bob", "untagged");
    assert.deepEqual(ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body), []);
    await alice.tagFollow("news");
    assert.deepEqual(ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body), [tagged.id]);
    const own = await alice.statusPost("mine");
    assert.deepEqual(ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body), [
      own.id,
      tagged.id,
    ]);
    await alice.accountBlock(sb.users.find((u) => u.username === "bob")!.id);
    assert.deepEqual(ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body), [own.id]);
  });
});

describe("sandbox quotes and e-mail confirmation", () => {
  test("quotes are an empty list for a visible status, 404 otherwise", async (t) => {
    const sb = await sandbox(t);
    const open = post(sb, "bob", "quotable");
    const hidden = post(sb, "bob", "secret", { visibility: "private" });
    assert.deepEqual(await client(sb, "alice").statusQuotes(open.id), []);
    assert.deepEqual((await raw(sb, undefined, "GET", `/api/v1/statuses/${open.id}/quotes`)).body, []);
    for (const id of [hidden.id, "0", "abc", "9".repeat(500)]) {
      const res = await raw(sb, "alice", "GET", `/api/v1/statuses/${id}/quotes`);
      assert.deepEqual([res.status, res.body], [404, { error: "Record not found" }], id.slice(0, 10));
    }
  });

  test("resending the confirmation mail answers {} for a user, 403 for an app token", async (t) => {
    const sb = await sandbox(t);
    assert.deepEqual(await client(sb, "alice").emailResendConfirmation(), {});
    const withEmail = await raw(sb, "alice", "POST", "/api/v1/emails/confirmations", { email: ["x"] });
    assert.deepEqual([withEmail.status, withEmail.body], [200, {}]);
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/emails/check_confirmation")).body, true);
    const ctx = sb.context;
    ctx.state.tokens.insert({
      id: ctx.newId(),
      token: "app-only",
      client_id: "c",
      account_id: null,
      scopes: ["read", "write"],
      refresh_token: null,
      created_at: ctx.nowIso(),
    });
    const res = await fetch(`${sb.url}/api/v1/emails/confirmations`, {
      method: "POST",
      headers: { authorization: "Bearer app-only" },
    });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), {
      error: "This method is only available to the application the user originally signed-up with",
    });
    assert.equal((await raw(sb, undefined, "POST", "/api/v1/emails/confirmations")).status, 401);
  });
});
