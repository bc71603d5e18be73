/**
 * The twelve streams Mastodon's streaming server offers and what each needs (a tag, a list id),
 * checked when a stream method is called. How each is addressed on either transport is
 * ./stream-addresses.ts (loaded with the transports).
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
