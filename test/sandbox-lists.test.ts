// Sandbox lists over real sockets: CRUD with Mastodon's validation texts, members (followed only),
// the list timeline with its replies policies, and exclusive lists kept out of home.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { client, follow, idOf, ids, post, raw, sandbox } from "./sandbox-timelines-fixtures.js";

describe("sandbox lists", () => {
  test("create, update, read and delete as recorded (test_list_update)", async (t) => {
    const sb = await sandbox(t);
    const api = client(sb, "alice");
    const list = await api.listCreate("ham burglars", { replies_policy: "list", exclusive: false });
    assert.deepEqual(list, { id: "1", title: "ham burglars", replies_policy: "list", exclusive: false });
    const updated = await api.listUpdate(list.id, "fry kids");
    assert.equal(updated.title, "fry kids");
    assert.deepEqual(await api.lists(), [updated]);
    assert.deepEqual(await api.list(list.id), updated);
    assert.deepEqual(await api.listDelete(list.id), {});
    assert.equal((await raw(sb, "alice", "GET", `/api/v1/lists/${list.id}`)).status, 404);
    const next = await raw(sb, "alice", "POST", "/api/v1/lists", { title: "again" });
    assert.equal((next.body as { id: string }).id, "2", "ids come from a sequence and are not reused");
  });

  test("bad lists get Mastodon's 422 texts; another user's list is 404", async (t) => {
    const sb = await sandbox(t);
    const create = (body: unknown) => raw(sb, "alice", "POST", "/api/v1/lists", body);
    assert.deepEqual((await create({})).body, { error: "Validation failed: Title can't be blank" });
    assert.deepEqual((await create({ title: "   " })).status, 422);
    assert.deepEqual((await create({ title: "x".repeat(257) })).body, {
      error: "Validation failed: Title is too long (maximum is 256 characters)",
    });
    assert.deepEqual((await create({ title: "ok", replies_policy: "everyone" })).body, {
      error: "Validation failed: Replies policy is not included in the list",
    });
    assert.deepEqual((await create({ title: ["a"] })).status, 422);
    const mine = (await create({ title: "mine", exclusive: "true" })).body as {
      id: string;
      exclusive: boolean;
    };
    assert.equal(mine.exclusive, true);
    assert.equal((await raw(sb, "bob", "GET", `/api/v1/lists/${mine.id}`)).status, 404);
    assert.equal((await raw(sb, "bob", "PUT", `/api/v1/lists/${mine.id}`, { title: "x" })).status, 404);
    assert.equal((await raw(sb, "alice", "GET", "/api/v1/lists/abc")).status, 404);
    const bad = await raw(sb, "alice", "PUT", `/api/v1/lists/${mine.id}`, { title: "" });
    assert.deepEqual([bad.status, bad.body], [422, { error: "Validation failed: Title can't be blank" }]);
    for (let i = 1; i < 50; i++) await create({ title: `l${i}` });
    assert.deepEqual((await create({ title: "one too many" })).body, {
      error: "Validation failed: You have reached the maximum number of lists",
    });
  });

  test("members: only followed accounts (404 unknown, 422 not followed, 422 twice), Link with since_id", async (t) => {
    const sb = await sandbox(t);
    const api = client(sb, "alice");
    const list = await api.listCreate("friends");
    const bob = idOf(sb, "bob");
    const path = `/api/v1/lists/${list.id}/accounts`;
    const notFollowed = await raw(sb, "alice", "POST", path, { account_ids: [bob] });
    assert.deepEqual(
      [notFollowed.status, notFollowed.body],
      [422, { error: "Validation failed: Account must be a followed account" }],
    );
    assert.deepEqual((await raw(sb, "alice", "POST", path, { account_ids: ["999"] })).body, {
      error: "Record not found",
    });
    follow(sb, "alice", "bob");
    assert.deepEqual(await api.listAccountsAdd(list.id, [bob]), {});
    const twice = await raw(sb, "alice", "POST", path, { account_ids: [bob] });
    assert.deepEqual(twice.body, { error: "Validation failed: Account is already on the list" });
    assert.equal(
      (await raw(sb, "alice", "POST", path, { account_ids: [idOf(sb, "alice")] })).status,
      200,
      "yourself is allowed",
    );
    const members = await raw(sb, "alice", "GET", path);
    assert.deepEqual(ids(members.body).sort(), [bob, idOf(sb, "alice")].sort());
    const newest = ids(members.body)[0];
    assert.equal(members.link, `<${sb.url}${path}?since_id=${newest}>; rel="prev"`);
    const one = await raw(sb, "alice", "GET", `${path}?limit=1`);
    assert.match(one.link ?? "", /rel="next"/);
    assert.equal((await raw(sb, "alice", "GET", `${path}?limit=0`)).link, null);
    assert.deepEqual((await raw(sb, "alice", "GET", `/api/v1/accounts/${bob}/lists`)).body, [
      { id: list.id, title: "friends", replies_policy: "list", exclusive: false },
    ]);
    // Unfollowing takes bob off the list, as Mastodon deletes the membership with the follow.
    sb.context.state.follows.deleteWhere((f) => f.target_account_id === bob);
    sb.context.changed();
    assert.deepEqual(ids((await raw(sb, "alice", "GET", path)).body), [idOf(sb, "alice")]);
    follow(sb, "alice", "bob");
    assert.deepEqual(
      ids((await raw(sb, "alice", "GET", path)).body),
      [idOf(sb, "alice")],
      "following again does not re-add",
    );
    assert.deepEqual(await api.listAccountsDelete(list.id, [idOf(sb, "alice")]), {});
    assert.deepEqual((await raw(sb, "alice", "GET", path)).body, []);
  });

  test("the list timeline: members' statuses by replies policy, with Link headers (test_list_timeline)", async (t) => {
    const sb = await sandbox(t);
    follow(sb, "alice", "bob");
    follow(sb, "alice", "carol");
    const api = client(sb, "alice");
    const list = await api.listCreate("bob only", { replies_policy: "list" });
    await api.listAccountsAdd(list.id, [idOf(sb, "bob")]);
    const carolPost = post(sb, "carol", "carol");
    const bobPost = post(sb, "bob", "bob", { visibility: "public" });
    const toCarol = post(sb, "bob", "@carol hi", { in_reply_to: carolPost, mentions: ["carol"] });
    const selfReply = post(sb, "bob", "more", { in_reply_to: bobPost });
    const tl = await raw(sb, "alice", "GET", `/api/v1/timelines/list/${list.id}`);
    assert.deepEqual(
      ids(tl.body),
      [selfReply.id, bobPost.id],
      "a reply to a non-member is left out under 'list'",
    );
    assert.equal(
      tl.link,
      `<${sb.url}/api/v1/timelines/list/${list.id}?max_id=${bobPost.id}>; rel="next", <${sb.url}/api/v1/timelines/list/${list.id}?min_id=${selfReply.id}>; rel="prev"`,
    );
    await api.listUpdate(list.id, "bob only", { replies_policy: "followed" });
    assert.deepEqual(ids(await api.timelineList(list.id)), [selfReply.id, toCarol.id, bobPost.id]);
    await api.listUpdate(list.id, "bob only", { replies_policy: "none" });
    assert.deepEqual(ids(await api.timelineList(list.id)), [selfReply.id, bobPost.id]);
    assert.equal((await raw(sb, "bob", "GET", `/api/v1/timelines/list/${list.id}`)).status, 404);
  });

  test("an exclusive list keeps its members out of home", async (t) => {
    const sb = await sandbox(t);
    follow(sb, "alice", "bob");
    const api = client(sb, "alice");
    const b = post(sb, "bob", "bob");
    assert.deepEqual(ids(await api.timelineHome()), [b.id]);
    const list = await api.listCreate("quiet", { exclusive: true });
    await api.listAccountsAdd(list.id, [idOf(sb, "bob")]);
    assert.deepEqual(await api.timelineHome(), []);
    assert.deepEqual(ids(await api.timelineList(list.id)), [b.id]);
  });
});

describe("sandbox lists and relationships", () => {
  test("unfollowing or blocking a member takes them off the lists in the stored state, not only on reads", async (t) => {
    const sb = await sandbox(t, ["alice", "bob", "carol"]);
    const alice = client(sb, "alice");
    const [bob, carol] = [idOf(sb, "bob"), idOf(sb, "carol")];
    await alice.accountFollow(bob);
    await alice.accountFollow(carol);
    const list = await alice.listCreate("friends");
    await alice.listAccountsAdd(list.id, [bob, carol]);
    const stored = () => sb.context.state.lists.get(list.id)?.account_ids;
    assert.deepEqual(stored(), [bob, carol]);
    await alice.accountUnfollow(bob);
    assert.deepEqual(stored(), [carol]);
    await alice.accountBlock(carol);
    assert.deepEqual(stored(), []);
  });
});
