/**
 * The one place where an HTTP failure becomes an error object: status -> class, the server's
 * `error` / `error_description` / `details` kept, and a message that says what to do next.
 */
import {
  MastodonAPIError,
  type MastodonAPIErrorInit,
  MastodonBadGatewayError,
  MastodonForbiddenError,
  MastodonGatewayTimeoutError,
  MastodonGoneError,
  MastodonInternalServerError,
  MastodonNotFoundError,
  MastodonServerError,
  MastodonServiceUnavailableError,
  MastodonUnauthorizedError,
  MastodonUnprocessableEntityError,
} from "./errors.js";
import { printable, quoteServer } from "./printable.js";
import { redact, redactDeep } from "./redact.js";

type ApiErrorClass = new (message: string, init?: MastodonAPIErrorInit) => MastodonAPIError;

const BY_STATUS: Record<number, ApiErrorClass> = {
  401: MastodonUnauthorizedError,
  403: MastodonForbiddenError,
  404: MastodonNotFoundError,
  410: MastodonGoneError,
  422: MastodonUnprocessableEntityError,
  500: MastodonInternalServerError,
  502: MastodonBadGatewayError,
  503: MastodonServiceUnavailableError,
  504: MastodonGatewayTimeoutError,
};

const ADVICE: Record<number, string> = {
  400: "The server rejected the request's parameters; check them against the method's documentation.",
  401:
    "The access token is missing, invalid, expired or revoked. Log in again (authRequestUrl and logIn), " +
    "or create a new token under Preferences > Development on the server.",
  403: "The token lacks a scope this needs, or the account is not allowed to do this (suspended, not an admin, ...).",
  404: "It does not exist, was deleted, or is not visible to this account; the server may also not offer this endpoint.",
  410: "The server no longer offers this; it was removed.",
  422: "The server refused the content; the message above says which part.",
};

function adviceFor(status: number): string {
  if (ADVICE[status]) return ADVICE[status];
  if (status >= 500) return "The server had a problem; try again later.";
  return "";
}

/** Keeps the URL's origin and path: query strings may hold cursors or, on some servers, tokens. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.split("?")[0] ?? url;
  }
}

/** What the server said, parsed from the error body when it is JSON. */
export function readErrorBody(
  text: string,
): Pick<MastodonAPIErrorInit, "error" | "error_description" | "details"> {
  try {
    const data: unknown = JSON.parse(text);
    if (data && typeof data === "object") {
      const record = data as Record<string, unknown>;
      return {
        error: typeof record.error === "string" ? record.error : undefined,
        error_description:
          typeof record.error_description === "string" ? record.error_description : undefined,
        details: record.details,
      };
    }
  } catch {
    // Not JSON (an HTML error page from a proxy, typically); keep nothing from it.
  }
  return {};
}

export interface ErrorContext {
  status: number;
  reason: string;
  bodyText: string;
  method: string;
  url: string;
  secrets: Iterable<string | undefined>;
}

export function apiErrorFromResponse(ctx: ErrorContext): MastodonAPIError {
  const secrets = [...ctx.secrets];
  const said = readErrorBody(ctx.bodyText);
  const ErrorClass = BY_STATUS[ctx.status] ?? (ctx.status >= 500 ? MastodonServerError : MastodonAPIError);
  const serverSays = [said.error, said.error_description].filter(Boolean).join(": ");
  const where = `${ctx.method} ${describeUrl(ctx.url)}`;
  const message = redact(
    `Mastodon API returned error ${ctx.status} ${printable(ctx.reason)}` +
      (serverSays ? `: ${quoteServer(serverSays)}` : "") +
      ` (${where}). ${adviceFor(ctx.status)}`.trimEnd(),
    secrets,
  );
  return new ErrorClass(message, {
    status: ctx.status,
    reason: ctx.reason,
    error: said.error === undefined ? undefined : redact(said.error, secrets),
    error_description:
      said.error_description === undefined ? undefined : redact(said.error_description, secrets),
    details: said.details === undefined ? undefined : redactDeep(said.details, secrets),
    method: ctx.method,
    url: describeUrl(ctx.url),
  });
}

/** An error's code and message, secrets masked, for the text of another error ("" for a non-error). */
export function errorDetail(error: unknown, secrets: Iterable<string | undefined | null>): string {
  if (!(error instanceof Error)) return "";
  return redact(`${(error as { code?: string }).code ?? ""} ${error.message}`.trim(), secrets);
}
