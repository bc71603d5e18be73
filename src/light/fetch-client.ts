/**
 * createFetchClient: the small client of mastodon-ts/light. It offers the method implementations
 * the same internal access (`[INTERNAL]`) and settings as the Mastodon class's client does, over
 * one plain `fetch` per request, so that timelineHome, statusPost and streamUser run unchanged on
 * it, with the same requests, results, page cursors and errors for the same answers.
 */
import { INTERNAL, type Internal, type MethodHost } from "../api/internal.js";
import { requestRemembered } from "../api/pagination.js";
import { MastodonError } from "../core/errors.js";
import type { FeatureSet } from "../core/options.js";
import { type FetchClientOptions, type FetchSettings, readFetchOptions } from "./fetch-options.js";
import { fetchRequest } from "./fetch-request.js";

export type { FetchClientOptions } from "./fetch-options.js";

/** A client over plain fetch: see createFetchClient. */
export class FetchClient implements MethodHost {
  /** @internal Access for the method implementations. */
  // Set in the constructor rather than as a getter: a class member keyed by a symbol expression
  // keeps the class in any bundle that includes its file (esbuild cannot tell it is free of
  // effects), which is every app of the bundled mastodon-ts/light, also those on createClient.
  declare readonly [INTERNAL]: Internal;
  readonly #settings: FetchSettings;
  readonly #cache = new Map<string, Promise<unknown>>();
  /** The server's base URL, normalised ("https://host", no trailing slash). */
  readonly apiBaseUrl: string;
  /** The User-Agent header sent: `user_agent`, or "mastodon-ts/<version>". */
  readonly userAgent: string;
  /** Whether http:// to a non-loopback host is permitted (`allow_http`). */
  readonly allowHttp: boolean;
  /** Which server software's extras the methods allow (`feature_set`, default "mainline"). */
  readonly featureSet: FeatureSet;
  /** Always "none": the fetch client never asks the server's version. */
  readonly versionCheckMode = "none" as const;
  /** Seconds before a request is abandoned with MastodonReadTimeout (`request_timeout`, default 300). */
  readonly requestTimeout: number;

  /** @internal Made by createFetchClient. */
  constructor(options: FetchClientOptions) {
    const settings = readFetchOptions(options);
    this.#settings = settings;
    this.apiBaseUrl = settings.apiBaseUrl;
    this.userAgent = settings.userAgent;
    this.allowHttp = settings.allowHttp;
    this.featureSet = settings.featureSet;
    this.requestTimeout = settings.timeoutSeconds;
    const internal: Internal = {
      request: (request) => fetchRequest(settings, request),
      get: (path, params) => requestRemembered(internal, { method: "GET", path, params }),
      // No light function is table-driven yet; the endpoint tables stay out of the bundle.
      call: (name) =>
        Promise.reject(
          new MastodonError(
            `${name}() needs createClient(): the fetch client runs only the functions of mastodon-ts/light.`,
          ),
        ),
      checkVersion: () => Promise.resolve(),
      serverVersion: () => Promise.resolve(undefined),
      // As the class: one GET /api/v2/instance per client, shared (streaming reads its streaming URL).
      sharedInstanceV2: () =>
        internal.cached(
          "instance-v2",
          async () => (await internal.request({ method: "GET", path: "/api/v2/instance" })).data,
        ),
      cached: <T>(key: string, load: () => Promise<T>) => {
        let hit = this.#cache.get(key) as Promise<T> | undefined;
        if (!hit) {
          hit = load();
          this.#cache.set(key, hit);
          // A failure is not kept: the next call asks again.
          hit.catch(() => this.#cache.delete(key));
        }
        return hit;
      },
      featureSet: settings.featureSet,
      fetch: settings.fetch,
      apiBaseUrl: settings.apiBaseUrl,
      // No stream engine here: mastodon-ts/light's streamUser brings it (light/fetch-streams.ts),
      // so that an app that never streams does not bundle it.
    };
    Object.defineProperty(this, INTERNAL, { value: internal });
  }

  /** The access token (a private field: out of enumeration, JSON and console output). */
  get accessToken(): string | undefined {
    return this.#settings.accessToken;
  }

  /** What JSON.stringify shows: `{ api_base_url, logged_in }`, never the token. */
  toJSON(): Record<string, unknown> {
    return { api_base_url: this.apiBaseUrl, logged_in: this.accessToken !== undefined };
  }

  /** Forgets the cached server information (the instance document streaming reads). */
  clearCaches(): void {
    this.#cache.clear();
  }
}

/**
 * A small client for the functions of mastodon-ts/light: one plain `fetch` per request, for apps
 * that count every kilobyte (in a browser bundle, about a quarter of createClient's engine).
 *
 *   import { createFetchClient, timelineHome } from "mastodon-ts/light";
 *   const client = createFetchClient({ access_token: "...", api_base_url: "https://mastodon.social" });
 *   const home = await timelineHome(client);
 *
 * The functions run the same implementations as on createClient and the Mastodon class: the same
 * argument checks, requests (Authorization, Idempotency-Key, encodings), results, page cursors
 * (fetchNext works on its pages) and errors for the same answers (a 404 is MastodonNotFoundError
 * with the same message; the token never appears in one). http:// is refused except to loopback
 * hosts, unless `allow_http`.
 *
 * What it leaves out, and createClient does:
 * - retries: a network failure or a 502/503/504 throws at once (a status post is still sent with
 *   an Idempotency-Key, so that retrying it yourself does not post twice);
 * - rate limits: no budget is kept, no waiting or pacing; a 429 throws MastodonRatelimitError
 *   (as the class with ratelimit_method "throw"); no shared budgets (ratelimit_store);
 * - redirects are followed by fetch itself (the class follows them by hand and refuses to carry
 *   the token or a body to another server; fetch drops Authorization on a cross-origin redirect);
 * - version checks (as version_check_mode "none"), token and credential files (access_token is
 *   the token itself), login flows, token refresh, request logging, the undici transport;
 * - streams run over WebSocket only (the runtime's, `ws` on Node when installed, or the stream's
 *   `websocket` option), with the same reconnects and silence detection, but no SSE, `backfill`
 *   or `checkpoint`: those options throw MastodonIllegalArgumentError.
 * `request_timeout` (default 300 s) bounds each request, body included.
 *
 * Takes these MastodonOptions: api_base_url, access_token, user_agent, request_timeout, fetch,
 * allow_http, lang, feature_set, max_response_bytes (and version_check_mode "none", transport
 * "fetch", retry false, which are what it does anyway). Any other option throws
 * MastodonIllegalArgumentError naming it: use createClient for those.
 */
export function createFetchClient(options: FetchClientOptions): FetchClient {
  return new FetchClient(options);
}
