// Sandbox notifications over real sockets: notify()'s rules and group keys, v1 listing, filters and
// dismissal, v2 grouped pages as recorded (test_grouped_notifications, test_grouped_notification_pagination).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { GroupedNotificationsResults } from "../src/index.js";
import { notify } from "../src/sandbox/notify.js";
import { client, idOf, ids, post, raw, sandbox } from "./sandbox-timelines-fixtures.js";

describe("sandbox notify()", () => {
  test("sequence ids; favourites of one status share an hour group key; other kinds are ungrouped", async (t) => {
    const sb = await sandbox(t);
    const ctx = sb.context;
    const [alice, bob, carol] = ["alice", "bob", "carol"].map((u) => idOf(sb, u)) as [string, string, string];
    const s = post(sb, "alice", "fav me");
    const f1 = notify(ctx, alice, "favourite", bob, s.id)!;
    const f2 = notify(ctx, alice, "favourite", carol, s.id)!;
    const m = notify(ctx, alice, "mention", bob, s.id)!;
    assert.deepEqual([f1.id, f2.id, m.id], ["1", "2", "3"]);
    const hour = Math.floor(ctx.now() / 3_600_000);
    assert.equal(f1.group_key, `favourite-${s.id}-${hour}`);
    assert.equal(f2.group_key, f1.group_key);
    assert.equal(m.group_key, "ungrouped-3");
    assert.equal(notify(ctx, alice, "follow", bob)!.group_key, `follow-${hour}`);
    assert.equal(notify(ctx, alice, "favourite", alice, s.id), undefined, "not for oneself");
    ctx.state.blocks.insert({
      id: ctx.newId(),
      account_id: alice,
      target_account_id: carol,
      created_at: ctx.nowIso(),
    });
    assert.equal(notify(ctx, alice, "mention", carol, s.id), undefined, "not from a blocked account");
  });
});

describe("sandbox v1 notifications", () => {
  test("list, show, filters, Link headers, unread count, dismiss and clear (test_notifications)", async (t) => {
    const sb = await sandbox(t);
    const ctx = sb.context;
    const [alice, bob, carol] = ["alice", "bob", "carol"].map((u) => idOf(sb, u)) as [string, string, string];
    const s = post(sb, "bob", "@alice hello!", { mentions: ["alice"] });
    const mention = notify(ctx, alice, "mention", bob, s.id)!;
    const followed = notify(ctx, alice, "follow", carol)!;
    const api = client(sb, "alice");
    const all = await api.notifications();
    assert.deepEqual(ids(all), [followed.id, mention.id]);
    const r = await raw(sb, "alice", "GET", "/api/v1/notifications?types[]=mention");
    assert.deepEqual(Object.keys((r.body as object[])[0]!), [
      "id",
      "type",
      "created_at",
      "group_key",
      "account",
      "status",
    ]);
    assert.equal(
      r.link,
      `<${sb.url}/api/v1/notifications?max_id=${mention.id}&types%5B%5D=mention>; rel="next", <${sb.url}/api/v1/notifications?min_id=${mention.id}&types%5B%5D=mention>; rel="prev"`,
    );
    const shown = (await raw(sb, "alice", "GET", `/api/v1/notifications/${followed.id}`)).body as Record<
      string,
      unknown
    >;
    assert.equal("status" in shown, false, "a follow has no status key");
    assert.deepEqual(
      ids((await raw(sb, "alice", "GET", "/api/v1/notifications?exclude_types[]=follow")).body),
      [mention.id],
    );
    assert.deepEqual(ids((await raw(sb, "alice", "GET", `/api/v1/notifications?account_id=${carol}`)).body), [
      followed.id,
    ]);
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/notifications?types[]=nonsense")).body, []);
    const huge = Array.from({ length: 500 }, (_, i) => `types[]=t${i}`).join("&");
    assert.equal(
      (await raw(sb, "alice", "GET", `/api/v1/notifications?${huge}&limit=-3&max_id=zz`)).status,
      200,
    );
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/notifications/unread_count")).body, {
      count: 2,
    });
    await raw(sb, "alice", "POST", "/api/v1/markers", { notifications: { last_read_id: mention.id } });
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/notifications/unread_count")).body, {
      count: 1,
    });
    assert.equal((await raw(sb, "bob", "GET", `/api/v1/notifications/${mention.id}`)).status, 404);
    assert.equal((await raw(sb, "bob", "POST", `/api/v1/notifications/${mention.id}/dismiss`)).status, 404);
    assert.deepEqual(await api.notificationsDismiss(mention.id), {});
    assert.equal((await raw(sb, "alice", "GET", `/api/v1/notifications/${mention.id}`)).status, 404);
    assert.deepEqual(await api.notificationsClear(), {});
    assert.deepEqual(await api.notifications(), []);
    const noScope = await raw(sb, undefined, "GET", "/api/v1/notifications");
    assert.equal(noScope.status, 401);
  });

  test("a notification about a deleted status goes with it", async (t) => {
    const sb = await sandbox(t);
    const s = post(sb, "bob", "@alice hi", { mentions: ["alice"] });
    notify(sb.context, idOf(sb, "alice"), "mention", idOf(sb, "bob"), s.id);
    sb.context.state.statuses.delete(s.id);
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v1/notifications")).body, []);
  });
});

describe("sandbox grouped notifications", () => {
  test("two favourites make one group; show, accounts, dismiss (test_grouped_notifications)", async (t) => {
    const sb = await sandbox(t);
    const ctx = sb.context;
    const [alice, bob, carol] = ["alice", "bob", "carol"].map((u) => idOf(sb, u)) as [string, string, string];
    const s = post(sb, "alice", "Testing grouped notifications!");
    const f1 = notify(ctx, alice, "favourite", bob, s.id)!;
    const f2 = notify(ctx, alice, "favourite", carol, s.id)!;
    const r = await raw(sb, "alice", "GET", "/api/v2/notifications?limit=10&expand_accounts=partial_avatars");
    const body = r.body as GroupedNotificationsResults;
    assert.deepEqual(Object.keys(body), ["accounts", "partial_accounts", "statuses", "notification_groups"]);
    assert.deepEqual(ids(body.accounts), [carol]);
    assert.deepEqual(
      body.partial_accounts?.map((a) => Object.keys(a)),
      [["id", "acct", "locked", "bot", "url", "avatar", "avatar_static", "avatar_description"]],
    );
    assert.deepEqual(ids(body.statuses), [s.id]);
    assert.deepEqual(body.notification_groups, [
      {
        group_key: f1.group_key,
        notifications_count: 2,
        type: "favourite",
        most_recent_notification_id: Number(f2.id),
        page_min_id: f1.id,
        page_max_id: f2.id,
        latest_page_notification_at: f2.created_at,
        sample_account_ids: [carol, bob],
        status_id: s.id,
      },
    ]);
    assert.equal(
      r.link,
      `<${sb.url}/api/v2/notifications?limit=10&max_id=${f2.id}>; rel="next", <${sb.url}/api/v2/notifications?limit=10&min_id=${f2.id}>; rel="prev"`,
    );
    const api = client(sb, "alice");
    const one = await api.groupedNotification(f1.group_key);
    assert.equal("page_min_id" in one.notification_groups[0]!, false);
    assert.deepEqual(ids(one.accounts), [carol, bob]);
    const accounts = await raw(sb, "alice", "GET", `/api/v2/notifications/${f1.group_key}/accounts`);
    assert.deepEqual(ids(accounts.body), [carol, bob]);
    assert.equal(
      accounts.link,
      `<${sb.url}/api/v2/notifications/${f1.group_key}/accounts?min_id=${f2.id}>; rel="prev"`,
    );
    assert.deepEqual((await raw(sb, "alice", "GET", "/api/v2/notifications/unread_count")).body, {
      count: 1,
    });
    assert.deepEqual(
      (await raw(sb, "alice", "POST", `/api/v2/notifications/${f1.group_key}/dismiss`)).body,
      {},
    );
    const after = await api.groupedNotifications({ expand_accounts: "partial_avatars" });
    assert.deepEqual(after, { accounts: [], partial_accounts: [], statuses: [], notification_groups: [] });
    assert.equal((await raw(sb, "alice", "GET", `/api/v2/notifications/${f1.group_key}`)).status, 404);
  });

  test("pages count groups; min_id pages back up (test_grouped_notification_pagination)", async (t) => {
    const sb = await sandbox(t);
    const ctx = sb.context;
    const [alice, bob] = [idOf(sb, "alice"), idOf(sb, "bob")];
    const made = Array.from({ length: 10 }, (_, i) => {
      const s = post(sb, "bob", `@alice hey ${i}`, { mentions: ["alice"] });
      return notify(ctx, alice, "mention", bob, s.id)!.id;
    }).reverse();
    const page = async (q: string) => {
      const r = await raw(sb, "alice", "GET", `/api/v2/notifications?limit=5&expand_accounts=full${q}`);
      const body = r.body as GroupedNotificationsResults;
      return { keys: body.notification_groups.map((g) => g.group_key), link: r.link, body };
    };
    const first = await page("");
    assert.deepEqual(
      first.keys,
      made.slice(0, 5).map((id) => `ungrouped-${id}`),
    );
    assert.equal("partial_accounts" in first.body, false);
    assert.deepEqual(ids(first.body.accounts), [bob]);
    assert.equal(
      first.link,
      `<${sb.url}/api/v2/notifications?limit=5&max_id=${made[4]}>; rel="next", <${sb.url}/api/v2/notifications?limit=5&min_id=${made[0]}>; rel="prev"`,
    );
    const second = await page(`&max_id=${made[4]}`);
    assert.deepEqual(
      second.keys,
      made.slice(5).map((id) => `ungrouped-${id}`),
    );
    const back = await page(`&min_id=${made[5]}`);
    assert.deepEqual(back.keys, first.keys);
    const api = client(sb, "alice");
    const lib = await api.groupedNotifications({ limit: 5 });
    const next = await api.fetchNext(lib);
    assert.deepEqual(
      next?.notification_groups.map((g) => g.group_key),
      second.keys,
    );
    const bad = await raw(sb, "alice", "GET", "/api/v2/notifications?expand_accounts=everything");
    assert.deepEqual(
      [bad.status, bad.body],
      [
        400,
        {
          error:
            "Invalid value for 'expand_accounts': 'everything', allowed values are 'full' and 'partial_avatars'",
        },
      ],
    );
    const grouped = await raw(sb, "alice", "GET", "/api/v2/notifications?grouped_types[]=nonsense&limit=abc");
    assert.equal(grouped.status, 200);
  });

  test("grouped_types[] narrows grouping: favourites listed one by one when not asked to group", async (t) => {
    const sb = await sandbox(t);
    const ctx = sb.context;
    const alice = idOf(sb, "alice");
    const s = post(sb, "alice", "x");
    const a = notify(ctx, alice, "favourite", idOf(sb, "bob"), s.id)!;
    const b = notify(ctx, alice, "favourite", idOf(sb, "carol"), s.id)!;
    const r = await raw(sb, "alice", "GET", "/api/v2/notifications?grouped_types[]=follow");
    const keys = (r.body as GroupedNotificationsResults).notification_groups.map((g) => g.group_key);
    assert.deepEqual(keys, [`ungrouped-${b.id}`, `ungrouped-${a.id}`]);
    assert.match(r.link ?? "", /grouped_types%5B%5D=follow/);
  });
});
