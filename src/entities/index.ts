/**
 * Types of the JSON the Mastodon API returns. Almost everything is generated from Mastodon.py's
 * entity description (see scripts/gen-entities.ts); the few types below are hand-written because
 * Mastodon.py does not describe them as entities but the OAuth code needs them.
 */

import type { Application } from "./generated.js";

export type * from "./generated.js";

/**
 * What the token endpoint (`POST /oauth/token`, also `POST /api/v1/accounts`) returns.
 * @see https://docs.joinmastodon.org/entities/Token/
 */
export interface Token {
  /** The token to send as `Authorization: Bearer ...`; a secret, to be kept out of logs. */
  access_token: string;
  /** Always `"Bearer"` on Mastodon. */
  token_type: string;
  /** Space-separated list of granted scopes. */
  scope: string;
  /** Unix time in seconds (a number, unlike the ISO strings elsewhere). */
  created_at: number;
  /** Only when the server issues refresh tokens. */
  refresh_token?: string | undefined;
  /** Lifetime in seconds; absent when the token does not expire. */
  expires_in?: number | undefined;
}

/**
 * What `POST /api/v1/apps` returns: the application plus its OAuth client credentials.
 * @see https://docs.joinmastodon.org/entities/Application/#CredentialApplication
 */
export interface RegisteredApplication extends Application {
  /** The application's OAuth client id, sent when asking for tokens. */
  client_id: string;
  /** The application's OAuth client secret, sent with client_id when asking for tokens; a secret. */
  client_secret: string;
  /** Unix time in seconds; 0 means the secret does not expire. Added in 4.3.0. */
  client_secret_expires_at?: number | null | undefined;
  /** Added in 4.3.0. */
  redirect_uris: string[];
  /** Added in 4.3.0. */
  scopes: string[];
}
