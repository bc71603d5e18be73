/**
 * The state every Mastodon instance holds (server, credentials, rate limits, server version) and
 * the request path every method takes. Auth and API methods are layered on top in ../mastodon.ts.
 */
import { readAccessTokenFile, readClientCredentialFile } from "../auth/credential-files.js";
import { credentialValue } from "../auth/credential-value.js";
import { isStore } from "../stores/types.js";
import { normaliseBaseUrl, protocolize } from "./base-url.js";
import { MastodonIllegalArgumentError, MastodonVersionError } from "./errors.js";
import type { FetchLike, HttpClient, HttpResult, RequestOptions } from "./http.js";
import { loadOnFirstUse } from "./load-on-first-use.js";
import { isExistingFile } from "./node-fs.js";
import { byteCount, DEFAULT_USER_AGENT, defaultFetch, oneOf, positiveNumber } from "./option-checks.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_PACEFACTOR,
  DEFAULT_RATELIMIT_LIMIT,
  DEFAULT_REQUEST_TIMEOUT,
  FEATURE_SETS,
  type FeatureSet,
  type MastodonOptions,
  RATELIMIT_METHODS,
  VERSION_CHECK_MODES,
  type VersionCheckMode,
} from "./options.js";
import type { RatelimitMethod, RatelimitWindow } from "./ratelimit.js";
import type { BudgetSettings, RequestPathSettings } from "./request-path.js";
import { resolveRetryPolicy } from "./retry.js";
import { transportChoice } from "./transport-choice.js";
import { compareVersions, formatVersion, type ParsedVersion, parseRequiredVersion } from "./versions.js";

export { DEFAULT_USER_AGENT } from "./option-checks.js";

/** The HTTP core and transport, loaded on the first request of any client (see request-path.ts). */
const requestPathCode = loadOnFirstUse("the request path", () => import("./request-path.js"));

/** Where the information about the server's version came from. */
export interface ServerVersionState {
  /** The parsed version, undefined until known. */
  parsed: ParsedVersion | undefined;
  /** Whether the last attempt to ask the server worked. */
  worked: boolean | undefined;
  /** Whether the version was asked for (or given as mastodon_version). */
  tried: boolean;
  /** `api_versions` from /api/v2/instance (Mastodon 4.3+), e.g. { mastodon: 2 }. */
  apiVersions: Record<string, number>;
}

export class MastodonClient {
  /** The server's base URL, normalised ("https://host", no trailing slash). */
  readonly apiBaseUrl: string;
  /** Which server software's extras the methods allow: the `feature_set` option, default "mainline". */
  readonly featureSet: FeatureSet;
  /** Whether methods refuse servers too old for them: the `version_check_mode` option, default "none". */
  readonly versionCheckMode: VersionCheckMode;
  /** The User-Agent header sent: `user_agent`, the client file's app name, or DEFAULT_USER_AGENT. */
  readonly userAgent: string;
  /** Seconds before a request is abandoned with MastodonReadTimeout: `request_timeout`, default 300. */
  readonly requestTimeout: number;
  /** Whether http:// to a non-loopback host is permitted: the `allow_http` option, default false. */
  readonly allowHttp: boolean;
  /** Language for server-generated text; change with setLanguage(). */
  lang: string | undefined;

  #clientId: string | undefined;
  #clientSecret: string | undefined;
  #accessToken: string | undefined;
  #refreshToken: string | undefined;
  #tokenExpiresAt: number | undefined;
  /** Internal: the fetch function (the `fetch` option or the global one), for what goes around the core. */
  protected readonly fetchFunction: FetchLike;
  /** The HTTP core, made on the first request; until then, what it will be made from. */
  #http: HttpClient | undefined;
  readonly #requestPath: RequestPathSettings;
  /** The general budget as the rate-limit attributes show it before the first request made the budgets. */
  #firstLook: RatelimitWindow | undefined;
  /** Internal: what is known of the server's version. */
  protected readonly version: ServerVersionState = {
    parsed: undefined,
    worked: undefined,
    tried: false,
    apiVersions: {},
  };
  /** Internal: results cached per instance (server info, instance), cleared by clearCaches(). */
  protected cache = new Map<string, Promise<unknown>>();
  private versionLookup: Promise<void> | undefined;

  constructor(options: MastodonOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new MastodonIllegalArgumentError(
        'new Mastodon() takes one options object, e.g. new Mastodon({ access_token, api_base_url: "https://mastodon.social" }).',
      );
    }
    this.allowHttp = options.allow_http === true;
    let baseUrl = options.api_base_url === undefined ? undefined : protocolize(options.api_base_url);
    let userAgent = options.user_agent;
    const adopt = (fromFile: string | undefined, path: string) => {
      if (!fromFile) return;
      const url = protocolize(fromFile);
      if (baseUrl !== undefined && url !== baseUrl) {
        throw new MastodonIllegalArgumentError(
          `The credential file "${path}" is for ${url}, but api_base_url is ${baseUrl}. ` +
            "Use the file that belongs to this server, or leave out api_base_url to use the file's.",
        );
      }
      baseUrl = url;
    };

    let clientId = options.client_id;
    let clientSecret = options.client_secret;
    const clientFile =
      options.client_credential_file ?? (clientId && isExistingFile(clientId) ? clientId : undefined);
    if (clientFile !== undefined) {
      const file = readClientCredentialFile(clientFile);
      clientId = file.client_id;
      clientSecret = file.client_secret;
      adopt(file.api_base_url, clientFile);
      userAgent ??= file.client_name;
    } else if (clientId !== undefined && clientSecret === undefined) {
      throw new MastodonIllegalArgumentError(
        "client_id was given without client_secret (and is not the path of a credential file); pass both.",
      );
    }

    let accessToken = options.access_token;
    const tokenFile =
      options.access_token_file ?? (accessToken && isExistingFile(accessToken) ? accessToken : undefined);
    if (tokenFile !== undefined) {
      const file = readAccessTokenFile(tokenFile);
      accessToken = file.access_token;
      adopt(file.api_base_url, tokenFile);
      if (clientId === undefined && file.client_id) {
        clientId = file.client_id;
        clientSecret = file.client_secret;
      }
    }

    this.apiBaseUrl = normaliseBaseUrl(baseUrl, this.allowHttp);
    // The setters' check: a line break or NUL would fail every request with a misleading network
    // error, and shift the lines of a credential file written from this client.
    this.#clientId = credentialValue("client_id", clientId);
    this.#clientSecret = credentialValue("client_secret", clientSecret);
    this.#accessToken = credentialValue("access_token", accessToken);
    this.userAgent = userAgent ?? DEFAULT_USER_AGENT;
    this.lang = options.lang;
    this.featureSet = oneOf(options.feature_set, FEATURE_SETS, "mainline", "feature_set");
    this.versionCheckMode = oneOf(
      options.version_check_mode,
      VERSION_CHECK_MODES,
      "none",
      "version_check_mode",
    );
    const method = oneOf(options.ratelimit_method, RATELIMIT_METHODS, "wait", "ratelimit_method");
    const pacefactor = positiveNumber(
      options.ratelimit_pacefactor,
      DEFAULT_PACEFACTOR,
      "ratelimit_pacefactor",
    );
    this.requestTimeout = positiveNumber(options.request_timeout, DEFAULT_REQUEST_TIMEOUT, "request_timeout");
    const budgets = this.#budgetSettings(options, method, pacefactor);
    if (options.mastodon_version !== undefined) this.setAssumedVersion(options.mastodon_version);

    const debug = options.debug_requests;
    const fetch = options.fetch ?? defaultFetch();
    const transport = transportChoice(options);
    this.fetchFunction = fetch;
    this.#requestPath = {
      baseUrl: this.apiBaseUrl,
      fetch,
      transport,
      userAgent: this.userAgent,
      lang: () => this.lang,
      timeoutSeconds: this.requestTimeout,
      maxResponseBytes: byteCount(
        options.max_response_bytes,
        DEFAULT_MAX_RESPONSE_BYTES,
        "max_response_bytes",
      ),
      retry: resolveRetryPolicy(options.retry),
      budgets,
      debug: typeof debug === "function" ? debug : debug ? (line) => console.error(line) : undefined,
      token: () => this.#accessToken,
      secrets: () => [this.#accessToken, this.#clientSecret, this.#refreshToken],
    };
  }

  // --- credentials: readable, but kept out of enumeration, JSON and console output ---

  /** The registered app's client id, or undefined when the client has none. */
  get clientId(): string | undefined {
    return this.#clientId;
  }
  /** The registered app's client secret, or undefined. Never printed or serialised. */
  get clientSecret(): string | undefined {
    return this.#clientSecret;
  }
  /** The access token requests are signed with, or undefined when the client has none. */
  get accessToken(): string | undefined {
    return this.#accessToken;
  }
  /** The refresh token from the last logIn, if the server issued one. */
  get refreshToken(): string | undefined {
    return this.#refreshToken;
  }
  /** When the access token expires (ms since the epoch), if the server said. */
  get tokenExpiresAt(): number | undefined {
    return this.#tokenExpiresAt;
  }

  /** Internal: replaces the credentials (after logIn, createApp, revocation). */
  protected setCredentials(update: {
    clientId?: string | undefined;
    clientSecret?: string | undefined;
    accessToken?: string | undefined;
    refreshToken?: string | undefined;
    tokenExpiresAt?: number | undefined;
  }): void {
    if ("clientId" in update) this.#clientId = update.clientId;
    if ("clientSecret" in update) this.#clientSecret = update.clientSecret;
    if ("accessToken" in update) this.#accessToken = update.accessToken;
    if ("refreshToken" in update) this.#refreshToken = update.refreshToken;
    if ("tokenExpiresAt" in update) this.#tokenExpiresAt = update.tokenExpiresAt;
  }

  /**
   * What JSON.stringify shows of a client: `{ api_base_url, logged_in }`, never a token or secret
   * (they are private fields, so they cannot leak through logs or serialised objects either).
   */
  toJSON(): Record<string, unknown> {
    return { api_base_url: this.apiBaseUrl, logged_in: this.#accessToken !== undefined };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Mastodon { api_base_url: '${this.apiBaseUrl}', logged_in: ${this.#accessToken !== undefined} }`;
  }

  /**
   * What the budgets (one per server budget: general, media, deletions) are made of on the first
   * request, shared through `ratelimit_store` if given; a bad store or key is refused here.
   */
  #budgetSettings(options: MastodonOptions, method: RatelimitMethod, pacefactor: number): BudgetSettings {
    const settings = {
      method,
      pacefactor,
      onRatelimit: options.on_ratelimit,
      firstLook: () => this.#firstLook,
      store: undefined,
    };
    const store = options.ratelimit_store;
    if (store === undefined) return settings;
    if (!isStore(store)) {
      throw new MastodonIllegalArgumentError(
        "ratelimit_store must be a store: memoryStore() or fileStore(path) from mastodon-ts, or redisStore() from mastodon-ts/redis.",
      );
    }
    const key = options.ratelimit_key;
    if (key !== undefined && (typeof key !== "string" || key === "")) {
      throw new MastodonIllegalArgumentError("ratelimit_key must be a non-empty string.");
    }
    return {
      ...settings,
      store,
      keyFor: () => key ?? `${this.apiBaseUrl} ${this.#accessToken ?? "(no token)"}`,
    };
  }

  /** The general budget; before the first request made it, its first state (kept for it). */
  get #general(): RatelimitWindow {
    const made = this.#http?.config.limiter.general;
    if (made !== undefined) return made;
    this.#firstLook ??= {
      method: this.#requestPath.budgets.method,
      pacefactor: this.#requestPath.budgets.pacefactor,
      limit: DEFAULT_RATELIMIT_LIMIT,
      remaining: DEFAULT_RATELIMIT_LIMIT,
      reset: Date.now() / 1000,
      lastcall: Date.now() / 1000,
    };
    return this.#firstLook;
  }

  // --- rate limit state, as Mastodon.py's attributes ---

  /** What a request does when the budget is spent: the `ratelimit_method` option, default "wait". */
  get ratelimitMethod(): RatelimitMethod {
    return this.#general.method;
  }
  /** With "pace", how much faster than evenly spread requests go: `ratelimit_pacefactor`, default 1.1. */
  get ratelimitPacefactor(): number {
    return this.#general.pacefactor;
  }
  /** Requests allowed per window, as last reported by the server. */
  get ratelimitLimit(): number {
    return this.#general.limit;
  }
  /** Requests left in the current window (less those sent since the last report). */
  get ratelimitRemaining(): number {
    return this.#general.remaining;
  }
  /** When the window resets, in seconds since the epoch, corrected for the server's clock. */
  get ratelimitReset(): number {
    return this.#general.reset;
  }
  /** When rate-limit information last arrived, in seconds since the epoch. */
  get ratelimitLastcall(): number {
    return this.#general.lastcall;
  }

  /** Sets the language for server-generated text (ISO 639-1 code), as Mastodon.py's set_language. */
  setLanguage(lang: string | undefined): void {
    this.lang = lang;
  }

  /** Forgets cached server information (instance, OAuth server metadata). */
  clearCaches(): void {
    this.cache.clear();
  }

  // --- versions ---

  protected setAssumedVersion(version: string): void {
    try {
      const triple = parseRequiredVersion(version);
      this.version.parsed = { ...triple, software: "mastodon", comparable: true, raw: version };
    } catch {
      throw new MastodonVersionError(`mastodon_version "${version}" is not a version number like "4.3.0".`);
    }
    this.version.tried = true;
  }

  /** Internal: caches a promise per key; a failure is not cached. */
  protected cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  /**
   * Internal: raises MastodonVersionError when version_check_mode says the server is too old for
   * a method. `since` is the version that added it, `changed` the last that changed it.
   */
  protected async checkVersion(
    name: string,
    since: string | undefined,
    changed: string | undefined,
  ): Promise<void> {
    if (this.versionCheckMode === "none") return;
    const needed = this.versionCheckMode === "changed" ? (changed ?? since) : since;
    if (!needed) return;
    if (!this.version.tried) {
      // Calls made at the same moment share one look-up.
      this.versionLookup ??= this.loadServerVersion().finally(() => {
        this.versionLookup = undefined;
      });
      await this.versionLookup;
    }
    const server = this.version.parsed;
    // Forks with their own numbering (GoToSocial) cannot be compared with Mastodon releases.
    if (!server?.comparable) return;
    const required = parseRequiredVersion(needed);
    if (compareVersions(server, required) < 0) {
      const verb = this.versionCheckMode === "changed" ? "was last changed in" : "needs";
      throw new MastodonVersionError(
        `${name}() ${verb} Mastodon ${formatVersion(required)}${verb === "needs" ? " or newer" : ""}, but the server ` +
          `runs ${formatVersion(server)}${server.raw !== formatVersion(server) ? ` ("${server.raw}")` : ""}. ` +
          'Use a newer server, or pass version_check_mode: "none" to try anyway.',
      );
    }
  }

  /** Internal: asks the server for its version; defined by the versions layer. */
  protected async loadServerVersion(): Promise<void> {
    this.version.tried = true;
  }

  /**
   * Internal: the request path of every method: refreshes an expired token first, then sends.
   */
  // Not async: a request with a valid token goes straight to the core, without a promise of its own.
  protected apiRequest<T = unknown>(options: RequestOptions): Promise<HttpResult<T>> {
    if (options.auth !== false && this.#tokenExpiresAt !== undefined && Date.now() >= this.#tokenExpiresAt) {
      return this.refreshExpiredToken().then(() => this.#send<T>(options));
    }
    return this.#send<T>(options);
  }

  /** Sends through the HTTP core, loading it on the first request (a failed load is retried on the next). */
  #send<T>(options: RequestOptions): Promise<HttpResult<T>> {
    if (this.#http !== undefined) return this.#http.request<T>(options);
    return requestPathCode().then(({ startRequestPath }) => {
      this.#http ??= startRequestPath(this.#requestPath);
      return this.#http.request<T>(options);
    });
  }

  /** Internal: renews an expired token with the refresh token; defined by the auth layer. */
  protected async refreshExpiredToken(): Promise<void> {}
}
