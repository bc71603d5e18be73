/**
 * Exit codes, so that a script can tell what went wrong without parsing messages, and the mapping
 * of every error the library throws to one of them.
 */
import { MastodonMediaTimeoutError } from "../api/media/errors.js";
import {
  MastodonAPIError,
  MastodonFileNotFoundError,
  MastodonForbiddenError,
  MastodonIllegalArgumentError,
  MastodonLoginError,
  MastodonNetworkError,
  MastodonRatelimitError,
  MastodonServerError,
  MastodonUnauthorizedError,
} from "../core/errors.js";

export const EXIT = {
  ok: 0,
  /** Anything not covered below (a local file could not be written, a bug). */
  failure: 1,
  /** The command line is wrong: unknown command or flag, bad value, missing argument. */
  usage: 2,
  /** Not logged in, token refused (invalid, expired, revoked), login refused or declined, missing scopes. */
  auth: 3,
  /** The server could not be reached, or did not answer in time. */
  network: 4,
  /** The server failed (5xx), is rate limiting, did not finish processing media in time, or is not Mastodon's API. */
  server: 5,
  /** The server refused the request itself (404 not found, 422 validation failed, ...). */
  refused: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What `--help` says about exit codes. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  other failure (e.g. a local file could not be written)
  2  usage error: unknown command or flag, bad value, missing argument
  3  authentication: not logged in, token refused/expired/revoked, login refused or declined
  4  network: the server could not be reached or did not answer in time
  5  server error: 5xx, rate limited, media still processing, or not a Mastodon API
  6  request refused by the server: not found, validation failed, ...`;

/** An error the CLI itself raises, with its exit code and a message that says what to do. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
export const authError = (message: string, cause?: unknown) =>
  new CliError(message, EXIT.auth, cause === undefined ? undefined : { cause });

/** The exit code for any error. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (
    error instanceof MastodonLoginError ||
    error instanceof MastodonUnauthorizedError ||
    error instanceof MastodonForbiddenError
  )
    return EXIT.auth;
  if (error instanceof MastodonNetworkError) return EXIT.network;
  if (
    error instanceof MastodonServerError ||
    error instanceof MastodonRatelimitError ||
    error instanceof MastodonMediaTimeoutError
  )
    return EXIT.server;
  if (error instanceof MastodonAPIError) return error.status === undefined ? EXIT.server : EXIT.refused;
  if (error instanceof MastodonFileNotFoundError || error instanceof MastodonIllegalArgumentError) {
    return EXIT.usage;
  }
  return EXIT.failure;
}
