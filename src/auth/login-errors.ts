/**
 * Turning a server's terse OAuth refusal into an explanation of what probably happened and what
 * to do instead. `invalid_grant` alone has sent many bot makers in circles.
 */

import { MastodonAPIError, MastodonLoginError } from "../core/errors.js";
import { printable, quoteServer } from "../core/printable.js";

export type GrantType = "authorization_code" | "password" | "refresh_token" | "client_credentials";

const USE_CODE_FLOW =
  "Log in with the authorization code flow instead: authRequestUrl(), open the page, then logIn({ code }). " +
  "A bot can also use a token created under Preferences > Development on the server, passed as access_token.";

const EXPLANATIONS: Record<GrantType, Record<string, string>> = {
  password: {
    invalid_grant:
      "The server refused the email and password. Either they are wrong, the account is unconfirmed, disabled " +
      "or uses two-factor authentication (which the password grant cannot do), or the server no longer offers the " +
      `password grant at all (Mastodon removed it in 4.4). ${USE_CODE_FLOW}`,
    unsupported_grant_type: `This server does not offer the password grant (Mastodon removed it in 4.4). ${USE_CODE_FLOW}`,
  },
  authorization_code: {
    invalid_grant:
      "The server refused the authorization code. Codes work once and expire after about ten minutes; the " +
      "redirect_uri given to logIn must be the one used for authRequestUrl; the code must come from this app " +
      "(client_id); and with PKCE the same code_verifier must be used. Get a fresh code from authRequestUrl() and " +
      "try again.",
  },
  refresh_token: {
    invalid_grant:
      "The server refused the refresh token: it was revoked, already used, or belongs to another app. Log in again.",
  },
  client_credentials: {},
};

const COMMON: Record<string, string> = {
  invalid_client:
    "The server does not know this client_id / client_secret: the app was deleted or the credentials are from " +
    "another server. Register again with Mastodon.createApp().",
  invalid_scope:
    "The requested scopes are not all allowed for this app. Request only scopes the app was registered with " +
    "(createApp's scopes), or register a new app with the scopes you need.",
  unauthorized_client: "This app may not use this kind of login on this server.",
  unsupported_grant_type: "The server does not support this way of logging in.",
};

const GRANT_NAMES: Record<GrantType, string> = {
  password: "Logging in with email and password",
  authorization_code: "Logging in with the authorization code",
  refresh_token: "Refreshing the access token",
  client_credentials: "Getting an app token",
};

/** The error to throw when the token endpoint refused a grant. */
export function explainLoginFailure(grant: GrantType, failure: unknown): MastodonLoginError {
  const api = failure instanceof MastodonAPIError ? failure : undefined;
  const code = api?.error;
  const explanation =
    (code && (EXPLANATIONS[grant][code] ?? COMMON[code])) ??
    (api
      ? `The server answered ${api.status} ${printable(api.reason ?? "")}.`.replace(" .", ".")
      : "The request failed.");
  const said = api ? quoteServer([code, api.error_description].filter(Boolean).join(": ")) : "";
  const reason = failure instanceof Error ? failure.message : String(failure);
  return new MastodonLoginError(
    `${GRANT_NAMES[grant]} failed${said ? ` (${said})` : api ? "" : `: ${reason}`}. ${explanation}`,
    {
      grant_type: grant,
      status: api?.status,
      error: api?.error,
      error_description: api?.error_description,
      cause: failure,
    },
  );
}

/** The error for a password grant refused by a server known to run Mastodon 4.4 or later. */
export function passwordGrantRemoved(serverVersion: string, refusal: MastodonLoginError): MastodonLoginError {
  const said = quoteServer([refusal.error, refusal.error_description].filter(Boolean).join(": "));
  return new MastodonLoginError(
    `This server runs Mastodon ${serverVersion} and refused the password grant${said ? ` (${said})` : ""}: ` +
      `the grant was removed in Mastodon 4.4, so logging in with email and password cannot work. ${USE_CODE_FLOW}`,
    {
      grant_type: "password",
      status: refusal.status,
      error: refusal.error,
      error_description: refusal.error_description,
      cause: refusal,
    },
  );
}
