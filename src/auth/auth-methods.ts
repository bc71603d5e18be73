/**
 * Apps and logins: registering an app, the authorization URL (with PKCE), every OAuth grant,
 * persisting and revoking credentials. Mastodon.py's authentication surface, camelCased. The
 * flows themselves are in ./auth-flows.ts, loaded on the first call of one of them.
 */
import { MastodonBase } from "../api/client-base.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { FetchLike } from "../core/http.js";
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import type { MastodonOptions } from "../core/options.js";
import type { OAuthServerInfo, RegisteredApplication, Token } from "../entities/index.js";
import type { AuthHost, PkceState } from "./auth-flows.js";
import { formatAccessTokenFile } from "./credential-files.js";
import { credentialValue } from "./credential-value.js";
import { type FromEnvOptions, mastodonOptionsFromEnv } from "./from-env.js";

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

export class MastodonAuth extends MastodonBase {
  /** The PKCE verifier between authRequestUrl and logIn. */
  readonly #pkce: PkceState = { verifier: undefined };
  #refreshing: Promise<void> | undefined;

  // --- credentials are assignable, as Mastodon.py's attributes: the next request (or stream) uses them ---

  /** The access token the next request is signed with, or undefined when the client has none. */
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
  /** Sets the app's client id for the next OAuth call (undefined or "" clears it). */
  override set clientId(id: string | undefined) {
    this.setCredentials({ clientId: credentialValue("client_id", id) });
  }
  /** The app's client secret (assignable; undefined or "" clears it). Never printed or serialised. */
  override get clientSecret(): string | undefined {
    return super.clientSecret;
  }
  /** Sets the app's client secret for the next OAuth call (undefined or "" clears it). */
  override set clientSecret(secret: string | undefined) {
    this.setCredentials({ clientSecret: credentialValue("client_secret", secret) });
  }

  /** Mastodon.py's spelling of {@link accessToken}: `api.access_token`. */
  get access_token(): string | undefined {
    return this.accessToken;
  }
  /** Mastodon.py's spelling of {@link accessToken}: `api.access_token = token` (drops the refresh token too). */
  set access_token(token: string | undefined) {
    this.accessToken = token;
  }
  /** Mastodon.py's spelling of {@link clientId}: `api.client_id`. */
  get client_id(): string | undefined {
    return this.clientId;
  }
  /** Mastodon.py's spelling of {@link clientId}: `api.client_id = id`. */
  set client_id(id: string | undefined) {
    this.clientId = id;
  }
  /** Mastodon.py's spelling of {@link clientSecret}: `api.client_secret`. */
  get client_secret(): string | undefined {
    return this.clientSecret;
  }
  /** Mastodon.py's spelling of {@link clientSecret}: `api.client_secret = secret`. */
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
    return (await authFlows()).createApp(
      client_name,
      options,
      (clientOptions) => new MastodonAuth(clientOptions) as unknown as AuthHost,
    );
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
    return (await authFlows()).authRequestUrl(this.#host(), this.#pkce, options);
  }

  /**
   * Gets an access token with a code, email and password, or a refresh token; checks that the
   * granted scopes cover the requested ones; keeps (and with `to_file` saves) the credentials.
   * Resolves to the access token.
   */
  async logIn(options: LogInOptions = {}): Promise<string> {
    return (await authFlows()).logIn(this.#host(), this.#pkce, options);
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
    return (await authFlows()).revokeAccessToken(this.#host(), options);
  }

  protected override refreshExpiredToken(): Promise<void> {
    const refreshToken = this.refreshToken;
    if (!refreshToken || !this.clientId || !this.clientSecret) return Promise.resolve();
    // Requests that find the token expired at the same moment share one refresh.
    this.#refreshing ??= authFlows()
      .then((flows) => flows.requestToken(this.#host(), "refresh_token", { refresh_token: refreshToken }, []))
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

  /** What the login flows (./auth-flows.ts) use of this client, protected members included. */
  #host(): AuthHost {
    return this as unknown as AuthHost;
  }
}

/** The login flows (and createAccount, see ../mastodon.ts), loaded on first use. */
export const authFlows = loadOnFirstUse("its login methods", () => import("./auth-flows.js"));
