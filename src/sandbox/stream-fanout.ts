/**
 * Where each sandbox event goes, as Mastodon's fan-out decides it. A stream gets what the matching
 * timeline holds (timeline-feeds.ts decides both, so REST and streams agree):
 * - a new status (`update`) or an edit (`status.update`) reaches the home (user) stream of its author
 *   and of each follower whose home feed takes it (blocks, mutes, hidden reblogs, replies to
 *   strangers and followed languages leave it out); a direct status reaches only mentioned followers;
 * - public statuses (not unlisted, not reblogs) go to the public streams, local ones and the ":media"
 *   ones when they carry media, and to the stream of each of their hashtags;
 * - the lists that hold the author get it, by the list's replies policy;
 * - a direct status is a `conversation` event on each participant's direct stream;
 * - a deletion is a `delete` with the id on the same streams; a notification goes to its recipient.
 */
import type { SandboxContext } from "./context.js";
import type { SandboxEvent } from "./events.js";
import type { ListRecord, NotificationRecord, StatusRecord } from "./records.js";
import { renderNotification } from "./render/notification.js";
import { renderStatus } from "./render/status.js";
import { normalizeHashtag } from "./stream-channels.js";
import type { Publication, StreamHub } from "./stream-hub.js";
import { renderConversation } from "./stream-render.js";
import {
  type Feed,
  homeFeed,
  listFeed,
  publicFeed,
  tagFeed,
  type Viewer,
  viewerOf,
} from "./timeline-feeds.js";
import { canSee, isBlocked } from "./visibility.js";

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

/** A status event's payload: the bare id for a delete, else the status as the viewer sees it. */
function statusPayload(
  ctx: SandboxContext,
  status: StatusRecord,
  event: StatusEvent,
  viewerId: string | undefined,
): string {
  return event === "delete" ? status.id : JSON.stringify(renderStatus(ctx, status, viewerId));
}

function publishStatus(
  ctx: SandboxContext,
  hub: StreamHub,
  status: StatusRecord,
  event: StatusEvent,
  rendered: Map<string, string | undefined>,
): void {
  const personal: Publication = { event, payload: (viewerId) => statusPayload(ctx, status, event, viewerId) };
  // A deleted status is judged as it was: it is gone from the state, but the same rules say where it went.
  const visibleTo = (viewerId: string) => event === "delete" || canSee(ctx, viewerId, status);
  for (const receiverId of homeCandidates(ctx, status)) {
    const channel = `timeline:${receiverId}`;
    if (!hub.hasListeners(channel) || !visibleTo(receiverId)) continue;
    if (homeFeed(ctx, viewerOf(ctx, receiverId)).keep(status)) hub.publish(channel, personal, rendered);
  }
  for (const list of listsFor(ctx, hub, status)) {
    if (!visibleTo(list.account_id)) continue;
    if (listFeed(ctx, viewerOf(ctx, list.account_id), list).keep(status))
      hub.publish(`timeline:list:${list.id}`, personal, rendered);
  }
  publishPublic(ctx, hub, status, event, rendered);
}

/**
 * The public and hashtag streams take what the public and hashtag timelines hold (public statuses,
 * no boosts; public ones no replies to others), rendered as a visitor sees them, and each viewer
 * is spared the accounts they block or mute.
 */
function publishPublic(
  ctx: SandboxContext,
  hub: StreamHub,
  status: StatusRecord,
  event: StatusEvent,
  rendered: Map<string, string | undefined>,
): void {
  const payload = () => statusPayload(ctx, status, event, undefined);
  const publish = (channel: string, feed: (viewer: Viewer | undefined) => Feed) => {
    if (!hub.hasListeners(channel) || !feed(undefined).keep(status)) return;
    const accepts = (viewerId: string) => feed(viewerOf(ctx, viewerId)).keep(status);
    hub.publish(channel, { event, shared: true, payload, accepts }, rendered);
  };
  for (const onlyMedia of [false, true]) {
    const filter = { local: false, remote: false, onlyMedia };
    const suffix = onlyMedia ? ":media" : "";
    publish(`timeline:public${suffix}`, (viewer) => publicFeed(ctx, viewer, filter));
    publish(`timeline:public:local${suffix}`, (viewer) =>
      publicFeed(ctx, viewer, { ...filter, local: true }),
    );
  }
  for (const tag of status.tags) {
    const name = normalizeHashtag(tag);
    const filter = { local: false, remote: false, onlyMedia: false, any: [tag], all: [], none: [] };
    publish(`timeline:hashtag:${name}`, (viewer) => tagFeed(ctx, viewer, filter));
    publish(`timeline:hashtag:${name}:local`, (viewer) => tagFeed(ctx, viewer, { ...filter, local: true }));
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
  let text: string;
  try {
    text = JSON.stringify(renderNotification(ctx, notification));
  } catch {
    return; // Its account is gone: nothing to show.
  }
  hub.publish(channel, { event: "notification", payload: () => text }, rendered);
}

/** The author and their followers: whose home feed may take a status of theirs. */
function homeCandidates(ctx: SandboxContext, status: StatusRecord): string[] {
  return [
    status.account_id,
    ...ctx.state.follows.lookup("target", status.account_id).map((f) => f.account_id),
  ];
}

/** The lists someone streams that hold the status's author (found from the open streams, not all lists). */
function listsFor(ctx: SandboxContext, hub: StreamHub, status: StatusRecord): ListRecord[] {
  const prefix = "timeline:list:";
  return hub.channelsStartingWith(prefix).flatMap((channel) => {
    const list = ctx.state.lists.get(channel.slice(prefix.length));
    return list?.account_ids.includes(status.account_id) ? [list] : [];
  });
}
