/**
 * The apps the CLI registers: one per server (and app name), reused by later logins as long as its
 * scopes cover what is asked and its redirect URI fits the login flow. A reused app is checked with
 * a client-credentials grant first, so an app deleted on the server is noticed before the browser
 * shows an error page.
 */

import { INTERNAL } from "../api/internal.js";
import { OOB_REDIRECT_URI } from "../auth/auth-methods.js";
import { missingScopes } from "../auth/scopes.js";
import { MastodonAPIError, MastodonNotFoundError, MastodonUnprocessableEntityError } from "../core/errors.js";
import { quoteServer } from "../core/printable.js";
import { Mastodon } from "../mastodon.js";
import type { ConfigFile, StoredApp } from "./config-file.js";
import { USER_AGENT } from "./credentials.js";
import { CliError, EXIT } from "./exit-codes.js";
import { CALLBACK_PATH, type LoopbackServer, startLoopback } from "./loopback.js";

export const DEFAULT_APP_NAME = "mastodon-ts CLI";
export const APP_WEBSITE = "https://www.npmjs.com/package/mastodon-ts";

export type LoginMode = "loopback" | "oob" | "password";

export interface AppRequest {
  api_base_url: string;
  name: string;
  scopes: string[];
  mode: LoginMode;
  request_timeout: number | undefined;
  /** --allow-http: a plain http:// server off this machine is accepted. */
  allow_http: boolean;
}

function loopbackPort(app: StoredApp): number | undefined {
  for (const uri of app.redirect_uris) {
    const match = /^http:\/\/127\.0\.0\.1:(\d+)(\/.*)$/.exec(uri);
    if (match?.[2] === CALLBACK_PATH) return Number(match[1]);
  }
  return undefined;
}

const isAddressInUse = (error: unknown) => (error as { code?: string }).code === "EADDRINUSE";

/** A client holding the app's credentials (and no token). */
export function appClient(app: StoredApp, timeout: number | undefined, allowHttp = false): Mastodon {
  return new Mastodon({
    ...(allowHttp ? { allow_http: true } : {}),
    api_base_url: app.api_base_url,
    client_id: app.client_id,
    client_secret: app.client_secret,
    user_agent: USER_AGENT,
    request_timeout: timeout,
  });
}

/** False when the server no longer knows the app (deleted, or the server's database was reset). */
async function stillRegistered(app: StoredApp, api: Mastodon): Promise<boolean> {
  const internal = api[INTERNAL];
  const oauth = { method: "POST", encoding: "form", auth: false, ratelimit: false } as const;
  try {
    const { data } = await internal.request<{ access_token?: string }>({
      ...oauth,
      path: "/oauth/token",
      params: {
        grant_type: "client_credentials",
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: app.scopes.includes("read") ? "read" : app.scopes[0],
      },
    });
    // The app token was only a test; give it back.
    const token = data?.access_token;
    if (token) {
      await internal
        .request({
          ...oauth,
          path: "/oauth/revoke",
          params: { client_id: app.client_id, client_secret: app.client_secret, token },
          secrets: [token],
        })
        .catch(() => undefined);
    }
    return true;
  } catch (error) {
    if (error instanceof MastodonAPIError && error.error === "invalid_client") return false;
    // Anything else (a server without the grant, say) is no evidence against the app.
    if (error instanceof MastodonAPIError && error.status !== undefined && error.status < 500) return true;
    throw error;
  }
}

/** Registers a new app and stores it. */
async function register(
  request: AppRequest,
  loopback: LoopbackServer | undefined,
  config: ConfigFile,
): Promise<StoredApp> {
  const redirect_uris = loopback ? [loopback.redirectUri, OOB_REDIRECT_URI] : [OOB_REDIRECT_URI];
  let registered: { client_id: string; client_secret: string };
  try {
    registered = await Mastodon.createApp(request.name, {
      api_base_url: request.api_base_url,
      scopes: request.scopes,
      redirect_uris,
      website: APP_WEBSITE,
      user_agent: USER_AGENT,
      request_timeout: request.request_timeout,
      // Only true is passed: an explicit false would refuse even the loopback http of a test server.
      ...(request.allow_http ? { allow_http: true } : {}),
    });
  } catch (error) {
    throw explainRegistrationFailure(request, error);
  }
  const app: StoredApp = {
    api_base_url: request.api_base_url,
    name: request.name,
    client_id: registered.client_id,
    client_secret: registered.client_secret,
    scopes: request.scopes,
    redirect_uris,
  };
  config.update((data) => {
    data.apps.push(app);
  });
  return app;
}

function explainRegistrationFailure(request: AppRequest, error: unknown): unknown {
  if (!(error instanceof MastodonAPIError)) return error;
  if (error instanceof MastodonNotFoundError || error.status === undefined || error.status === 405) {
    return new CliError(
      `${request.api_base_url} does not look like a Mastodon server: registering an app there failed ` +
        `(${error.status === undefined ? "the answer was not Mastodon's JSON" : `${error.status} ${error.reason ?? ""}`.trim()}). ` +
        "Check the address: it is the server's own address, such as https://mastodon.social, not a profile page.",
      EXIT.usage,
      { cause: error },
    );
  }
  if (error instanceof MastodonUnprocessableEntityError) {
    return new CliError(
      // The server's own words, quoted (cut short, control characters replaced); the message is already.
      `The server refused to register the app: ${error.error === undefined ? error.message : quoteServer(error.error)} ` +
        `Check --scopes (asked for "${request.scopes.join(" ")}") and --name.`,
      EXIT.refused,
      { cause: error },
    );
  }
  return error;
}

/**
 * The app to log in with, and for the browser flow the loopback server its redirect URI points at.
 * Reuses a stored app when one fits and its loopback port is free; registers a new one otherwise.
 */
export async function obtainApp(
  request: AppRequest,
  config: ConfigFile,
): Promise<{ app: StoredApp; loopback: LoopbackServer | undefined }> {
  const candidates = config
    .load()
    .apps.filter(
      (app) =>
        app.api_base_url === request.api_base_url &&
        app.name === request.name &&
        missingScopes(request.scopes, app.scopes).length === 0 &&
        (request.mode === "oob"
          ? app.redirect_uris.includes(OOB_REDIRECT_URI)
          : request.mode === "loopback"
            ? loopbackPort(app) !== undefined
            : true),
    )
    .reverse();
  for (const app of candidates) {
    let loopback: LoopbackServer | undefined;
    if (request.mode === "loopback") {
      try {
        loopback = await startLoopback(loopbackPort(app) ?? 0);
      } catch (error) {
        if (isAddressInUse(error)) continue;
        throw error;
      }
    }
    try {
      if (await stillRegistered(app, appClient(app, request.request_timeout, request.allow_http))) {
        return { app, loopback };
      }
    } catch (error) {
      loopback?.close();
      throw error;
    }
    loopback?.close();
    config.update((data) => {
      data.apps = data.apps.filter((stored) => stored.client_id !== app.client_id);
    });
  }
  const loopback = request.mode === "loopback" ? await startLoopback(0) : undefined;
  try {
    return { app: await register(request, loopback, config), loopback };
  } catch (error) {
    loopback?.close();
    throw error;
  }
}
