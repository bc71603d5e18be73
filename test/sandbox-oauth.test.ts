// The sandbox's OAuth provider over real sockets: app registration, the sign-in and consent pages
// played as a browser (cookies and forms by hand), PKCE, the token grants with Doorkeeper's errors,
// revocation and userinfo.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { authorizeAs, Browser, formOf, shownCode } from "./sandbox-oauth-browser.js";

const OOB = "urn:ietf:wg:oauth:2.0:oob";
const CALLBACK = "https://app.example/callback";
const INVALID_GRANT = {
  error: "invalid_grant",
  error_description:
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
};
const INVALID_CLIENT = {
  error: "invalid_client",
  error_description:
    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
};

interface App {
  client_id: string;
  client_secret: string;
  [key: string]: unknown;
}

let sb: Sandbox;
let alice: { email: string; password: string; access_token: string };

before(async () => {
  sb = await startSandbox({ port: 0 });
  const user = sb.users[0];
  assert.ok(user);
  alice = user;
});
after(() => sb.close());

async function call(
  path: string,
  init: { method?: string; form?: Record<string, string>; json?: unknown; token?: string } = {},
) {
  const headers: Record<string, string> = {};
  let body: string | null = null;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${sb.url}${path}`, {
    method: init.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as Record<string, unknown>, text, headers: res.headers };
}

async function newApp(fields: Record<string, string> = {}): Promise<App> {
  const res = await call("/api/v1/apps", {
    form: {
      client_name: "test app",
      redirect_uris: `${CALLBACK}\n${OOB}`,
      scopes: "read write follow push profile",
      ...fields,
    },
  });
  assert.equal(res.status, 200, res.text);
  return res.json as unknown as App;
}

function authorizeUrl(app: App, params: Record<string, string> = {}): string {
  const url = new URL(`${sb.url}/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: app.client_id,
    redirect_uri: CALLBACK,
    response_type: "code",
    scope: "read write",
    ...params,
  }).toString();
  return url.href;
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** A code for alice through the pages (with PKCE when a verifier is given). */
async function codeFor(app: App, params: Record<string, string> = {}, verifier?: string): Promise<string> {
  const extra = verifier ? { code_challenge: s256(verifier), code_challenge_method: "S256" } : {};
  const page = await authorizeAs(new Browser(sb.url), authorizeUrl(app, { ...extra, ...params }), alice);
  const code =
    params.redirect_uri === OOB
      ? shownCode(page.html)
      : new URL(page.location ?? "").searchParams.get("code");
  assert.ok(code, page.html);
  return code;
}

function exchange(app: App, code: string, extra: Record<string, string> = {}) {
  return call("/oauth/token", {
    form: {
      grant_type: "authorization_code",
      code,
      redirect_uri: CALLBACK,
      client_id: app.client_id,
      client_secret: app.client_secret,
      ...extra,
    },
  });
}

describe("POST /api/v1/apps", () => {
  test("answers the Application with its credentials, field for field as Mastodon 4.5", async () => {
    const res = await call("/api/v1/apps", {
      form: {
        client_name: "mastodon.py generated test app",
        scopes: "read write follow push",
        redirect_uris: OOB,
      },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json), [
      "id",
      "name",
      "website",
      "scopes",
      "redirect_uris",
      "vapid_key",
      "redirect_uri",
      "client_id",
      "client_secret",
      "client_secret_expires_at",
    ]);
    assert.equal(res.json.name, "mastodon.py generated test app");
    assert.equal(res.json.website, null);
    assert.deepEqual(res.json.scopes, ["read", "write", "follow", "push"]);
    assert.deepEqual(res.json.redirect_uris, [OOB]);
    assert.equal(res.json.redirect_uri, OOB);
    assert.equal(res.json.client_secret_expires_at, 0);
    assert.match(String(res.json.id), /^\d+$/);
    assert.match(String(res.json.client_id), /^[A-Za-z0-9_-]{43}$/);
    // A P-256 public key, uncompressed (65 bytes), base64url with padding as Mastodon prints it.
    assert.equal(Buffer.from(String(res.json.vapid_key), "base64url").length, 65);
    assert.match(String(res.json.vapid_key), /^B[A-Za-z0-9_-]{86}=$/);
  });

  test("scopes default to read; redirect URIs may be space- or newline-separated, or a JSON array", async () => {
    const plain = await call("/api/v1/apps", {
      form: { client_name: "a", redirect_uris: `${CALLBACK} ${OOB}` },
    });
    assert.deepEqual(plain.json.scopes, ["read"]);
    assert.deepEqual(plain.json.redirect_uris, [CALLBACK, OOB]);
    assert.equal(plain.json.redirect_uri, `${CALLBACK}\n${OOB}`);
    const json = await call("/api/v1/apps", {
      json: {
        client_name: "b",
        redirect_uris: [CALLBACK, "myapp://oauth"],
        scopes: "read:statuses write:media",
        website: "https://app.example",
      },
    });
    assert.equal(json.status, 200, json.text);
    assert.deepEqual(json.json.redirect_uris, [CALLBACK, "myapp://oauth"]);
    assert.deepEqual(json.json.scopes, ["read:statuses", "write:media"]);
    assert.equal(json.json.website, "https://app.example");
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ["no client_name", { redirect_uris: OOB }, "Validation failed: Application name can't be blank"],
    [
      "a blank client_name",
      { client_name: "   ", redirect_uris: OOB },
      "Validation failed: Application name can't be blank",
    ],
    [
      "a client_name that is an object",
      { client_name: { a: 1 }, redirect_uris: OOB },
      "Validation failed: Application name can't be blank",
    ],
    ["no redirect URI", { client_name: "x" }, "Validation failed: Redirect URI can't be blank"],
    ["nothing at all", {}, "Validation failed: Application name can't be blank, Redirect URI can't be blank"],
    [
      "a relative redirect URI",
      { client_name: "x", redirect_uris: "/callback" },
      "Validation failed: Redirect URI must be an absolute URI.",
    ],
    [
      "a javascript: URI",
      { client_name: "x", redirect_uris: "javascript://alert(1)" },
      "Validation failed: Redirect URI is forbidden by the server.",
    ],
    [
      "a URI with a fragment",
      { client_name: "x", redirect_uris: "https://app.example/cb#top" },
      "Validation failed: Redirect URI cannot contain a fragment.",
    ],
    [
      "a URI with characters no URI has",
      { client_name: "x", redirect_uris: "https://app.example/<cb>" },
      "Validation failed: Redirect URI must be a valid URI.",
    ],
    [
      "one bad URI among good ones",
      { client_name: "x", redirect_uris: [OOB, "nope"] },
      "Validation failed: Redirect URI must be an absolute URI.",
    ],
    [
      "an unknown scope",
      { client_name: "x", redirect_uris: OOB, scopes: "read fly" },
      "Validation failed: Scopes doesn't match configured on the server.",
    ],
    [
      "a name over 60 characters",
      { client_name: "n".repeat(61), redirect_uris: OOB },
      "Validation failed: Application name is too long (maximum is 60 characters)",
    ],
    [
      "a website that is no URL",
      { client_name: "x", redirect_uris: OOB, website: "not a site" },
      "Validation failed: Application website is invalid",
    ],
    [
      "a huge name",
      { client_name: "n".repeat(200_000), redirect_uris: OOB },
      "Validation failed: Application name is too long (maximum is 60 characters)",
    ],
  ];
  for (const [what, body, error] of refusals) {
    test(`422 for ${what}`, async () => {
      const before = sb.context.state.apps.size;
      const res = await call("/api/v1/apps", { json: body });
      assert.equal(res.status, 422);
      assert.deepEqual(res.json, { error });
      assert.equal(sb.context.state.apps.size, before, "nothing is stored");
    });
  }

  test("GET /api/v1/apps/verify_credentials shows the token's app without secrets, to app and user tokens", async () => {
    const app = await newApp({ client_name: "verifier", website: "https://v.example" });
    const appToken = await call("/oauth/token", {
      form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret },
    });
    const res = await call("/api/v1/apps/verify_credentials", { token: String(appToken.json.access_token) });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      id: app.id,
      name: "verifier",
      website: "https://v.example",
      scopes: ["read", "write", "follow", "push", "profile"],
      redirect_uris: [CALLBACK, OOB],
      vapid_key: app.vapid_key,
      redirect_uri: `${CALLBACK}\n${OOB}`,
    });
    const user = await call("/api/v1/apps/verify_credentials", { token: alice.access_token });
    assert.equal(user.json.name, "mastodon-ts sandbox");
    const none = await call("/api/v1/apps/verify_credentials");
    assert.equal(none.status, 401);
    assert.deepEqual(none.json, { error: "The access token is invalid" });
  });
});

test("GET /.well-known/oauth-authorization-server describes the endpoints as Mastodon does", async () => {
  const res = await call("/.well-known/oauth-authorization-server");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  const doc = res.json;
  assert.equal(doc.issuer, `${sb.url}/`);
  assert.equal(doc.authorization_endpoint, `${sb.url}/oauth/authorize`);
  assert.equal(doc.token_endpoint, `${sb.url}/oauth/token`);
  assert.equal(doc.revocation_endpoint, `${sb.url}/oauth/revoke`);
  assert.equal(doc.userinfo_endpoint, `${sb.url}/oauth/userinfo`);
  assert.equal(doc.app_registration_endpoint, `${sb.url}/api/v1/apps`);
  assert.deepEqual(doc.code_challenge_methods_supported, ["S256"]);
  assert.deepEqual(doc.response_types_supported, ["code"]);
  assert.deepEqual(doc.grant_types_supported, ["authorization_code", "client_credentials", "refresh_token"]);
  assert.deepEqual(doc.token_endpoint_auth_methods_supported, ["client_secret_basic", "client_secret_post"]);
  const scopes = doc.scopes_supported as string[];
  assert.deepEqual(scopes.slice(0, 4), ["read", "profile", "write", "write:accounts"]);
  for (const scope of ["read:statuses", "follow", "push", "admin:read:accounts", "admin:write:reports"])
    assert.ok(scopes.includes(scope), scope);
});

describe("the authorization pages", () => {
  test("sign in, authorize, and the browser goes back to the app with the code and the state", async () => {
    const app = await newApp();
    const browser = new Browser(sb.url);
    const first = await browser.get(authorizeUrl(app, { state: "xyz 123&=" }));
    assert.equal(first.status, 200);
    assert.match(first.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(
      first.headers.get("set-cookie") ?? "",
      /^_mastodon_session=[^;]+; path=\/; HttpOnly; SameSite=Lax$/,
    );
    const signIn = formOf(first.html, "sign_in");
    assert.equal(signIn.action, "/auth/sign_in");
    assert.ok(signIn.fields.authenticity_token, "the form carries a CSRF token");
    const before = browser.cookies.get("_mastodon_session");

    const signedIn = await browser.submit(first, "sign_in", {
      "user[email]": alice.email,
      "user[password]": alice.password,
    });
    assert.equal(signedIn.status, 302);
    assert.ok(signedIn.location?.startsWith("/oauth/authorize?"), signedIn.location);
    assert.notEqual(browser.cookies.get("_mastodon_session"), before, "signing in gives a new session id");

    const consent = await browser.get(signedIn.location ?? "");
    assert.equal(consent.status, 200);
    assert.match(consent.html, /<strong id="app_name">test app<\/strong>/);
    assert.match(consent.html, /@alice/);
    assert.match(consent.html, /<code>read<\/code>/);
    assert.match(consent.html, /<code>write<\/code>/);
    assert.ok(formOf(consent.html, "deny"), "there is a Deny button");

    const approved = await browser.submit(consent, "authorize");
    assert.equal(approved.status, 302);
    const back = new URL(approved.location ?? "");
    assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
    assert.equal(back.searchParams.get("state"), "xyz 123&=");
    const code = back.searchParams.get("code") ?? "";
    assert.match(code, /^[A-Za-z0-9_-]{43}$/);

    const token = await exchange(app, code);
    assert.equal(token.status, 200, token.text);
    assert.deepEqual(Object.keys(token.json), [
      "access_token",
      "token_type",
      "refresh_token",
      "scope",
      "created_at",
    ]);
    assert.equal(token.json.token_type, "Bearer");
    assert.equal(token.json.scope, "read write");
    assert.ok(Number.isInteger(token.json.created_at), "created_at is Unix seconds");
    assert.ok(Math.abs(Number(token.json.created_at) - Date.now() / 1000) < 60);
    const who = await call("/oauth/userinfo", { token: String(token.json.access_token) });
    assert.equal(who.json.preferred_username, "alice");

    // The signed-in session goes straight to the consent page next time.
    const again = await browser.get(authorizeUrl(app));
    assert.ok(formOf(again.html, "authorize"));
  });

  test('out of band: the code is shown on a page (id="code") and works once', async () => {
    const app = await newApp();
    const page = await authorizeAs(new Browser(sb.url), authorizeUrl(app, { redirect_uri: OOB }), alice);
    assert.equal(page.status, 200);
    assert.match(page.html, /Authorization code/);
    const code = shownCode(page.html) ?? "";
    assert.ok(code);
    const token = await exchange(app, code, { redirect_uri: OOB });
    assert.equal(token.status, 200, token.text);
    const reused = await exchange(app, code, { redirect_uri: OOB });
    assert.equal(reused.status, 400);
    assert.deepEqual(reused.json, INVALID_GRANT);
  });

  test("a wrong password shows the form again with an error; the right one then works", async () => {
    const app = await newApp();
    const browser = new Browser(sb.url);
    const first = await browser.get(authorizeUrl(app));
    const wrong = await browser.submit(first, "sign_in", {
      "user[email]": alice.email,
      "user[password]": "nope",
    });
    assert.equal(wrong.status, 422);
    assert.match(wrong.html, /<p class="error" id="error">Invalid E-mail address or password.<\/p>/);
    assert.equal(formOf(wrong.html, "sign_in").fields["user[email]"], alice.email, "the e-mail is kept");
    const unknown = await browser.submit(wrong, "sign_in", {
      "user[email]": "nobody@x.example",
      "user[password]": "p",
    });
    assert.equal(unknown.status, 422);
    const right = await browser.submit(unknown, "sign_in", {
      "user[email]": alice.email,
      "user[password]": alice.password,
    });
    assert.equal(right.status, 302);
  });

  test("form posts without the session's CSRF token are rejected with 422", async () => {
    const app = await newApp();
    const browser = new Browser(sb.url);
    const first = await browser.get(authorizeUrl(app));
    const forged = await browser.submit(first, "sign_in", {
      authenticity_token: "forged",
      "user[email]": alice.email,
      "user[password]": alice.password,
    });
    assert.equal(forged.status, 422);
    assert.match(forged.html, /The change you wanted was rejected/);
    // Without the cookie, even the right token is someone else's.
    const stranger = new Browser(sb.url);
    const noCookie = await stranger.post("/auth/sign_in", {
      ...formOf(first.html, "sign_in").fields,
      "user[email]": alice.email,
      "user[password]": alice.password,
    });
    assert.equal(noCookie.status, 422);
    // An Authorize post without a token issues no code.
    const codes = sb.context.state.codes.size;
    const direct = await browser.post("/oauth/authorize", {
      client_id: app.client_id,
      redirect_uri: CALLBACK,
      response_type: "code",
      scope: "read",
    });
    assert.equal(direct.status, 422);
    assert.equal(sb.context.state.codes.size, codes);
  });

  test("Deny sends the browser back with access_denied and the state", async () => {
    const app = await newApp();
    const browser = new Browser(sb.url);
    const first = await browser.get(authorizeUrl(app, { state: "s1" }));
    const signedIn = await browser.submit(first, "sign_in", {
      "user[email]": alice.email,
      "user[password]": alice.password,
    });
    const consent = await browser.get(signedIn.location ?? "");
    const denied = await browser.submit(consent, "deny");
    assert.equal(denied.status, 302);
    const back = new URL(denied.location ?? "");
    assert.equal(back.searchParams.get("error"), "access_denied");
    assert.equal(
      back.searchParams.get("error_description"),
      "The resource owner or authorization server denied the request.",
    );
    assert.equal(back.searchParams.get("state"), "s1");
    assert.equal(back.searchParams.get("code"), null);
  });

  test("force_login asks for the password again even when signed in", async () => {
    const app = await newApp();
    const browser = new Browser(sb.url);
    await authorizeAs(browser, authorizeUrl(app), alice);
    const forced = await browser.get(authorizeUrl(app, { force_login: "true" }));
    const signIn = formOf(forced.html, "sign_in");
    const signedIn = await browser.post(signIn.action, {
      ...signIn.fields,
      "user[email]": alice.email,
      "user[password]": alice.password,
    });
    assert.equal(signedIn.status, 302);
    assert.doesNotMatch(signedIn.location ?? "", /force_login/, "no loop back to the sign-in page");
  });

  test("bad client or redirect URI: an error page, never a redirect", async () => {
    const app = await newApp();
    const cases: [Record<string, string>, string, string][] = [
      [{ client_id: "" }, "invalid_request", "Missing required parameter: client_id."],
      [{ client_id: "unknown" }, "invalid_client", "Client authentication failed"],
      [
        { redirect_uri: "https://evil.example/cb" },
        "invalid_redirect_uri",
        "The redirect uri included is not valid.",
      ],
      [{ redirect_uri: "" }, "invalid_redirect_uri", "The redirect uri included is not valid."],
      [
        { redirect_uri: OOB, scope: "admin:read" },
        "invalid_scope",
        "The requested scope is invalid, unknown, or malformed.",
      ],
    ];
    for (const [params, error, text] of cases) {
      const page = await new Browser(sb.url).get(authorizeUrl(app, params));
      assert.equal(page.status, 400, JSON.stringify(params));
      assert.equal(page.location, undefined);
      assert.match(page.html, new RegExp(`data-error="${error}"`));
      assert.ok(page.html.includes(text), page.html);
    }
  });

  test("errors after the redirect URI is known go back to the app, with the state", async () => {
    const app = await newApp({ scopes: "read write" });
    const cases: [Record<string, string>, string][] = [
      [{ scope: "read follow" }, "invalid_scope"],
      [{ scope: "read:statuses" }, "invalid_scope"],
      [{ scope: "read nonsense" }, "invalid_scope"],
      [{ response_type: "token" }, "unsupported_response_type"],
      [{ response_type: "" }, "invalid_request"],
      [{ code_challenge: "abc", code_challenge_method: "plain" }, "invalid_code_challenge_method"],
      [{ code_challenge: "abc" }, "invalid_code_challenge_method"],
    ];
    for (const [params, error] of cases) {
      const page = await new Browser(sb.url).get(authorizeUrl(app, { state: "st", ...params }));
      assert.equal(page.status, 302, JSON.stringify(params));
      const back = new URL(page.location ?? "");
      assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
      assert.equal(back.searchParams.get("error"), error, JSON.stringify(params));
      assert.equal(back.searchParams.get("state"), "st");
    }
    const plain = await new Browser(sb.url).get(
      authorizeUrl(app, { code_challenge: "abc", code_challenge_method: "plain" }),
    );
    assert.equal(
      new URL(plain.location ?? "").searchParams.get("error_description"),
      "The code_challenge_method must be S256.",
    );
  });

  test("without a scope, the app's default scope (read) is asked for", async () => {
    const app = await newApp();
    const code = await codeFor(app, { scope: "" });
    const token = await exchange(app, code);
    assert.equal(token.json.scope, "read");
  });

  test("a loopback redirect URI matches on another port (RFC 8252), a remote one does not", async () => {
    const app = await newApp({ redirect_uris: "http://127.0.0.1:1234/callback" });
    const code = await codeFor(app, { redirect_uri: "http://127.0.0.1:5678/callback" });
    const token = await exchange(app, code, { redirect_uri: "http://127.0.0.1:5678/callback" });
    assert.equal(token.status, 200, token.text);
    const remote = await newApp({ redirect_uris: "http://app.example:1234/callback" });
    const page = await new Browser(sb.url).get(
      authorizeUrl(remote, { redirect_uri: "http://app.example:5678/callback" }),
    );
    assert.equal(page.status, 400);
  });
});

describe("POST /oauth/token", () => {
  test("PKCE: the right verifier gets the token, a wrong or missing one does not", async () => {
    const app = await newApp();
    const verifier = "v".repeat(43);
    const good = await exchange(app, await codeFor(app, {}, verifier), { code_verifier: verifier });
    assert.equal(good.status, 200, good.text);

    const bad = await exchange(app, await codeFor(app, {}, verifier), { code_verifier: "w".repeat(43) });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, INVALID_GRANT);

    const missing = await exchange(app, await codeFor(app, {}, verifier));
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json, {
      error: "invalid_request",
      error_description: "Missing required parameter: code_verifier.",
    });

    // A verifier sent for a code made without a challenge fails, as in Doorkeeper.
    const unasked = await exchange(app, await codeFor(app), { code_verifier: verifier });
    assert.deepEqual(unasked.json, INVALID_GRANT);
  });

  test("the code must be used with its redirect URI, by its app, and only while fresh", async () => {
    const app = await newApp();
    const other = await newApp();
    const wrongUri = await exchange(app, await codeFor(app), { redirect_uri: OOB });
    assert.deepEqual(wrongUri.json, INVALID_GRANT);
    const wrongApp = await exchange(other, await codeFor(app));
    assert.deepEqual(wrongApp.json, INVALID_GRANT);
    const noRedirect = await exchange(app, await codeFor(app), { redirect_uri: "" });
    assert.deepEqual(noRedirect.json, {
      error: "invalid_request",
      error_description: "Missing required parameter: redirect_uri.",
    });
    const unknown = await exchange(app, "not-a-code");
    assert.deepEqual(unknown.json, INVALID_GRANT);
    const code = await codeFor(app);
    const record = sb.context.state.codes.get(code);
    assert.ok(record);
    record.expires_ms = Date.now() - 1;
    assert.deepEqual((await exchange(app, code)).json, INVALID_GRANT);
  });

  test("client authentication: a wrong secret is 401 invalid_client; HTTP Basic works too", async () => {
    const app = await newApp();
    const wrong = await exchange(app, await codeFor(app), { client_secret: "wrong" });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, INVALID_CLIENT);
    assert.match(
      wrong.headers.get("www-authenticate") ?? "",
      /^Bearer realm="Doorkeeper", error="invalid_client"/,
    );
    const code = await codeFor(app);
    const basic = await fetch(`${sb.url}/oauth/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: CALLBACK,
      }).toString(),
    });
    assert.equal(basic.status, 200);
  });

  test("a JSON body is read like a form", async () => {
    const app = await newApp();
    const res = await call("/oauth/token", {
      json: {
        grant_type: "client_credentials",
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: "read write",
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.scope, "read write");
  });

  test("missing and unknown grant types", async () => {
    const missing = await call("/oauth/token", { form: { client_id: "x" } });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json, {
      error: "invalid_request",
      error_description: "Missing required parameter: grant_type.",
    });
    for (const grant of ["implicit", "urn:ietf:params:oauth:grant-type:device_code", "x".repeat(10_000)]) {
      const res = await call("/oauth/token", { form: { grant_type: grant } });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json, {
        error: "unsupported_grant_type",
        error_description: "The authorization grant type is not supported by the authorization server.",
      });
    }
  });

  test("client_credentials: an app token with the scopes asked, which user routes refuse with 422", async () => {
    const app = await newApp({ scopes: "read write" });
    const res = await call("/oauth/token", {
      form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json), ["access_token", "token_type", "scope", "created_at"]);
    assert.equal(res.json.scope, "read", "no scope asked: the default");
    const token = String(res.json.access_token);
    for (const path of ["/api/v1/announcements", "/api/v1/preferences", "/oauth/userinfo"]) {
      const user = await call(path, { token });
      assert.equal(user.status, 422, path);
      assert.deepEqual(user.json, { error: "This method requires an authenticated user" });
    }
    const beyond = await call("/oauth/token", {
      form: {
        grant_type: "client_credentials",
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: "read push",
      },
    });
    assert.equal(beyond.status, 400);
    assert.deepEqual(beyond.json, {
      error: "invalid_scope",
      error_description: "The requested scope is invalid, unknown, or malformed.",
    });
    const noClient = await call("/oauth/token", { form: { grant_type: "client_credentials" } });
    assert.equal(noClient.status, 401);
    assert.deepEqual(noClient.json, INVALID_CLIENT);
  });

  test("refresh tokens rotate: the new pair works, the old access and refresh tokens do not", async () => {
    const app = await newApp();
    const first = await exchange(app, await codeFor(app));
    const refresh = (token: string, extra: Record<string, string> = {}) =>
      call("/oauth/token", {
        form: {
          grant_type: "refresh_token",
          refresh_token: token,
          client_id: app.client_id,
          client_secret: app.client_secret,
          ...extra,
        },
      });
    const second = await refresh(String(first.json.refresh_token));
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.scope, "read write");
    assert.notEqual(second.json.access_token, first.json.access_token);
    assert.notEqual(second.json.refresh_token, first.json.refresh_token);
    assert.equal((await call("/oauth/userinfo", { token: String(first.json.access_token) })).status, 401);
    assert.equal((await call("/oauth/userinfo", { token: String(second.json.access_token) })).status, 200);
    const replay = await refresh(String(first.json.refresh_token));
    assert.deepEqual(replay.json, INVALID_GRANT);

    const narrower = await refresh(String(second.json.refresh_token), { scope: "read" });
    assert.equal(narrower.json.scope, "read");
    const wider = await refresh(String(narrower.json.refresh_token), { scope: "read write" });
    assert.equal(wider.status, 400);
    assert.equal(wider.json.error, "invalid_scope");

    const other = await newApp();
    const stolen = await call("/oauth/token", {
      form: {
        grant_type: "refresh_token",
        refresh_token: String(narrower.json.refresh_token),
        client_id: other.client_id,
        client_secret: other.client_secret,
      },
    });
    assert.deepEqual(stolen.json, INVALID_GRANT);
    const missing = await refresh("");
    assert.deepEqual(missing.json, {
      error: "invalid_request",
      error_description: "Missing required parameter: refresh_token.",
    });
  });

  test("the password grant is refused exactly as Mastodon 4.4+ refuses it", async () => {
    const app = await newApp();
    const res = await call("/oauth/token", {
      form: {
        grant_type: "password",
        username: alice.email,
        password: alice.password,
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: "read",
      },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, {
      error: "unsupported_grant_type",
      error_description: "The authorization grant type is not supported by the authorization server.",
    });
  });
});

test("with allow_password_grant, email and password get a token (and a refresh token)", async (t) => {
  const open = await startSandbox({ port: 0, allow_password_grant: true, users: ["carol"] });
  t.after(() => open.close());
  const carol = open.users[0];
  assert.ok(carol);
  const app = (await (
    await fetch(`${open.url}/api/v1/apps`, {
      method: "POST",
      body: new URLSearchParams({ client_name: "pw", redirect_uris: OOB, scopes: "read write" }),
    })
  ).json()) as App;
  const grant = (fields: Record<string, string>) =>
    fetch(`${open.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        client_id: app.client_id,
        client_secret: app.client_secret,
        ...fields,
      }),
    });
  const ok = await grant({
    username: carol.email.toUpperCase(),
    password: carol.password,
    scope: "read write",
  });
  assert.equal(ok.status, 200);
  const body = (await ok.json()) as Record<string, unknown>;
  assert.equal(body.scope, "read write");
  assert.equal(typeof body.refresh_token, "string");
  const meta = (await (await fetch(`${open.url}/.well-known/oauth-authorization-server`)).json()) as Record<
    string,
    unknown
  >;
  assert.ok((meta.grant_types_supported as string[]).includes("password"));
  for (const fields of [
    { username: carol.email, password: "wrong" },
    { username: "carol", password: carol.password },
    { username: carol.email },
  ]) {
    const refused = await grant(fields);
    assert.equal(refused.status, 400);
    assert.deepEqual(await refused.json(), INVALID_GRANT);
  }
  const beyond = await grant({ username: carol.email, password: carol.password, scope: "push" });
  assert.equal(((await beyond.json()) as Record<string, unknown>).error, "invalid_scope");
});

describe("POST /oauth/revoke and GET /oauth/userinfo", () => {
  test("revoking a token makes it stop working at once; unknown tokens are fine", async () => {
    const app = await newApp();
    const token = await exchange(app, await codeFor(app));
    const accessToken = String(token.json.access_token);
    const revoke = (fields: Record<string, string>) => call("/oauth/revoke", { form: fields });
    const creds = { client_id: app.client_id, client_secret: app.client_secret };

    const other = await newApp();
    const foreign = await revoke({
      token: accessToken,
      client_id: other.client_id,
      client_secret: other.client_secret,
    });
    assert.equal(foreign.status, 403);
    const refusal = {
      error: "unauthorized_client",
      error_description: "You are not authorized to revoke this token",
    };
    assert.deepEqual(foreign.json, refusal);
    const anonymous = await revoke({ token: accessToken });
    assert.equal(anonymous.status, 403);
    assert.deepEqual(anonymous.json, refusal);
    assert.equal((await call("/oauth/userinfo", { token: accessToken })).status, 200, "still valid");

    const done = await revoke({ token: accessToken, ...creds });
    assert.equal(done.status, 200);
    assert.deepEqual(done.json, {});
    const after = await call("/oauth/userinfo", { token: accessToken });
    assert.equal(after.status, 401);
    assert.deepEqual(after.json, { error: "The access token is invalid" });
    assert.deepEqual((await revoke({ token: accessToken, ...creds })).json, {});
    assert.deepEqual((await revoke({ token: "x".repeat(5000), ...creds })).json, {});
    assert.deepEqual((await revoke(creds)).json, {});
  });

  test("revoking by refresh token ends the pair", async () => {
    const app = await newApp();
    const token = await exchange(app, await codeFor(app));
    const res = await call("/oauth/revoke", {
      form: {
        token: String(token.json.refresh_token),
        client_id: app.client_id,
        client_secret: app.client_secret,
      },
    });
    assert.equal(res.status, 200);
    assert.equal((await call("/oauth/userinfo", { token: String(token.json.access_token) })).status, 401);
  });

  test("userinfo: OpenID-style claims with the profile or read scope, 403 without", async () => {
    const app = await newApp();
    const profile = await exchange(app, await codeFor(app, { scope: "profile" }));
    assert.equal(profile.json.scope, "profile");
    const res = await call("/oauth/userinfo", { token: String(profile.json.access_token) });
    assert.equal(res.status, 200);
    const account = sb.context.state.accounts.get(sb.users[0]?.id ?? "");
    assert.deepEqual(res.json, {
      iss: `${sb.url}/`,
      sub: `${sb.url}/users/alice`,
      name: account?.display_name,
      preferred_username: "alice",
      profile: `${sb.url}/@alice`,
      picture: `${sb.url}/avatars/original/missing.png`,
    });
    const writeOnly = await exchange(app, await codeFor(app, { scope: "write" }));
    const refused = await call("/oauth/userinfo", { token: String(writeOnly.json.access_token) });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json, { error: "This action is outside the authorized scopes" });
    assert.equal((await call("/oauth/userinfo", { token: alice.access_token })).status, 200, "read suffices");
  });
});

test("a reset signs every browser out", async (t) => {
  const local = await startSandbox({ port: 0 });
  t.after(() => local.close());
  const user = local.users[0];
  assert.ok(user);
  const res = await fetch(`${local.url}/api/v1/apps`, {
    method: "POST",
    body: new URLSearchParams({ client_name: "r", redirect_uris: OOB }),
  });
  const app = (await res.json()) as App;
  const url = `${local.url}/oauth/authorize?client_id=${app.client_id}&redirect_uri=${encodeURIComponent(OOB)}&response_type=code`;
  const browser = new Browser(local.url);
  await authorizeAs(browser, url, user);
  assert.ok(formOf((await browser.get(url)).html, "authorize"), "signed in");
  await local.reset();
  const after = await browser.get(url);
  assert.equal(after.status, 400, "the app is gone with the reset");
  const app2 = (await (
    await fetch(`${local.url}/api/v1/apps`, {
      method: "POST",
      body: new URLSearchParams({ client_name: "r", redirect_uris: OOB }),
    })
  ).json()) as App;
  const page = await browser.get(url.replace(app.client_id, app2.client_id));
  assert.ok(formOf(page.html, "sign_in"), "signed out");
});
