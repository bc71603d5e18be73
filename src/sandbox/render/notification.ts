/**
 * Notification entities: v1 single notifications, and v2 groups (GroupedNotificationsResults) with
 * their accounts and statuses given once. Field order and types follow Mastodon 4.5's serializers
 * (`most_recent_notification_id` is a number there, `page_min_id`/`page_max_id` strings).
 */
import type {
  Account,
  GroupedNotificationsResults,
  Notification,
  NotificationGroup,
  PartialAccountWithAvatar,
  Status,
} from "../../entities/index.js";
import type { SandboxContext } from "../context.js";
import type { NotificationRecord } from "../records.js";
import { renderAccount } from "./account.js";
import { renderStatus } from "./status.js";

/** The kinds whose notification carries the status it is about. */
const STATUS_TYPES: ReadonlySet<string> = new Set([
  "mention",
  "status",
  "reblog",
  "favourite",
  "poll",
  "update",
]);
const SAMPLE_ACCOUNTS_SIZE = 8;

export function hasStatus(notification: NotificationRecord): boolean {
  return STATUS_TYPES.has(notification.type);
}

export function renderNotification(ctx: SandboxContext, n: NotificationRecord): Notification {
  const from = ctx.state.accounts.get(n.from_account_id);
  if (!from) throw new Error(`notification ${n.id} has no account ${n.from_account_id}`);
  const status = hasStatus(n) && n.status_id !== null ? ctx.state.statuses.get(n.status_id) : undefined;
  return {
    id: n.id,
    type: n.type,
    created_at: n.created_at,
    group_key: n.group_key,
    account: renderAccount(ctx, from),
    ...(hasStatus(n) ? { status: status ? renderStatus(ctx, status, n.account_id) : null } : {}),
  };
}

/** One group as the page shows it: its newest notification in the page and the group's figures. */
export interface GroupView {
  key: string;
  /** The notification standing for the group (type, status). */
  notification: NotificationRecord;
  count: number;
  mostRecentId: string;
  sampleAccountIds: string[];
  /** Only on an index page. */
  page?: { minId: string; maxId: string; latestAt: string };
}

/**
 * The figures of each group as NotificationGroup.from_notifications computes them: counting the
 * group's notifications up to the page's newest (`range.max`), the page's oldest of the group from
 * `range.min` on, and a sample of the eight newest senders.
 */
export function groupViews(
  members: (key: string) => NotificationRecord[],
  shown: readonly { key: string; notification: NotificationRecord }[],
  range: { min: string; max: string } | undefined,
  compare: (a: string, b: string) => number,
): GroupView[] {
  return shown.map(({ key, notification }) => {
    if (key.startsWith("ungrouped-")) {
      return {
        key,
        notification,
        count: 1,
        mostRecentId: notification.id,
        sampleAccountIds: [notification.from_account_id],
        ...(range
          ? { page: { minId: notification.id, maxId: notification.id, latestAt: notification.created_at } }
          : {}),
      };
    }
    const all = members(key); // newest first
    const upTo = range ? all.filter((n) => compare(n.id, range.max) <= 0) : all;
    const newest = upTo[0] ?? notification;
    const view: GroupView = {
      key,
      notification,
      count: upTo.length,
      mostRecentId: newest.id,
      sampleAccountIds: upTo.slice(0, SAMPLE_ACCOUNTS_SIZE).map((n) => n.from_account_id),
    };
    if (range) {
      const fromMin = all.filter((n) => compare(n.id, range.min) >= 0);
      const oldest = fromMin[fromMin.length - 1] ?? notification;
      view.page = { minId: oldest.id, maxId: newest.id, latestAt: newest.created_at };
    }
    return view;
  });
}

function renderGroup(view: GroupView): NotificationGroup {
  const n = view.notification;
  return {
    group_key: view.key,
    notifications_count: view.count,
    type: n.type,
    most_recent_notification_id: Number(view.mostRecentId),
    ...(view.page
      ? {
          page_min_id: view.page.minId,
          page_max_id: view.page.maxId,
          latest_page_notification_at: view.page.latestAt,
        }
      : {}),
    sample_account_ids: view.sampleAccountIds,
    ...(hasStatus(n) ? { status_id: n.status_id } : {}),
  };
}

function partialAccount(account: Account): PartialAccountWithAvatar {
  return {
    id: account.id,
    acct: account.acct,
    locked: account.locked,
    bot: account.bot,
    url: account.url,
    avatar: account.avatar,
    avatar_static: account.avatar_static,
    avatar_description: account.avatar_description ?? "",
  };
}

export type ExpandAccounts = "full" | "partial_avatars";

/**
 * GroupedNotificationsResults: with `partial_avatars`, only each group's newest sender is a full
 * account and the other senders are partial ones, as Mastodon's GroupedNotificationsPresenter.
 */
export function renderGroups(
  ctx: SandboxContext,
  viewerId: string,
  views: readonly GroupView[],
  expand: ExpandAccounts,
): GroupedNotificationsResults {
  const full: string[] = [];
  const partial: string[] = [];
  const addTo = (list: string[], id: string) => {
    if (!list.includes(id)) list.push(id);
  };
  for (const view of views) {
    if (expand === "partial_avatars") {
      const [first, ...rest] = view.sampleAccountIds;
      if (first !== undefined) addTo(full, first);
      for (const id of rest) addTo(partial, id);
    } else for (const id of view.sampleAccountIds) addTo(full, id);
  }
  const accounts = (ids: string[]) =>
    ids.flatMap((id) => {
      const account = ctx.state.accounts.get(id);
      return account ? [renderAccount(ctx, account)] : [];
    });
  const statusIds: string[] = [];
  for (const view of views) {
    const id = view.notification.status_id;
    if (hasStatus(view.notification) && id !== null) addTo(statusIds, id);
  }
  const statuses: Status[] = statusIds.flatMap((id) => {
    const status = ctx.state.statuses.get(id);
    return status ? [renderStatus(ctx, status, viewerId)] : [];
  });
  return {
    accounts: accounts(full),
    ...(expand === "partial_avatars"
      ? { partial_accounts: accounts(partial.filter((id) => !full.includes(id))).map(partialAccount) }
      : {}),
    statuses,
    notification_groups: views.map(renderGroup),
  };
}
