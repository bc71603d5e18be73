/**
 * The HTTP core every method goes through: URL and body encoding, headers, timeouts, rate limits,
 * safe retries, and the mapping of every failure to an error class. Nothing here knows about
 * particular endpoints.
 */

import { TimeoutMarker } from "./attempt-signal.js";
import type { Budget, Budgets } from "./budgets.js";
import { Deadlines } from "./deadlines.js";
import { type BodyEncoding, compact, encodeBody, type Params, toQueryString } from "./encode.js";
import { apiErrorFromResponse, describeUrl, errorDetail } from "./error-factory.js";
import {
  MastodonError,
  MastodonIllegalArgumentError,
  MastodonNetworkError,
  MastodonRatelimitError,
  MastodonReadTimeout,
} from "./errors.js";
import { MAX_RATELIMIT_SLEEP_SECONDS } from "./ratelimit.js";
import { readResult } from "./read-result.js";
import { maskHeaders, maskSecretFields, redact } from "./redact.js";
import { type Hop, isRedirect, nextHop, refuseForeignFollow } from "./redirects.js";
import { BodyBrokeOff } from "./response-body.js";
import {
  backoffSeconds,
  isRetrySafe,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  retryAfterSeconds,
} from "./retry.js";
import { sleep } from "./sleep.js";
import type { Answer, HeaderReader, Transport } from "./transport.js";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The `fetch` option: any function that sends a request as the standard fetch does, given the full
 * URL and the init (method, headers, body, an AbortSignal for the timeout, and redirect "manual":
 * the client follows redirects itself, so it must get 3xx answers as they are). undici's fetch, a
 * proxying or instrumented wrapper, or a test double all fit; the default is the global fetch.
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpConfig {
  baseUrl: string;
  /** The fetch function, for what goes around the core (streaming over SSE, the health check). */
  fetch: FetchLike;
  /** What carries the core's requests: `fetch` above, or undici (see transport.ts). */
  transport: Transport;
  userAgent: string;
  /** Language for server-generated text; read per request since setLanguage() may change it. */
  lang: () => string | undefined;
  timeoutSeconds: number;
  /** Answers larger than this many bytes are refused with MastodonResponseTooLargeError. */
  maxResponseBytes: number;
  retry: RetryPolicy;
  /** The rate-limit budgets; each request spends the one its method and path belong to. */
  limiter: Budgets;
  /** Receives one line per request and response, secrets already masked. */
  debug: ((line: string) => void) | undefined;
  /** The user's access token, if any. */
  token: () => string | undefined;
  /** Every secret currently known, to be masked wherever text leaves the library. */
  secrets: () => Iterable<string | undefined>;
}

export interface RequestOptions {
  method: HttpMethod;
  /** A path below the base URL ("/api/v1/statuses") or an absolute URL on the same server. */
  path: string;
  params?: Params | undefined;
  /** Default: "query" for GET, HEAD and DELETE; "json" otherwise. */
  encoding?: BodyEncoding | undefined;
  /** true (default): the user's token if there is one; false: none; a string: that token. */
  auth?: boolean | string | undefined;
  /** Sent as `Idempotency-Key`; makes a POST safe to retry. */
  idempotencyKey?: string | undefined;
  /** Whether the rate limiter governs this request (default true; OAuth endpoints opt out). */
  ratelimit?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** Secrets this request carries besides the stored credentials (a password, a code), to mask. */
  secrets?: readonly (string | undefined)[] | undefined;
  /** "json" (default) parses the answer; "text" returns it as a string (e.g. `/health`'s "OK"). */
  responseType?: "json" | "text" | undefined;
  /**
   * What an empty body (or JSON `null`) means. "value" (default): the result may not be empty, so
   * such an answer is a MastodonAPIError; "empty": the result is an empty object ({}); "nullable":
   * the result is null.
   */
  result?: ResultKind | undefined;
  /** What the caller expects, for the message when the answer is empty (e.g. "status()'s result"). */
  expected?: string | undefined;
  /**
   * Called before each retry. Resolving to `{ data }` ends the request with that result instead
   * (e.g. a status post finds the status its lost first attempt created).
   */
  beforeRetry?: (() => Promise<{ data: unknown } | undefined>) | undefined;
}

export type ResultKind = "value" | "empty" | "nullable";

export interface HttpResult<T = unknown> {
  data: T;
  status: number;
  headers: HeaderReader;
  url: string;
}

export class HttpClient {
  readonly #deadlines: Deadlines;

  constructor(readonly config: HttpConfig) {
    this.#deadlines = new Deadlines(config.timeoutSeconds);
  }

  /** Builds the absolute URL of a request (query string included for query-encoded params). */
  buildUrl(path: string, query?: Params): string {
    const base = this.config.baseUrl;
    let url: string;
    // Most paths are relative ("/api/v1/..."): the absolute-URL checks run only for the others.
    if (path.charCodeAt(0) !== 0x2f && /^https?:\/\//i.test(path)) {
      let origin: string;
      try {
        origin = new URL(path).origin;
      } catch (cause) {
        throw new MastodonIllegalArgumentError(`"${describeUrl(path)}" is not a valid address.`, { cause });
      }
      if (origin !== new URL(base).origin) {
        throw new MastodonError(
          `Refusing to send the access token to ${origin}, which is not the configured server.`,
        );
      }
      url = path;
    } else {
      url = base + (path.startsWith("/") ? path : `/${path}`);
    }
    const search = query ? toQueryString(query) : "";
    if (!search) return url;
    return url + (url.includes("?") ? "&" : "?") + search;
  }

  async request<T = unknown>(options: RequestOptions): Promise<HttpResult<T>> {
    const method = options.method;
    const params = compact(options.params);
    const encoding =
      options.encoding ?? (method === "GET" || method === "HEAD" || method === "DELETE" ? "query" : "json");
    const lang = this.config.lang();
    // Mastodon takes the locale from a `lang` parameter before the user's own setting (as Mastodon.py sends it).
    const query = encoding === "query" ? params : lang ? {} : undefined;
    // A per-call `lang` parameter wins over the client's language.
    if (lang && query && query.lang === undefined) query.lang = lang;
    const url = this.buildUrl(options.path, query);
    const headers: Record<string, string> = {
      Accept: "application/json",
      "User-Agent": this.config.userAgent,
    };
    const token =
      options.auth === false
        ? undefined
        : typeof options.auth === "string"
          ? options.auth
          : this.config.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (lang) headers["Accept-Language"] = lang;
    if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    let body: string | FormData | undefined;
    if (encoding !== "query" && Object.keys(params).length > 0) {
      const encoded = encodeBody(encoding, params);
      body = encoded.body;
      if (encoded.contentType) headers["Content-Type"] = encoded.contentType;
    }
    const secrets = () => [token, ...(options.secrets ?? []), ...this.config.secrets()];
    const retrySafe = isRetrySafe(method, Boolean(options.idempotencyKey));
    const limited = options.ratelimit !== false;
    const limiter = this.config.limiter.for(method, url);

    for (let attempt = 0; ; ) {
      if (limited && !limiter.tryAcquire()) await limiter.acquire(options.signal);
      // Built only when someone listens: serialising every request's parameters costs time.
      if (this.config.debug) {
        this.log(
          secrets,
          `${method} ${url} ${JSON.stringify(maskSecretFields(params))} ${JSON.stringify(maskHeaders(headers))}`,
        );
      }
      const started = this.config.debug ? Date.now() : 0;
      let response: Answer;
      let text: string;
      let finalUrl: string;
      try {
        ({ response, text, url: finalUrl } = await this.send({ url, method, headers, body }, options.signal));
      } catch (error) {
        if (limited) limiter.settle();
        const failure = this.networkFailure(error, method, url, secrets());
        const retryable =
          failure instanceof MastodonNetworkError && !(failure instanceof MastodonReadTimeout);
        // A timed-out request is not retried: the caller has already waited request_timeout once.
        if (!retryable || !retrySafe || attempt >= this.config.retry.maxRetries) throw failure;
        this.log(secrets, `retrying after: ${failure.message}`);
        await sleep(backoffSeconds(this.config.retry, attempt++), options.signal);
        const settled = await options.beforeRetry?.();
        if (settled) return { data: settled.data as T, status: 200, headers: new Headers(), url };
        continue;
      }
      // Read once: a fetch Response checks its receiver on every read of these.
      const status = response.status;
      const answerHeaders = response.headers;
      if (limited) limiter.settle(answerHeaders);
      if (this.config.debug) {
        this.log(secrets, `-> ${status} ${response.statusText} in ${Date.now() - started} ms`);
      }

      if (status === 429) {
        const wait = limiter.exhausted(answerHeaders);
        if (limiter.method === "throw" || !limited || wait === undefined)
          throw this.ratelimitError(wait, limiter);
        // A reset already in the past (clock trouble) still gets a pause, so a loop cannot hammer the server.
        await sleep(Math.min(Math.max(wait, 1), MAX_RATELIMIT_SLEEP_SECONDS), options.signal);
        continue;
      }
      if (RETRYABLE_STATUSES.has(status) && retrySafe && attempt < this.config.retry.maxRetries) {
        const delay = Math.min(
          retryAfterSeconds(answerHeaders.get("retry-after")) ?? backoffSeconds(this.config.retry, attempt),
          60,
        );
        attempt++;
        this.log(secrets, `retrying in ${delay.toFixed(2)} s`);
        await sleep(delay, options.signal);
        const settled = await options.beforeRetry?.();
        if (settled) return { data: settled.data as T, status: 200, headers: new Headers(), url };
        continue;
      }
      if (status < 200 || status > 299) {
        throw apiErrorFromResponse({
          status,
          reason: response.statusText,
          bodyText: text,
          method,
          url: finalUrl,
          secrets: secrets(),
        });
      }
      const data =
        options.responseType === "text"
          ? text
          : method === "HEAD"
            ? null
            : readResult(text, method, finalUrl, status, options.result, options.expected);
      return { data: data as T, status, headers: answerHeaders, url: finalUrl };
    }
  }

  /**
   * One attempt: send (following redirects by hand, see redirects.ts) and read the whole body, all
   * within request_timeout.
   */
  private async send(
    first: Hop,
    userSignal: AbortSignal | undefined,
  ): Promise<{ response: Answer; text: string; url: string }> {
    // One small signal per attempt, timed by the client's one timer (see deadlines.ts); a signal
    // shared between requests would collect a listener per request.
    const attempt = this.#deadlines.begin();
    const unfollow = userSignal ? attempt.follow(userSignal) : undefined;
    try {
      const transport = this.config.transport;
      let hop = first;
      for (let hops = 0; ; hops++) {
        const response = await transport.send(hop, attempt);
        attempt.answered = true;
        refuseForeignFollow(hop, response);
        const next = isRedirect(response) ? nextHop(hop, response, hops) : undefined;
        if (next) {
          transport.discard(response);
          hop = next;
          continue;
        }
        const text =
          hop.method === "HEAD"
            ? ""
            : await transport.text(response, {
                method: hop.method,
                url: hop.url,
                maxBytes: this.config.maxResponseBytes,
              });
        return { response, text, url: hop.url };
      }
    } catch (error) {
      if (attempt.timeout) throw attempt.timeout;
      throw error;
    } finally {
      this.#deadlines.end(attempt);
      unfollow?.();
    }
  }

  /** Maps a thrown fetch failure to an error class; the caller's own abort is passed through. */
  private networkFailure(
    error: unknown,
    method: string,
    url: string,
    secrets: Iterable<string | undefined>,
  ): Error {
    const where = `${method} ${describeUrl(url)}`;
    if (error instanceof TimeoutMarker) {
      return new MastodonReadTimeout(
        error.answered
          ? `The server began answering ${where} but did not finish within ${error.seconds} s (request_timeout). ` +
              "It may be overloaded; try again later, or raise request_timeout."
          : `No answer to ${where} within ${error.seconds} s (request_timeout). ` +
              "The server may be overloaded or unreachable; try again later, or raise request_timeout.",
      );
    }
    if (error instanceof MastodonError) return error;
    if (error instanceof Error && error.name === "AbortError") return error;
    if (error instanceof BodyBrokeOff) {
      const detail = errorDetail(causeOf(error.cause), secrets);
      return new MastodonNetworkError(
        `The server's answer to ${where} broke off after ${error.bytes} bytes${detail ? ` (${detail})` : ""}. ` +
          "The connection failed part-way; try again.",
        { cause: error.cause },
      );
    }
    const cause = causeOf(error);
    const detail = errorDetail(cause, secrets);
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === "string" && CONNECTION_BROKE.has(code)) {
      return new MastodonNetworkError(
        `The connection to ${describeUrl(url)} broke before an answer to ${method} arrived (${detail}). ` +
          "The server or something in between closed it; try again.",
        { cause: error },
      );
    }
    return new MastodonNetworkError(
      `Could not reach ${describeUrl(url)}${detail ? ` (${detail})` : ""}. ` +
        "Check the server address, that the server is up, and your network connection.",
      { cause: error },
    );
  }

  private ratelimitError(wait: number | undefined, limiter: Budget): MastodonRatelimitError {
    if (wait === undefined) {
      return new MastodonRatelimitError(
        "The server refused the request with 429 Too Many Requests and did not say when to try again " +
          "(no X-RateLimit-Reset or Retry-After header). Slow down and retry in a few minutes.",
        { status: 429 },
      );
    }
    return new MastodonRatelimitError(
      `Rate limit hit (429 Too Many Requests); it resets at ${new Date(limiter.reset * 1000).toISOString()}, ` +
        `in ${Math.ceil(wait)} s. Wait until then, or use ratelimit_method "wait" or "pace" to have mastodon-ts wait.`,
      { reset: limiter.reset, status: 429 },
    );
  }

  private log(secrets: () => Iterable<string | undefined>, line: string): void {
    if (this.config.debug) this.config.debug(redact(`mastodon-ts: ${line}`, secrets()));
  }
}

/** Connection failures after the server accepted the connection: it was reached, it did not answer. */
const CONNECTION_BROKE: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

function causeOf(error: unknown): Error | undefined {
  return error instanceof Error ? ((error.cause as Error | undefined) ?? error) : undefined;
}
