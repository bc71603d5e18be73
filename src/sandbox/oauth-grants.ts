/**
 * POST /oauth/token: the grants Mastodon 4.5 answers (authorization code with PKCE S256, client
 * credentials) plus refresh tokens, and the password grant only when the sandbox allows it (Mastodon
 * removed it in 4.4 and answers unsupported_grant_type). Checks run in Doorkeeper's order so the same
 * mistake gives the same error code as on a real server.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createToken, findAccountByEmail } from "./accounts-store.js";
import type { SandboxContext } from "./context.js";
import { authenticateClient } from "./oauth-apps.js";
import { redirectUriMatches } from "./oauth-authorize.js";
import { missingParam, tokenError } from "./oauth-errors.js";
import { DEFAULT_SCOPE, scopesWithin, splitWords } from "./oauth-scopes.js";
import type { AppRecord, TokenRecord } from "./records.js";
import type { SandboxRequest } from "./request.js";

export interface TokenAnswer {
  access_token: string;
  token_type: "Bearer";
  refresh_token?: string;
  scope: string;
  created_at: number;
}

export function tokenAnswer(token: TokenRecord): TokenAnswer {
  return {
    access_token: token.token,
    token_type: "Bearer",
    ...(token.refresh_token ? { refresh_token: token.refresh_token } : {}),
    scope: token.scopes.join(" "),
    created_at: Math.floor(Date.parse(token.created_at) / 1000),
  };
}

/** client_id and client_secret from the body, or from HTTP Basic authentication (client_secret_basic). */
export function clientCredentials(req: SandboxRequest): {
  id: string | undefined;
  secret: string | undefined;
} {
  const basic = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(req.header("authorization") ?? "");
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      try {
        return {
          id: decodeURIComponent(decoded.slice(0, colon)),
          secret: decodeURIComponent(decoded.slice(colon + 1)),
        };
      } catch {
        return { id: undefined, secret: undefined };
      }
    }
  }
  return { id: req.string("client_id"), secret: req.string("client_secret") };
}

function requireClient(req: SandboxRequest): AppRecord {
  const { id, secret } = clientCredentials(req);
  const app = authenticateClient(req.ctx, id, secret);
  if (!app) throw tokenError("invalid_client");
  return app;
}

/** The scopes a grant asks for: the `scope` parameter, or the default scope the app has. */
function requestedScopes(req: SandboxRequest, allowed: readonly string[]): string[] {
  const text = req.string("scope") ?? "";
  const scopes = text.trim() === "" ? DEFAULT_SCOPE.filter((s) => allowed.includes(s)) : splitWords(text);
  if (scopes.length === 0 || !scopesWithin(scopes, allowed)) throw tokenError("invalid_scope");
  return scopes;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function authorizationCodeGrant(req: SandboxRequest): TokenRecord {
  const { ctx } = req;
  const codeText = req.string("code") ?? "";
  const code = codeText === "" ? undefined : ctx.state.codes.get(codeText);
  const verifier = req.string("code_verifier") || undefined;
  const redirectUri = req.string("redirect_uri") ?? "";
  if (code?.code_challenge && verifier === undefined)
    throw tokenError("invalid_request", missingParam("code_verifier"));
  if (redirectUri === "") throw tokenError("invalid_request", missingParam("redirect_uri"));
  const app = requireClient(req);
  if (!code || code.client_id !== app.client_id || code.expires_ms <= ctx.now())
    throw tokenError("invalid_grant");
  if (!redirectUriMatches(redirectUri, code.redirect_uri)) throw tokenError("invalid_grant");
  // A verifier for a code made without a challenge fails too, as in Doorkeeper.
  if ((code.code_challenge || verifier) && !sameText(s256(verifier ?? ""), code.code_challenge ?? ""))
    throw tokenError("invalid_grant");
  ctx.state.codes.delete(code.id);
  return createToken(ctx, {
    client_id: app.client_id,
    account_id: code.account_id,
    scopes: code.scopes,
    refresh: true,
  });
}

function refreshTokenGrant(req: SandboxRequest): TokenRecord {
  const { ctx } = req;
  const refresh = req.string("refresh_token") ?? "";
  if (refresh === "") throw tokenError("invalid_request", missingParam("refresh_token"));
  const previous = ctx.state.tokens.lookup("refresh", refresh)[0];
  if (!previous) throw tokenError("invalid_grant");
  const app = requireClient(req);
  if (previous.client_id !== app.client_id) throw tokenError("invalid_grant");
  const scopes =
    (req.string("scope") ?? "").trim() === "" ? previous.scopes : requestedScopes(req, previous.scopes);
  // Rotation: the old access token and refresh token stop working the moment the new pair exists.
  ctx.state.tokens.delete(previous.id);
  return createToken(ctx, {
    client_id: app.client_id,
    account_id: previous.account_id,
    scopes,
    refresh: true,
  });
}

function clientCredentialsGrant(req: SandboxRequest): TokenRecord {
  const app = requireClient(req);
  const scopes = requestedScopes(req, app.scopes);
  return createToken(req.ctx, { client_id: app.client_id, account_id: null, scopes });
}

function passwordGrant(req: SandboxRequest): TokenRecord {
  const app = requireClient(req);
  const account = findAccountByEmail(req.ctx, req.string("username") ?? "");
  const password = req.string("password") ?? "";
  if (!account || password === "" || !sameText(password, account.password)) throw tokenError("invalid_grant");
  const scopes = requestedScopes(req, app.scopes);
  return createToken(req.ctx, { client_id: app.client_id, account_id: account.id, scopes, refresh: true });
}

/** The grant types the sandbox answers, as its metadata document lists them. */
export function grantTypes(ctx: SandboxContext): string[] {
  const types = ["authorization_code", "client_credentials", "refresh_token"];
  if (ctx.options.allow_password_grant) types.push("password");
  return types;
}

export function issueToken(req: SandboxRequest): TokenAnswer {
  const grant = req.string("grant_type") ?? "";
  if (grant === "") throw tokenError("invalid_request", missingParam("grant_type"));
  let token: TokenRecord;
  if (grant === "authorization_code") token = authorizationCodeGrant(req);
  else if (grant === "refresh_token") token = refreshTokenGrant(req);
  else if (grant === "client_credentials") token = clientCredentialsGrant(req);
  else if (grant === "password" && req.ctx.options.allow_password_grant) token = passwordGrant(req);
  else throw tokenError("unsupported_grant_type");
  req.ctx.changed();
  return tokenAnswer(token);
}
