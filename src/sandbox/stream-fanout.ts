/**
 * Where each sandbox event goes, as Mastodon's fan-out decides it:
 * - a new status (`update`) or an edit (`status.update`) reaches the home (user) stream of its author
 *   and of each follower whose home feed would take it (blocks, mutes, hidden reblogs, replies to
 *   strangers and followed languages leave it out); a direct status reaches only mentioned followers;
 * - public statuses (not unlisted, not reblogs) go to the public streams, local ones and the ":media"
 *   ones when they carry media, and to the stream of each of their hashtags;
 * - the lists that hold the author get it, by the list's replies policy;
 * - a direct status is a `conversation` event on each participant's direct stream;
 * - a deletion is a `delete` with the id on the same streams; a notification goes to its recipient.
 */
import type { SandboxContext } from "./context.js";
import type { SandboxEvent } from "./events.js";
import type { FollowRecord, ListRecord, NotificationRecord, StatusRecord } from "./records.js";
import { renderStatus } from "./render/status.js";
import { normalizeHashtag } from "./stream-channels.js";
import type { Publication, StreamHub } from "./stream-hub.js";
import { renderConversation, renderNotification } from "./stream-render.js";
import { canSee, isBlocked, isFollowing, isMuted } from "./visibility.js";

/** Starts delivering the sandbox's events to the hub's streams; returns the function that stops. */
export function startFanOut(ctx: SandboxContext, hub: StreamHub): () => void {
  return ctx.events.on((event) => fanOut(ctx, hub, event));
}

export function fanOut(ctx: SandboxContext, hub: StreamHub, event: SandboxEvent): void {
  const rendered = new Map<string, string | undefined>();
  switch (event.type) {
    case "status.created":
      publishStatus(ctx, hub, event.status, "update", rendered);
      publishConversation(ctx, hub, event.status, rendered);
      return;
    case "status.updated":
      publishStatus(ctx, hub, event.status, "status.update", rendered);
      return;
    case "status.deleted":
      publishStatus(ctx, hub, event.status, "delete", rendered);
      return;
    case "notification":
      publishNotification(ctx, hub, event.notification, rendered);
      return;
    case "filters_changed":
      hub.publish(
        `timeline:${event.account_id}`,
        { event: "filters_changed", payload: () => undefined },
        rendered,
      );
      return;
  }
}

type StatusEvent = "update" | "status.update" | "delete";

function publishStatus(
  ctx: SandboxContext,
  hub: StreamHub,
  status: StatusRecord,
  event: StatusEvent,
  rendered: Map<string, string | undefined>,
): void {
  const personal: Publication = {
    event,
    payload:
      event === "delete"
        ? () => status.id
        : (viewerId) => JSON.stringify(renderStatus(ctx, status, viewerId)),
  };
  for (const receiverId of homeReceivers(ctx, status)) {
    const channel = `timeline:${receiverId}`;
    if (hub.hasListeners(channel) && (event === "delete" || canSee(ctx, receiverId, status)))
      hub.publish(channel, personal, rendered);
  }
  for (const list of listsFor(ctx, hub, status)) {
    if (event === "delete" || (canSee(ctx, list.account_id, status) && listTakes(ctx, list, status)))
      hub.publish(`timeline:list:${list.id}`, personal, rendered);
  }
  if (status.visibility !== "public" || status.reblog_of_id !== null) return;
  const everyone: Publication = {
    event,
    shared: true,
    payload:
      event === "delete" ? () => status.id : () => JSON.stringify(renderStatus(ctx, status, undefined)),
    // Mastodon's streaming server drops what the viewer blocks or mutes from public streams.
    accepts: (viewerId) => feedTakes(ctx, viewerId, status),
  };
  const media = status.media_ids.length > 0;
  for (const channel of ["timeline:public", "timeline:public:local"]) {
    hub.publish(channel, everyone, rendered);
    if (media) hub.publish(`${channel}:media`, everyone, rendered);
  }
  for (const tag of status.tags) {
    const name = normalizeHashtag(tag);
    hub.publish(`timeline:hashtag:${name}`, everyone, rendered);
    hub.publish(`timeline:hashtag:${name}:local`, everyone, rendered);
  }
}

function publishConversation(
  ctx: SandboxContext,
  hub: StreamHub,
  status: StatusRecord,
  rendered: Map<string, string | undefined>,
): void {
  if (status.visibility !== "direct" || status.reblog_of_id !== null) return;
  const publication: Publication = {
    event: "conversation",
    payload: (viewerId) => JSON.stringify(renderConversation(ctx, status, viewerId)),
  };
  for (const participant of new Set([status.account_id, ...status.mention_ids])) {
    if (participant !== status.account_id && isBlocked(ctx, participant, status.account_id)) continue;
    hub.publish(`timeline:direct:${participant}`, publication, rendered);
  }
}

function publishNotification(
  ctx: SandboxContext,
  hub: StreamHub,
  notification: NotificationRecord,
  rendered: Map<string, string | undefined>,
): void {
  const channel = `timeline:${notification.account_id}:notifications`;
  if (!hub.hasListeners(channel)) return;
  const entity = renderNotification(ctx, notification);
  if (!entity) return;
  const text = JSON.stringify(entity);
  hub.publish(channel, { event: "notification", payload: () => text }, rendered);
}

/**
 * Whose home feed a status is for: its author, and the followers of its author (for a direct status,
 * only the mentioned ones), each checked by `homeTakes`.
 */
function homeReceivers(ctx: SandboxContext, status: StatusRecord): string[] {
  const followers = ctx.state.follows.lookup("target", status.account_id);
  const receivers = [status.account_id];
  for (const follow of followers) {
    if (status.visibility === "direct" && !status.mention_ids.includes(follow.account_id)) continue;
    if (homeTakes(ctx, follow, status)) receivers.push(follow.account_id);
  }
  return receivers;
}

/** Whether the follower's home feed takes the status (Mastodon's FeedManager filter, in short). */
function homeTakes(ctx: SandboxContext, follow: FollowRecord, status: StatusRecord): boolean {
  const receiverId = follow.account_id;
  if (!feedTakes(ctx, receiverId, status)) return false;
  if (status.reblog_of_id !== null && !follow.show_reblogs) return false;
  if (follow.languages && status.language && !follow.languages.includes(status.language)) return false;
  const repliedTo = status.in_reply_to_account_id;
  if (repliedTo && repliedTo !== status.account_id && repliedTo !== receiverId)
    return isFollowing(ctx, receiverId, repliedTo);
  return true;
}

/** What every feed leaves out: statuses from, mentioning or reblogging accounts the viewer blocks or mutes. */
function feedTakes(ctx: SandboxContext, viewerId: string, status: StatusRecord): boolean {
  const shown = status.reblog_of_id ? ctx.state.statuses.get(status.reblog_of_id) : status;
  const involved = [status.account_id, ...status.mention_ids];
  if (shown && shown !== status) involved.push(shown.account_id, ...shown.mention_ids);
  return !involved.some(
    (id) => id !== viewerId && (isBlocked(ctx, viewerId, id) || isMuted(ctx, viewerId, id)),
  );
}

/** The lists with listeners that hold the status's author. */
function listsFor(ctx: SandboxContext, hub: StreamHub, status: StatusRecord): ListRecord[] {
  if (status.visibility === "direct") return [];
  return ctx.state.lists
    .all()
    .filter(
      (list) => list.account_ids.includes(status.account_id) && hub.hasListeners(`timeline:list:${list.id}`),
    );
}

/** Whether a list's feed takes the status: the feed rules, then the list's replies policy. */
function listTakes(ctx: SandboxContext, list: ListRecord, status: StatusRecord): boolean {
  const ownerId = list.account_id;
  if (!feedTakes(ctx, ownerId, status)) return false;
  const follow = ctx.state.follows
    .lookup("account", ownerId)
    .find((f) => f.target_account_id === status.account_id);
  if (status.reblog_of_id !== null && follow && !follow.show_reblogs) return false;
  const repliedTo = status.in_reply_to_account_id;
  if (!repliedTo || repliedTo === status.account_id) return true;
  switch (list.replies_policy) {
    case "none":
      return false;
    case "list":
      return list.account_ids.includes(repliedTo);
    default:
      return repliedTo === ownerId || isFollowing(ctx, ownerId, repliedTo);
  }
}
