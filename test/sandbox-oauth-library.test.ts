// The real library and the real CLI logging in to the sandbox: Mastodon.createApp, authRequestUrl,
// the pages played as a browser, logIn with the code, refresh, revoke, and the errors a bot maker
// would meet (a reused code, the password grant that Mastodon 4.4 removed).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { MastodonLoginError, MastodonUnauthorizedError } from "../src/core/errors.js";
import { Mastodon } from "../src/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { cliEnv, secretsIn, startCli, tempDir } from "./cli-harness.js";
import { authorizeAs, Browser, shownCode } from "./sandbox-oauth-browser.js";

const CALLBACK = "https://bot.example/callback";

let sb: Sandbox;
let alice: { email: string; password: string; username: string };

before(async () => {
  sb = await startSandbox({ port: 0 });
  const user = sb.users[0];
  assert.ok(user);
  alice = user;
});
after(() => sb.close());

async function registered(
  scopes = ["read", "write"],
  redirect_uris: string | string[] | undefined = undefined,
) {
  const app = await Mastodon.createApp("library bot", {
    api_base_url: sb.url,
    scopes,
    ...(redirect_uris === undefined ? {} : { redirect_uris }),
    website: "https://bot.example",
  });
  const api = new Mastodon({
    api_base_url: sb.url,
    client_id: app.client_id,
    client_secret: app.client_secret,
  });
  return { app, api };
}

test("createApp, authRequestUrl (PKCE), the out-of-band page, logIn: a working token", async () => {
  const { app, api } = await registered();
  assert.deepEqual(app.scopes, ["read", "write"]);
  assert.deepEqual(app.redirect_uris, ["urn:ietf:wg:oauth:2.0:oob"]);
  const url = new URL(await api.authRequestUrl({ scopes: ["read", "write"] }));
  assert.equal(
    `${url.origin}${url.pathname}`,
    `${sb.url}/oauth/authorize`,
    "found through the metadata document",
  );
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  const page = await authorizeAs(new Browser(sb.url), url.href, alice);
  const code = shownCode(page.html);
  assert.ok(code);
  const token = await api.logIn({ code, scopes: ["read", "write"] });
  assert.equal(typeof token, "string");
  const me = await api.accountVerifyCredentials();
  assert.equal(me.username, "alice");
  const own = await api.appVerifyCredentials();
  assert.equal(own.name, "library bot");
  assert.equal(own.website, "https://bot.example");
  const info = await api.oauthUserinfo();
  assert.equal(info.preferred_username, "alice");
});

test("a redirect URI with state: the code comes back on the app's address", async () => {
  const { api } = await registered(["read"], [CALLBACK]);
  const url = await api.authRequestUrl({ redirect_uris: CALLBACK, scopes: ["read"], state: "st-42" });
  const page = await authorizeAs(new Browser(sb.url), url, alice);
  const back = new URL(page.location ?? "");
  assert.equal(back.searchParams.get("state"), "st-42");
  await api.logIn({ code: back.searchParams.get("code") ?? "", redirect_uri: CALLBACK, scopes: ["read"] });
  assert.equal((await api.accountVerifyCredentials()).username, "alice");
});

test("a code used twice, or with the wrong verifier, fails with the library's explanation", async () => {
  const { api } = await registered();
  const url = await api.authRequestUrl({ scopes: ["read", "write"] });
  const code = shownCode((await authorizeAs(new Browser(sb.url), url, alice)).html) ?? "";
  await api.logIn({ code, scopes: ["read", "write"], code_verifier: "x".repeat(43) }).then(
    () => assert.fail("a wrong verifier must fail"),
    (error: unknown) => {
      assert.ok(error instanceof MastodonLoginError);
      assert.equal(error.error, "invalid_grant");
      assert.equal(error.status, 400);
    },
  );
});

test("refresh and revoke through the library", async () => {
  const { api } = await registered();
  const url = await api.authRequestUrl({ scopes: ["read", "write"] });
  const code = shownCode((await authorizeAs(new Browser(sb.url), url, alice)).html) ?? "";
  const first = await api.logIn({ code, scopes: ["read", "write"] });
  const refreshToken = api.refreshToken;
  assert.ok(refreshToken, "the code grant came with a refresh token");
  const second = await api.logIn({ refresh_token: refreshToken, scopes: ["read", "write"] });
  assert.notEqual(second, first);
  const stale = new Mastodon({ api_base_url: sb.url, access_token: first });
  await assert.rejects(stale.accountVerifyCredentials(), MastodonUnauthorizedError);
  await api.revokeAccessToken();
  const revoked = new Mastodon({ api_base_url: sb.url, access_token: second });
  await assert.rejects(revoked.accountVerifyCredentials(), MastodonUnauthorizedError);
});

test("the password grant: refused as on Mastodon 4.4+; once the version is known, the refusal names it", async () => {
  const { api } = await registered();
  const refused = await api
    .logIn({ username: alice.email, password: alice.password })
    .catch((e: unknown) => e);
  assert.ok(refused instanceof MastodonLoginError);
  assert.equal(refused.error, "unsupported_grant_type");
  await api.retrieveMastodonVersion();
  const explained = await api
    .logIn({ username: alice.email, password: alice.password })
    .catch((e: unknown) => e);
  assert.ok(explained instanceof MastodonLoginError);
  assert.match(explained.message, /Mastodon 4\.5\.0.*removed in Mastodon 4\.4/);
});

test("with allow_password_grant, logIn with email and password works", async (t) => {
  const open = await startSandbox({ port: 0, allow_password_grant: true, users: ["dora"] });
  t.after(() => open.close());
  const dora = open.users[0];
  assert.ok(dora);
  const app = await Mastodon.createApp("pw bot", { api_base_url: open.url, scopes: ["read"] });
  const api = new Mastodon({
    api_base_url: open.url,
    client_id: app.client_id,
    client_secret: app.client_secret,
  });
  await api.logIn({ username: dora.email, password: dora.password, scopes: ["read"] });
  assert.equal((await api.accountVerifyCredentials()).username, "dora");
});

test("mastodon-ts login --no-browser: the CLI's out-of-band login against the sandbox", async (t) => {
  const home = tempDir(t);
  const config = path.join(home, "mastodon-ts.json");
  const cli = startCli(
    ["login", "--instance", sb.url, "--no-browser", "--scopes", "read,write", "--json"],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
  );
  t.after(() => cli.child.kill());
  const [, authUrl = ""] = await cli.waitForStderr(/^\s+(http\S+\/oauth\/authorize\S+)$/m);
  const page = await authorizeAs(new Browser(sb.url), authUrl, alice);
  const code = shownCode(page.html);
  assert.ok(code, page.html);
  cli.child.stdin.end(`${code}\n`);
  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout) as { username: string; api_base_url: string };
  assert.equal(out.username, "alice");
  const stored = JSON.parse(fs.readFileSync(config, "utf8")) as {
    accounts: Record<string, { access_token: string }>;
  };
  const token = Object.values(stored.accounts)[0]?.access_token ?? "";
  assert.equal(
    (await new Mastodon({ api_base_url: sb.url, access_token: token }).accountVerifyCredentials()).username,
    "alice",
  );
  assert.deepEqual(secretsIn(result.stdout + result.stderr, [token, code]), []);
});
