/**
 * What a route handler gives back, and the errors it throws. An `ApiError` carries exactly the status
 * and JSON body Mastodon sends for the same failure, so a client sees the sandbox fail as a real server
 * would.
 */

export interface Reply {
  status: number;
  /** JSON-serialised unless `raw` is set. */
  body: unknown;
  headers?: Record<string, string>;
  /** A body sent as it is (HTML pages, plain text), with its content type in `headers`. */
  raw?: string | Uint8Array;
  /** The handler writes the response itself (a server-sent event stream). */
  stream?: (res: import("node:http").ServerResponse, req: import("node:http").IncomingMessage) => void;
}

export function ok(body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

export function html(page: string, status = 200): Reply {
  return { status, body: null, raw: page, headers: { "content-type": "text/html; charset=utf-8" } };
}

export function redirect(location: string): Reply {
  return { status: 302, body: null, raw: "", headers: { location } };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === "string" ? body.error : `HTTP ${status}`);
  }
}

/** 404 with Mastodon's body. */
export function notFound(): ApiError {
  return new ApiError(404, { error: "Record not found" });
}

/** 401 with Mastodon's body, for a missing, unknown or revoked token. */
export function invalidToken(): ApiError {
  return new ApiError(401, { error: "The access token is invalid" });
}

/** 403 for a token whose scopes do not cover the route. */
export function outsideScopes(): ApiError {
  return new ApiError(403, { error: "This action is outside the authorized scopes" });
}

/** 403 for an action the account may not take (another's status, a blocked account, ...). */
export function forbidden(): ApiError {
  return new ApiError(403, { error: "This action is not allowed" });
}

/**
 * 422 as Rails' validation failure gives it: `Validation failed: Text can't be blank`, with `details`
 * per field when given (`{ text: [{ error: "ERR_BLANK", description: "can't be blank" }] }`).
 */
export function validationFailed(
  message: string,
  details?: Record<string, { error: string; description: string }[]>,
): ApiError {
  return new ApiError(
    422,
    details
      ? { error: `Validation failed: ${message}`, details }
      : {
          error: `Validation failed: ${message}`,
        },
  );
}

/** 422 with a message of its own (Mastodon's non-validation refusals). */
export function unprocessable(message: string): ApiError {
  return new ApiError(422, { error: message });
}

/** 400 for a missing or malformed parameter, as Rails' ParameterMissing gives it. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, { error: message });
}
