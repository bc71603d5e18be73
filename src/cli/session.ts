/**
 * Running a request with resolved credentials, with a refused token explained in the command line's
 * terms (which account, and how to log in again) instead of the library's.
 */

import { MastodonUnauthorizedError } from "../core/errors.js";
import { quoteServer } from "../core/printable.js";
import type { Mastodon } from "../mastodon.js";
import type { Values } from "./command.js";
import { type Credentials, clientFor } from "./credentials.js";
import { authError } from "./exit-codes.js";

export function describeSource(creds: Credentials): string {
  if (creds.source === "config") return `the account "${creds.account}" from the config file`;
  if (creds.source === "environment") return "MASTODON_ACCESS_TOKEN";
  return "the token given on the command line";
}

export async function withClient<T>(
  creds: Credentials,
  values: Values,
  work: (api: Mastodon) => Promise<T>,
): Promise<T> {
  const api = clientFor(creds, values as { timeout?: string; "allow-http"?: boolean });
  try {
    return await work(api);
  } catch (error) {
    if (error instanceof MastodonUnauthorizedError) {
      throw authError(
        `${creds.api_base_url} refused ${describeSource(creds)}: the access token is invalid, expired or revoked` +
          // Quoted: the server's words may be long or hold control characters.
          `${error.error ? ` (the server said: ${quoteServer(error.error)})` : ""}. Log in again: ` +
          `\`mastodon-ts login --instance ${creds.api_base_url}\`` +
          (creds.source === "environment"
            ? ", then update MASTODON_ACCESS_TOKEN (mastodon-ts credentials --env)."
            : "."),
        error,
      );
    }
    throw error;
  }
}
