/**
 * The authorization request (GET /oauth/authorize) checked as Doorkeeper checks it, in its order:
 * client, redirect URI, response type, scopes, PKCE method. What it finds wrong before the redirect URI
 * is known to be the app's is shown on an error page; later errors go back to the app in the redirect,
 * as the OAuth specification asks (except out of band, where there is nowhere to go back to).
 */
import { findApp } from "./accounts-store.js";
import type { SandboxContext } from "./context.js";
import { randomToken } from "./ids.js";
import { OOB_URI } from "./oauth-apps.js";
import {
  missingParam,
  OAUTH_DESCRIPTIONS,
  type OAuthErrorCode,
  type OAuthFailure,
  oauthFailure,
} from "./oauth-errors.js";
import { DEFAULT_SCOPE, scopesWithin, splitWords } from "./oauth-scopes.js";
import type { AppRecord, AuthCodeRecord } from "./records.js";
import type { SandboxRequest } from "./request.js";

/** Codes expire after ten minutes, as Doorkeeper's do. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface PreAuthorization {
  app: AppRecord;
  redirect_uri: string;
  scopes: string[];
  state: string | undefined;
  code_challenge: string | undefined;
  code_challenge_method: string | undefined;
}

export type PreAuthorizationResult =
  | { ok: true; pre: PreAuthorization }
  /** `redirect` is set when the error goes back to the app rather than on a page. */
  | { ok: false; failure: OAuthFailure; redirect: string | undefined };

const LOOPBACK_IP = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/**
 * Whether a requested redirect URI is one the app registered. As in Doorkeeper: a query the
 * registration does not have is ignored, and for a loopback IP address the port may differ (RFC 8252:
 * native apps listen on whatever port is free).
 */
export function redirectUriMatches(requested: string, registered: string): boolean {
  if (requested === registered) return true;
  let a: URL;
  let b: URL;
  try {
    a = new URL(requested);
    b = new URL(registered);
  } catch {
    return false;
  }
  if (b.search === "") a.search = "";
  if (
    a.protocol === "http:" &&
    b.protocol === "http:" &&
    LOOPBACK_IP.test(a.hostname) &&
    a.hostname === b.hostname
  ) {
    a.port = "";
    b.port = "";
  }
  return a.href === b.href;
}

/** Where an error or a code goes back to: the redirect URI with the result added to its query. */
export function redirectWith(redirectUri: string, fields: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

export function readPreAuthorization(req: SandboxRequest): PreAuthorizationResult {
  const page = (error: OAuthErrorCode, description?: string): PreAuthorizationResult => ({
    ok: false,
    failure: oauthFailure(error, description),
    redirect: undefined,
  });
  const clientId = req.string("client_id") ?? "";
  if (clientId === "") return page("invalid_request", missingParam("client_id"));
  const app = findApp(req.ctx, clientId);
  if (!app) return page("invalid_client");
  const redirectUri = req.string("redirect_uri") ?? "";
  if (redirectUri === "" || !app.redirect_uris.some((uri) => redirectUriMatches(redirectUri, uri)))
    return page("invalid_redirect_uri");
  const state = req.string("state");
  const back = (error: OAuthErrorCode, description?: string): PreAuthorizationResult => {
    const failure = oauthFailure(error, description);
    return {
      ok: false,
      failure,
      redirect: redirectUri === OOB_URI ? undefined : redirectWith(redirectUri, { ...failure, state }),
    };
  };
  const responseType = req.string("response_type") ?? "";
  if (responseType === "") return back("invalid_request", missingParam("response_type"));
  if (responseType !== "code") return back("unsupported_response_type");
  const scopeText = req.string("scope") ?? "";
  const scopes =
    scopeText.trim() === "" ? DEFAULT_SCOPE.filter((s) => app.scopes.includes(s)) : splitWords(scopeText);
  if (scopes.length === 0 || !scopesWithin(scopes, app.scopes)) return back("invalid_scope");
  const challenge = req.string("code_challenge") || undefined;
  const method = req.string("code_challenge_method") || undefined;
  if (challenge !== undefined && method !== "S256") return back("invalid_code_challenge_method");
  return {
    ok: true,
    pre: {
      app,
      redirect_uri: redirectUri,
      scopes,
      state,
      code_challenge: challenge,
      code_challenge_method: challenge === undefined ? undefined : method,
    },
  };
}

/** The request's parameters as the consent form sends them back. */
export function preAuthorizationFields(pre: PreAuthorization): Record<string, string | undefined> {
  return {
    client_id: pre.app.client_id,
    redirect_uri: pre.redirect_uri,
    state: pre.state,
    response_type: "code",
    scope: pre.scopes.join(" "),
    code_challenge: pre.code_challenge,
    code_challenge_method: pre.code_challenge_method,
  };
}

/** Issues a code for the signed-in account and says where the browser goes next. */
export function approve(ctx: SandboxContext, pre: PreAuthorization, accountId: string): string {
  const code: AuthCodeRecord = {
    id: randomToken(),
    client_id: pre.app.client_id,
    account_id: accountId,
    redirect_uri: pre.redirect_uri,
    scopes: pre.scopes,
    code_challenge: pre.code_challenge ?? null,
    code_challenge_method: pre.code_challenge_method ?? null,
    expires_ms: ctx.now() + CODE_LIFETIME_MS,
  };
  // Codes nobody exchanged would pile up otherwise; there are never many, so a scan is cheap.
  ctx.state.codes.deleteWhere((old) => old.expires_ms <= ctx.now());
  ctx.state.codes.insert(code);
  ctx.changed();
  if (pre.redirect_uri === OOB_URI) return `/oauth/authorize/native?code=${encodeURIComponent(code.id)}`;
  return redirectWith(pre.redirect_uri, { code: code.id, state: pre.state });
}

/** Where a denial goes: back to the app with access_denied (undefined out of band). */
export function denial(pre: PreAuthorization): string | undefined {
  if (pre.redirect_uri === OOB_URI) return undefined;
  return redirectWith(pre.redirect_uri, {
    error: "access_denied",
    error_description: OAUTH_DESCRIPTIONS.access_denied,
    state: pre.state,
  });
}
