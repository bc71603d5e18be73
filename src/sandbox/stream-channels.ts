/**
 * Who is streaming and what: the token (as Mastodon's streaming server finds it), and each stream name
 * turned into the channels it listens to, with the errors Mastodon's streaming server gives (a 401 for
 * the token and for scopes, a 400 for a missing tag, ...). Channels are named as Mastodon names its
 * Redis channels: `timeline:ID`, `timeline:ID:notifications`, `timeline:public:local:media`,
 * `timeline:hashtag:TAG`, `timeline:list:ID`, `timeline:direct:ID`.
 */
import type { IncomingHttpHeaders } from "node:http";
import { STREAM_NAMES } from "../streaming/stream-names.js";
import type { SandboxContext } from "./context.js";
import type { AccountRecord, TokenRecord } from "./records.js";

/** A refused stream: the HTTP status and the `error` text Mastodon's streaming server sends. */
export class StreamError extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
  }
}

export interface StreamCaller {
  token: TokenRecord;
  account: AccountRecord;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller of a streaming request: the `Authorization` header when there is one, else the
 * `access_token` query parameter, else the `Sec-WebSocket-Protocol` header (where browsers put it).
 * A token without a user (an app's own) is refused as Mastodon refuses it: it joins tokens to users.
 */
export function streamCaller(
  ctx: SandboxContext,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): StreamCaller {
  const authorization = first(headers.authorization);
  const fromElsewhere = query.get("access_token") || first(headers["sec-websocket-protocol"]);
  if (!authorization && !fromElsewhere) throw new StreamError(401, "Missing access token");
  const presented = authorization ? authorization.replace(/^Bearer /, "") : (fromElsewhere ?? "");
  const token = presented.length <= 512 ? ctx.state.tokens.lookup("token", presented)[0] : undefined;
  const account = token?.account_id ? ctx.state.accounts.get(token.account_id) : undefined;
  if (!token || !account) throw new StreamError(401, "Invalid access token");
  return { token, account };
}

export const STREAM_PATHS: Record<string, string> = {
  "/api/v1/streaming/user": "user",
  "/api/v1/streaming/user/notification": "user:notification",
  "/api/v1/streaming/public": "public",
  "/api/v1/streaming/public/local": "public:local",
  "/api/v1/streaming/public/remote": "public:remote",
  "/api/v1/streaming/hashtag": "hashtag",
  "/api/v1/streaming/hashtag/local": "hashtag:local",
  "/api/v1/streaming/direct": "direct",
  "/api/v1/streaming/list": "list",
};

/** The streams anyone may read: Mastodon checks no scope for them. */
const PUBLIC_STREAMS: ReadonlySet<string> = new Set(
  STREAM_NAMES.filter((name) => name.startsWith("public") || name.startsWith("hashtag")),
);

/** Mastodon's truthy query values: anything but empty and its list of false spellings. */
export function isTruthy(value: string | undefined): boolean {
  return !!value && !["0", "f", "F", "false", "FALSE", "off", "OFF"].includes(value);
}

/** A hashtag as streams compare them: NFKC, lower case, accents dropped, only word characters kept. */
export function normalizeHashtag(tag: string): string {
  return tag
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}_\u00b7\u200c]/gu, "");
}

export interface StreamParams {
  tag?: string | undefined;
  list?: string | undefined;
}

export interface ResolvedStream {
  /** The channels to listen to; they identify the subscription (Mastodon joins them with ";"). */
  channels: string[];
  /** The `stream` array of WebSocket events: ["user"], ["hashtag", "cats"], ["list", "42"]. */
  name: string[];
  /** Public statuses pass the viewer's blocks and mutes before delivery; personal channels are already personal. */
  filtered: boolean;
}

/** Checks the token's scopes for a stream (public streams need none). */
function checkScopes(caller: StreamCaller, stream: string): void {
  if (PUBLIC_STREAMS.has(stream)) return;
  const needed = ["read", stream === "user:notification" ? "read:notifications" : "read:statuses"];
  if (!needed.some((scope) => caller.token.scopes.includes(scope)))
    throw new StreamError(401, "Access token does not have the required scopes");
}

/** The channels of a stream, or the StreamError Mastodon gives for it. */
export function resolveStream(
  ctx: SandboxContext,
  caller: StreamCaller,
  stream: string,
  params: StreamParams,
): ResolvedStream {
  checkScopes(caller, stream);
  const me = caller.account.id;
  const scopes = caller.token.scopes;
  switch (stream) {
    case "user": {
      const channels = [`timeline:${me}`];
      // The user stream carries notifications only for a token that may read them.
      if (scopes.includes("read") || scopes.includes("read:notifications"))
        channels.push(`timeline:${me}:notifications`);
      return { channels, name: ["user"], filtered: false };
    }
    case "user:notification":
      return { channels: [`timeline:${me}:notifications`], name: [stream], filtered: false };
    case "public":
    case "public:media":
    case "public:local":
    case "public:local:media":
    case "public:remote":
    case "public:remote:media":
      return { channels: [`timeline:${stream}`], name: [stream], filtered: true };
    case "direct":
      return { channels: [`timeline:direct:${me}`], name: [stream], filtered: false };
    case "hashtag":
    case "hashtag:local": {
      if (!params.tag) throw new StreamError(400, "Missing tag name parameter");
      const suffix = stream === "hashtag:local" ? ":local" : "";
      return {
        channels: [`timeline:hashtag:${normalizeHashtag(params.tag)}${suffix}`],
        name: [stream, params.tag],
        filtered: true,
      };
    }
    case "list": {
      if (!params.list) throw new StreamError(400, "Missing list name parameter");
      const list = ctx.state.lists.get(params.list);
      if (!list || list.account_id !== me) throw new StreamError(401, "Not authorized to stream this list");
      return { channels: [`timeline:list:${list.id}`], name: [stream, params.list], filtered: false };
    }
    default:
      throw new StreamError(400, "Unknown stream type");
  }
}
