/**
 * Apps and logins: registering an app, the authorization URL (with PKCE), every OAuth grant,
 * persisting and revoking credentials. Mastodon.py's authentication surface, camelCased.
 */
import { MastodonBase } from "../api/client-base.js";
import { normaliseBaseUrl } from "../core/base-url.js";
import {
  MastodonAPIError,
  MastodonIllegalArgumentError,
  MastodonLoginError,
  MastodonServerError,
} from "../core/errors.js";
import type { FetchLike } from "../core/http.js";
import type { MastodonOptions } from "../core/options.js";
import { compareVersions, formatVersion } from "../core/versions.js";
import type { OAuthServerInfo, RegisteredApplication, Token } from "../entities/index.js";
import { formatAccessTokenFile, formatClientCredentialFile, writeSecretFile } from "./credential-files.js";
import { type FromEnvOptions, mastodonOptionsFromEnv } from "./from-env.js";
import { explainLoginFailure, type GrantType, passwordGrantRemoved } from "./login-errors.js";
import { checkOAuthUrl } from "./oauth-url.js";
import { assertCodeVerifier, codeChallengeS256, generateCodeVerifier } from "./pkce.js";
import { DEFAULT_SCOPES, missingScopes, normaliseScopes } from "./scopes.js";

/** The redirect URI that makes the server show the code for the user to paste ("out of band"). */
export const OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob";

/** Options of Mastodon.createApp(): registering an app on a server. */
export interface CreateAppOptions {
  /** The server; required. */
  api_base_url?: string | undefined;
  /** Scopes the app may ever ask for. Default ["read", "write", "follow", "push"]. */
  scopes?: readonly string[] | string | undefined;
  /** Where the server may send users after authorizing; default the out-of-band URI. */
  redirect_uris?: string | readonly string[] | undefined;
  /** The app's home page, shown to users on the authorization page and beside their posts. */
  website?: string | undefined;
  /** Write client_id, client_secret, base URL and app name here (Mastodon.py's format, mode 0600). */
  to_file?: string | undefined;
  /** Seconds before the request is abandoned with MastodonReadTimeout (default 300). */
  request_timeout?: number | undefined;
  /** Any fetch-compatible function; default the global fetch. */
  fetch?: FetchLike | undefined;
  /** User-Agent header; default "mastodon-ts/<version>". */
  user_agent?: string | undefined;
  /** Permit http:// to a host off this machine (the credentials then travel unencrypted); loopback needs no flag. Default false. */
  allow_http?: boolean | undefined;
}

/** Options of authRequestUrl(): the address of the server's authorization page. */
export interface AuthRequestUrlOptions {
  /** The app's client id; default the client's own (`client_id`). */
  client_id?: string | undefined;
  /** One of the app's registered redirect URIs; default the out-of-band URI. */
  redirect_uris?: string | undefined;
  /** The scopes to ask the user for, a subset of the app's; default ["read", "write", "follow", "push"]. */
  scopes?: readonly string[] | string | undefined;
  /** Ask the user to log in even when the browser is logged in already. */
  force_login?: boolean | undefined;
  /** An unguessable value the server hands back with the redirect; check it there. */
  state?: string | undefined;
  /** Language of the authorization page. */
  lang?: string | undefined;
  /** Do not look up the authorization endpoint in /.well-known/oauth-authorization-server. */
  skip_server_info?: boolean | undefined;
  /** Permit http:// to a host off this machine (the credentials then travel unencrypted); loopback needs no flag. Default false. */
  allow_http?: boolean | undefined;
  /** PKCE (default true): send an S256 challenge; logIn then sends the verifier. */
  pkce?: boolean | undefined;
  /** Use this PKCE verifier instead of a fresh random one (to finish the login in another process). */
  code_verifier?: string | undefined;
}

/** Options of logIn(): trading a code, a refresh token or a password for an access token. */
export interface LogInOptions {
  /** The code from the authorization page (authorization code flow). */
  code?: string | undefined;
  /** Email and password (password grant: removed in Mastodon 4.4, still offered by some servers). */
  username?: string | undefined;
  /** The password that goes with `username` (password grant). */
  password?: string | undefined;
  /** A refresh token from an earlier login. */
  refresh_token?: string | undefined;
  /** Must equal the redirect URI used for authRequestUrl. */
  redirect_uri?: string | undefined;
  /** The scopes asked for; must not exceed what the code was granted. Default ["read", "write", "follow", "push"]. */
  scopes?: readonly string[] | string | undefined;
  /** Write the credentials here (Mastodon.py's format, mode 0600). */
  to_file?: string | undefined;
  /** The PKCE verifier; default the one made by the last authRequestUrl call. */
  code_verifier?: string | undefined;
  /** Permit http:// to a host off this machine (the credentials then travel unencrypted); loopback needs no flag. Default false. */
  allow_http?: boolean | undefined;
}

/** A credential being assigned: a string without spaces, or undefined / null / "" to clear it. */
function credentialValue(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !/^[\x21-\x7e]+$/.test(value)) {
    // The value itself is not shown: it may be a secret.
    throw new MastodonIllegalArgumentError(
      `${name} must be a string of printable characters without spaces (or undefined to clear it); got ${typeof value === "string" ? "a string with spaces or other characters" : typeof value}.`,
    );
  }
  return value;
}

export class MastodonAuth extends MastodonBase {
  #pkceVerifier: string | undefined;
  #refreshing: Promise<void> | undefined;

  // --- credentials are assignable, as Mastodon.py's attributes: the next request (or stream) uses them ---

  override get accessToken(): string | undefined {
    return super.accessToken;
  }
  /**
   * Replaces the access token (undefined or "" logs out locally). The refresh token and expiry of
   * the old token are dropped with it: they would otherwise "refresh" the new one.
   */
  override set accessToken(token: string | undefined) {
    this.setCredentials({
      accessToken: credentialValue("access_token", token),
      refreshToken: undefined,
      tokenExpiresAt: undefined,
    });
  }
  /** The app's client id (assignable, as Mastodon.py's attribute; undefined or "" clears it). */
  override get clientId(): string | undefined {
    return super.clientId;
  }
  override set clientId(id: string | undefined) {
    this.setCredentials({ clientId: credentialValue("client_id", id) });
  }
  /** The app's client secret (assignable; undefined or "" clears it). Never printed or serialised. */
  override get clientSecret(): string | undefined {
    return super.clientSecret;
  }
  override set clientSecret(secret: string | undefined) {
    this.setCredentials({ clientSecret: credentialValue("client_secret", secret) });
  }

  /** Mastodon.py's spelling: `api.access_token = token`. */
  get access_token(): string | undefined {
    return this.accessToken;
  }
  set access_token(token: string | undefined) {
    this.accessToken = token;
  }
  /** Mastodon.py's spelling: `api.client_id = id`. */
  get client_id(): string | undefined {
    return this.clientId;
  }
  set client_id(id: string | undefined) {
    this.clientId = id;
  }
  /** Mastodon.py's spelling: `api.client_secret = secret`. */
  get client_secret(): string | undefined {
    return this.clientSecret;
  }
  set client_secret(secret: string | undefined) {
    this.clientSecret = secret;
  }

  /**
   * A client made from the environment: MASTODON_API_BASE_URL, MASTODON_ACCESS_TOKEN and, where
   * set, MASTODON_CLIENT_ID and MASTODON_CLIENT_SECRET. Options given here win over the variables;
   * `env` replaces `process.env`. Returns the client at once (no request is sent).
   */
  static fromEnv<T>(this: new (options: MastodonOptions) => T, options: FromEnvOptions = {}): T {
    return new this(mastodonOptionsFromEnv(options));
  }

  /**
   * Registers an app on a server and resolves to it (with `client_id` and `client_secret`).
   * https://docs.joinmastodon.org/methods/apps/#create
   */
  static async createApp(
    client_name: string,
    options: CreateAppOptions = {},
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
    const client = new MastodonAuth(clientOptions);
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
    if (!data || typeof data.client_id !== "string" || typeof data.client_secret !== "string") {
      throw new MastodonAPIError(
        "The server's answer to app registration has no client_id and client_secret.",
      );
    }
    if (options.to_file !== undefined) {
      writeSecretFile(
        options.to_file,
        formatClientCredentialFile({ ...data, api_base_url: client.apiBaseUrl, client_name }),
      );
    }
    return data;
  }

  /** The server's OAuth metadata (RFC 8414), cached. https://docs.joinmastodon.org/methods/oauth/#authorization-server-metadata */
  oauthAuthorizationServerInfo(): Promise<OAuthServerInfo> {
    return this.cached("oauth-server-info", async () => {
      const { data } = await this.apiRequest<OAuthServerInfo>({
        method: "GET",
        path: "/.well-known/oauth-authorization-server",
      });
      return data;
    });
  }

  /**
   * The URL to send a user to so they can authorize the app. With PKCE (the default) a verifier is
   * made and kept for the next logIn({ code }).
   */
  async authRequestUrl(options: AuthRequestUrlOptions = {}): Promise<string> {
    const clientId = options.client_id ?? this.clientId;
    if (!clientId) {
      throw new MastodonIllegalArgumentError(
        "authRequestUrl needs the app's client_id: pass it to new Mastodon({ client_id, client_secret }) " +
          "or as an option; Mastodon.createApp() makes one.",
      );
    }
    const allowHttp = { client: this.allowHttp, option: options.allow_http };
    let endpoint = `${this.apiBaseUrl}/oauth/authorize`;
    let supportsS256 = true;
    if (!options.skip_server_info) {
      try {
        const info = await this.oauthAuthorizationServerInfo();
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
    const lang = options.lang ?? this.lang;
    if (lang) url.searchParams.set("lang", lang);
    if (options.pkce !== false && supportsS256) {
      // One verifier per client until a login uses it: calling authRequestUrl again gives the same URL,
      // and a code from any of them can be redeemed.
      if (options.code_verifier !== undefined) {
        assertCodeVerifier(options.code_verifier);
        this.#pkceVerifier = options.code_verifier;
      }
      // Made synchronously, so that calls made at the same moment share it too.
      this.#pkceVerifier ??= generateCodeVerifier();
      url.searchParams.set("code_challenge", await codeChallengeS256(this.#pkceVerifier));
      url.searchParams.set("code_challenge_method", "S256");
    } else {
      // A code made without a challenge is refused when a verifier comes with it (Doorkeeper).
      this.#pkceVerifier = undefined;
    }
    return url.href;
  }

  /**
   * Gets an access token with a code, email and password, or a refresh token; checks that the
   * granted scopes cover the requested ones; keeps (and with `to_file` saves) the credentials.
   * Resolves to the access token.
   */
  async logIn(options: LogInOptions = {}): Promise<string> {
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
      const verifier = options.code_verifier ?? this.#pkceVerifier;
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
    checkOAuthUrl(`${this.apiBaseUrl}/oauth/token`, "The token endpoint", {
      client: this.allowHttp,
      option: options.allow_http,
    });
    let token: Token;
    try {
      token = await this.requestToken(grant, params, scopes);
    } catch (error) {
      throw grant === "password" ? this.explainPasswordRefusal(error) : error;
    }
    // The verifier did its work; the next authRequestUrl starts a fresh authorization.
    if (grant === "authorization_code") this.#pkceVerifier = undefined;
    this.adoptToken(token);
    if (token.scope !== undefined) {
      const missing = missingScopes(scopes, token.scope.split(/\s+/).filter(Boolean));
      if (missing.length > 0) {
        throw new MastodonAPIError(
          `The server granted the scopes "${token.scope}", which do not cover the requested "${scopes.join(" ")}" ` +
            `(missing: ${missing.join(", ")}). The app was probably registered with fewer scopes, or the user ` +
            "turned some off. Register the app with the scopes you need (createApp's scopes) and log in again.",
        );
      }
    }
    if (options.to_file !== undefined) writeSecretFile(options.to_file, this.persistableLoginCredentials());
    if (this.versionCheckMode !== "none" && !this.version.worked) await this.retrieveMastodonVersion();
    return token.access_token;
  }

  /**
   * A refused password grant, on a server known to run Mastodon 4.4 or later, gets the explanation
   * that the grant is gone there; anything else stays as requestToken explained it.
   */
  private explainPasswordRefusal(error: unknown): unknown {
    const server = this.version.parsed;
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

  /**
   * The credentials as Mastodon.py's token file holds them: token, base URL, client id and secret,
   * one per line. Treat it as a password.
   */
  persistableLoginCredentials(): string {
    const accessToken = this.accessToken;
    if (!accessToken) {
      throw new MastodonIllegalArgumentError("Not logged in: there is no access token to persist.");
    }
    const clientId = this.clientId;
    const clientSecret = this.clientSecret;
    if (!clientId || !clientSecret) {
      throw new MastodonIllegalArgumentError(
        "Persisting a login needs the app's client_id and client_secret as well as the token.",
      );
    }
    return formatAccessTokenFile({
      access_token: accessToken,
      api_base_url: this.apiBaseUrl,
      client_id: clientId,
      client_secret: clientSecret,
    });
  }

  /** Revokes the current access token on the server and forgets it. */
  async revokeAccessToken(options: { allow_http?: boolean | undefined } = {}): Promise<void> {
    const token = this.accessToken;
    if (!token) throw new MastodonIllegalArgumentError("Not logged in: there is no access token to revoke.");
    checkOAuthUrl(`${this.apiBaseUrl}/oauth/revoke`, "The revocation endpoint", {
      client: this.allowHttp,
      option: options.allow_http,
    });
    const { clientId, clientSecret } = this;
    if (!clientId || !clientSecret) {
      throw new MastodonIllegalArgumentError(
        "Revoking a token needs the app's client_id and client_secret (OAuth requires the app to identify itself). " +
          "A token made in the server's Development settings can be revoked there.",
      );
    }
    await this.apiRequest({
      method: "POST",
      path: "/oauth/revoke",
      params: { client_id: clientId, client_secret: clientSecret, token },
      encoding: "form",
      auth: false,
      ratelimit: false,
    });
    this.setCredentials({ accessToken: undefined, refreshToken: undefined, tokenExpiresAt: undefined });
  }

  /**
   * Internal: an app token (client_credentials grant), for calls made on behalf of the app rather
   * than a user, such as registering an account.
   */
  protected async appToken(scopes: readonly string[]): Promise<string> {
    const token = await this.requestToken("client_credentials", {}, scopes);
    return token.access_token;
  }

  protected override refreshExpiredToken(): Promise<void> {
    const refreshToken = this.refreshToken;
    if (!refreshToken || !this.clientId || !this.clientSecret) return Promise.resolve();
    // Requests that find the token expired at the same moment share one refresh.
    this.#refreshing ??= this.requestToken("refresh_token", { refresh_token: refreshToken }, [])
      .then((token) => this.adoptToken(token))
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  /** Internal: keeps a token answer's access token, refresh token and expiry. */
  protected adoptToken(token: Token): void {
    const expiresIn = Number(token.expires_in ?? 0);
    this.setCredentials({
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? this.refreshToken,
      tokenExpiresAt: expiresIn > 0 ? Date.now() + expiresIn * 1000 : undefined,
    });
  }

  /** POST /oauth/token, form-encoded (some servers accept nothing else there). */
  private async requestToken(
    grant: GrantType,
    grantParams: Record<string, unknown>,
    scopes: readonly string[],
  ): Promise<Token> {
    const { clientId, clientSecret } = this;
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
      ({ data } = await this.apiRequest<Token>({
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
    if (!data || typeof data.access_token !== "string") {
      throw new MastodonAPIError("The server's token answer has no access_token.");
    }
    return data;
  }
}
