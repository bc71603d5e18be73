/**
 * The stream methods: Mastodon.py's stream_user, stream_public, stream_local, stream_hashtag,
 * stream_list, stream_direct and stream_healthy, plus streamUserNotification (the one stream
 * Mastodon.py has no method for) and streamMultiple (several streams on one WebSocket).
 * Each checks its arguments at once (throwing MastodonIllegalArgumentError before any request) and
 * returns a running StreamHandle; connecting happens in the background.
 */
import type { CustomMethods, NoOptions } from "../api/define.js";
import type { IdLike } from "../api/endpoint.js";
import { INTERNAL, type MethodHost } from "../api/internal.js";
import { optionalOneOf, requireOptions } from "../api/validate.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import { isStore } from "../stores/types.js";
import { StreamHandle, type StreamOptions, type StreamTransport } from "./handle.js";
import type { StreamListener } from "./listener.js";
import { checkSubscription, type StreamSubscription } from "./stream-names.js";

/** Options of streamPublic: which part of the federated timeline. */
export interface StreamPublicOptions extends StreamOptions {
  /** Only statuses from this server (stream "public:local"). */
  local?: boolean | undefined;
  /** Only statuses from other servers (stream "public:remote", Mastodon 3.1.4). */
  remote?: boolean | undefined;
  /** Only statuses with media attachments (the ":media" streams, Mastodon 2.4.0). */
  only_media?: boolean | undefined;
}

/** Options of streamLocal. */
export interface StreamLocalOptions extends StreamOptions {
  /** Only statuses with media attachments ("public:local:media"). */
  only_media?: boolean | undefined;
}

/** Options of streamHashtag. */
export interface StreamHashtagOptions extends StreamOptions {
  /** Only statuses from this server ("hashtag:local"). */
  local?: boolean | undefined;
}

/** Options of streamHealthy. */
export interface StreamHealthyOptions {
  /** The streaming server's address, instead of the one the server advertises. */
  streaming_base_url?: string | undefined;
}

/** A stream method's row in the type map: it starts the stream at once and returns its handle. */
type StreamRow<Args extends readonly unknown[], Options extends object> = {
  args: Args;
  options: Options;
  result: StreamHandle;
  sync: true;
};

/*
 * What every stream method shares, said once here and referred to by each row's comment:
 * - It returns a running StreamHandle at once; connecting happens in the background. Events go to
 *   `listener` (a StreamListener, or a CallbackStreamListener built from Mastodon.py's handler
 *   names); without one, read them with `for await (const event of handle)`.
 * - Arguments and options are checked before anything is sent: a wrong one throws
 *   MastodonIllegalArgumentError synchronously (options passed in the listener's place included).
 * - What stops the stream for good (a refused token, a server too old for the stream under
 *   version_check_mode, reconnect_async: false after a drop) goes to the listener's onAbort and
 *   rejects `handle.done`; what it survives (a malformed event, a failed backfill, a callback that
 *   threw) goes to onError.
 */
export type StreamingMethodTypes = {
  /**
   * Streams the logged-in user's home timeline and notifications (stream "user"): events update,
   * delete, notification, status.update, filters_changed, conversation, announcement,
   * announcement.reaction, announcement.delete and notifications_merged.
   *
   * Needs a user token with `read:statuses` (and `read:notifications` for its notifications).
   * Mastodon 1.1.0, last changed 1.4.2. https://docs.joinmastodon.org/methods/streaming/#user
   *
   * @param listener - receives the events (onUpdate, onNotification, ...); leave it out to read them
   *   with `for await`.
   * @param options - transport, reconnects, `backfill` of what was missed while disconnected,
   *   `checkpoint` and `exclusive` for bots that must not miss or repeat a mention (see StreamOptions).
   * @returns the running StreamHandle; close() it when done.
   * @throws MastodonIllegalArgumentError at once for a listener or option of the wrong kind. A
   *   refused token (MastodonUnauthorizedError) stops the stream: onAbort, and `handle.done` rejects.
   */
  streamUser: StreamRow<[listener?: StreamListener], StreamOptions>;
  /**
   * Streams only the logged-in user's notifications (stream "user:notification": notification
   * events), the lighter stream for a bot that answers mentions. Mastodon.py has no method for it.
   *
   * Needs `read:notifications`. Mastodon 1.4.2.
   * https://docs.joinmastodon.org/methods/streaming/#notification
   *
   * @param listener - receives the events (onNotification); leave it out to use `for await`.
   * @param options - as streamUser (see StreamOptions); `backfill` fetches missed notifications.
   * @returns the running StreamHandle.
   * @throws MastodonIllegalArgumentError at once for a bad argument; a refused token stops the stream.
   */
  streamUserNotification: StreamRow<[listener?: StreamListener], StreamOptions>;
  /**
   * Streams the federated timeline (stream "public"): public statuses from this server and the ones
   * it knows. `local` narrows it to this server ("public:local"), `remote` to the others
   * ("public:remote", Mastodon 3.1.4), `only_media` to statuses with media (":media", Mastodon 2.4.0).
   * Events: update, delete, status.update.
   *
   * Mastodon 1.1.0, last changed 1.4.2. https://docs.joinmastodon.org/methods/streaming/#public
   *
   * @param listener - receives the events; leave it out to use `for await`.
   * @param options - `local`, `remote`, `only_media` and the StreamOptions.
   * @returns the running StreamHandle.
   * @throws MastodonIllegalArgumentError at once when `local` and `remote` are both true, or for a
   *   bad argument. Since Mastodon 4.2 the server may require a user token (401 stops the stream).
   */
  streamPublic: StreamRow<[listener?: StreamListener], StreamPublicOptions>;
  /**
   * Streams the local timeline: public statuses from this server's users (stream "public:local",
   * or "public:local:media" with `only_media`). The same as streamPublic with `local: true`.
   *
   * Mastodon 1.1.0, last changed 1.4.2. https://docs.joinmastodon.org/methods/streaming/#public-local
   *
   * @param listener - receives the events (onUpdate, onDelete, onStatusUpdate); or use `for await`.
   * @param options - `only_media` and the StreamOptions.
   * @returns the running StreamHandle.
   * @throws MastodonIllegalArgumentError at once for a bad argument.
   */
  streamLocal: StreamRow<[listener?: StreamListener], StreamLocalOptions>;
  /**
   * Streams public statuses with a hashtag (stream "hashtag", or "hashtag:local" with `local`).
   *
   * Mastodon 1.1.0, last changed 1.4.2. https://docs.joinmastodon.org/methods/streaming/#hashtag
   *
   * @param tag - the hashtag, with or without "#" ("cats" or "#cats").
   * @param listener - receives the events (onUpdate, onDelete, onStatusUpdate); or use `for await`.
   * @param options - `local` and the StreamOptions.
   * @returns the running StreamHandle.
   * @throws MastodonIllegalArgumentError at once for a missing tag or a bad argument.
   */
  streamHashtag: StreamRow<[tag: string, listener?: StreamListener], StreamHashtagOptions>;
  /**
   * Streams the statuses of one of the logged-in user's lists (stream "list").
   *
   * Needs `read:lists`. Mastodon 2.1.0. https://docs.joinmastodon.org/methods/streaming/#list
   *
   * @param id - the list's id, or the list itself.
   * @param listener - receives the events (onUpdate, onDelete, onStatusUpdate); or use `for await`.
   * @param options - the StreamOptions.
   * @returns the running StreamHandle.
   * @throws MastodonIllegalArgumentError at once without an id. A list the server refuses (not the
   *   user's) is reported to the listener's onError or onAbort.
   */
  streamList: StreamRow<[id: IdLike, listener?: StreamListener], StreamOptions>;
  /**
   * Streams the logged-in user's direct conversations (stream "direct": conversation events).
   *
   * Needs `read:statuses`. Mastodon 2.6.0. https://docs.joinmastodon.org/methods/streaming/#direct
   *
   * @param listener - receives the events (onConversation); or use `for await`.
   * @param options - the StreamOptions.
   * @returns the running StreamHandle.
   * @throws MastodonIllegalArgumentError at once for a bad argument; a refused token stops the stream.
   */
  streamDirect: StreamRow<[listener?: StreamListener], StreamOptions>;
  /**
   * Several streams on one connection: one WebSocket with a subscribe message per stream (one SSE
   * response per stream where WebSocket is unavailable). Each event's `stream` says where it came
   * from; `handle.subscribe()` and `handle.unsubscribe()` change the set while it runs.
   *
   * Mastodon 1.1.0; several streams on one WebSocket since 3.3.0.
   * https://docs.joinmastodon.org/methods/streaming/#websocket
   *
   * @param subscriptions - one or more of `{ stream: "user" }`, `{ stream: "hashtag", tag: "cats" }`,
   *   `{ stream: "list", list: "42" }`, ... (the names in STREAM_NAMES).
   * @param listener - receives the events of all of them; or use `for await`.
   * @param options - the StreamOptions.
   * @returns the running StreamHandle.
   * @throws MastodonIllegalArgumentError at once for no subscription, an unknown stream name, or a
   *   hashtag or list stream without its tag or list. A subscription the server refuses goes to onError.
   */
  streamMultiple: StreamRow<
    [subscriptions: StreamSubscription | readonly StreamSubscription[], listener?: StreamListener],
    StreamOptions
  >;
  /**
   * Whether the streaming server says it is healthy: GET /api/v1/streaming/health answers "OK".
   * Tries the streaming address the server advertises, then the API's own address.
   *
   * No token needed. Mastodon 2.5.0. https://docs.joinmastodon.org/methods/streaming/#health
   *
   * @param options - `streaming_base_url` to ask another address.
   * @returns true when the server answers "OK", false for any other successful answer.
   * @throws MastodonNetworkError when no address can be reached; a MastodonAPIError (by status) when
   *   the server answers with an error; MastodonVersionError on a server older than 2.5.0 (per
   *   version_check_mode).
   */
  streamHealthy: { args: []; options: StreamHealthyOptions | NoOptions; result: boolean };
};

/** streamHealthy's request, loaded on its first call. */
const healthCode = /* @__PURE__ */ loadOnFirstUse("streamHealthy", () => import("./health.js"));

const TRANSPORTS: readonly StreamTransport[] = ["auto", "websocket", "sse"];

/** The options object, checked to be one. */
function optionsOf<T>(method: string, options: unknown): T {
  requireOptions(method, options);
  return (options ?? {}) as T;
}

/**
 * Every option name a stream method takes. An object in the listener's place with one of these as a
 * plain value is options passed one argument too early (`streamPublic({ transport: "sse" })`).
 */
const OPTION_NAMES: ReadonlySet<string> = new Set([
  "run_async",
  "timeout",
  "reconnect_async",
  "reconnect_async_wait_sec",
  "reconnect_max_wait_sec",
  "transport",
  "websocket",
  "backfill",
  "backfill_limit",
  "max_event_bytes",
  "access_token_in_query",
  "streaming_base_url",
  "local",
  "remote",
  "only_media",
  "checkpoint",
  "exclusive",
  "lease_seconds",
]);

/** Refuses options given where the listener goes: they would be ignored without a word. */
function refuseOptionsAsListener(method: string, listener: object): void {
  const record = listener as Record<string, unknown>;
  const found = Object.keys(record).filter(
    (key) => OPTION_NAMES.has(key) && typeof record[key] !== "function",
  );
  if (found.length === 0) return;
  const before = method === "streamHashtag" ? "tag, " : method === "streamList" ? "id, " : "";
  throw new MastodonIllegalArgumentError(
    `${method}(): the listener argument holds options (${found.join(", ")}), which would be ignored there. ` +
      `Options come after the listener: ${method}(${before}listener, { ${found[0]}: ... }), or ` +
      `${method}(${before}undefined, { ${found[0]}: ... }) to read the stream with \`for await\`.`,
  );
}

/** Refuses a listener that is not an object, and options of the wrong type, naming the method. */
function checkCall(method: string, listener: unknown, options: unknown): StreamOptions {
  if (listener !== undefined && (listener === null || typeof listener !== "object")) {
    throw new MastodonIllegalArgumentError(
      `${method}(): the listener must be an object with callbacks such as onUpdate (or a CallbackStreamListener); ` +
        `got ${typeof listener === "function" ? "a function" : String(listener)}. Leave it out to use \`for await\`.`,
    );
  }
  if (listener !== undefined) refuseOptionsAsListener(method, listener);
  const opts = optionsOf<StreamOptions & Record<string, unknown>>(method, options);
  for (const key of ["backfill_limit", "max_event_bytes"] as const) {
    const value = opts[key];
    if (value !== undefined && (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0)) {
      throw new MastodonIllegalArgumentError(
        `${method}(): ${key} must be a positive whole number; got ${JSON.stringify(value)}.`,
      );
    }
  }
  for (const key of ["timeout", "reconnect_async_wait_sec", "reconnect_max_wait_sec"] as const) {
    const value = opts[key];
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
      throw new MastodonIllegalArgumentError(
        `${method}(): ${key} must be a positive number of seconds; got ${JSON.stringify(value)}.`,
      );
    }
  }
  optionalOneOf(method, "transport", opts.transport, TRANSPORTS);
  checkDurableOptions(method, listener, opts);
  if (opts.websocket !== undefined && typeof opts.websocket !== "function") {
    throw new MastodonIllegalArgumentError(`${method}(): websocket must be a WebSocket constructor.`);
  }
  if (
    opts.streaming_base_url !== undefined &&
    !/^(https?|wss?):\/\/[^/]/i.test(String(opts.streaming_base_url))
  ) {
    throw new MastodonIllegalArgumentError(
      `${method}(): streaming_base_url must be an http(s):// or ws(s):// URL; got ${JSON.stringify(opts.streaming_base_url)}.`,
    );
  }
  return opts;
}

/** `checkpoint` needs a store, backfill and a listener; `exclusive` needs `checkpoint`. */
function checkDurableOptions(method: string, listener: unknown, opts: StreamOptions): void {
  const fail = (text: string): never => {
    throw new MastodonIllegalArgumentError(`${method}(): ${text}`);
  };
  if (opts.checkpoint !== undefined) {
    if (!isStore(opts.checkpoint)) {
      fail(
        "checkpoint must be a store: memoryStore() or fileStore(path) from mastodon-ts, or redisStore() from mastodon-ts/redis.",
      );
    }
    if (opts.backfill !== true) fail("checkpoint resumes through backfill: pass backfill: true as well.");
    if (listener === undefined) {
      fail(
        "checkpoint saves what a listener has finished handling: pass a listener (for await has no end of handling to wait for).",
      );
    }
  }
  if (opts.exclusive !== undefined && typeof opts.exclusive !== "boolean")
    fail("exclusive must be true or false.");
  if (opts.exclusive === true && opts.checkpoint === undefined) {
    fail("exclusive: true needs checkpoint: store, where the lease and the progress are kept for the fleet.");
  }
  const lease = opts.lease_seconds;
  if (lease !== undefined && (typeof lease !== "number" || !Number.isFinite(lease) || lease < 1)) {
    fail(`lease_seconds must be a number of seconds, at least 1; got ${JSON.stringify(lease)}.`);
  }
}

function start(
  api: MethodHost,
  method: string,
  versions: { since: string; changed: string },
  subscriptions: readonly StreamSubscription[],
  listener: StreamListener | undefined,
  options: unknown,
): StreamHandle {
  const checkedOptions = checkCall(method, listener, options);
  api[INTERNAL].checkStreamOptions?.(method, checkedOptions);
  const checked = subscriptions.map((s) => checkSubscription(method, s));
  return new StreamHandle({
    method,
    ...versions,
    api,
    subscriptions: checked,
    listener,
    options: checkedOptions,
  });
}

/**
 * Streams the user's home timeline and notifications (events update, delete, notification,
 * filters_changed, announcement*, status.update, conversation). Returns the running handle.
 * Its own export so that mastodon-ts/light can take it alone; the class's streamUser is this function.
 * https://docs.joinmastodon.org/methods/streaming/#user (Mastodon 1.1.0; last changed in 1.4.2)
 */
export function streamUser(
  this: MethodHost,
  listener?: StreamListener,
  options?: StreamOptions,
): StreamHandle {
  return start(
    this,
    "streamUser",
    { since: "1.1.0", changed: "1.4.2" },
    [{ stream: "user" }],
    listener,
    options,
  );
}

export const streamingMethods = {
  streamUser,

  /**
   * Streams only the user's notifications (stream "user:notification"; Mastodon.py has no method for it).
   * https://docs.joinmastodon.org/methods/streaming/#notification (Mastodon 1.4.2)
   */
  streamUserNotification(listener, options) {
    return start(
      this,
      "streamUserNotification",
      { since: "1.4.2", changed: "1.4.2" },
      [{ stream: "user:notification" }],
      listener,
      options,
    );
  },

  /**
   * Streams the federated timeline; `local` or `remote` narrow it to this server or the others,
   * `only_media` to statuses with media. Needs a user token since Mastodon 4.2.
   * https://docs.joinmastodon.org/methods/streaming/#public (Mastodon 1.1.0; last changed in 1.4.2)
   */
  streamPublic(listener, options = {}) {
    const method = "streamPublic";
    const opts = optionsOf<StreamPublicOptions>(method, options);
    if (opts.local === true && opts.remote === true) {
      throw new MastodonIllegalArgumentError(
        `${method}(): local and remote exclude each other; pass one of them (or neither for the whole federated timeline).`,
      );
    }
    const base = opts.local === true ? "public:local" : opts.remote === true ? "public:remote" : "public";
    const stream = (opts.only_media === true ? `${base}:media` : base) as StreamSubscription["stream"];
    const since = opts.remote === true ? "3.1.4" : opts.only_media === true ? "2.4.0" : "1.1.0";
    const { local: _l, remote: _r, only_media: _m, ...rest } = opts;
    return start(
      this,
      method,
      { since, changed: "1.4.2" },
      [{ stream } as StreamSubscription],
      listener,
      rest,
    );
  },

  /**
   * Streams the local timeline (statuses from this server); the same as streamPublic with local: true.
   * https://docs.joinmastodon.org/methods/streaming/#public-local (Mastodon 1.1.0; last changed in 1.4.2)
   */
  streamLocal(listener, options = {}) {
    const method = "streamLocal";
    const opts = optionsOf<StreamLocalOptions>(method, options);
    const stream = opts.only_media === true ? "public:local:media" : "public:local";
    const { only_media: _m, ...rest } = opts;
    return start(this, method, { since: "1.1.0", changed: "1.4.2" }, [{ stream }], listener, rest);
  },

  /**
   * Streams public statuses with a hashtag (given with or without "#"); `local` for this server only.
   * https://docs.joinmastodon.org/methods/streaming/#hashtag (Mastodon 1.1.0; last changed in 1.4.2)
   */
  streamHashtag(tag, listener, options = {}) {
    const method = "streamHashtag";
    const opts = optionsOf<StreamHashtagOptions>(method, options);
    const stream = opts.local === true ? "hashtag:local" : "hashtag";
    const { local: _l, ...rest } = opts;
    return start(this, method, { since: "1.1.0", changed: "1.4.2" }, [{ stream, tag }], listener, rest);
  },

  /**
   * Streams the statuses of one of the user's lists (a list id, or the list itself).
   * https://docs.joinmastodon.org/methods/streaming/#list (Mastodon 2.1.0)
   */
  streamList(id, listener, options) {
    const list = (typeof id === "object" && id !== null ? id.id : id) as string;
    if (id === undefined || id === null || list === undefined) {
      throw new MastodonIllegalArgumentError(
        "streamList() needs the list's id (a string, or the list itself).",
      );
    }
    return start(
      this,
      "streamList",
      { since: "2.1.0", changed: "2.1.0" },
      [{ stream: "list", list }],
      listener,
      options,
    );
  },

  /**
   * Streams the user's direct conversations (conversation events).
   * https://docs.joinmastodon.org/methods/streaming/#direct (Mastodon 2.6.0)
   */
  streamDirect(listener, options) {
    return start(
      this,
      "streamDirect",
      { since: "2.6.0", changed: "2.6.0" },
      [{ stream: "direct" }],
      listener,
      options,
    );
  },

  /**
   * Several streams on one connection: one WebSocket with a subscribe message per stream (or one SSE
   * response per stream where WebSocket is unavailable). Each event's `stream` says where it came from.
   * `handle.subscribe()` / `unsubscribe()` change the set later.
   * https://docs.joinmastodon.org/methods/streaming/#websocket (Mastodon 3.3.0 for multiplexing)
   */
  streamMultiple(subscriptions, listener, options) {
    const list = Array.isArray(subscriptions) ? subscriptions : [subscriptions];
    if (list.length === 0) {
      throw new MastodonIllegalArgumentError(
        'streamMultiple() needs at least one subscription, e.g. [{ stream: "user" }, { stream: "hashtag", tag: "cats" }].',
      );
    }
    return start(this, "streamMultiple", { since: "1.1.0", changed: "3.3.0" }, list, listener, options);
  },

  /**
   * Whether the streaming server says it is healthy (GET /api/v1/streaming/health answers "OK").
   * https://docs.joinmastodon.org/methods/streaming/#health (Mastodon 2.5.0)
   */
  async streamHealthy(options = {}) {
    const method = "streamHealthy";
    const opts = optionsOf<StreamHealthyOptions>(method, options);
    return (await healthCode()).streamingHealth(this, opts);
  },
} satisfies CustomMethods<StreamingMethodTypes>;
