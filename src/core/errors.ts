/**
 * The error classes, named as in Mastodon.py so that ported code catches the same things.
 *
 * `instanceof` is answered by a brand stored under a registered symbol rather than by the
 * prototype chain, so that an error thrown by one installed copy of mastodon-ts is recognised by
 * another copy (two versions side by side in node_modules is common in bot projects).
 */

const BRAND = Symbol.for("mastodon-ts.error-lineage");

type Branded = { [BRAND]?: readonly string[] };

/**
 * The library's class names along a class's prototype chain, nearest first. Classes a user derives
 * (without an own `errorName`) are skipped: they answer `instanceof` by the prototype chain.
 */
function lineageOf(ctor: unknown): string[] {
  const names: string[] = [];
  for (let current = ctor; typeof current === "function"; current = Object.getPrototypeOf(current)) {
    if (Object.hasOwn(current, "errorName")) names.push((current as unknown as ErrorClass).errorName);
  }
  return names;
}

/** What `err.name` says: the class's own name, also for a class a user derives. */
function nameOf(ctor: unknown, lineage: readonly string[]): string {
  if (typeof ctor === "function" && !Object.hasOwn(ctor, "errorName") && ctor.name) return ctor.name;
  return lineage[0] ?? "MastodonError";
}

interface ErrorClass {
  readonly errorName: string;
}

/** The root of every error mastodon-ts throws. */
export class MastodonError extends Error {
  /**
   * The class's name as every installed copy of mastodon-ts knows it: what `instanceof` compares,
   * so that an error from another copy is still recognised.
   */
  static readonly errorName: string = "MastodonError";
  /** The error class's name, e.g. "MastodonNotFoundError" (a class you derive: its own name). */
  override name = "MastodonError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const lineage = lineageOf(new.target);
    Object.defineProperty(this, BRAND, { value: lineage, enumerable: false });
    this.name = nameOf(new.target, lineage);
  }

  /**
   * `error instanceof MastodonNotFoundError` (or any class here) is true for an error of that class
   * or a subclass, also when another installed copy of mastodon-ts threw it.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class tested against, which may be a subclass.
    const tested = this as unknown as ErrorClass;
    const lineage = (value as Branded)[BRAND];
    // A user's own subclass exists in one copy only: the prototype chain answers for it.
    if (Array.isArray(lineage) && Object.hasOwn(tested, "errorName")) {
      return lineage.includes(tested.errorName);
    }
    return Function.prototype[Symbol.hasInstance].call(tested, value);
  }
}

/** A parameter was missing, malformed or contradictory; fix the call, retrying will not help. */
export class MastodonIllegalArgumentError extends MastodonError {
  static override readonly errorName: string = "MastodonIllegalArgumentError";
}

/** Reading or writing something outside the process failed (files, the network). */
export class MastodonIOError extends MastodonError {
  static override readonly errorName: string = "MastodonIOError";
}

/** A file the call needed (credentials, media) does not exist or cannot be read. */
export class MastodonFileNotFoundError extends MastodonIOError {
  static override readonly errorName: string = "MastodonFileNotFoundError";
}

/** The server could not be reached, or the connection broke before an answer arrived. */
export class MastodonNetworkError extends MastodonIOError {
  static override readonly errorName: string = "MastodonNetworkError";
}

/** The server did not answer within `request_timeout` seconds. */
export class MastodonReadTimeout extends MastodonNetworkError {
  static override readonly errorName: string = "MastodonReadTimeout";
}

/** What the server said when it refused a request. */
export interface MastodonAPIErrorInit {
  /** The HTTP status code, e.g. 422. */
  status?: number | undefined;
  /** The HTTP reason phrase, e.g. "Unprocessable Entity". */
  reason?: string | undefined;
  /** The server's `error` field. */
  error?: string | undefined;
  /** The server's `error_description` field. */
  error_description?: string | undefined;
  /** Per-field validation errors, as the server sent them. */
  details?: unknown;
  /** The request method, e.g. "POST". */
  method?: string | undefined;
  /** The request URL, without its query string (it may carry secrets). */
  url?: string | undefined;
  /** The error that led to this one, kept as the standard `cause`. */
  cause?: unknown;
}

/** The server answered with an error status. */
export class MastodonAPIError extends MastodonError {
  static override readonly errorName: string = "MastodonAPIError";
  /** HTTP status code, e.g. 422. Absent for failures detected by the client (e.g. missing scopes). */
  readonly status: number | undefined;
  /** HTTP reason phrase, e.g. "Unprocessable Entity". */
  readonly reason: string | undefined;
  /** The server's `error` field: a short message or an OAuth error code such as `invalid_grant`. */
  readonly error: string | undefined;
  /** The server's `error_description` (OAuth endpoints send one). */
  readonly error_description: string | undefined;
  /** Per-field validation errors, where the server gives them (e.g. account registration). */
  readonly details: unknown;
  /** The request method that failed, e.g. "POST". */
  readonly method: string | undefined;
  /** The request URL that failed, without its query string. */
  readonly url: string | undefined;

  constructor(message: string, init: MastodonAPIErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.reason = init.reason;
    this.error = init.error;
    this.error_description = init.error_description;
    this.details = init.details;
    this.method = init.method;
    this.url = init.url;
  }
}

/**
 * The server's answer was larger than `max_response_bytes`. Not retried: asking again would bring
 * the same answer. `bytes` is its size when the server declared it (Content-Length), else undefined
 * (reading stopped at the cap).
 */
export class MastodonResponseTooLargeError extends MastodonAPIError {
  static override readonly errorName: string = "MastodonResponseTooLargeError";
  /** The answer's size in bytes when the server declared it (Content-Length), else undefined. */
  readonly bytes: number | undefined;
  /** The cap that was exceeded: the client's `max_response_bytes` option. */
  readonly max_response_bytes: number;

  constructor(
    message: string,
    init: MastodonAPIErrorInit & { bytes?: number | undefined; max_response_bytes: number },
  ) {
    super(message, init);
    this.bytes = init.bytes;
    this.max_response_bytes = init.max_response_bytes;
  }
}

/** 401: the access token is missing, wrong, expired or revoked. */
export class MastodonUnauthorizedError extends MastodonAPIError {
  static override readonly errorName: string = "MastodonUnauthorizedError";
}

/** 403: the token lacks a scope or the account may not do this. */
export class MastodonForbiddenError extends MastodonAPIError {
  static override readonly errorName: string = "MastodonForbiddenError";
}

/** 404: the thing does not exist, or is not visible to this account. */
export class MastodonNotFoundError extends MastodonAPIError {
  static override readonly errorName: string = "MastodonNotFoundError";
}

/** 410: the endpoint or resource has been removed from this server. */
export class MastodonGoneError extends MastodonAPIError {
  static override readonly errorName: string = "MastodonGoneError";
}

/** 422: the server understood the request but rejected its content (validation failed). */
export class MastodonUnprocessableEntityError extends MastodonAPIError {
  static override readonly errorName: string = "MastodonUnprocessableEntityError";
}

/** 5xx: the server failed; usually temporary. */
export class MastodonServerError extends MastodonAPIError {
  static override readonly errorName: string = "MastodonServerError";
}

/** 500 */
export class MastodonInternalServerError extends MastodonServerError {
  static override readonly errorName: string = "MastodonInternalServerError";
}

/** 502 */
export class MastodonBadGatewayError extends MastodonServerError {
  static override readonly errorName: string = "MastodonBadGatewayError";
}

/** 503 */
export class MastodonServiceUnavailableError extends MastodonServerError {
  static override readonly errorName: string = "MastodonServiceUnavailableError";
}

/** 504 */
export class MastodonGatewayTimeoutError extends MastodonServerError {
  static override readonly errorName: string = "MastodonGatewayTimeoutError";
}

/** The rate limit is exhausted (`ratelimit_method: "throw"`), or the server refused with 429. */
export class MastodonRatelimitError extends MastodonError {
  static override readonly errorName: string = "MastodonRatelimitError";
  /** When the limit resets, as seconds since the epoch on the local clock; undefined if unknown. */
  readonly reset: number | undefined;
  /** 429 when the server refused, undefined when the client stopped before sending. */
  readonly status: number | undefined;

  constructor(message: string, init: { reset?: number | undefined; status?: number | undefined } = {}) {
    super(message);
    this.reset = init.reset;
    this.status = init.status;
  }

  /** The reset time as a Date, or undefined if the server did not say. */
  get resetDate(): Date | undefined {
    return this.reset === undefined ? undefined : new Date(this.reset * 1000);
  }
}

/** A streaming event could not be parsed; the stream itself carries on. */
export class MastodonMalformedEventError extends MastodonError {
  static override readonly errorName: string = "MastodonMalformedEventError";
}

/** The server's version is too old for the method (with `version_check_mode` other than "none"). */
export class MastodonVersionError extends MastodonError {
  static override readonly errorName: string = "MastodonVersionError";
}

/**
 * Logging in failed: the server refused the grant (`invalid_grant`, `unsupported_grant_type`, ...)
 * or it cannot work with what was given. A MastodonIllegalArgumentError, as in Mastodon.py, with the
 * server's answer kept and a message that explains the likely cause and what to do instead.
 */
export class MastodonLoginError extends MastodonIllegalArgumentError {
  static override readonly errorName: string = "MastodonLoginError";
  /** The HTTP status of the token endpoint's refusal (usually 400 or 401), if it answered. */
  readonly status: number | undefined;
  /** The OAuth error code, e.g. "invalid_grant" (a used or expired code, a wrong password). */
  readonly error: string | undefined;
  /** The server's explanation of the OAuth error, when it gave one. */
  readonly error_description: string | undefined;
  /** The OAuth grant that was attempted: "authorization_code", "password", "refresh_token", ... */
  readonly grant_type: string;

  constructor(
    message: string,
    init: {
      grant_type: string;
      status?: number | undefined;
      error?: string | undefined;
      error_description?: string | undefined;
      cause?: unknown;
    },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.grant_type = init.grant_type;
    this.status = init.status;
    this.error = init.error;
    this.error_description = init.error_description;
  }
}
