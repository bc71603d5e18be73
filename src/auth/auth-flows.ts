/**
 * What the login methods of the Mastodon class do (registering an app, the authorization URL,
 * every OAuth grant, revocation, registering an account). Loaded on the first call of one of them
 * (see ./auth-methods.ts): a bot that starts from a token never needs this code, and a browser page
 * does not download it at start.
 */

import { kindOf } from "../api/validate.js";
import { normaliseBaseUrl } from "../core/base-url.js";
import type { ServerVersionState } from "../core/client.js";
import {
  MastodonAPIError,
  MastodonIllegalArgumentError,
  MastodonLoginError,
  MastodonServerError,
} from "../core/errors.js";
import type { HttpResult, RequestOptions } from "../core/http.js";
import type { MastodonOptions, VersionCheckMode } from "../core/options.js";
import { quoteServer } from "../core/printable.js";
import { compareVersions, formatVersion } from "../core/versions.js";
import type {
  AccountCreationError,
  OAuthServerInfo,
  RegisteredApplication,
  Token,
} from "../entities/index.js";
import type { CreateAccountOptions } from "../mastodon.js";
import type { AuthRequestUrlOptions, CreateAppOptions, LogInOptions } from "./auth-methods.js";
import { OOB_REDIRECT_URI } from "./auth-methods.js";
import { formatClientCredentialFile, writeSecretFile } from "./credential-file-writing.js";
import { checkIssued } from "./issued-credentials.js";
import { explainLoginFailure, type GrantType, passwordGrantRemoved } from "./login-errors.js";
import { checkOAuthUrl } from "./oauth-url.js";
import { assertCodeVerifier, codeChallengeS256, generateCodeVerifier } from "./pkce.js";
import { DEFAULT_SCOPES, missingScopes, normaliseScopes } from "./scopes.js";

/** What the flows use of the client: its public state and the internals the class lends them. */
export interface AuthHost {
  readonly apiBaseUrl: string;
  readonly allowHttp: boolean;
  readonly lang: string | undefined;
  readonly versionCheckMode: VersionCheckMode;
  readonly version: ServerVersionState;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly accessToken: string | undefined;
  apiRequest<T = unknown>(options: RequestOptions): Promise<HttpResult<T>>;
  oauthAuthorizationServerInfo(): Promise<OAuthServerInfo>;
  retrieveMastodonVersion(): Promise<unknown>;
  setCredentials(update: {
    accessToken?: undefined;
    refreshToken?: undefined;
    tokenExpiresAt?: undefined;
  }): void;
  adoptToken(token: Token): void;
  persistableLoginCredentials(): string;
  checkVersion(name: string, since: string | undefined, changed: string | undefined): Promise<void>;
}

/** The PKCE verifier a client keeps between authRequestUrl and logIn. */
export interface PkceState {
  verifier: string | undefined;
}

/** Mastodon.createApp: registers an app with a client made by `makeClient`. */
export async function createApp(
  client_name: string,
  options: CreateAppOptions,
  makeClient: (options: MastodonOptions) => AuthHost,
): Promise<RegisteredApplication> {
  if (typeof client_name !== "string" || client_name.trim() === "") {
    throw new MastodonIllegalArgumentError(
      'createApp needs an app name, e.g. Mastodon.createApp("my bot", {...}).',
    );
  }
  const apiBaseUrl = normaliseBaseUrl(options.api_base_url, options.allow_http);
  checkOAuthUrl(`${apiBaseUrl}/api/v1/apps`, "The app registration endpoint", {
    client: false,
    option: options.allow_http,
  });
  const clientOptions: MastodonOptions = { api_base_url: apiBaseUrl };
  if (options.request_timeout !== undefined) clientOptions.request_timeout = options.request_timeout;
  if (options.fetch !== undefined) clientOptions.fetch = options.fetch;
  if (options.user_agent !== undefined) clientOptions.user_agent = options.user_agent;
  if (options.allow_http !== undefined) clientOptions.allow_http = options.allow_http;
  const client = makeClient(clientOptions);
  const redirect = options.redirect_uris ?? OOB_REDIRECT_URI;
  const params: Record<string, unknown> = {
    client_name,
    scopes: normaliseScopes(options.scopes).join(" "),
    // A newline-separated string is what every server version accepts for several URIs.
    redirect_uris: typeof redirect === "string" ? redirect : redirect.join("\n"),
    website: options.website,
  };
  const { data } = await client.apiRequest<RegisteredApplication>({
    method: "POST",
    path: "/api/v1/apps",
    params,
    auth: false,
    ratelimit: false,
  });
  if (!data || typeof data !== "object") {
    throw new MastodonAPIError("The server's answer to app registration has no client_id and client_secret.");
  }
  checkIssued(data, "app registration", ["client_id", "client_secret"]);
  if (options.to_file !== undefined) {
    writeSecretFile(
      options.to_file,
      formatClientCredentialFile({ ...data, api_base_url: client.apiBaseUrl, client_name }),
    );
  }
  return data;
}

/** Mastodon#authRequestUrl. */
export async function authRequestUrl(
  host: AuthHost,
  pkce: PkceState,
  options: AuthRequestUrlOptions,
): Promise<string> {
  const clientId = options.client_id ?? host.clientId;
  if (!clientId) {
    throw new MastodonIllegalArgumentError(
      "authRequestUrl needs the app's client_id: pass it to new Mastodon({ client_id, client_secret }) " +
        "or as an option; Mastodon.createApp() makes one.",
    );
  }
  const allowHttp = { client: host.allowHttp, option: options.allow_http };
  let endpoint = `${host.apiBaseUrl}/oauth/authorize`;
  let supportsS256 = true;
  if (!options.skip_server_info) {
    try {
      const info = await host.oauthAuthorizationServerInfo();
      if (typeof info.authorization_endpoint === "string") endpoint = info.authorization_endpoint;
      const methods = (info as { code_challenge_methods_supported?: unknown })
        .code_challenge_methods_supported;
      if (Array.isArray(methods)) supportsS256 = methods.includes("S256");
    } catch (error) {
      // Servers before Mastodon 4.3 have no metadata document; the classic path works there.
      if (!(error instanceof MastodonAPIError) || error instanceof MastodonServerError) throw error;
    }
  }
  checkOAuthUrl(endpoint, "The authorization endpoint", allowHttp);
  const url = new URL(endpoint);
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", options.redirect_uris ?? OOB_REDIRECT_URI);
  url.searchParams.set("scope", normaliseScopes(options.scopes).join(" "));
  if (options.force_login) url.searchParams.set("force_login", "true");
  if (options.state !== undefined) url.searchParams.set("state", options.state);
  const lang = options.lang ?? host.lang;
  if (lang) url.searchParams.set("lang", lang);
  if (options.pkce !== false && supportsS256) {
    // One verifier per client until a login uses it: calling authRequestUrl again gives the same URL,
    // and a code from any of them can be redeemed.
    if (options.code_verifier !== undefined) {
      assertCodeVerifier(options.code_verifier);
      pkce.verifier = options.code_verifier;
    }
    // Made synchronously, so that calls made at the same moment share it too.
    pkce.verifier ??= generateCodeVerifier();
    url.searchParams.set("code_challenge", await codeChallengeS256(pkce.verifier));
    url.searchParams.set("code_challenge_method", "S256");
  } else {
    // A code made without a challenge is refused when a verifier comes with it (Doorkeeper).
    pkce.verifier = undefined;
  }
  return url.href;
}

/** Mastodon#logIn. */
export async function logIn(host: AuthHost, pkce: PkceState, options: LogInOptions): Promise<string> {
  const scopes = normaliseScopes(options.scopes ?? DEFAULT_SCOPES);
  const params: Record<string, unknown> = {};
  let grant: GrantType;
  if (options.username !== undefined || options.password !== undefined) {
    if (!options.username || !options.password) {
      throw new MastodonIllegalArgumentError(
        "logIn with a password needs both username (the email) and password.",
      );
    }
    grant = "password";
    // Sent whatever the version says: Pleroma, Akkoma and others still allow the grant (and may claim
    // a Mastodon version). A refusal is explained below. GoToSocial checks redirect_uri before the
    // grant type, so it goes along as Mastodon.py sends it.
    Object.assign(params, {
      username: options.username,
      password: options.password,
      redirect_uri: options.redirect_uri ?? OOB_REDIRECT_URI,
    });
  } else if (options.code !== undefined) {
    if (!options.code.trim())
      throw new MastodonIllegalArgumentError("logIn: the authorization code is empty.");
    grant = "authorization_code";
    params.code = options.code.trim();
    params.redirect_uri = options.redirect_uri ?? OOB_REDIRECT_URI;
    const verifier = options.code_verifier ?? pkce.verifier;
    if (verifier) params.code_verifier = verifier;
  } else if (options.refresh_token !== undefined) {
    grant = "refresh_token";
    params.refresh_token = options.refresh_token;
  } else {
    throw new MastodonIllegalArgumentError(
      "logIn needs one of: { code } (from the page authRequestUrl() points to), { username, password }, " +
        "or { refresh_token }.",
    );
  }
  checkOAuthUrl(`${host.apiBaseUrl}/oauth/token`, "The token endpoint", {
    client: host.allowHttp,
    option: options.allow_http,
  });
  let token: Token;
  try {
    token = await requestToken(host, grant, params, scopes);
  } catch (error) {
    throw grant === "password" ? explainPasswordRefusal(host, error) : error;
  }
  // The verifier did its work; the next authRequestUrl starts a fresh authorization.
  if (grant === "authorization_code") pkce.verifier = undefined;
  const granted = await grantedScopes(host, token, "the token request");
  host.adoptToken(token);
  if (granted !== undefined) {
    const missing = missingScopes(scopes, granted);
    if (missing.length > 0) {
      // Quoted: the server's text, which may be long or hold control characters.
      throw new MastodonAPIError(
        `The server granted the scopes "${quoteServer(token.scope)}", which do not cover the requested "${scopes.join(" ")}" ` +
          `(missing: ${missing.join(", ")}). The app was probably registered with fewer scopes, or the user ` +
          "turned some off. Register the app with the scopes you need (createApp's scopes) and log in again.",
      );
    }
  }
  if (options.to_file !== undefined) writeSecretFile(options.to_file, host.persistableLoginCredentials());
  if (host.versionCheckMode !== "none" && !host.version.worked) await host.retrieveMastodonVersion();
  return token.access_token;
}

/**
 * A refused password grant, on a server known to run Mastodon 4.4 or later, gets the explanation
 * that the grant is gone there; anything else stays as requestToken explained it.
 */
function explainPasswordRefusal(host: AuthHost, error: unknown): unknown {
  const server = host.version.parsed;
  const refused =
    error instanceof MastodonLoginError &&
    (error.error === "unsupported_grant_type" || error.error === "invalid_grant");
  if (
    refused &&
    server?.comparable &&
    server.software === "mastodon" &&
    compareVersions(server, { major: 4, minor: 4, patch: 0 }) >= 0
  ) {
    return passwordGrantRemoved(formatVersion(server), error);
  }
  return error;
}

/** Mastodon#revokeAccessToken. */
export async function revokeAccessToken(
  host: AuthHost,
  options: { allow_http?: boolean | undefined },
): Promise<void> {
  const token = host.accessToken;
  if (!token) throw new MastodonIllegalArgumentError("Not logged in: there is no access token to revoke.");
  checkOAuthUrl(`${host.apiBaseUrl}/oauth/revoke`, "The revocation endpoint", {
    client: host.allowHttp,
    option: options.allow_http,
  });
  if (!host.clientId || !host.clientSecret) {
    throw new MastodonIllegalArgumentError(
      "Revoking a token needs the app's client_id and client_secret (OAuth requires the app to identify itself). " +
        "A token made in the server's Development settings can be revoked there.",
    );
  }
  await revokeToken(host, token);
  host.setCredentials({ accessToken: undefined, refreshToken: undefined, tokenExpiresAt: undefined });
}

/** POST /oauth/revoke for `token`, with the app's client_id and client_secret. */
async function revokeToken(host: AuthHost, token: string): Promise<void> {
  await host.apiRequest({
    method: "POST",
    path: "/oauth/revoke",
    params: { client_id: host.clientId, client_secret: host.clientSecret, token },
    encoding: "form",
    auth: false,
    ratelimit: false,
    // Not the client's own token when a malformed answer is refused: masked in debug output all the same.
    secrets: [token],
  });
}

/**
 * The scopes a token answer grants, checked before the token is adopted: undefined when the server
 * left `scope` out (RFC 6749 5.1 allows that when they are the ones requested), else its words.
 * Anything but a string is a malformed answer, refused with MastodonAPIError; the token that came
 * with it is revoked first, since the caller never gets it and so could not revoke it.
 */
async function grantedScopes(host: AuthHost, token: Token, what: string): Promise<string[] | undefined> {
  const scope: unknown = token.scope;
  if (scope === undefined) return undefined;
  if (typeof scope === "string") return scope.split(/\s+/).filter(Boolean);
  const revoked = await revokeToken(host, token.access_token).then(
    () => "it was revoked",
    () => "revoking it failed too",
  );
  throw new MastodonAPIError(
    `The server's answer to ${what} has ${kindOf(scope)} as scope, where OAuth requires a string of space-separated ` +
      `scopes, so the token that came with it was not kept (${revoked}). The server is misbehaving; report it ` +
      "to its admins.",
  );
}

/** POST /oauth/token, form-encoded (some servers accept nothing else there). */
export async function requestToken(
  host: AuthHost,
  grant: GrantType,
  grantParams: Record<string, unknown>,
  scopes: readonly string[],
): Promise<Token> {
  const { clientId, clientSecret } = host;
  if (!clientId || !clientSecret) {
    throw new MastodonIllegalArgumentError(
      "Logging in needs the app's client_id and client_secret: register one with Mastodon.createApp() and pass " +
        "them (or its credential file) to new Mastodon({ client_id, client_secret }).",
    );
  }
  const params: Record<string, unknown> = {
    grant_type: grant,
    client_id: clientId,
    client_secret: clientSecret,
  };
  Object.assign(params, grantParams);
  if (scopes.length > 0) params.scope = scopes.join(" ");
  let data: Token;
  try {
    ({ data } = await host.apiRequest<Token>({
      method: "POST",
      path: "/oauth/token",
      params,
      encoding: "form",
      auth: false,
      ratelimit: false,
      // A server may echo these in its refusal; they are masked like the stored credentials.
      secrets: ["password", "refresh_token", "code", "code_verifier"].map((key) =>
        typeof grantParams[key] === "string" ? grantParams[key] : undefined,
      ),
    }));
  } catch (error) {
    // Refusals of the grant get explained; server trouble and network failures pass through as they are.
    if (error instanceof MastodonAPIError && !(error instanceof MastodonServerError)) {
      throw explainLoginFailure(grant, error);
    }
    throw error;
  }
  if (!data || typeof data !== "object") {
    throw new MastodonAPIError("The server's token answer has no access_token.");
  }
  checkIssued(data, "the token request", ["access_token"], ["refresh_token"]);
  return data;
}

/** A Date becomes its UTC day as "YYYY-MM-DD" (Mastodon.py formats its datetime so); a string goes as given. */
function birthDate(value: string | Date | undefined): string | undefined {
  if (!(value instanceof Date)) return value;
  if (Number.isNaN(value.getTime())) {
    throw new MastodonIllegalArgumentError("createAccount(): date_of_birth is an invalid Date.");
  }
  return value.toISOString().slice(0, 10);
}

/** Mastodon#createAccount: registers a user with an app token, then keeps the user's token. */
export async function createAccount(
  host: AuthHost,
  username: string,
  password: string,
  email: string,
  options: CreateAccountOptions,
): Promise<string | [string | null, AccountCreationError | Record<string, never>]> {
  await host.checkVersion("createAccount", "2.7.0", "4.4.0");
  const scopes = normaliseScopes(options.scopes ?? DEFAULT_SCOPES);
  const appToken = (await requestToken(host, "client_credentials", {}, scopes)).access_token;
  // Sent as given, as Mastodon.py does: the server's validation (blank, taken, too short, ...) is
  // the one that counts, and return_detailed_error hands it back field by field.
  const params = {
    username,
    password,
    email,
    // Mastodon.py leaves a false agreement out rather than sending "false".
    agreement: options.agreement ? true : undefined,
    reason: options.reason,
    locale: options.locale ?? "en",
    date_of_birth: birthDate(options.date_of_birth),
  };
  let token: Token;
  try {
    ({ data: token } = await host.apiRequest<Token>({
      method: "POST",
      path: "/api/v1/accounts",
      params,
      auth: appToken,
      ratelimit: false,
    }));
  } catch (error) {
    // Any refusal with an error body (422 validation, 403 closed registrations, 429 too many
    // sign-ups), as Mastodon.py returns every error answer; server failures still throw.
    if (
      options.return_detailed_error &&
      error instanceof MastodonAPIError &&
      error.status !== undefined &&
      error.status >= 400 &&
      error.status < 500
    ) {
      const details = (error.details ?? {}) as AccountCreationError["details"];
      return [null, { error: error.error ?? error.reason ?? "", details }];
    }
    throw error;
  }
  checkIssued(token, "account registration", ["access_token"], ["refresh_token"]);
  const granted = await grantedScopes(host, token, "account registration");
  host.adoptToken(token);
  const missing = granted?.length ? missingScopes(scopes, granted) : [];
  if (missing.length > 0) {
    throw new MastodonAPIError(`The new account's token lacks the requested scopes: ${missing.join(", ")}.`);
  }
  if (options.to_file !== undefined) writeSecretFile(options.to_file, host.persistableLoginCredentials());
  return options.return_detailed_error ? [token.access_token, {}] : token.access_token;
}
