// Sandbox notification policy and requests over real sockets (the library and raw fetch): defaults as
// Mastodon's, the policy really applied when notifying (filter holds back, drop discards), requests
// accepted and dismissed, and hostile inputs (wrong values, foreign or unknown ids).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Sandbox } from "../src/sandbox/index.js";
import { client, follow, ids, raw, sandbox } from "./sandbox-timelines-fixtures.js";

const DEFAULTS = {
  for_not_following: "accept",
  for_not_followers: "accept",
  for_new_accounts: "accept",
  for_private_mentions: "filter",
  for_limited_accounts: "filter",
  for_bots: "accept",
};

async function mention(sb: Sandbox, from: string, to: string, text: string, visibility = "direct") {
  return client(sb, from).statusPost(`@${to} ${text}`, { visibility: visibility as "direct" });
}

describe("sandbox notification policy", () => {
  test("defaults as Mastodon's, PATCH changes only what it is given, v1 shows booleans", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    const policy = await alice.notificationsPolicy();
    assert.deepEqual(policy, {
      ...DEFAULTS,
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const changed = await alice.updateNotificationsPolicy({
      for_not_following: "filter",
      for_new_accounts: "drop",
    });
    assert.equal(changed.for_not_following, "filter");
    assert.equal(changed.for_new_accounts, "drop");
    assert.equal(changed.for_not_followers, "accept");
    // Bob's policy is his own.
    assert.deepEqual((await raw(sb, "bob", "GET", "/api/v2/notifications/policy")).body, {
      ...DEFAULTS,
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const v1 = await raw(sb, "alice", "GET", "/api/v1/notifications/policy");
    assert.deepEqual(v1.body, {
      filter_not_following: true,
      filter_not_followers: false,
      filter_new_accounts: true,
      filter_private_mentions: true,
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const put = await raw(sb, "alice", "PUT", "/api/v1/notifications/policy", {
      filter_not_following: false,
      filter_private_mentions: "0",
      filter_new_accounts: "maybe",
    });
    assert.equal(put.status, 200);
    assert.deepEqual((await alice.notificationsPolicy()).for_not_following, "accept");
    assert.deepEqual((await alice.notificationsPolicy()).for_private_mentions, "accept");
    assert.equal(
      (await alice.notificationsPolicy()).for_new_accounts,
      "drop",
      "an unreadable boolean changes nothing",
    );
  });

  test("a value outside accept/filter/drop is 422 and changes nothing; scopes are checked", async (t) => {
    const sb = await sandbox(t);
    for (const bad of ["block", "", "ACCEPT", ["filter"], { a: 1 }, "x".repeat(100_000)]) {
      const res = await raw(sb, "alice", "PATCH", "/api/v2/notifications/policy", {
        for_not_following: "filter",
        for_bots: bad,
      });
      assert.equal(res.status, 422, JSON.stringify(bad).slice(0, 20));
      assert.deepEqual(res.body, { error: "Validation failed: For bots is not included in the list" });
    }
    assert.equal((await client(sb, "alice").notificationsPolicy()).for_not_following, "accept");
    assert.equal((await raw(sb, undefined, "GET", "/api/v2/notifications/policy")).status, 401);
    const readOnly = await sb.context.state.tokens.insert({
      id: sb.context.newId(),
      token: "read-only-token",
      client_id: "x",
      account_id: sb.users[0]!.id,
      scopes: ["read"],
      refresh_token: null,
      created_at: sb.context.nowIso(),
    });
    const res = await fetch(`${sb.url}/api/v2/notifications/policy`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${readOnly.token}`, "content-type": "application/json" },
      body: JSON.stringify({ for_bots: "drop" }),
    });
    assert.equal(res.status, 403);
  });
});

describe("sandbox notification policy applied", () => {
  test("by default a private mention from a stranger is held in a request, not listed nor streamed", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    const seen: string[] = [];
    const off = sb.context.events.on((e) => {
      if (e.type === "notification") seen.push(e.notification.type);
    });
    t.after(off);
    const dm1 = await mention(sb, "bob", "alice", "psst");
    const dm2 = await mention(sb, "bob", "alice", "psst again");
    await mention(sb, "carol", "alice", "hello in public", "public");
    assert.deepEqual(seen, ["mention"], "only the public mention is announced");

    const listed = await raw(sb, "alice", "GET", "/api/v1/notifications");
    assert.equal((listed.body as unknown[]).length, 1);
    const withFiltered = await raw(sb, "alice", "GET", "/api/v1/notifications?include_filtered=true");
    assert.equal((withFiltered.body as unknown[]).length, 3);
    const grouped = await raw(sb, "alice", "GET", "/api/v2/notifications");
    assert.equal((grouped.body as { notification_groups: unknown[] }).notification_groups.length, 1);
    const unread = await raw(sb, "alice", "GET", "/api/v1/notifications/unread_count");
    assert.deepEqual(unread.body, { count: 1 });

    const policy = await alice.notificationsPolicy();
    assert.deepEqual(policy.summary, { pending_requests_count: 1, pending_notifications_count: 2 });
    const requests = await alice.notificationRequests();
    assert.equal(requests.length, 1);
    const request = requests[0]!;
    assert.equal(request.account.username, "bob");
    assert.equal(request.notifications_count, "2");
    assert.equal(request.last_status?.id, dm2.id);
    assert.notEqual(dm1.id, dm2.id);
    const listing = await raw(sb, "alice", "GET", "/api/v1/notifications/requests");
    assert.equal(listing.link, `<${sb.url}/api/v1/notifications/requests?min_id=${request.id}>; rel="prev"`);
    assert.deepEqual(await alice.notificationRequest(request.id), request);
    assert.deepEqual(await alice.notificationsMerged(), true);
  });

  test("accepting brings the held notifications back and lets the sender through from then on", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    await mention(sb, "bob", "alice", "one");
    const [request] = await alice.notificationRequests();
    assert.deepEqual(await alice.acceptNotificationRequest(request!.id), {});
    assert.equal(((await raw(sb, "alice", "GET", "/api/v1/notifications")).body as unknown[]).length, 1);
    await mention(sb, "bob", "alice", "two");
    assert.equal(((await raw(sb, "alice", "GET", "/api/v1/notifications")).body as unknown[]).length, 2);
    assert.deepEqual(await alice.notificationRequests(), []);
    assert.equal(
      (await raw(sb, "alice", "GET", `/api/v1/notifications/requests/${request!.id}`)).status,
      404,
    );
  });

  test("dismissing deletes what it held; later mentions open a new request", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    await mention(sb, "bob", "alice", "one");
    const [request] = await alice.notificationRequests();
    assert.deepEqual(await alice.dismissNotificationRequest(request!.id), {});
    const all = await raw(sb, "alice", "GET", "/api/v1/notifications?include_filtered=1");
    assert.deepEqual(all.body, []);
    await mention(sb, "bob", "alice", "two");
    const [again] = await alice.notificationRequests();
    assert.notEqual(again!.id, request!.id);
    assert.equal(again!.notifications_count, "1");
  });

  test("bulk accept and dismiss take id[] and pass over unknown or foreign ids", async (t) => {
    const sb = await sandbox(t, ["alice", "bob", "carol", "dave"]);
    const alice = client(sb, "alice");
    await mention(sb, "bob", "alice", "b");
    await mention(sb, "carol", "alice", "c");
    await mention(sb, "alice", "dave", "d");
    const daves = await client(sb, "dave").notificationRequests();
    const [fromCarol, fromBob] = await alice.notificationRequests();
    assert.deepEqual(
      await alice.acceptMultipleNotificationRequests([fromBob!.id, "999999", daves[0]!.id]),
      {},
    );
    assert.deepEqual(ids(await alice.notificationRequests()), [fromCarol!.id]);
    assert.equal((await client(sb, "dave").notificationRequests()).length, 1, "dave's own request stays");
    const res = await raw(sb, "alice", "POST", "/api/v1/notifications/requests/dismiss", {
      id: [fromCarol!.id, { x: 1 }],
    });
    assert.deepEqual([res.status, res.body], [200, {}]);
    assert.deepEqual(await alice.notificationRequests(), []);
    const none = await raw(sb, "alice", "POST", "/api/v1/notifications/requests/accept", {});
    assert.deepEqual([none.status, none.body], [200, {}]);
  });

  test("unknown, foreign and malformed request ids are 404", async (t) => {
    const sb = await sandbox(t);
    await mention(sb, "bob", "carol", "for carol");
    const [carols] = await client(sb, "carol").notificationRequests();
    for (const path of [
      `/api/v1/notifications/requests/${carols!.id}`,
      "/api/v1/notifications/requests/0",
      "/api/v1/notifications/requests/%E2%82%AC",
      `/api/v1/notifications/requests/${"9".repeat(5000)}`,
    ]) {
      const res = await raw(sb, "alice", "GET", path);
      assert.deepEqual([res.status, res.body], [404, { error: "Record not found" }], path.slice(0, 60));
      const accepted = await raw(sb, "alice", "POST", `${path}/accept`);
      assert.equal(accepted.status, 404);
      const dismissed = await raw(sb, "alice", "POST", `${path}/dismiss`);
      assert.equal(dismissed.status, 404);
    }
    assert.equal((await client(sb, "carol").notificationRequests()).length, 1);
  });

  test("drop discards; following the sender or a reply to one's own private mention is never filtered", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    await alice.updateNotificationsPolicy({ for_not_following: "drop" });
    await mention(sb, "bob", "alice", "dropped", "public");
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/notifications?include_filtered=true")).body, []);
    await alice.updateNotificationsPolicy({ for_not_following: "accept" });
    // A private mention answering alice's own private mention of bob is no cold call.
    const asked = await alice.statusPost("@bob a question", { visibility: "direct" });
    await client(sb, "bob").statusPost("@alice the answer", {
      visibility: "direct",
      in_reply_to_id: asked.id,
    });
    assert.equal(((await raw(sb, "alice", "GET", "/api/v1/notifications")).body as unknown[]).length, 1);
    // Following carol: her private mentions are not filtered either.
    follow(sb, "alice", "carol");
    await mention(sb, "carol", "alice", "hi friend");
    assert.equal(((await raw(sb, "alice", "GET", "/api/v1/notifications")).body as unknown[]).length, 2);
    assert.deepEqual(await alice.notificationRequests(), []);
  });

  test("for_not_followers and for_new_accounts use Mastodon's 3 and 30 days", async (t) => {
    let clock = Date.parse("2026-01-01T00:00:00Z");
    const { startSandbox } = await import("../src/sandbox/index.js");
    const sb = await startSandbox({ port: 0, users: ["alice", "bob"], now: () => clock });
    t.after(() => sb.close());
    const alice = client(sb, "alice");
    await alice.updateNotificationsPolicy({ for_not_followers: "filter", for_private_mentions: "accept" });
    follow(sb, "bob", "alice");
    await mention(sb, "bob", "alice", "new follower", "public");
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/notifications")).body, []);
    clock += 3 * 86_400_000;
    await mention(sb, "bob", "alice", "settled follower", "public");
    assert.equal(((await raw(sb, "alice", "GET", "/api/v1/notifications")).body as unknown[]).length, 1);

    await alice.updateNotificationsPolicy({ for_not_followers: "accept", for_new_accounts: "drop" });
    await mention(sb, "bob", "alice", "bob is 3 days old", "public");
    assert.equal(((await raw(sb, "alice", "GET", "/api/v1/notifications")).body as unknown[]).length, 1);
    clock += 30 * 86_400_000;
    await mention(sb, "bob", "alice", "bob is 33 days old", "public");
    assert.equal(((await raw(sb, "alice", "GET", "/api/v1/notifications")).body as unknown[]).length, 2);
  });
});
