// Timelines, notifications, lists, search and pagination scenarios replayed from real Mastodon
// 4.6.4 traffic (recorded with Mastodon.py's tests).
import assert from "node:assert/strict";
import {
  type Account,
  type GroupedNotificationsResults,
  Mastodon,
  MastodonNotFoundError,
  type Notification,
  type Status,
} from "../src/index.js";
import { conformanceTest } from "./support/recorded.js";
import { RECORDED_TOKENS, recordedClient, replay } from "./support/recorded-client.js";

const accountStatuses = (api: Mastodon, id: string, limit: number) => api.accountStatuses(id, { limit });
const accountFollow = (api: Mastodon, id: string) => api.accountFollow(id);
const accountUnfollow = (api: Mastodon, id: string) => api.accountUnfollow(id);
const statusFavourite = (api: Mastodon, id: string) => api.statusFavourite(id);

/** Posts "Toot number 0!" … "Toot number 9!", as Mastodon.py's pagination tests do. */
async function postTen(api: Mastodon): Promise<Status[]> {
  const posted: Status[] = [];
  for (let i = 0; i < 10; i++) posted.push((await api.statusPost(`Toot number ${i}!`)) as Status);
  return posted;
}

const ids = (items: readonly { id: string }[] | null | undefined) => (items ?? []).map((item) => item.id);

conformanceTest("test_fetch_next_previous", async (t) => {
  const server = await replay(t, "test_fetch_next_previous");
  const api = recordedClient(server.url);
  const me = await api.accountVerifyCredentials();
  const posted = await postTen(api);
  const newestFirst = ids(posted).reverse();
  const first = await accountStatuses(api, me.id, 5);
  assert.deepEqual(ids(first), newestFirst.slice(0, 5));
  const second = await api.fetchNext(first);
  assert.deepEqual(ids(second), newestFirst.slice(5, 10));
  const back = await api.fetchPrevious(second!);
  assert.deepEqual(ids(back), newestFirst.slice(0, 5));
  for (const status of posted) await api.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_fetch_next_previous_from_pagination_info", async (t) => {
  const server = await replay(t, "test_fetch_next_previous_from_pagination_info");
  const api = recordedClient(server.url);
  const me = await api.accountVerifyCredentials();
  const posted = await postTen(api);
  const newestFirst = ids(posted).reverse();
  const first = await accountStatuses(api, me.id, 5);
  // Cursors go through JSON, as a bot that stores them between runs would.
  const next = JSON.parse(JSON.stringify(api.getPaginationInfo(first, "next")));
  const second = await api.fetchNext<Status>(next);
  assert.deepEqual(ids(second), newestFirst.slice(5, 10));
  const previous = JSON.parse(JSON.stringify(api.getPaginationInfo(second, "previous")));
  const back = await api.fetchPrevious<Status>(previous);
  assert.deepEqual(ids(back), newestFirst.slice(0, 5));
  for (const status of posted) await api.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_get_pagination_info", async (t) => {
  const server = await replay(t, "test_get_pagination_info");
  const api = recordedClient(server.url);
  const me = await api.accountVerifyCredentials();
  const posted = await postTen(api);
  const page = await accountStatuses(api, me.id, 5);
  const next = api.getPaginationInfo(page, "next");
  assert.equal(next?._pagination_method, "GET");
  assert.equal(next?._pagination_endpoint, `/api/v1/accounts/${me.id}/statuses`);
  assert.equal(next?.max_id, page.at(-1)?.id);
  assert.equal(String(next?.limit), "5");
  assert.equal(api.getPaginationInfo(page, "previous")?.min_id, page[0]?.id);
  for (const status of posted) await api.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_grouped_notification_pagination", async (t) => {
  const server = await replay(t, "test_grouped_notification_pagination");
  const api = recordedClient(server.url);
  const api2 = recordedClient(server.url, RECORDED_TOKENS.admin);
  const me = await api.accountVerifyCredentials();
  const posted: Status[] = [];
  for (let i = 0; i < 10; i++) {
    posted.push(
      (await api2.statusPost(`@${me.acct} hey how you doing - ${i}!`, { visibility: "public" })) as Status,
    );
  }
  const first = await api.groupedNotifications({ limit: 5, expand_accounts: "full" });
  assert.equal(first.notification_groups.length, 5);
  // The Link header leaves expand_accounts out; the cursor keeps it (the recording asks for it).
  assert.equal(api.getPaginationInfo(first, "next")?.expand_accounts, "full");
  const second = await api.fetchNext(first);
  assert.ok(second);
  assert.equal(second.notification_groups.length, 5);
  assert.ok(
    Number(second.notification_groups[0]?.most_recent_notification_id) <
      Number(first.notification_groups.at(-1)?.most_recent_notification_id),
    "the next page holds older groups",
  );
  const back = await api.fetchPrevious(second);
  assert.deepEqual(
    back?.notification_groups.map((g) => g.group_key),
    first.notification_groups.map((g) => g.group_key),
  );
  for (const status of posted) await api2.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_grouped_notifications", async (t) => {
  const server = await replay(t, "test_grouped_notifications");
  const api = recordedClient(server.url);
  const status = (await api.statusPost("Testing grouped notifications!", { visibility: "public" })) as Status;
  await statusFavourite(recordedClient(server.url, RECORDED_TOKENS.admin), status.id);
  await statusFavourite(recordedClient(server.url, RECORDED_TOKENS.user3), status.id);
  const grouped: GroupedNotificationsResults = await api.groupedNotifications({ limit: 10 });
  const group = grouped.notification_groups.find((g) => g.type === "favourite" && g.status_id === status.id);
  assert.ok(group, "the two favourites form one group");
  assert.equal(group.notifications_count, 2);
  const single = await api.groupedNotification(group.group_key);
  assert.equal(single.notification_groups[0]?.group_key, group.group_key);
  const accounts: Account[] = await api.groupedNotificationAccounts(group.group_key);
  assert.equal(accounts.length, 2);
  assert.deepEqual(await api.dismissGroupedNotification(group.group_key), {});
  const after = await api.groupedNotifications({ limit: 10 });
  assert.ok(!after.notification_groups.some((g) => g.group_key === group.group_key));
  assert.equal(await api.fetchNext(after), null, "a last page without cursors has no next page");
  await api.statusDelete(status);
  server.assertAllConsumed();
});

/** Creates "ham burglars" and makes the second test user a followed member, as the recordings do. */
async function listWithMember(api: Mastodon, api2: Mastodon) {
  const list = await api.listCreate("ham burglars");
  assert.equal(list.title, "ham burglars");
  assert.equal(list.replies_policy, "list");
  const member = await api2.accountVerifyCredentials();
  await accountFollow(api, member.id);
  return { list, member };
}

conformanceTest("test_list_add_remove_account", async (t) => {
  const server = await replay(t, "test_list_add_remove_account");
  const api = recordedClient(server.url);
  const { list, member } = await listWithMember(api, recordedClient(server.url, RECORDED_TOKENS.admin));
  assert.deepEqual(await api.listAccountsAdd(list, member), {});
  assert.deepEqual(ids(await api.listAccounts(list)), [member.id]);
  await accountUnfollow(api, member.id);
  assert.deepEqual(await api.listAccounts(list.id), [], "unfollowing takes the account off the list");
  await accountFollow(api, member.id);
  await api.listAccountsAdd(list.id, [member.id]);
  assert.deepEqual(ids(await api.listAccounts(list)), [member.id]);
  assert.deepEqual(await api.listAccountsDelete(list, member), {});
  assert.deepEqual(await api.listAccounts(list), []);
  await accountUnfollow(api, member.id);
  assert.deepEqual(await api.listDelete(list), {});
  server.assertAllConsumed();
});

conformanceTest("test_list_timeline", async (t) => {
  const server = await replay(t, "test_list_timeline");
  const api = recordedClient(server.url);
  const api2 = recordedClient(server.url, RECORDED_TOKENS.admin);
  const { list, member } = await listWithMember(api, api2);
  await api.listAccountsAdd(list, [member]);
  const status = (await api2.statusPost("I have never stolen a ham in my life.", {
    visibility: "public",
  })) as Status;
  const timeline = await api.timelineList(list);
  assert.ok(ids(timeline).includes(status.id));
  await api2.statusDelete(status);
  await accountUnfollow(api, member.id);
  await api.listDelete(list);
  server.assertAllConsumed();
});

conformanceTest("test_list_update", async (t) => {
  const server = await replay(t, "test_list_update");
  const api = recordedClient(server.url);
  const list = await api.listCreate("ham burglars");
  const updated = await api.listUpdate(list, "fry kids");
  assert.equal(updated.title, "fry kids");
  assert.ok((await api.lists()).some((l) => l.id === list.id && l.title === "fry kids"));
  assert.deepEqual(ids(await api.lists()), [list.id]);
  assert.equal((await api.list(list)).title, "fry kids");
  await api.listDelete(list.id);
  server.assertAllConsumed();
});

conformanceTest("test_notification_requests_accept", async (t) => {
  const server = await replay(t, "test_notification_requests_accept");
  const api = recordedClient(server.url);
  const api2 = recordedClient(server.url, RECORDED_TOKENS.admin);
  const me = await api.accountVerifyCredentials();
  await accountUnfollow(api2, me.id);
  const admin = await api2.accountVerifyCredentials();
  await accountUnfollow(api, admin.id);
  const everything = (action: "filter" | "accept") =>
    ({
      for_not_following: action,
      for_not_followers: action,
      for_new_accounts: action,
      for_private_mentions: action,
      for_limited_accounts: action,
    }) as const;
  const policy = await api2.updateNotificationsPolicy(everything("filter"));
  assert.equal(policy.for_not_following, "filter");
  assert.equal((await api2.notificationsPolicy()).for_private_mentions, "filter");
  assert.equal(await api2.notificationsMerged(), true);
  const target = await api2.accountVerifyCredentials();
  const posted: Status[] = [];
  for (let i = 600; i < 605; i++) {
    posted.push(
      (await api.statusPost(`@${target.acct} please follow me - ${i}!`, { visibility: "direct" })) as Status,
    );
  }
  const requests = await api2.notificationRequests();
  const request = requests.find((r) => r.account.id === me.id);
  assert.ok(request, "the direct mentions were filtered into a request");
  const notifications: Notification[] = await api2.notifications();
  assert.ok(!notifications.some((n) => n.type === "mention" && n.account.id === me.id), "filtered away");
  assert.equal((await api2.notificationRequest(request)).id, request.id);
  assert.deepEqual(await api2.acceptNotificationRequest(request.id), {});
  assert.equal(await api2.notificationsMerged(), true);
  for (const status of posted) await api.statusDelete(status);
  await api2.updateNotificationsPolicy(everything("accept"));
  server.assertAllConsumed();
});

conformanceTest("test_notifications", async (t) => {
  const server = await replay(t, "test_notifications");
  const api = recordedClient(server.url);
  const api2 = recordedClient(server.url, RECORDED_TOKENS.admin);
  const status = (await api2.statusPost("@mastodonpy_test hello!")) as Status;
  const notifications = await api.notifications();
  const mention = notifications.find((n) => n.type === "mention" && n.status?.id === status.id);
  assert.ok(mention);
  const byId: Notification = await api.notifications(mention.id);
  assert.equal(byId.id, mention.id);
  assert.equal((await api.notificationsUnreadCount()).count, 1);
  const byOption = await api.notifications({ id: mention });
  assert.equal(byOption.status?.id, status.id);
  await api2.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_notifications_clear", async (t) => {
  const server = await replay(t, "test_notifications_clear");
  assert.deepEqual(await recordedClient(server.url).notificationsClear(), {});
  server.assertAllConsumed();
});

conformanceTest("test_notifications_mentions_only", async (t) => {
  const server = await replay(t, "test_notifications_mentions_only");
  const api = recordedClient(server.url);
  const api2 = recordedClient(server.url, RECORDED_TOKENS.admin);
  const status = (await api2.statusPost("@mastodonpy_test hello!")) as Status;
  const mentions = await api.notifications({ mentions_only: true });
  assert.ok(mentions.length > 0);
  assert.ok(mentions.every((n) => n.type === "mention"));
  const first = mentions[0]!;
  assert.equal((await api.notifications(first.id)).type, "mention");
  await api2.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_notifications_policy", async (t) => {
  const server = await replay(t, "test_notifications_policy");
  const api2 = recordedClient(server.url, RECORDED_TOKENS.admin);
  const policy = await api2.notificationsPolicy();
  assert.ok(["accept", "filter", "drop"].includes(policy.for_not_following));
  const changed = await api2.updateNotificationsPolicy({
    for_not_following: "filter",
    for_not_followers: "accept",
  });
  assert.equal(changed.for_not_following, "filter");
  const reset = await api2.updateNotificationsPolicy({
    for_not_following: "accept",
    for_not_followers: "accept",
    for_new_accounts: "accept",
    for_private_mentions: "accept",
    for_limited_accounts: "accept",
  });
  assert.equal(reset.for_not_following, "accept");
  server.assertAllConsumed();
});

conformanceTest("test_public_tl_anonymous", async (t) => {
  const server = await replay(t, "test_public_tl_anonymous");
  const api3 = recordedClient(server.url, RECORDED_TOKENS.user3);
  const status = (await api3.statusPost("Toot, finally!")) as Status;
  const anonymous = new Mastodon({
    api_base_url: server.url,
    user_agent: "tests/v311",
    mastodon_version: "4.5.0",
  });
  const timeline = await anonymous.timelinePublic();
  assert.ok(ids(timeline).includes(status.id));
  const publicRequest = server.requests.find((r) => r.path === "/api/v1/timelines/public");
  assert.equal(publicRequest?.authorization, undefined, "no token was sent");
  await api3.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_search", async (t) => {
  const server = await replay(t, "test_search");
  const api = recordedClient(server.url);
  const result = await api.search("mastodonpy_test");
  assert.ok("hashtags" in result && result.accounts.some((a) => a.acct === "mastodonpy_test"));
  const v2 = await api.searchV2("mastodonpy_test");
  assert.ok(v2.accounts.length > 0);
  const statuses = await api.searchV2("mastodonpy_test", { result_type: "statuses" });
  assert.deepEqual(statuses.accounts, []);
  server.assertAllConsumed();
});

conformanceTest("test_timeline_link_fails", async (t) => {
  const server = await replay(t, "test_timeline_link_fails");
  await assert.rejects(recordedClient(server.url).timelineLink("http://example.com/"), MastodonNotFoundError);
  server.assertAllConsumed();
});
