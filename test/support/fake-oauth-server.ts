// A small but faithful OAuth server in Mastodon's image (Doorkeeper behind Rails), on a real socket:
// app registration, RFC 8414 metadata, the authorization page with PKCE, the token endpoint with its
// four grants, revocation, and the few API endpoints that tell whether a token works.
import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { json, type ParsedRequest, startServer, type TestServer } from "./http-server.js";

export const OOB = "urn:ietf:wg:oauth:2.0:oob";

export interface FakeOAuthOptions {
  /** Serve /.well-known/oauth-authorization-server (default true); false answers 404 as before 4.3. */
  metadata?: boolean;
  /** Fields to override in the metadata document (e.g. an http:// authorization_endpoint). */
  metadataOverride?: Record<string, unknown>;
  /** The password grant: "accept" (default), "invalid_grant", or "unsupported" (Mastodon 4.4+). */
  passwordGrant?: "accept" | "invalid_grant" | "unsupported";
  /** Grant this scope string whatever was asked for (to test scope narrowing). */
  grantedScope?: string;
  /** expires_in (seconds) of user tokens; none by default, like Mastodon. */
  expiresIn?: number;
  /** Issue refresh tokens with user tokens (default false, like Mastodon). */
  refreshTokens?: boolean;
  /** The version /api/v2/instance reports (default "4.3.0"). */
  version?: string;
  /** Usernames that registration refuses as taken. */
  takenUsernames?: string[];
}

interface App {
  id: string;
  name: string;
  website: string | null;
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  scopes: string[];
}

interface Grant {
  client_id: string;
  redirect_uri: string;
  scope: string;
  challenge: string | undefined;
  used: boolean;
}

export interface IssuedToken {
  token: string;
  kind: "user" | "app";
  client_id: string;
  scope: string;
  refresh_token: string | undefined;
  expiresAt: number | undefined;
  revoked: boolean;
}

export interface FakeOAuthServer extends TestServer {
  options: FakeOAuthOptions;
  apps: Map<string, App>;
  tokens: Map<string, IssuedToken>;
  /** Registers an app directly (not through the API), as an admin would. */
  addApp(scopes?: string[], redirect_uris?: string[]): App;
  /** Issues a user token directly, as the Development settings page does. */
  addToken(client_id: string, scope?: string): IssuedToken;
  /** The user clicks "Authorize" on the page `authUrl` points at: resolves to the code and state. */
  approve(authUrl: string): Promise<{ code: string; state: string | null }>;
  /** Requests to one path, in order. */
  requestsTo(path: string): ParsedRequest[];
}

const INVALID_GRANT =
  "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used " +
  "in the authorization request, or was issued to another client.";
const UNSUPPORTED = "The authorization grant type is not supported by the authorization server.";
const secret = () => `fake_${randomBytes(18).toString("base64url")}`;
const b64sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");
const oauthError = (res: ServerResponse, status: number, error: string, error_description: string) =>
  json(res, status, { error, error_description });
const html = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!DOCTYPE html><html><body>${body}</body></html>`);
};
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const words = (s: string | undefined) => (s ?? "").split(/\s+/).filter(Boolean);

export async function startFakeOAuthServer(options: FakeOAuthOptions = {}): Promise<FakeOAuthServer> {
  const apps = new Map<string, App>();
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, IssuedToken>();
  let base = "";

  const addApp = (scopes = ["read", "write", "follow", "push"], redirect_uris = [OOB], name = "test app") => {
    const app: App = {
      id: String(apps.size + 1),
      name,
      website: null,
      client_id: secret(),
      client_secret: secret(),
      redirect_uris,
      scopes,
    };
    apps.set(app.client_id, app);
    return app;
  };
  const issue = (kind: IssuedToken["kind"], client_id: string, scope: string): IssuedToken => {
    const user = kind === "user";
    const t: IssuedToken = {
      token: secret(),
      kind,
      client_id,
      scope: user && options.grantedScope !== undefined ? options.grantedScope : scope,
      refresh_token: user && options.refreshTokens ? secret() : undefined,
      expiresAt: user && options.expiresIn ? Date.now() + options.expiresIn * 1000 : undefined,
      revoked: false,
    };
    tokens.set(t.token, t);
    return t;
  };
  const tokenAnswer = (res: ServerResponse, t: IssuedToken) =>
    json(res, 200, {
      access_token: t.token,
      token_type: "Bearer",
      scope: t.scope,
      created_at: Math.floor(Date.now() / 1000),
      ...(t.refresh_token ? { refresh_token: t.refresh_token } : {}),
      ...(t.expiresAt ? { expires_in: Math.round((t.expiresAt - Date.now()) / 1000) } : {}),
    });
  const bearer = (req: ParsedRequest): IssuedToken | undefined => {
    const t = tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
    return t && !t.revoked && (t.expiresAt === undefined || Date.now() < t.expiresAt) ? t : undefined;
  };
  const isForm = (req: ParsedRequest) =>
    (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
  /** The app named by client_id and client_secret, or undefined after answering invalid_client. */
  const client = (req: ParsedRequest, res: ServerResponse): App | undefined => {
    const app = apps.get(str(req.params.client_id) ?? "");
    if (app && app.client_secret === str(req.params.client_secret)) return app;
    oauthError(res, 401, "invalid_client", "Client authentication failed due to unknown client.");
    return undefined;
  };
  /** Validates an authorization request; answers and returns undefined when it is invalid. */
  const authorization = (req: ParsedRequest, res: ServerResponse) => {
    const q = req.query;
    const app = apps.get(q.get("client_id") ?? "");
    const redirect_uri = q.get("redirect_uri") ?? "";
    const scope = q.get("scope") ?? app?.scopes.join(" ") ?? "";
    const problem = !app
      ? "invalid_client"
      : !app.redirect_uris.includes(redirect_uri)
        ? "invalid_redirect_uri"
        : q.get("response_type") !== "code"
          ? "unsupported_response_type"
          : !words(scope).every((s) => app.scopes.some((a) => s === a || s.startsWith(`${a}:`)))
            ? "invalid_scope"
            : q.has("code_challenge") && q.get("code_challenge_method") !== "S256"
              ? "invalid_request"
              : undefined;
    if (problem || !app) return void html(res, 400, `<h1>Authorization error</h1><p>${problem}</p>`);
    return { app, redirect_uri, scope, challenge: q.get("code_challenge") ?? undefined };
  };

  const routes: Record<string, (req: ParsedRequest, res: ServerResponse) => void> = {
    "POST /api/v1/apps": (req, res) => {
      const name = str(req.params.client_name);
      if (!name) return json(res, 422, { error: "Validation failed: Application name can't be blank" });
      const uris = (str(req.params.redirect_uris) ?? OOB).split("\n").filter(Boolean);
      const app = addApp(words(str(req.params.scopes) ?? "read"), uris, name);
      app.website = str(req.params.website) ?? null;
      json(res, 200, { ...app, redirect_uri: uris.join("\n"), vapid_key: "BFake=" });
    },
    "GET /.well-known/oauth-authorization-server": (_req, res) => {
      if (options.metadata === false) return json(res, 404, { error: "Record not found" });
      json(res, 200, {
        issuer: `${base}/`,
        authorization_endpoint: `${base}/oauth/authorize`,
        token_endpoint: `${base}/oauth/token`,
        revocation_endpoint: `${base}/oauth/revoke`,
        scopes_supported: ["read", "write", "follow", "push", "read:statuses", "write:media"],
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
        code_challenge_methods_supported: ["S256"],
        ...options.metadataOverride,
      });
    },
    "GET /oauth/authorize": (req, res) => {
      if (authorization(req, res)) html(res, 200, '<form method="post"><button>Authorize</button></form>');
    },
    "POST /oauth/authorize": (req, res) => {
      const ok = authorization(req, res);
      if (!ok) return;
      const code = secret();
      grants.set(code, { ...ok, client_id: ok.app.client_id, used: false });
      if (ok.redirect_uri === OOB)
        return html(res, 200, `<p>Copy this code:</p><code id="code">${code}</code>`);
      const location = new URL(ok.redirect_uri);
      location.searchParams.set("code", code);
      const state = req.query.get("state");
      if (state !== null) location.searchParams.set("state", state);
      res.writeHead(302, { location: location.href });
      res.end();
    },
    "POST /oauth/token": (req, res) => {
      if (!isForm(req))
        return oauthError(res, 400, "invalid_request", "Only form-encoded bodies are accepted.");
      const app = client(req, res);
      if (!app) return;
      const p = req.params;
      switch (str(p.grant_type)) {
        case "authorization_code": {
          const grant = grants.get(str(p.code) ?? "");
          const verifier = str(p.code_verifier);
          const bad =
            !grant ||
            grant.used ||
            grant.client_id !== app.client_id ||
            grant.redirect_uri !== str(p.redirect_uri) ||
            (grant.challenge !== undefined && (!verifier || b64sha256(verifier) !== grant.challenge));
          if (bad || !grant) return oauthError(res, 400, "invalid_grant", INVALID_GRANT);
          grant.used = true;
          return tokenAnswer(res, issue("user", app.client_id, grant.scope));
        }
        case "password":
          if (options.passwordGrant === "unsupported")
            return oauthError(res, 400, "unsupported_grant_type", UNSUPPORTED);
          if (options.passwordGrant === "invalid_grant" || !p.username || !p.password)
            return oauthError(res, 400, "invalid_grant", INVALID_GRANT);
          return tokenAnswer(res, issue("user", app.client_id, str(p.scope) ?? app.scopes.join(" ")));
        case "refresh_token": {
          const old = [...tokens.values()].find(
            (t) => t.refresh_token && t.refresh_token === str(p.refresh_token),
          );
          if (!old || old.client_id !== app.client_id)
            return oauthError(res, 400, "invalid_grant", "The refresh token is invalid.");
          old.revoked = true;
          old.refresh_token = undefined;
          return tokenAnswer(res, issue("user", app.client_id, old.scope));
        }
        case "client_credentials":
          return tokenAnswer(res, issue("app", app.client_id, str(p.scope) ?? "read"));
        default:
          return oauthError(res, 400, "unsupported_grant_type", UNSUPPORTED);
      }
    },
    "POST /oauth/revoke": (req, res) => {
      if (!isForm(req))
        return oauthError(res, 400, "invalid_request", "Only form-encoded bodies are accepted.");
      const app = client(req, res);
      if (!app) return;
      const t = tokens.get(str(req.params.token) ?? "");
      if (t && t.client_id !== app.client_id)
        return oauthError(res, 403, "unauthorized_client", "You are not authorized to revoke this token");
      if (t) t.revoked = true;
      json(res, 200, {});
    },
    "GET /api/v1/accounts/verify_credentials": (req, res) => {
      const t = bearer(req);
      if (t?.kind !== "user") return json(res, 401, { error: "The access token is invalid" });
      json(res, 200, { id: "1", username: "alice", acct: "alice", display_name: "Alice", scope: t.scope });
    },
    "GET /api/v1/apps/verify_credentials": (req, res) => {
      const t = bearer(req);
      const app = t && apps.get(t.client_id);
      if (!app) return json(res, 401, { error: "The access token is invalid" });
      json(res, 200, {
        id: app.id,
        name: app.name,
        website: app.website,
        scopes: app.scopes,
        redirect_uris: app.redirect_uris,
      });
    },
    "POST /api/v1/accounts": (req, res) => {
      const t = bearer(req);
      if (t?.kind !== "app") return json(res, 401, { error: "The access token is invalid" });
      const username = str(req.params.username) ?? "";
      const details: Record<string, { error: string; description: string }[]> = {};
      if (options.takenUsernames?.includes(username))
        details.username = [{ error: "ERR_TAKEN", description: "has already been taken" }];
      if (!["true", "1"].includes(String(req.params.agreement)))
        details.agreement = [{ error: "ERR_ACCEPTED", description: "must be accepted" }];
      if (Object.keys(details).length > 0)
        return json(res, 422, { error: "Validation failed: Username has already been taken", details });
      tokenAnswer(res, issue("user", t.client_id, t.scope));
    },
    "GET /api/v2/instance": (_req, res) =>
      json(res, 200, {
        domain: "fake.test",
        title: "Fake",
        version: options.version ?? "4.3.0",
        api_versions: { mastodon: 2 },
      }),
  };

  const server = await startServer((req, res) => {
    const route = routes[`${req.method} ${req.path}`];
    if (!route) return json(res, 404, { error: "Record not found" });
    route(req, res);
  });
  base = server.url;

  return {
    ...server,
    options,
    apps,
    tokens,
    addApp: (scopes, uris) => addApp(scopes, uris),
    addToken: (client_id, scope = "read write follow push") => {
      const t: IssuedToken = {
        token: secret(),
        kind: "user",
        client_id,
        scope,
        refresh_token: undefined,
        expiresAt: undefined,
        revoked: false,
      };
      tokens.set(t.token, t);
      return t;
    },
    async approve(authUrl) {
      const url = new URL(authUrl);
      if (url.origin !== base || url.pathname !== "/oauth/authorize")
        throw new Error(`approve: ${url.origin}${url.pathname} is not this server's authorization page`);
      const res = await fetch(`${base}/oauth/authorize${url.search}`, { method: "POST", redirect: "manual" });
      const body = await res.text();
      if (res.status === 302) {
        const back = new URL(res.headers.get("location") ?? "");
        return { code: back.searchParams.get("code") ?? "", state: back.searchParams.get("state") };
      }
      const code = /<code id="code">([^<]+)<\/code>/.exec(body)?.[1];
      if (res.status !== 200 || !code)
        throw new Error(`approve: the server refused (${res.status}): ${body}`);
      return { code, state: null };
    },
    requestsTo: (path) => server.requests.filter((r) => r.path === path),
  };
}
