/**
 * The HTTP core every method goes through: URL and body encoding, headers, timeouts, rate limits,
 * safe retries, and the mapping of every failure to an error class. Nothing here knows about
 * particular endpoints.
 */

import { TimeoutMarker } from "./attempt-signal.js";
import type { Budgets } from "./budgets.js";
import { Deadlines } from "./deadlines.js";
import type { BodyEncoding, Params } from "./encode.js";
import { MastodonNetworkError, MastodonReadTimeout } from "./errors.js";
import { outgoingRequest } from "./outgoing-request.js";
import { printable } from "./printable.js";
import { MAX_RATELIMIT_SLEEP_SECONDS } from "./ratelimit.js";
import { ratelimitRefusal } from "./ratelimit-refusal.js";
import { answerResult } from "./read-result.js";
import { maskHeaders, maskSecretFields, redact } from "./redact.js";
import { type Hop, isRedirect, nextHop, refuseForeignFollow } from "./redirects.js";
import {
  backoffSeconds,
  isRetrySafe,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  retryAfterSeconds,
} from "./retry.js";
import { sleep } from "./sleep.js";
import type { Answer, HeaderReader, Transport } from "./transport.js";
import { readTimeout, transportFailure } from "./transport-errors.js";

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

  async request<T = unknown>(options: RequestOptions): Promise<HttpResult<T>> {
    const config = this.config;
    // The first hop as it goes out, shared with createFetchClient (outgoing-request.ts).
    const first = outgoingRequest(options, config.baseUrl, config.userAgent, config.lang(), config.token());
    const { method, url, headers, params, token } = first;
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
        ({ response, text, url: finalUrl } = await this.send(first, options.signal));
      } catch (error) {
        if (limited) limiter.settle();
        const failure =
          error instanceof TimeoutMarker
            ? readTimeout(method, url, error.seconds, error.answered)
            : transportFailure(error, method, url, secrets());
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
        this.log(secrets, `-> ${status} ${printable(response.statusText)} in ${Date.now() - started} ms`);
      }

      if (status === 429) {
        const wait = limiter.exhausted(answerHeaders);
        if (limiter.method === "throw" || !limited || wait === undefined)
          throw ratelimitRefusal(wait, limiter.reset);
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
      return answerResult<T>(options, response, status, answerHeaders, text, finalUrl, secrets);
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
        let next: Hop | undefined;
        try {
          refuseForeignFollow(hop, response);
          next = isRedirect(response) ? nextHop(hop, response, hops) : undefined;
        } catch (refusal) {
          // The answer's body will never be read: let it go, or the undici transport, which takes in
          // what arrives, would keep doing so after the attempt (and its timeout) ended.
          transport.discard(response);
          throw refusal;
        }
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

  private log(secrets: () => Iterable<string | undefined>, line: string): void {
    if (this.config.debug) this.config.debug(redact(`mastodon-ts: ${line}`, secrets()));
  }
}
