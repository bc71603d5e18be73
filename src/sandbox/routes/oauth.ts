/**
 * The sandbox's OAuth provider and app registration: POST /api/v1/apps, the metadata document, the
 * authorization pages (sign in, consent, out-of-band code), the token, revocation and userinfo
 * endpoints. See oauth-*.ts for the rules each follows.
 */
import { findAccountByEmail, findApp } from "../accounts-store.js";
import type { SandboxApp } from "../app.js";
import {
  authenticateClient,
  registerApp,
  renderApplication,
  renderRegisteredApplication,
} from "../oauth-apps.js";
import {
  approve,
  denial,
  type PreAuthorization,
  preAuthorizationFields,
  readPreAuthorization,
} from "../oauth-authorize.js";
import { clientCredentials, grantTypes, issueToken } from "../oauth-grants.js";
import { codePage, consentPage, errorPage, rejectedPage, signInPage } from "../oauth-pages.js";
import { SCOPES_SUPPORTED } from "../oauth-scopes.js";
import { type BrowserSession, BrowserSessions } from "../oauth-sessions.js";
import type { ParamObject } from "../params.js";
import { renderAccount } from "../render/account.js";
import { ApiError, html, invalidToken, ok, type Reply, redirect } from "../reply.js";
import type { SandboxRequest } from "../request.js";

function withCookie(reply: Reply, cookie: string | undefined): Reply {
  if (cookie !== undefined) reply.headers = { ...reply.headers, "set-cookie": cookie };
  return reply;
}

/** The authorization URL to come back to after signing in (force_login dropped, or it would loop). */
function authorizePath(pre: PreAuthorization, lang: string | undefined): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...preAuthorizationFields(pre), lang }))
    if (value !== undefined) query.set(name, value);
  return `/oauth/authorize?${query}`;
}

/** The authorization request's answer when it is malformed: back to the app, or an error page. */
function preAuthorizationFailure(req: SandboxRequest): Reply | PreAuthorization {
  const result = readPreAuthorization(req);
  if (result.ok) return result.pre;
  if (result.redirect) return redirect(result.redirect);
  return html(errorPage(result.failure.error, result.failure.error_description), 400);
}

function revokeRefusal(): ApiError {
  return new ApiError(403, {
    error: "unauthorized_client",
    error_description: "You are not authorized to revoke this token",
  });
}

export function registerOauth(app: SandboxApp): void {
  const { router, ctx } = app;
  const sessions = new BrowserSessions();
  app.closers.push(() => sessions.clear());

  /** The signed-in account of a session, if it still exists (a reset removes everyone's sign-in). */
  const signedIn = (session: BrowserSession | undefined) =>
    session?.account_id ? ctx.state.accounts.get(session.account_id) : undefined;

  /** A form post must carry its session's CSRF token; Rails answers 422 otherwise. */
  const checkedSession = (req: SandboxRequest): BrowserSession | undefined => {
    const session = sessions.find(req);
    const sent = req.string("authenticity_token");
    return session && sent === session.csrf ? session : undefined;
  };

  router.post("/api/v1/apps", (req) => ok(renderRegisteredApplication(registerApp(req))), { auth: "none" });

  router.get(
    "/api/v1/apps/verify_credentials",
    (req) => {
      const registered = req.token ? findApp(ctx, req.token.client_id) : undefined;
      if (!registered) throw invalidToken();
      return ok(renderApplication(registered));
    },
    { auth: "app" },
  );

  router.get(
    "/.well-known/oauth-authorization-server",
    () =>
      ok({
        issuer: `${ctx.url}/`,
        authorization_endpoint: `${ctx.url}/oauth/authorize`,
        token_endpoint: `${ctx.url}/oauth/token`,
        revocation_endpoint: `${ctx.url}/oauth/revoke`,
        userinfo_endpoint: `${ctx.url}/oauth/userinfo`,
        scopes_supported: SCOPES_SUPPORTED,
        response_types_supported: ["code"],
        response_modes_supported: ["query"],
        grant_types_supported: grantTypes(ctx),
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
        service_documentation: "https://docs.joinmastodon.org/",
        app_registration_endpoint: `${ctx.url}/api/v1/apps`,
      }),
    { auth: "none" },
  );

  router.get(
    "/oauth/authorize",
    (req) => {
      const pre = preAuthorizationFailure(req);
      if (!("app" in pre)) return pre;
      const lang = req.string("lang");
      const { session, cookie } = sessions.open(req);
      let setCookie = cookie;
      if (req.boolean("force_login") && session.account_id) {
        session.account_id = null;
        setCookie = sessions.renew(session);
      }
      const account = signedIn(session);
      if (!account) {
        session.return_to = authorizePath(pre, lang);
        return withCookie(html(signInPage({ csrf: session.csrf, ...(lang ? { lang } : {}) })), setCookie);
      }
      const page = consentPage({
        csrf: session.csrf,
        appName: pre.app.name,
        username: account.username,
        scopes: pre.scopes,
        request: preAuthorizationFields(pre),
        ...(lang ? { lang } : {}),
      });
      return withCookie(html(page), setCookie);
    },
    { auth: "none" },
  );

  const decide = (req: SandboxRequest, deny: boolean): Reply => {
    const session = checkedSession(req);
    if (!session) return html(rejectedPage(), 422);
    const pre = preAuthorizationFailure(req);
    if (!("app" in pre)) return pre;
    const account = signedIn(session);
    if (!account) {
      session.return_to = authorizePath(pre, undefined);
      return html(signInPage({ csrf: session.csrf }));
    }
    if (deny) {
      const back = denial(pre);
      return back
        ? redirect(back)
        : html(
            errorPage("access_denied", "The resource owner or authorization server denied the request."),
            400,
          );
    }
    return redirect(approve(ctx, pre, account.id));
  };

  router.post("/oauth/authorize", (req) => decide(req, req.string("_method")?.toLowerCase() === "delete"), {
    auth: "none",
  });
  router.delete("/oauth/authorize", (req) => decide(req, true), { auth: "none" });

  router.get("/oauth/authorize/native", (req) => html(codePage(req.string("code") ?? "")), { auth: "none" });

  router.get(
    "/auth/sign_in",
    (req) => {
      const { session, cookie } = sessions.open(req);
      return withCookie(html(signInPage({ csrf: session.csrf })), cookie);
    },
    { auth: "none" },
  );

  router.post(
    "/auth/sign_in",
    (req) => {
      const session = checkedSession(req);
      if (!session) return html(rejectedPage(), 422);
      const user: ParamObject = req.object("user") ?? req.params;
      const email = (req.string("email", user) ?? "").trim();
      const password = req.string("password", user) ?? "";
      const account = email === "" ? undefined : findAccountByEmail(ctx, email);
      if (!account || password !== account.password) {
        const page = signInPage({ csrf: session.csrf, email, error: "Invalid E-mail address or password." });
        return html(page, 422);
      }
      session.account_id = account.id;
      const cookie = sessions.renew(session);
      return withCookie(redirect(session.return_to ?? "/"), cookie);
    },
    { auth: "none" },
  );

  router.post(
    "/auth/sign_out",
    (req) => {
      const session = checkedSession(req);
      if (!session) return html(rejectedPage(), 422);
      session.account_id = null;
      const cookie = sessions.renew(session);
      return withCookie(redirect(session.return_to ?? "/auth/sign_in"), cookie);
    },
    { auth: "none" },
  );

  router.post("/oauth/token", (req) => ok(issueToken(req)), { auth: "none" });

  router.post(
    "/oauth/revoke",
    (req) => {
      const { id, secret } = clientCredentials(req);
      const client = authenticateClient(ctx, id, secret);
      if (!client) throw revokeRefusal();
      const text = req.string("token") ?? "";
      const token =
        text === ""
          ? undefined
          : (ctx.state.tokens.lookup("token", text)[0] ?? ctx.state.tokens.lookup("refresh", text)[0]);
      if (token) {
        if (token.client_id !== client.client_id) throw revokeRefusal();
        ctx.state.tokens.delete(token.id);
        ctx.changed();
      }
      return ok({});
    },
    { auth: "none" },
  );

  router.get(
    "/oauth/userinfo",
    (req) => {
      const account = renderAccount(ctx, req.me);
      return ok({
        iss: `${ctx.url}/`,
        sub: account.uri,
        name: account.display_name,
        preferred_username: account.username,
        profile: account.url,
        picture: account.avatar,
      });
    },
    { auth: "user", scopes: ["profile", "read", "read:accounts"] },
  );
}
