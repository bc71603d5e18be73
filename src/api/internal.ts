/**
 * What hand-written methods (see ./define.ts `CustomMethods`) may use of the client's internals.
 * Keyed by a registered symbol so that it stays out of the documented, autocompleted surface.
 */
import type { FetchLike, HttpResult, RequestOptions } from "../core/http.js";
import type { FeatureSet, VersionCheckMode } from "../core/options.js";
import type { ParsedVersion } from "../core/versions.js";
import type { StreamOptions } from "../streaming/handle.js";
import type { StreamEngineMaker } from "../streaming/stream-parts.js";
import type { EndpointSpec } from "./endpoint.js";

export const INTERNAL: unique symbol = Symbol.for("mastodon-ts.internal") as never;

export interface Internal {
  /** The full request path: token refresh, rate limits, retries, error mapping. */
  request<T = unknown>(options: RequestOptions): Promise<HttpResult<T>>;
  /** GET a path (below the base URL) and remember the result's page cursors. */
  get(path: string, params: Record<string, unknown>): Promise<unknown>;
  /** One table-driven call: argument checks, version check, request, pagination bookkeeping. */
  call(name: string, spec: EndpointSpec, args: readonly unknown[]): Promise<unknown>;
  /** Raises MastodonVersionError per version_check_mode. */
  checkVersion(name: string, since: string | undefined, changed?: string | undefined): Promise<void>;
  /** The server's version, asking the server first if it is not known yet (undefined if asking failed). */
  serverVersion(): Promise<ParsedVersion | undefined>;
  /** GET /api/v2/instance, asked once per client and shared (until clearCaches()). */
  sharedInstanceV2(): Promise<unknown>;
  /** Caches a promise per key until clearCaches(). */
  cached<T>(key: string, load: () => Promise<T>): Promise<T>;
  readonly featureSet: FeatureSet;
  /** The client's fetch function (the `fetch` option, or the platform's), for requests outside the core such as streams. */
  readonly fetch: FetchLike;
  readonly apiBaseUrl: string;
  /**
   * The code that runs this client's streams, loaded when its first stream starts. createFetchClient's
   * client has none until mastodon-ts/light's streamUser gives it one (light/fetch-streams.ts), so
   * that a light app that never streams does not bundle the engine.
   */
  streamEngine?: (() => Promise<StreamEngineMaker>) | undefined;
  /**
   * Refuses (MastodonIllegalArgumentError) stream options this client's engine cannot honour, when
   * a stream method is called; absent when it honours them all.
   */
  checkStreamOptions?: ((method: string, options: StreamOptions) => void) | undefined;
  /**
   * The code that finds a status post after a failed retry (./statuses/post-recovery.ts), loaded
   * on the first post. Only a client that retries needs it: createFetchClient's never retries and
   * has none, so that its bundle leaves that code out.
   */
  postRecovery?: (() => Promise<typeof import("./statuses/post-recovery.js")>) | undefined;
}

/**
 * A client the API method implementations run on: what they read of it. The Mastodon class (and
 * createClient's MastodonBase) has all of it, and so does createFetchClient's FetchClient, so that
 * the functions of mastodon-ts/light take either (see LightClient).
 */
export interface MethodHost {
  /** @internal The request path and caches the methods use; not for applications. */
  readonly [INTERNAL]: Internal;
  /** The server's base URL, normalised ("https://host", no trailing slash). */
  readonly apiBaseUrl: string;
  /** The access token requests are signed with, or undefined when the client has none. */
  readonly accessToken: string | undefined;
  /** The User-Agent header sent. */
  readonly userAgent: string;
  /** Whether http:// to a non-loopback host is permitted (`allow_http`). */
  readonly allowHttp: boolean;
  /** Which server software's extras the methods allow (`feature_set`). */
  readonly featureSet: FeatureSet;
  /** Whether methods refuse servers too old for them (`version_check_mode`). */
  readonly versionCheckMode: VersionCheckMode;
  /** Seconds before a request is abandoned with MastodonReadTimeout (`request_timeout`). */
  readonly requestTimeout: number;
}
