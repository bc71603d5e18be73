/**
 * The constructor's options: Mastodon.py's `__init__` keywords, plus what a fetch-based client
 * needs (`fetch` instead of `session`, retry settings, `allow_http`).
 */
import type { MastodonStore } from "../stores/types.js";
import type { RatelimitListener } from "./budgets.js";
import type { FetchLike } from "./http.js";
import type { RatelimitMethod } from "./ratelimit.js";
import type { RetryOptions } from "./retry.js";

/**
 * How methods check the server's version before a request (the server is asked once, on first
 * need): "none" (no check), "created" (MastodonVersionError for a method newer than the server) or
 * "changed" (also for a method last changed in a newer version). Servers with their own numbering
 * (GoToSocial) are never refused.
 */
export type VersionCheckMode = "none" | "created" | "changed";
/**
 * Which server software the client talks to, for what goes beyond Mastodon: "mainline" (Mastodon
 * and compatible servers: only Mastodon's media types, visibilities and poll sizes), "fedibird"
 * (quote_id, the "limited" and "mutual" visibilities), "pleroma" (Pleroma and Akkoma: strict
 * content_type, the "local" and "list" visibilities). The forks may also upload other media types
 * and make polls of more than 4 choices.
 */
export type FeatureSet = "mainline" | "fedibird" | "pleroma";

/**
 * The options of `new Mastodon()`: Mastodon.py's `__init__` keywords, plus `fetch`, `retry`,
 * the shared rate limit and `allow_http`. A bad value (an unknown ratelimit_method, a
 * request_timeout that is not positive, a client_id without its secret, credential files for
 * another server) throws MastodonIllegalArgumentError from the constructor.
 */
export interface MastodonOptions {
  /** The server, e.g. "https://mastodon.social" or just "mastodon.social". */
  api_base_url?: string | undefined;
  /** A user access token, or the path of a token file written by logIn({ to_file }). */
  access_token?: string | undefined;
  /** The app's client id, or the path of a file written by createApp({ to_file }). */
  client_id?: string | undefined;
  /** The app's client secret, given with client_id (not needed when client_id is a file's path). */
  client_secret?: string | undefined;
  /** Path of a client credential file (the same as passing the path as client_id). */
  client_credential_file?: string | undefined;
  /** Path of an access token file (the same as passing the path as access_token). */
  access_token_file?: string | undefined;
  /** Print each request and response (secrets masked); or pass a function to receive the lines. */
  debug_requests?: boolean | ((line: string) => void) | undefined;
  /** "wait" (default): sleep when the budget is spent; "throw": fail; "pace": spread requests out. */
  ratelimit_method?: RatelimitMethod | undefined;
  /** With "pace": how much faster than evenly spread to go (default 1.1). */
  ratelimit_pacefactor?: number | undefined;
  /**
   * A store shared by several clients (processes, machines): they then share one rate-limit budget
   * per token (or per `ratelimit_key`), with each of the server's budgets (general, media,
   * deletions) kept apart. fileStore() for one machine, redisStore() from "mastodon-ts/redis" for
   * many. Default: this client's own budget.
   */
  ratelimit_store?: MastodonStore | undefined;
  /**
   * Which budget the clients sharing `ratelimit_store` share. Default: the server and the access token
   * (hashed); give your own key, e.g. "my-ip", to share an IP-wide budget between tokens.
   */
  ratelimit_key?: string | undefined;
  /** Hears when a request waits for a spent budget and when it goes, 429s, and store failures. */
  on_ratelimit?: RatelimitListener | undefined;
  /** Seconds before a request is abandoned with MastodonReadTimeout (default 300). */
  request_timeout?: number | undefined;
  /** Assume this server version instead of asking the server (only used for version checks). */
  mastodon_version?: string | undefined;
  /** "none" (default), "created" or "changed": refuse methods the server is too old for. */
  version_check_mode?: VersionCheckMode | undefined;
  /** Behaviour specific to non-mainline servers. Default "mainline". */
  feature_set?: FeatureSet | undefined;
  /**
   * User-Agent header; default "mastodon-ts/<version>". Sent with every request and SSE stream, and
   * on WebSocket streams where the WebSocket can set headers: the `ws` package (Node 20's default).
   * A standard WebSocket (browsers, Deno, Bun, Node 22+'s global) cannot, so the runtime's own
   * User-Agent goes there instead; pass `websocket: WebSocket` from "ws", or `transport: "sse"`, to
   * send this one on a stream too.
   */
  user_agent?: string | undefined;
  /** Language for server-generated text (validation errors, trends), ISO 639-1 code. */
  lang?: string | undefined;
  /** Any fetch-compatible function (proxies, custom TLS, tests). Default: the global fetch. */
  fetch?: FetchLike | undefined;
  /**
   * What sends the API requests.
   * - "auto" (the default): on Node.js, undici's `dispatch()` on the global dispatcher, which is the
   *   one Node's own fetch sends through (Node carries undici inside: nothing to install). This skips
   *   fetch's Request/Response/stream layers and its AbortController per request, and takes a fifth
   *   to a half less time per request than fetch. Uploads, and a process's first request (Node makes
   *   its dispatcher on its first fetch), go through fetch. Each request goes through fetch while
   *   `globalThis.fetch` is not Node's own (replaced by a request mock such as msw or nock, or a spy
   *   in a test), so that what hooks into fetch still sees every request. With the `fetch` option,
   *   and on every other runtime (browsers, Deno, Bun): fetch.
   * - "fetch": always the `fetch` option, or the global fetch.
   * - "undici" (Node.js): always the global dispatcher, or `dispatcher`.
   *
   * Timeouts, retries, redirects (followed by mastodon-ts itself: never the token or a body to
   * another server), max_response_bytes, compression and the errors thrown are the same on every
   * transport. A proxy or mock set with undici's `setGlobalDispatcher()` applies to all of them, as
   * it does to fetch. Streaming (SSE) and the streaming health check always use fetch.
   */
  transport?: "fetch" | "undici" | "auto" | undefined;
  /**
   * An undici Dispatcher (an Agent with its own connection limits or TLS settings, a ProxyAgent, a
   * MockAgent in tests) for the undici transport; giving one chooses `transport: "undici"`. Not
   * allowed together with `fetch` or `transport: "fetch"`. Default: the global dispatcher (Node's
   * own, or the one set with undici's `setGlobalDispatcher()`).
   */
  dispatcher?: object | undefined;
  /** Retries of network failures and 502/503/504 on requests that are safe to repeat; false to disable. */
  retry?: RetryOptions | false | undefined;
  /**
   * The largest answer, in bytes, the client reads (default 64 MiB, far above any API answer). A
   * larger one is refused with MastodonResponseTooLargeError, which says how big it was, and is not
   * retried. A guard against a broken or hostile server filling the memory.
   */
  max_response_bytes?: number | undefined;
  /** Permit http:// to a non-loopback host (tokens then travel unencrypted). Default false. */
  allow_http?: boolean | undefined;
}

export const DEFAULT_REQUEST_TIMEOUT = 300;
/** 64 MiB: far above any API answer (a page of 40 statuses is well under 1 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_PACEFACTOR = 1.1;
/** The general budget assumed until the server reports its own: Mastodon's 300 requests per window. */
export const DEFAULT_RATELIMIT_LIMIT = 300;
export const RATELIMIT_METHODS: readonly RatelimitMethod[] = ["wait", "throw", "pace"];
export const VERSION_CHECK_MODES: readonly VersionCheckMode[] = ["none", "created", "changed"];
export const FEATURE_SETS: readonly FeatureSet[] = ["mainline", "fedibird", "pleroma"];
