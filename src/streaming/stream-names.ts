/**
 * The twelve streams Mastodon's streaming server offers, what each needs (a tag, a list id), and
 * how each is addressed on either transport: an SSE path, or a WebSocket subscribe message.
 */
import { requireString } from "../api/validate.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";

/** Every stream name Mastodon's streaming server knows, as streamMultiple() takes them. */
export const STREAM_NAMES = [
  "user",
  "user:notification",
  "public",
  "public:media",
  "public:local",
  "public:local:media",
  "public:remote",
  "public:remote:media",
  "hashtag",
  "hashtag:local",
  "list",
  "direct",
] as const;

/** A stream of Mastodon's streaming server. */
export type StreamName = (typeof STREAM_NAMES)[number];

/** One stream to subscribe to: its name, and the tag or list id the hashtag and list streams need. */
export type StreamSubscription =
  | {
      /** A stream that needs no parameter: "user", "public:local", "direct", ... */
      stream: Exclude<StreamName, "hashtag" | "hashtag:local" | "list">;
    }
  | {
      /** A hashtag stream, everywhere or this server's statuses only. */
      stream: "hashtag" | "hashtag:local";
      /** The hashtag, with or without "#". */
      tag: string;
    }
  | {
      /** The statuses of one of the user's lists. */
      stream: "list";
      /** The list's id. */
      list: string;
    };

/** A subscription after validation: the name plus its one parameter, if any. */
export interface CheckedSubscription {
  readonly stream: StreamName;
  readonly tag?: string | undefined;
  readonly list?: string | undefined;
  /** Identifies the subscription, and matches the `stream` array Mastodon puts on WebSocket events. */
  readonly key: string;
}

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

/** The key of a `stream` array as Mastodon sends it on WebSocket events: ["hashtag", "cats"]. */
export function streamKey(parts: readonly string[]): string {
  return parts.length === 1 ? (parts[0] ?? "") : parts.join("\u0000");
}

/** Refuses an unknown stream name, or a hashtag/list stream without its tag/list id. */
export function checkSubscription(method: string, subscription: unknown): CheckedSubscription {
  if (subscription === null || typeof subscription !== "object") {
    throw new MastodonIllegalArgumentError(
      `${method}(): each subscription must be an object such as { stream: "user" } or ` +
        `{ stream: "hashtag", tag: "cats" }; got ${String(subscription)}.`,
    );
  }
  const { stream, tag, list } = subscription as { stream?: unknown; tag?: unknown; list?: unknown };
  if (typeof stream !== "string" || !(STREAM_NAMES as readonly string[]).includes(stream)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): stream must be one of ${STREAM_NAMES.map((n) => `"${n}"`).join(", ")}; got ${JSON.stringify(stream) ?? "undefined"}.`,
    );
  }
  const name = stream as StreamName;
  if (name === "hashtag" || name === "hashtag:local") {
    // Mastodon.py strips a leading "#"; the server wants the bare tag.
    const bare = requireString(method, "tag", tag).trim().replace(/^#+/, "");
    if (bare === "") throw new MastodonIllegalArgumentError(`${method}(): tag must not be just "#".`);
    return { stream: name, tag: bare, key: streamKey([name, bare]) };
  }
  if (name === "list") {
    const id = listId(method, list);
    return { stream: name, list: id, key: streamKey([name, id]) };
  }
  if (tag !== undefined || list !== undefined) {
    throw new MastodonIllegalArgumentError(
      `${method}(): only the hashtag and list streams take a tag or list; "${name}" takes neither.`,
    );
  }
  return { stream: name, key: name };
}

function listId(method: string, value: unknown): string {
  const id =
    typeof value === "object" && value !== null && "id" in value ? (value as { id: unknown }).id : value;
  if ((typeof id === "string" && id.trim() !== "") || (typeof id === "number" && Number.isInteger(id)))
    return String(id);
  throw new MastodonIllegalArgumentError(
    `${method}() needs the list's id (a string, or the list itself); got ${JSON.stringify(value) ?? "undefined"}.`,
  );
}

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
