/**
 * Type-level tests for the timelines area: `npm run typecheck` compiles this file, so each
 * `@ts-expect-error` fails the build if the mistake it marks stops being a type error, and each
 * annotated result fails it if a method's result type drifts. The runtime part checks that every
 * method named here is on the prototype.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type {
  AsyncRefresh,
  GroupedNotificationsResults,
  Notification,
  NotificationPolicy,
  Search,
  SearchV2,
  Status,
  UserList,
} from "../src/index.js";
import { Mastodon } from "../src/index.js";

// Never called: only compiled.
async function typeChecks(api: Mastodon): Promise<unknown[]> {
  const home: Status[] = await api.timeline();
  const local: Status[] = await api.timeline("local", { only_media: true });
  const tag: Status[] = await api.timeline({ timeline: "tag/cats", limit: 2 });
  const any: Status[] = await api.timelineHashtag("cats", { any: ["dogs"], none: ["fish"] });
  const open: boolean = await api.timelineIsAvailable("public", { with_auth: true });
  const list: Notification[] = await api.notifications({ types: ["mention"], limit: 5 });
  const one: Notification = await api.notifications("5");
  const byOption: Notification = await api.notifications({ id: "5" });
  const grouped: GroupedNotificationsResults = await api.groupedNotifications({ expand_accounts: "full" });
  const next: GroupedNotificationsResults | null = await api.fetchNext(grouped);
  const unread: number = await api.unreadGroupedNotificationsCount();
  const merged: boolean = await api.notificationsMerged();
  const policy: NotificationPolicy = await api.updateNotificationsPolicy({ for_new_accounts: "drop" });
  const found: Search | SearchV2 = await api.search("cats", { result_type: "hashtags" });
  const created: UserList = await api.listCreate("friends", { replies_policy: "followed", exclusive: true });
  const info: [AsyncRefresh, number] | undefined = api.getAsyncRefreshInfo(home);
  const fresh: Status[] | null = await api.awaitAsyncRefresh(home, { timeout: 30, max_attempts: 5 });

  // @ts-expect-error a notification type that does not exist
  await api.notifications({ types: ["likes"] });
  // @ts-expect-error grouped_types are notification types too
  await api.groupedNotifications({ grouped_types: ["fav"] });
  // @ts-expect-error the policy is accept / filter / drop
  await api.updateNotificationsPolicy({ for_not_following: "block" });
  // @ts-expect-error result_type is accounts / hashtags / statuses
  await api.searchV2("cats", { result_type: "posts" });
  // @ts-expect-error replies_policy is followed / list / none
  await api.listCreate("x", { replies_policy: "all" });
  // @ts-expect-error listUpdate needs the new title
  await api.listUpdate("1");
  // @ts-expect-error timelineHashtag needs the hashtag
  await api.timelineHashtag();
  // @ts-expect-error the local timeline has no remote option
  await api.timelineLocal({ remote: true });
  return [
    home,
    local,
    tag,
    any,
    open,
    list,
    one,
    byOption,
    next,
    unread,
    merged,
    policy,
    found,
    created,
    info,
    fresh,
  ];
}

test("every timelines-area method named in the type checks is on the prototype", () => {
  const api = new Mastodon({ api_base_url: "https://mastodon.example" });
  const names = [
    "timeline",
    "timelineHome",
    "timelineLocal",
    "timelinePublic",
    "timelineHashtag",
    "timelineList",
    "timelineLink",
    "timelineIsAvailable",
    "notifications",
    "notificationsUnreadCount",
    "notificationsClear",
    "notificationsDismiss",
    "notificationsPolicy",
    "updateNotificationsPolicy",
    "notificationRequests",
    "notificationRequest",
    "acceptNotificationRequest",
    "dismissNotificationRequest",
    "acceptMultipleNotificationRequests",
    "dismissMultipleNotificationRequests",
    "notificationsMerged",
    "notificationsPolicyV1",
    "updateNotificationsPolicyV1",
    "groupedNotifications",
    "groupedNotification",
    "dismissGroupedNotification",
    "groupedNotificationAccounts",
    "unreadGroupedNotificationsCount",
    "groupedNotificationsClear",
    "search",
    "searchV1",
    "searchV2",
    "lists",
    "list",
    "listAccounts",
    "listCreate",
    "listUpdate",
    "listDelete",
    "listAccountsAdd",
    "listAccountsDelete",
    "getAsyncRefreshInfo",
    "getAsyncRefreshStatus",
    "awaitAsyncRefresh",
  ];
  const missing = names.filter(
    (name) => typeof (api as unknown as Record<string, unknown>)[name] !== "function",
  );
  assert.deepEqual(missing, []);
  assert.equal(typeof typeChecks, "function");
});
