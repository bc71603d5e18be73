// Sandbox timelines over real sockets: who sees what on home, public, hashtag and list timelines,
// Mastodon's cursors (max_id, since_id, min_id, limit) and Link headers, and hostile parameters.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { startSandbox } from "../src/sandbox/index.js";
import { client, follow, idOf, ids, post, raw, sandbox } from "./sandbox-timelines-fixtures.js";

describe("sandbox home timeline", () => {
  test("own statuses and followed accounts' statuses, newest first, with Mastodon's Link header", async (t) => {
    const sb = await sandbox(t);
    follow(sb, "alice", "bob");
    const a1 = post(sb, "alice", "mine");
    const b1 = post(sb, "bob", "followed");
    post(sb, "carol", "not followed");
    const b2 = post(sb, "bob", "private to followers", { visibility: "private" });
    const home = await client(sb, "alice").timelineHome();
    assert.deepEqual(ids(home), [b2.id, b1.id, a1.id]);
    const r = await raw(sb, "alice", "GET", "/api/v1/timelines/home");
    assert.equal(r.status, 200);
    assert.equal(
      r.link,
      `<${sb.url}/api/v1/timelines/home?max_id=${a1.id}>; rel="next", <${sb.url}/api/v1/timelines/home?min_id=${b2.id}>; rel="prev"`,
    );
    // The status renders from alice's side: her own carries `pinned`, bob's does not.
    const [first, , last] = r.body as Record<string, unknown>[];
    assert.equal("pinned" in first!, false);
    assert.equal(last!.pinned, false);
  });

  test("an empty page has no Link header; no token is 401", async (t) => {
    const sb = await sandbox(t);
    const r = await raw(sb, "alice", "GET", "/api/v1/timelines/home");
    assert.deepEqual([r.status, r.body, r.link], [200, [], null]);
    const anon = await raw(sb, undefined, "GET", "/api/v1/timelines/home");
    assert.deepEqual([anon.status, anon.body], [401, { error: "The access token is invalid" }]);
  });

  test("replies show only when addressed to someone alice follows, herself, or the author", async (t) => {
    const sb = await sandbox(t);
    follow(sb, "alice", "bob");
    const carolPost = post(sb, "carol", "hello");
    const alicePost = post(sb, "alice", "question");
    const toCarol = post(sb, "bob", "@carol hi", { in_reply_to: carolPost, mentions: ["carol"] });
    const toAlice = post(sb, "bob", "@alice answer", { in_reply_to: alicePost, mentions: ["alice"] });
    const bobRoot = post(sb, "bob", "thread 1");
    const selfReply = post(sb, "bob", "thread 2", { in_reply_to: bobRoot });
    let home = ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body);
    assert.deepEqual(home, [selfReply.id, bobRoot.id, toAlice.id, alicePost.id]);
    follow(sb, "alice", "carol");
    home = ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body);
    assert.ok(home.includes(toCarol.id), "the reply to carol shows once alice follows carol");
  });

  test("boosts respect show_reblogs; boosts of alice's own statuses and of muted accounts are left out", async (t) => {
    const sb = await sandbox(t);
    const follows = follow(sb, "alice", "bob");
    const carolPost = post(sb, "carol", "boost me");
    const alicePost = post(sb, "alice", "me");
    const boost = post(sb, "bob", "", { reblog_of: carolPost });
    const boostOfMine = post(sb, "bob", "", { reblog_of: alicePost });
    let home = ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body);
    assert.deepEqual(home, [boost.id, alicePost.id]);
    assert.equal(home.includes(boostOfMine.id), false);
    follows.show_reblogs = false;
    sb.context.changed();
    home = ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body);
    assert.deepEqual(home, [alicePost.id]);
    follows.show_reblogs = true;
    sb.context.changed();
    sb.context.state.mutes.insert({
      id: sb.context.newId(),
      account_id: idOf(sb, "alice"),
      target_account_id: idOf(sb, "carol"),
      created_at: sb.context.nowIso(),
      notifications: true,
      expires_at: null,
    });
    sb.context.changed();
    home = ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body);
    assert.deepEqual(home, [alicePost.id], "a boost of a muted account is hidden");
  });

  test("muted and blocked followed accounts disappear from home; direct statuses only reach those mentioned", async (t) => {
    const sb = await sandbox(t);
    follow(sb, "alice", "bob");
    follow(sb, "alice", "carol");
    const b = post(sb, "bob", "bob");
    const c = post(sb, "carol", "carol");
    const dmOther = post(sb, "bob", "@carol secret", { visibility: "direct", mentions: ["carol"] });
    const dmAlice = post(sb, "bob", "@alice secret", { visibility: "direct", mentions: ["alice"] });
    let home = ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body);
    assert.deepEqual(home, [dmAlice.id, c.id, b.id]);
    assert.equal(home.includes(dmOther.id), false);
    const ctx = sb.context;
    ctx.state.blocks.insert({
      id: ctx.newId(),
      account_id: idOf(sb, "carol"),
      target_account_id: idOf(sb, "alice"),
      created_at: ctx.nowIso(),
    });
    ctx.changed();
    home = ids((await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body);
    assert.deepEqual(home, [dmAlice.id, b.id], "carol blocked alice");
  });

  test("max_id, since_id, min_id and limit mean what they mean on Mastodon (test_min_max_id)", async (t) => {
    const sb = await sandbox(t);
    const s = Array.from({ length: 6 }, (_, i) => post(sb, "alice", `toot ${i}`));
    const page = async (query: string) =>
      ids((await raw(sb, "alice", "GET", `/api/v1/timelines/home?${query}`)).body);
    const [s0, s1, s2, s3, s4, s5] = s.map((x) => x.id) as [string, string, string, string, string, string];
    assert.deepEqual(await page(`max_id=${s4}&limit=2`), [s3, s2]);
    assert.deepEqual(
      await page(`since_id=${s1}&limit=2`),
      [s5, s4],
      "since_id: the newest, down to the cursor",
    );
    assert.deepEqual(
      await page(`min_id=${s1}&limit=2`),
      [s3, s2],
      "min_id: just above the cursor, newest first",
    );
    assert.deepEqual(await page(`min_id=${s0}&max_id=${s3}`), [s2, s1]);
    // As recorded: max_id and min_id around one status find it, empty windows find nothing.
    const one = BigInt(s2);
    assert.deepEqual(await page(`max_id=${one + 1n}&min_id=${one - 1n}`), [s2]);
    assert.deepEqual(await page(`max_id=${s0}&min_id=${BigInt(s0) - 5n}`), []);
    const r = await raw(sb, "alice", "GET", `/api/v1/timelines/home?limit=2&max_id=${s4}&only_media=1`);
    assert.equal(
      r.link,
      `<${sb.url}/api/v1/timelines/home?limit=2&max_id=${s2}>; rel="next", <${sb.url}/api/v1/timelines/home?limit=2&min_id=${s3}>; rel="prev"`,
      "the Link keeps limit (and local), sorted as Rails writes it, and drops other parameters",
    );
  });

  test("fetchNext, fetchPrevious and paginationIterator walk the home timeline", async (t) => {
    const sb = await sandbox(t);
    const s = Array.from({ length: 5 }, (_, i) => post(sb, "alice", `toot ${i}`).id).reverse();
    const api = client(sb, "alice");
    const first = await api.timelineHome({ limit: 2 });
    assert.deepEqual(ids(first), s.slice(0, 2));
    const second = await api.fetchNext(first);
    assert.deepEqual(ids(second), s.slice(2, 4));
    const back = await api.fetchPrevious(second!);
    assert.deepEqual(ids(back), s.slice(0, 2));
    const seen: string[] = [];
    for await (const status of api.paginationIterator(first)) seen.push(status.id);
    assert.deepEqual(seen, s);
    const info = api.getPaginationInfo(first);
    assert.ok(info);
    assert.deepEqual(ids(await api.fetchNext(JSON.parse(JSON.stringify(info)))), s.slice(2, 4));
  });

  test("hostile cursors and limits never crash: Ruby's to_i reading", async (t) => {
    const sb = await sandbox(t);
    const s = Array.from({ length: 3 }, (_, i) => post(sb, "alice", `toot ${i}`).id).reverse();
    const get = (q: string) => raw(sb, "alice", "GET", `/api/v1/timelines/home?${q}`);
    assert.deepEqual(ids((await get("limit=-2")).body), s.slice(0, 2), "limit=-2 is 2 (abs)");
    assert.deepEqual((await get("limit=abc")).body, [], "limit=abc is 0: nothing");
    assert.deepEqual(ids((await get("limit=9999")).body), s, "capped at 40");
    assert.deepEqual((await get("max_id=garbage")).body, [], "max_id=garbage is 0: nothing older");
    assert.deepEqual(ids((await get("since_id=garbage")).body), s, "since_id=garbage is 0: everything");
    assert.deepEqual(ids((await get("min_id=-5")).body), s);
    assert.deepEqual(ids((await get(`max_id=${s[0]}abc`)).body), s.slice(1), "leading digits count");
    const weird = await get("max_id[]=1&limit[a]=2&since_id=%00");
    assert.equal(weird.status, 200);
    const long = await get(`max_id=${"9".repeat(5000)}`);
    assert.deepEqual(ids(long.body), s);
  });
});

describe("sandbox public and hashtag timelines", () => {
  test("public: public statuses only, no boosts, no replies to others; anonymous works; remote is empty", async (t) => {
    const sb = await sandbox(t);
    const pub = post(sb, "bob", "public");
    post(sb, "bob", "unlisted", { visibility: "unlisted" });
    post(sb, "bob", "private", { visibility: "private" });
    post(sb, "carol", "", { reblog_of: pub });
    post(sb, "carol", "@bob reply", { in_reply_to: pub, mentions: ["bob"] });
    const self = post(sb, "bob", "self reply", { in_reply_to: pub });
    const media = post(sb, "carol", "picture", { media: true });
    const anon = await raw(sb, undefined, "GET", "/api/v1/timelines/public");
    assert.equal(anon.status, 200);
    assert.deepEqual(ids(anon.body), [media.id, self.id, pub.id]);
    assert.equal("favourited" in (anon.body as object[])[0]!, false, "no viewer fields without a token");
    assert.match(anon.link ?? "", /timelines\/public\?max_id=/);
    assert.deepEqual(ids((await raw(sb, "alice", "GET", "/api/v1/timelines/public?only_media=true")).body), [
      media.id,
    ]);
    assert.deepEqual(ids((await raw(sb, "alice", "GET", "/api/v1/timelines/public?local=1")).body), [
      media.id,
      self.id,
      pub.id,
    ]);
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/timelines/public?remote=true")).body, []);
    const lib = await client(sb, "alice").timelinePublic({ only_media: true });
    assert.deepEqual(ids(lib), [media.id]);
    const bad = await fetch(`${sb.url}/api/v1/timelines/public`, {
      headers: { authorization: "Bearer nope" },
    });
    assert.equal(bad.status, 401);
  });

  test("hashtag: any[], all[], none[] and case-insensitive names", async (t) => {
    const sb = await sandbox(t);
    const cats = post(sb, "bob", "#cats", { tags: ["cats"] });
    const both = post(sb, "bob", "#cats #dogs", { tags: ["cats", "dogs"] });
    const dogs = post(sb, "carol", "#dogs", { tags: ["dogs"] });
    post(sb, "carol", "#cats private", { tags: ["cats"], visibility: "private" });
    const tag = async (q: string) =>
      ids((await raw(sb, undefined, "GET", `/api/v1/timelines/tag/${q}`)).body);
    assert.deepEqual(await tag("CATS"), [both.id, cats.id]);
    assert.deepEqual(await tag("cats?any[]=dogs"), [dogs.id, both.id, cats.id]);
    assert.deepEqual(await tag("cats?all[]=dogs"), [both.id]);
    assert.deepEqual(await tag("cats?none[]=dogs"), [cats.id]);
    assert.deepEqual(await tag("nothing"), []);
    const lib = await client(sb, "alice").timelineHashtag("dogs");
    assert.deepEqual(ids(lib), [dogs.id, both.id]);
    const many = Array.from({ length: 500 }, (_, i) => `any[]=t${i}`).join("&");
    assert.equal((await raw(sb, undefined, "GET", `/api/v1/timelines/tag/cats?${many}`)).status, 200);
  });

  test("the link timeline answers 404 as Mastodon does for a link that is not trending", async (t) => {
    const sb = await sandbox(t);
    const r = await raw(sb, "alice", "GET", "/api/v1/timelines/link?url=http://example.com/");
    assert.deepEqual([r.status, r.body], [404, { error: "Record not found" }]);
  });
});

describe("sandbox bookmarks, favourites and markers", () => {
  test("bookmarks and favourites page by the mark's id, newest mark first", async (t) => {
    const sb = await sandbox(t);
    const ctx = sb.context;
    const s1 = post(sb, "bob", "one");
    const s2 = post(sb, "bob", "two");
    const mark = (table: "bookmarks" | "favourites", statusId: string) =>
      ctx.state[table].insert({
        id: ctx.newId(),
        account_id: idOf(sb, "alice"),
        status_id: statusId,
        created_at: ctx.nowIso(),
      });
    const m1 = mark("bookmarks", s2.id);
    const m2 = mark("bookmarks", s1.id);
    mark("favourites", s1.id);
    const r = await raw(sb, "alice", "GET", "/api/v1/bookmarks?limit=1");
    assert.deepEqual(ids(r.body), [s1.id]);
    assert.equal(
      r.link,
      `<${sb.url}/api/v1/bookmarks?limit=1&max_id=${m2.id}>; rel="next", <${sb.url}/api/v1/bookmarks?limit=1&min_id=${m2.id}>; rel="prev"`,
    );
    const api = client(sb, "alice");
    const all = await api.bookmarks();
    assert.deepEqual(ids(all), [s1.id, s2.id]);
    assert.equal((all[0] as { bookmarked?: boolean }).bookmarked, true);
    assert.deepEqual(ids(await api.fetchNext(await api.bookmarks({ limit: 1 }))), [s2.id]);
    assert.deepEqual(ids(await api.favourites()), [s1.id]);
    assert.ok(m1);
    assert.deepEqual((await raw(sb, "bob", "GET", "/api/v1/favourites")).body, []);
  });

  test("markers are made on first use and their version goes up with each change", async (t) => {
    const sb = await sandbox(t);
    const r1 = await raw(sb, "alice", "POST", "/api/v1/markers", { home: { last_read_id: "123" } });
    assert.equal(r1.status, 200);
    const home = (r1.body as { home: { last_read_id: string; version: number; updated_at: string } }).home;
    assert.deepEqual([home.last_read_id, home.version], ["123", 1]);
    const r2 = await raw(sb, "alice", "POST", "/api/v1/markers", {
      home: { last_read_id: "456" },
      other: { last_read_id: "1" },
    });
    assert.deepEqual(Object.keys(r2.body as object), ["home"]);
    const got = await raw(
      sb,
      "alice",
      "GET",
      "/api/v1/markers?timeline[]=home&timeline[]=notifications&timeline[]=x",
    );
    assert.deepEqual(Object.keys(got.body as object), ["home"]);
    assert.equal((got.body as { home: { version: number } }).home.version, 2);
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/markers")).body, {});
    assert.deepEqual((await raw(sb, "bob", "GET", "/api/v1/markers?timeline[]=home")).body, {});
    const api = client(sb, "alice");
    const set = await api.markersSet(["home", "notifications"], ["789", "5"]);
    assert.deepEqual([set.home?.last_read_id, set.home?.version, set.notifications?.version], ["789", 3, 1]);
    const lib = await api.markersGet({ timeline: ["home", "notifications"] });
    assert.deepEqual([lib.home?.last_read_id, lib.notifications?.last_read_id], ["789", "5"]);
    const garbage = await raw(sb, "alice", "POST", "/api/v1/markers", {
      home: { last_read_id: "abc" },
      notifications: "x",
    });
    assert.deepEqual(
      (garbage.body as { home: { last_read_id: string } }).home.last_read_id,
      "0",
      "a bigint column reads abc as 0",
    );
  });
});

describe("sandbox timeline cache", () => {
  test("a page is served again until something changes or media finishes processing", async (t) => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const sb = await startSandbox({ port: 0, users: ["alice"], now: () => now });
    t.after(() => sb.close());
    const first = post(sb, "alice", "one", { media: true });
    sb.context.state.media.get(first.media_ids[0]!)!.ready_ms = now + 1000;
    const read = async () =>
      (await raw(sb, "alice", "GET", "/api/v1/timelines/home")).body as {
        media_attachments: { url: string | null }[];
      }[];
    assert.equal((await read())[0]!.media_attachments[0]!.url, null);
    now += 1000;
    assert.notEqual((await read())[0]!.media_attachments[0]!.url, null, "processing ended: rendered anew");
    post(sb, "alice", "two");
    assert.equal((await read()).length, 2, "a new status shows at once");
  });
});
