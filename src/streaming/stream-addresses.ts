/**
 * How each stream is addressed on either transport: an SSE path, or a WebSocket subscribe message.
 * Apart from ./stream-names.ts (checked when a stream method is called) because only the
 * transports, which load when a stream connects, need it.
 */
import type { CheckedSubscription, StreamName } from "./stream-names.js";

/** The SSE path of each stream (media variants add only_media=true to their base stream's path). */
const SSE_PATHS: Record<StreamName, string> = {
  user: "/api/v1/streaming/user",
  "user:notification": "/api/v1/streaming/user/notification",
  public: "/api/v1/streaming/public",
  "public:media": "/api/v1/streaming/public",
  "public:local": "/api/v1/streaming/public/local",
  "public:local:media": "/api/v1/streaming/public/local",
  "public:remote": "/api/v1/streaming/public/remote",
  "public:remote:media": "/api/v1/streaming/public/remote",
  hashtag: "/api/v1/streaming/hashtag",
  "hashtag:local": "/api/v1/streaming/hashtag/local",
  list: "/api/v1/streaming/list",
  direct: "/api/v1/streaming/direct",
};

/** The SSE path and query of a subscription, e.g. "/api/v1/streaming/hashtag?tag=cats". */
export function ssePath(subscription: CheckedSubscription): string {
  const query = new URLSearchParams();
  if (subscription.stream.endsWith(":media")) query.set("only_media", "true");
  if (subscription.tag !== undefined) query.set("tag", subscription.tag);
  if (subscription.list !== undefined) query.set("list", subscription.list);
  const search = query.toString();
  return SSE_PATHS[subscription.stream] + (search ? `?${search}` : "");
}

/** The WebSocket message that starts (or ends) a subscription. */
export function subscribeMessage(
  type: "subscribe" | "unsubscribe",
  subscription: CheckedSubscription,
): string {
  const message: Record<string, string> = { type, stream: subscription.stream };
  if (subscription.tag !== undefined) message.tag = subscription.tag;
  if (subscription.list !== undefined) message.list = subscription.list;
  return JSON.stringify(message);
}
