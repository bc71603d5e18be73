/**
 * The notification policy of Mastodon 4.3+: for each kind of sender (not followed, not a follower, a
 * new account, a private mention out of the blue, a limited account, a bot) the recipient accepts,
 * filters (held back in a notification request) or drops the notification. As Mastodon's
 * NotifyService: poll endings and edits are never filtered, nor anything from a sender whose request
 * was accepted; when several kinds apply, drop beats filter beats accept.
 *
 * The sandbox has no moderators, so no account is ever limited: `for_limited_accounts` is kept and
 * shown but never applies.
 */
import type { SandboxContext } from "./context.js";
import type {
  AccountRecord,
  NotificationPolicyRecord,
  NotificationType,
  PolicyValue,
  StatusRecord,
} from "./records.js";
import { isFollowing } from "./visibility.js";

export const POLICY_VALUES: readonly PolicyValue[] = ["accept", "filter", "drop"];

/** The policy's fields in the order Mastodon's serializer gives them. */
export const POLICY_FIELDS = [
  "for_not_following",
  "for_not_followers",
  "for_new_accounts",
  "for_private_mentions",
  "for_limited_accounts",
  "for_bots",
] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/** Mastodon's column defaults: only unsolicited private mentions and limited accounts are filtered. */
const DEFAULTS: Record<PolicyField, PolicyValue> = {
  for_not_following: "accept",
  for_not_followers: "accept",
  for_new_accounts: "accept",
  for_private_mentions: "filter",
  for_limited_accounts: "filter",
  for_bots: "accept",
};

/** Kinds Mastodon never filters (its NON_FILTERABLE_TYPES that the sandbox makes). */
const NEVER_FILTERED: ReadonlySet<NotificationType> = new Set(["poll", "update"]);
const NEW_ACCOUNT_MS = 30 * 86_400_000;
const NEW_FOLLOWER_MS = 3 * 86_400_000;

/** The account's policy: the stored one, or Mastodon's defaults (not stored until changed). */
export function policyOf(ctx: SandboxContext, accountId: string): NotificationPolicyRecord {
  return ctx.state.notificationPolicies.get(accountId) ?? { id: accountId, ...DEFAULTS };
}

/** Changes some of the account's policy fields and stores the policy. */
export function updatePolicy(
  ctx: SandboxContext,
  accountId: string,
  changes: Partial<Record<PolicyField, PolicyValue>>,
): NotificationPolicyRecord {
  const policy = { ...policyOf(ctx, accountId), ...changes };
  ctx.state.notificationPolicies.delete(accountId);
  ctx.state.notificationPolicies.insert(policy);
  ctx.changed();
  return policy;
}

export function hasPermission(ctx: SandboxContext, recipientId: string, senderId: string): boolean {
  return ctx.state.notificationPermissions
    .lookup("account", recipientId)
    .some((p) => p.from_account_id === senderId);
}

/** Whether the sender follows the recipient, and has for more than three days (Mastodon's threshold). */
function isSettledFollower(ctx: SandboxContext, sender: AccountRecord, recipientId: string): boolean {
  const follow = ctx.state.follows
    .lookup("account", sender.id)
    .find((f) => f.target_account_id === recipientId);
  return follow !== undefined && ctx.now() - Date.parse(follow.created_at) >= NEW_FOLLOWER_MS;
}

/**
 * Whether the direct status answers a private mention of the sender by the recipient: somewhere up
 * its thread, a direct status of the recipient's mentions the sender.
 */
function answersRecipient(ctx: SandboxContext, status: StatusRecord, recipientId: string): boolean {
  let current = status.in_reply_to_id === null ? undefined : ctx.state.statuses.get(status.in_reply_to_id);
  for (let hops = 0; current && hops < 10_000; hops++) {
    if (
      current.account_id === recipientId &&
      current.visibility === "direct" &&
      current.mention_ids.includes(status.account_id)
    )
      return true;
    current = current.in_reply_to_id === null ? undefined : ctx.state.statuses.get(current.in_reply_to_id);
  }
  return false;
}

/** What the recipient's policy does with a notification of `type` from `sender` about `status`. */
export function policyDecision(
  ctx: SandboxContext,
  recipientId: string,
  sender: AccountRecord,
  type: NotificationType,
  status: StatusRecord | undefined,
): PolicyValue {
  if (NEVER_FILTERED.has(type) || hasPermission(ctx, recipientId, sender.id)) return "accept";
  const policy = policyOf(ctx, recipientId);
  const notFollowing = !isFollowing(ctx, recipientId, sender.id);
  const applying: PolicyValue[] = [];
  if (notFollowing) applying.push(policy.for_not_following);
  if (!isSettledFollower(ctx, sender, recipientId)) applying.push(policy.for_not_followers);
  if (ctx.now() - Date.parse(sender.created_at) < NEW_ACCOUNT_MS) applying.push(policy.for_new_accounts);
  if (sender.bot) applying.push(policy.for_bots);
  const privateMention =
    type === "mention" && status?.visibility === "direct" && !answersRecipient(ctx, status, recipientId);
  if (notFollowing && privateMention) applying.push(policy.for_private_mentions);
  if (applying.includes("drop")) return "drop";
  return applying.includes("filter") ? "filter" : "accept";
}
