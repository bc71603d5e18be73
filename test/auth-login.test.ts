// Logging in with every grant, the explanations of refusals, scopes, refresh, persistence,
// revocation and account registration, against a local OAuth server in Mastodon's image.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, type TestContext, test } from "node:test";
import {
  generateCodeVerifier,
  Mastodon,
  MastodonAPIError,
  MastodonIllegalArgumentError,
  MastodonLoginError,
  MastodonNetworkError,
  MastodonUnauthorizedError,
  MastodonUnprocessableEntityError,
  OOB_REDIRECT_URI,
} from "../src/index.js";
import { type FakeOAuthOptions, startFakeOAuthServer } from "./support/fake-oauth-server.js";
import { json, startServer } from "./support/http-server.js";

const PASSWORD = "fake-password-hunter2";
const EMAIL = "alice@example.test";
const CALLBACK = "https://bot.example/callback";

/** A server with one registered app, and a client holding the app's credentials. */
async function setup(t: TestContext, options: FakeOAuthOptions = {}, lines?: string[]) {
  const server = await startFakeOAuthServer(options);
  t.after(() => server.close());
  const app = server.addApp(["read", "write", "follow", "push"], [OOB_REDIRECT_URI, CALLBACK]);
  const api = new Mastodon({
    client_id: app.client_id,
    client_secret: app.client_secret,
    api_base_url: server.url,
    ...(lines ? { debug_requests: (line: string) => lines.push(line) } : {}),
  });
  return { server, app, api };
}

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mastodon-ts-auth-login-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function assertNoSecrets(err: unknown, secrets: (string | undefined)[]): void {
  const text = `${String(err)}\n${(err as Error).message}\n${(err as Error).stack ?? ""}`;
  for (const s of secrets) if (s) assert.ok(!text.includes(s), "an error message contains a secret");
}

describe("authorization code flow", () => {
  test("authRequestUrl -> approve -> logIn({ code, redirect_uri }) gives a working token", async (t) => {
    const { server, app, api } = await setup(t);
    const url = await api.authRequestUrl({ redirect_uris: CALLBACK, state: "state-123" });
    const { code, state } = await server.approve(url);
    assert.equal(state, "state-123");

    const token = await api.logIn({ code, redirect_uri: CALLBACK });
    assert.equal(typeof token, "string");
    assert.equal(api.accessToken, token);
    assert.equal(server.tokens.get(token)?.client_id, app.client_id);

    const me = await api.accountVerifyCredentials();
    assert.equal(me.username, "alice");
    const verify = server.requestsTo("/api/v1/accounts/verify_credentials")[0];
    assert.equal(verify?.headers.authorization, `Bearer ${token}`);

    const tokenReq = server.requestsTo("/oauth/token")[0];
    assert.match(String(tokenReq?.headers["content-type"]), /^application\/x-www-form-urlencoded/);
    assert.equal(tokenReq?.headers.authorization, undefined);
    assert.equal(tokenReq?.params.grant_type, "authorization_code");
    assert.equal(tokenReq?.params.code, code);
    assert.equal(tokenReq?.params.redirect_uri, CALLBACK);
    assert.equal(tokenReq?.params.client_id, app.client_id);
    assert.equal(tokenReq?.params.client_secret, app.client_secret);
    assert.equal(tokenReq?.params.scope, "read write follow push");
  });

  test("the out-of-band flow: the code from the page and the default redirect URI", async (t) => {
    const { server, api } = await setup(t);
    const { code } = await server.approve(await api.authRequestUrl());
    await api.logIn({ code: `  ${code}\n` });
    assert.equal(server.requestsTo("/oauth/token")[0]?.params.redirect_uri, OOB_REDIRECT_URI);
    assert.equal(server.requestsTo("/oauth/token")[0]?.params.code, code, "a pasted code is trimmed");
    assert.equal((await api.me()).acct, "alice");
  });

  test("reusing a code: MastodonLoginError explaining single use, redirect_uri and PKCE", async (t) => {
    const { server, app, api } = await setup(t);
    const { code } = await server.approve(await api.authRequestUrl());
    const first = await api.logIn({ code });
    await assert.rejects(api.logIn({ code }), (err: unknown) => {
      assert.ok(err instanceof MastodonLoginError);
      assert.ok(
        err instanceof MastodonIllegalArgumentError,
        "a MastodonIllegalArgumentError, as in Mastodon.py",
      );
      assert.equal(err.error, "invalid_grant");
      assert.equal(err.status, 400);
      assert.equal(err.grant_type, "authorization_code");
      assert.match(err.message, /work once/);
      assert.match(err.message, /redirect_uri/);
      assert.match(err.message, /PKCE/);
      assert.match(err.message, /authRequestUrl/);
      assertNoSecrets(err, [app.client_secret, first]);
      return true;
    });
  });

  test("a redirect_uri different from the authorization request's is refused", async (t) => {
    const { server, api } = await setup(t);
    const { code } = await server.approve(await api.authRequestUrl({ redirect_uris: CALLBACK }));
    await assert.rejects(api.logIn({ code }), { name: "MastodonLoginError", error: "invalid_grant" });
  });

  test("a wrong PKCE verifier is refused as invalid_grant; the remembered one then works", async (t) => {
    const { server, app, api } = await setup(t);
    const { code } = await server.approve(await api.authRequestUrl());
    await assert.rejects(api.logIn({ code, code_verifier: generateCodeVerifier() }), (err: unknown) => {
      assert.ok(err instanceof MastodonLoginError);
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.equal(err.error, "invalid_grant");
      assert.match(err.message, /code_verifier/);
      assertNoSecrets(err, [app.client_secret]);
      return true;
    });
    assert.equal(api.accessToken, undefined);
    // The failed attempt did not consume the code, and the verifier from authRequestUrl is still held.
    const token = await api.logIn({ code });
    assert.equal(api.accessToken, token);
  });

  test("a PKCE login finished in another client with the saved code_verifier", async (t) => {
    const { server, app } = await setup(t);
    const first = new Mastodon({
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
    });
    const verifier = generateCodeVerifier();
    const { code } = await server.approve(await first.authRequestUrl({ code_verifier: verifier }));
    const second = new Mastodon({
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
    });
    await assert.rejects(second.logIn({ code }), { error: "invalid_grant" }, "no verifier: refused");
    await second.logIn({ code, code_verifier: verifier });
    assert.equal((await second.me()).username, "alice");
  });

  test("an empty code is refused before sending", async (t) => {
    const { server, api } = await setup(t);
    await assert.rejects(api.logIn({ code: "  " }), MastodonIllegalArgumentError);
    assert.equal(server.requestsTo("/oauth/token").length, 0);
  });
});

describe("password grant", () => {
  test("accepted: resolves to a working token; username, password and scope are form-encoded", async (t) => {
    const { server, api } = await setup(t);
    const token = await api.logIn({ username: EMAIL, password: PASSWORD, scopes: ["read", "write"] });
    assert.equal(api.accessToken, token);
    assert.equal((await api.accountVerifyCredentials()).username, "alice");
    const req = server.requestsTo("/oauth/token")[0];
    assert.match(String(req?.headers["content-type"]), /^application\/x-www-form-urlencoded/);
    assert.equal(req?.params.grant_type, "password");
    assert.equal(req?.params.username, EMAIL);
    assert.equal(req?.params.password, PASSWORD);
    assert.equal(req?.params.scope, "read write");
  });

  test("refused with invalid_grant: explains Mastodon 4.4 and the alternatives, without secrets", async (t) => {
    const { server, app, api } = await setup(t, { passwordGrant: "invalid_grant" });
    await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
      assert.ok(err instanceof MastodonLoginError);
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.equal(err.error, "invalid_grant");
      assert.equal(err.grant_type, "password");
      assert.match(err.message, /4\.4/);
      assert.match(err.message, /authorization code flow/);
      assert.match(err.message, /authRequestUrl\(\).*logIn\(\{ code \}\)/);
      assert.match(err.message, /Development/);
      assert.match(err.message, /two-factor/);
      assertNoSecrets(err, [PASSWORD, app.client_secret]);
      return true;
    });
    assert.equal(server.requestsTo("/oauth/token").length, 1);
    assert.equal(api.accessToken, undefined);
  });

  test("unsupported_grant_type: says the server does not offer the password grant", async (t) => {
    const { app, api } = await setup(t, { passwordGrant: "unsupported" });
    await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
      assert.ok(err instanceof MastodonLoginError);
      assert.equal(err.error, "unsupported_grant_type");
      assert.match(err.message, /does not offer the password grant/);
      assert.match(err.message, /4\.4/);
      assert.match(err.message, /logIn\(\{ code \}\)/);
      assertNoSecrets(err, [PASSWORD, app.client_secret]);
      return true;
    });
  });

  test("a server that says Mastodon 4.4+ (or is configured so) is still sent the grant: Pleroma and Akkoma allow it", async (t) => {
    const { server, app } = await setup(t, { version: "4.4.0" });
    const api = new Mastodon({
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
      mastodon_version: "4.5.0",
    });
    const token = await api.logIn({ username: EMAIL, password: PASSWORD, scopes: ["read"] });
    assert.equal(api.accessToken, token);
    assert.equal(server.requestsTo("/oauth/token").length, 1);
    const probed = new Mastodon({
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
    });
    assert.equal(await probed.retrieveMastodonVersion(), "4.4.0");
    assert.equal(typeof (await probed.logIn({ username: EMAIL, password: PASSWORD })), "string");
  });

  test("refused by a server known to run Mastodon 4.4+: the explanation names the version", async (t) => {
    const { server, api } = await setup(t, { version: "4.4.0", passwordGrant: "unsupported" });
    assert.equal(await api.retrieveMastodonVersion(), "4.4.0");
    await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
      assert.ok(err instanceof MastodonLoginError);
      assert.equal(err.grant_type, "password");
      assert.equal(err.error, "unsupported_grant_type");
      assert.equal(err.status, 400);
      assert.match(err.message, /runs Mastodon 4\.4\.0 and refused the password grant/);
      assert.match(err.message, /removed in Mastodon 4\.4/);
      assert.match(err.message, /logIn\(\{ code \}\)/);
      assert.match(err.message, /Development/);
      assertNoSecrets(err, [PASSWORD]);
      return true;
    });
    assert.equal(server.requestsTo("/oauth/token").length, 1, "the request was sent");
  });

  test("redirect_uri goes with the password grant, as Mastodon.py sends it (GoToSocial checks it first)", async (t) => {
    // GoToSocial's token endpoint answers invalid_request when redirect_uri is missing, before
    // it looks at the grant type.
    const gts = await startServer((req, res) => {
      if (req.path !== "/oauth/token") return json(res, 404, { error: "not found" });
      if (req.params.redirect_uri !== OOB_REDIRECT_URI && req.params.redirect_uri !== CALLBACK) {
        return json(res, 400, { error: "invalid_request", error_description: "redirect_uri is required" });
      }
      json(res, 200, {
        access_token: "fake-gts-token-0123456789",
        token_type: "Bearer",
        scope: String(req.params.scope),
      });
    });
    t.after(() => gts.close());
    const api = new Mastodon({ client_id: "fake-id", client_secret: "fake-secret", api_base_url: gts.url });
    assert.equal(await api.logIn({ username: EMAIL, password: PASSWORD }), "fake-gts-token-0123456789");
    assert.equal(gts.requests[0]?.params.redirect_uri, OOB_REDIRECT_URI);
    await api.logIn({ username: EMAIL, password: PASSWORD, redirect_uri: CALLBACK });
    assert.equal(gts.requests[1]?.params.redirect_uri, CALLBACK);
  });

  test("a refusal with an error_description a megabyte long is quoted in the message", async (t) => {
    const server = await startServer((_req, res) =>
      json(res, 400, { error: "invalid_grant", error_description: "z".repeat(1_000_000) }),
    );
    t.after(() => server.close());
    const api = new Mastodon({
      client_id: "fake-id",
      client_secret: "fake-secret",
      api_base_url: server.url,
    });
    await assert.rejects(api.logIn({ code: "some-code" }), (err: MastodonLoginError) => {
      assert.ok(err.message.length < 1500, `${err.message.length} characters`);
      assert.match(err.message, /\(invalid_grant: z+… \(999,515 more characters\)\)/);
      assert.equal(err.error_description?.length, 1_000_000);
      return true;
    });
  });

  test("issued credentials with a line break are refused before they reach a header or a file", async (t) => {
    // Written into a token file, "tok\nhttps://elsewhere.example" would be read back with the
    // second line as the server's address.
    const lineBreak = "fake-token-0123\nhttps://elsewhere.example";
    const server = await startServer((req, res) => {
      if (req.path === "/api/v1/apps")
        return json(res, 200, { client_id: "fake-id", client_secret: "s3cret\r\nx" });
      if (req.path === "/oauth/token" && req.params.grant_type === "refresh_token")
        return json(res, 200, { access_token: "fine-token-0123", refresh_token: "r\u0000", scope: "read" });
      json(res, 200, { access_token: lineBreak, token_type: "Bearer", scope: "read", created_at: 0 });
    });
    t.after(() => server.close());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mastodon-ts-issued-"));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "token.secret");
    const api = new Mastodon({
      client_id: "fake-id",
      client_secret: "fake-secret",
      api_base_url: server.url,
    });
    const refused = (what: string, field: string) => (error: Error) => {
      assert.ok(error instanceof MastodonAPIError, String(error));
      assert.equal(
        error.message,
        `The server's answer to ${what} has a string of ${field === "access_token" ? lineBreak.length : field === "client_secret" ? 9 : 2} characters ` +
          `with a line break, a control character, non-ASCII or an edge space as ${field}, where OAuth allows only printable ASCII: ` +
          "it could not be sent in a header, nor kept in a credential file. The server is misbehaving; report it to its admins.",
      );
      return true;
    };
    await assert.rejects(
      api.logIn({ code: "some-code", to_file: file }),
      refused("the token request", "access_token"),
    );
    await assert.rejects(api.logIn({ refresh_token: "old" }), refused("the token request", "refresh_token"));
    await assert.rejects(
      Mastodon.createApp("bot", { api_base_url: server.url, to_file: file }),
      refused("app registration", "client_secret"),
    );
    assert.equal(fs.existsSync(file), false, "nothing was written");
    assert.equal(api.accessToken, undefined, "nothing was adopted");
  });

  test("a 4.3 server is still tried", async (t) => {
    const { server, api } = await setup(t, { version: "4.3.2" });
    await api.retrieveMastodonVersion();
    await api.logIn({ username: EMAIL, password: PASSWORD });
    assert.equal(server.requestsTo("/oauth/token").length, 1);
  });

  test("a username without password is refused before sending", async (t) => {
    const { server, api } = await setup(t);
    await assert.rejects(api.logIn({ username: EMAIL }), /both username .* and password/);
    assert.equal(server.requestsTo("/oauth/token").length, 0);
  });
});

describe("refresh tokens and expiry", () => {
  test("refresh_token grant: a new token; expiry from expires_in; the refresh token is kept", async (t) => {
    const { server, api } = await setup(t, { refreshTokens: true, expiresIn: 3600 });
    const before = Date.now();
    const first = await api.logIn({ username: EMAIL, password: PASSWORD });
    const refresh = api.refreshToken;
    assert.equal(typeof refresh, "string");
    const expires = api.tokenExpiresAt ?? 0;
    assert.ok(expires >= before + 3_599_000 && expires <= Date.now() + 3_600_000, `expiry ${expires}`);

    // This answer brings no new refresh token: the old one stays.
    server.options.refreshTokens = false;
    const second = await api.logIn({ refresh_token: refresh ?? "" });
    assert.notEqual(second, first);
    assert.equal(api.accessToken, second);
    assert.equal(api.refreshToken, refresh);
    const req = server.requestsTo("/oauth/token")[1];
    assert.equal(req?.params.grant_type, "refresh_token");
    assert.equal(req?.params.refresh_token, refresh);

    // The server rotated it: the old token no longer works, and reusing the refresh token is explained.
    await assert.rejects(
      new Mastodon({ access_token: first, api_base_url: server.url }).me(),
      MastodonUnauthorizedError,
    );
    await assert.rejects(api.logIn({ refresh_token: refresh ?? "" }), (err: unknown) => {
      assert.ok(err instanceof MastodonLoginError);
      assert.equal(err.grant_type, "refresh_token");
      assert.match(err.message, /refresh token/);
      assertNoSecrets(err, [refresh]);
      return true;
    });
  });

  test("without expires_in there is no expiry", async (t) => {
    const { api } = await setup(t);
    await api.logIn({ username: EMAIL, password: PASSWORD });
    assert.equal(api.tokenExpiresAt, undefined);
    assert.equal(api.refreshToken, undefined);
  });

  test("an expired token is refreshed automatically before the next request", async (t) => {
    const { server, api } = await setup(t, { refreshTokens: true, expiresIn: 1 });
    const first = await api.logIn({ username: EMAIL, password: PASSWORD });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Two requests find the token expired at once: they share one refresh (the server rotates refresh tokens).
    const [a, b] = await Promise.all([api.accountVerifyCredentials(), api.me()]);
    assert.equal(a.username, "alice");
    assert.equal(b.username, "alice");
    assert.notEqual(api.accessToken, first);
    const grants = server.requestsTo("/oauth/token").map((r) => r.params.grant_type);
    assert.deepEqual(grants, ["password", "refresh_token"]);
    const verify = server.requestsTo("/api/v1/accounts/verify_credentials");
    assert.deepEqual(
      verify.map((r) => r.headers.authorization),
      [`Bearer ${api.accessToken}`, `Bearer ${api.accessToken}`],
      "each request went out once, with the new token",
    );
  });
});

describe("scopes", () => {
  test("requested scopes that were not granted: MastodonAPIError naming them", async (t) => {
    const { api } = await setup(t, { grantedScope: "read" });
    await assert.rejects(
      api.logIn({ username: EMAIL, password: PASSWORD, scopes: ["read", "write", "follow"] }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonAPIError);
        assert.ok(!(err instanceof MastodonLoginError));
        assert.match(err.message, /missing: write, follow/);
        assert.match(err.message, /granted the scopes "read"/);
        return true;
      },
    );
  });

  test("umbrella scopes cover granular ones", async (t) => {
    const { server, api } = await setup(t, { grantedScope: "read write" });
    const token = await api.logIn({
      username: EMAIL,
      password: PASSWORD,
      scopes: ["read:statuses", "write:media"],
    });
    assert.equal(api.accessToken, token);
    server.options.grantedScope = "read:statuses";
    await assert.rejects(
      api.logIn({ username: EMAIL, password: PASSWORD, scopes: ["read"] }),
      /missing: read\b/,
      "a granular grant does not cover its umbrella",
    );
  });

  test("granted read does not satisfy write", async (t) => {
    const { api } = await setup(t, { grantedScope: "read" });
    await assert.rejects(
      api.logIn({ username: EMAIL, password: PASSWORD, scopes: ["write:statuses"] }),
      /missing: write:statuses/,
    );
  });

  test("a scope that is not a string (null, a number, a list): MastodonAPIError, token not kept but revoked", async (t) => {
    for (const scope of [null, 5, ["read", "write", "follow", "push"]]) {
      const { server, api } = await setup(t, { grantedScope: scope as unknown as string });
      await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
        assert.ok(err instanceof MastodonAPIError, String(err));
        assert.equal(err.status, undefined);
        assert.match(err.message, /has (null|a number|a list) as scope, where OAuth requires a string/);
        assert.match(err.message, /not kept \(it was revoked\)/);
        assertNoSecrets(err, [...server.tokens.keys()]);
        return true;
      });
      assert.equal(api.accessToken, undefined, "the token was not adopted");
      const [issued] = [...server.tokens.values()].filter((tok) => tok.kind === "user");
      assert.equal(issued?.revoked, true, `the token issued with scope ${JSON.stringify(scope)} was revoked`);
    }
  });

  test("a granted scope a megabyte long with control characters is quoted, cut short", async (t) => {
    const scope = `\u001b[31mread\u001b[0m\r\n${"x".repeat(1_000_000)}`;
    const { api } = await setup(t, { grantedScope: scope });
    await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
      assert.ok(err instanceof MastodonAPIError);
      assert.ok(err.message.length < 1500, `${err.message.length} characters`);
      assert.ok(
        !err.message.includes("\u001b") && !err.message.includes("\r"),
        "no escape or carriage return",
      );
      assert.match(err.message, /granted the scopes ".*… \(999,\d+ more characters\)", which do not cover/s);
      return true;
    });
  });

  test("scope narrowing is detected in the code flow too", async (t) => {
    const { server, api } = await setup(t, { grantedScope: "read" });
    const { code } = await server.approve(await api.authRequestUrl({ scopes: "read write" }));
    await assert.rejects(api.logIn({ code, scopes: "read write" }), /missing: write/);
  });
});

describe("persisting credentials", () => {
  test("to_file writes the four-line token file, mode 0600, that a new client can use", async (t) => {
    const { server, app, api } = await setup(t);
    const file = path.join(tempDir(t), "usercred.secret");
    const token = await api.logIn({ username: EMAIL, password: PASSWORD, to_file: file });
    assert.equal(
      fs.readFileSync(file, "utf8"),
      `${token}\n${server.url}\n${app.client_id}\n${app.client_secret}\n`,
    );
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);

    const again = new Mastodon({ access_token: file });
    assert.equal(again.apiBaseUrl, server.url);
    assert.equal(again.accessToken, token);
    assert.equal(again.clientId, app.client_id);
    assert.equal(again.clientSecret, app.client_secret);
    assert.equal((await again.accountVerifyCredentials()).username, "alice");
    // The client credentials from the file are enough to revoke.
    await again.revokeAccessToken();
    assert.equal(server.tokens.get(token)?.revoked, true);
  });

  test("persistableLoginCredentials() is the token file's content", async (t) => {
    const { server, app, api } = await setup(t);
    assert.throws(() => api.persistableLoginCredentials(), /no access token/);
    const token = await api.logIn({ username: EMAIL, password: PASSWORD });
    assert.equal(
      api.persistableLoginCredentials(),
      `${token}\n${server.url}\n${app.client_id}\n${app.client_secret}\n`,
    );
    const tokenOnly = new Mastodon({ access_token: token, api_base_url: server.url });
    assert.throws(() => tokenOnly.persistableLoginCredentials(), /client_id and client_secret/);
  });
});

describe("revokeAccessToken", () => {
  test("sends client_id, client_secret and token form-encoded, then forgets the token", async (t) => {
    const { server, app, api } = await setup(t);
    const token = await api.logIn({ username: EMAIL, password: PASSWORD });
    await api.revokeAccessToken();
    assert.equal(api.accessToken, undefined);
    const req = server.requestsTo("/oauth/revoke")[0];
    assert.equal(req?.method, "POST");
    assert.match(String(req?.headers["content-type"]), /^application\/x-www-form-urlencoded/);
    assert.equal(req?.headers.authorization, undefined);
    assert.deepEqual(req?.params, { client_id: app.client_id, client_secret: app.client_secret, token });

    const old = new Mastodon({ access_token: token, api_base_url: server.url });
    await assert.rejects(old.accountVerifyCredentials(), (err: unknown) => {
      assert.ok(err instanceof MastodonUnauthorizedError);
      assert.equal(err.status, 401);
      assert.equal(err.error, "The access token is invalid");
      assertNoSecrets(err, [token]);
      return true;
    });
  });

  test("without a token, or without client credentials: clear errors, nothing sent", async (t) => {
    const { server, api } = await setup(t);
    await assert.rejects(api.revokeAccessToken(), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /no access token to revoke/);
      return true;
    });
    const token = server.addToken("fake-other-client").token;
    const tokenOnly = new Mastodon({ access_token: token, api_base_url: server.url });
    await assert.rejects(tokenOnly.revokeAccessToken(), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /client_id and client_secret/);
      assert.match(err.message, /Development settings/);
      assertNoSecrets(err, [token]);
      return true;
    });
    assert.equal(server.requestsTo("/oauth/revoke").length, 0);
    assert.equal(tokenOnly.accessToken, token, "a failed revocation keeps the token");
  });
});

describe("logIn errors", () => {
  test("no arguments: the error lists the three ways to log in", async (t) => {
    const { server, api } = await setup(t);
    await assert.rejects(api.logIn(), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /\{ code \}/);
      assert.match(err.message, /\{ username, password \}/);
      assert.match(err.message, /\{ refresh_token \}/);
      return true;
    });
    assert.equal(server.requests.length, 0);
  });

  test("no client credentials: says how to register an app", async (t) => {
    const { server } = await setup(t);
    const api = new Mastodon({ api_base_url: server.url });
    await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /createApp/);
      assertNoSecrets(err, [PASSWORD]);
      return true;
    });
    assert.equal(server.requests.length, 0);
  });

  test("an unknown client: invalid_client explained", async (t) => {
    const { server } = await setup(t);
    const api = new Mastodon({
      client_id: "fake-unknown-client",
      client_secret: "fake-unknown-secret",
      api_base_url: server.url,
    });
    await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
      assert.ok(err instanceof MastodonLoginError);
      assert.equal(err.error, "invalid_client");
      assert.equal(err.status, 401);
      assert.match(err.message, /Register again/);
      assertNoSecrets(err, [PASSWORD, "fake-unknown-secret"]);
      return true;
    });
  });

  test("the token endpoint gets a form body (the fake server, like some real ones, refuses JSON)", async (t) => {
    const { server, app, api } = await setup(t);
    const asJson = await fetch(`${server.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: app.client_id }),
    });
    assert.equal(asJson.status, 400);
    assert.equal(((await asJson.json()) as { error: string }).error, "invalid_request");
    await api.logIn({ username: EMAIL, password: PASSWORD });
    const req = server.requestsTo("/oauth/token")[1];
    assert.match(String(req?.headers["content-type"]), /^application\/x-www-form-urlencoded\b/);
    assert.equal(new URLSearchParams(req?.rawBody.toString()).get("grant_type"), "password");
  });

  test("a network failure during logIn is a MastodonNetworkError, not a login refusal", async (t) => {
    const broken = await startServer((_req, res) => {
      res.socket?.destroy();
    });
    t.after(() => broken.close());
    const api = new Mastodon({
      client_id: "fake-client-id",
      client_secret: "fake-client-secret",
      api_base_url: broken.url,
    });
    await assert.rejects(api.logIn({ username: EMAIL, password: PASSWORD }), (err: unknown) => {
      assert.ok(err instanceof MastodonNetworkError);
      assert.ok(!(err instanceof MastodonLoginError));
      assertNoSecrets(err, [PASSWORD, "fake-client-secret"]);
      return true;
    });
    assert.equal(broken.requests.length, 1, "a POST to the token endpoint is not retried");
  });

  test("debug output of a login masks the secret, the password and the tokens", async (t) => {
    const lines: string[] = [];
    const { server, app, api } = await setup(t, { refreshTokens: true }, lines);
    const { code } = await server.approve(await api.authRequestUrl());
    const token = await api.logIn({ code });
    await api.logIn({ refresh_token: api.refreshToken ?? "" });
    await api.logIn({ username: EMAIL, password: PASSWORD });
    await api.me();
    assert.ok(
      lines.some((l) => l.includes("/oauth/token")),
      "the token requests were logged",
    );
    const all = lines.join("\n");
    for (const s of [app.client_secret, PASSWORD, token, api.accessToken, api.refreshToken]) {
      assert.ok(s && !all.includes(s), "a secret leaked into the debug output");
    }
  });
});

describe("createAccount", () => {
  test("gets an app token with client_credentials and registers with it", async (t) => {
    const { server, app, api } = await setup(t);
    const token = await api.createAccount("newbie", PASSWORD, "newbie@example.test", { agreement: true });
    assert.equal(api.accessToken, token);
    assert.equal(server.tokens.get(token)?.kind, "user");

    const [tokenReq] = server.requestsTo("/oauth/token");
    assert.equal(tokenReq?.params.grant_type, "client_credentials");
    assert.equal(tokenReq?.params.client_id, app.client_id);
    assert.equal(tokenReq?.params.scope, "read write follow push");
    const appToken = [...server.tokens.values()].find((x) => x.kind === "app");
    const [register] = server.requestsTo("/api/v1/accounts");
    assert.equal(register?.method, "POST");
    assert.equal(register?.headers.authorization, `Bearer ${appToken?.token}`);
    assert.equal(register?.params.username, "newbie");
    assert.equal(register?.params.password, PASSWORD);
    assert.equal(register?.params.email, "newbie@example.test");
    assert.equal(String(register?.params.agreement), "true");
    assert.equal(register?.params.locale, "en");

    assert.equal((await api.accountVerifyCredentials()).username, "alice");
  });

  test("a taken username with return_detailed_error resolves to [null, { error, details }]", async (t) => {
    const { api } = await setup(t, { takenUsernames: ["taken"] });
    const [token, failure] = await api.createAccount("taken", PASSWORD, "x@example.test", {
      agreement: true,
      return_detailed_error: true,
    });
    assert.equal(token, null);
    assert.match(String((failure as { error?: string }).error), /Username has already been taken/);
    assert.deepEqual((failure as { details?: unknown }).details, {
      username: [{ error: "ERR_TAKEN", description: "has already been taken" }],
    });
    assert.equal(api.accessToken, undefined);

    const [ok, none] = await api.createAccount("free", PASSWORD, "y@example.test", {
      agreement: true,
      return_detailed_error: true,
    });
    assert.equal(ok, api.accessToken);
    assert.deepEqual(none, {});
  });

  test("a taken username without it throws MastodonUnprocessableEntityError with the details", async (t) => {
    const { app, api } = await setup(t, { takenUsernames: ["taken"] });
    await assert.rejects(
      api.createAccount("taken", PASSWORD, "x@example.test", { agreement: true }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonUnprocessableEntityError);
        assert.equal(err.status, 422);
        assert.deepEqual(Object.keys(err.details as object), ["username"]);
        assertNoSecrets(err, [PASSWORD, app.client_secret]);
        return true;
      },
    );
  });

  test("without agreement the server refuses", async (t) => {
    const { api } = await setup(t);
    const [token, failure] = await api.createAccount("shy", PASSWORD, "shy@example.test", {
      return_detailed_error: true,
    });
    assert.equal(token, null);
    assert.deepEqual(Object.keys((failure as { details: object }).details), ["agreement"]);
  });

  test("sends what it is given (blank fields too) and hands back Mastodon's 422 details, as Mastodon.py", async (t) => {
    // Mastodon's own validation, as /api/v1/accounts answers it.
    const server = await startServer((req, res) => {
      if (req.path === "/oauth/token") {
        return json(res, 200, { access_token: "fake-app-token-0123", token_type: "Bearer", scope: "read" });
      }
      if (req.path !== "/api/v1/accounts") return json(res, 404, { error: "Record not found" });
      const details: Record<string, { error: string; description: string }[]> = {};
      for (const field of ["username", "email", "password"]) {
        if (!req.params[field]) details[field] = [{ error: "ERR_BLANK", description: "can't be blank" }];
      }
      if (req.params.agreement === undefined) {
        details.agreement = [{ error: "ERR_ACCEPTED", description: "must be accepted" }];
      }
      json(res, 422, { error: "Validation failed: Email can't be blank, Password can't be blank", details });
    });
    t.after(() => server.close());
    const api = new Mastodon({
      api_base_url: server.url,
      client_id: "fake-id",
      client_secret: "fake-secret",
    });
    const [token, failure] = await api.createAccount("newbie", "", "", { return_detailed_error: true });
    assert.equal(token, null);
    assert.match((failure as { error: string }).error, /Email can't be blank/);
    assert.deepEqual(Object.keys((failure as { details: object }).details).sort(), [
      "agreement",
      "email",
      "password",
    ]);
    const sent = server.requests.find((r) => r.path === "/api/v1/accounts");
    assert.equal(sent?.params.username, "newbie");
    assert.equal(sent?.params.password, "");
    assert.equal(sent?.params.email, "");
    assert.equal(sent?.params.agreement, undefined, "a false agreement is left out, as Mastodon.py does");
    await assert.rejects(
      api.createAccount("", "", "", { agreement: true }),
      MastodonUnprocessableEntityError,
    );
    assert.equal(server.requests.filter((r) => r.path === "/api/v1/accounts").length, 2);
  });

  test("return_detailed_error also hands back other refusals (403 closed registrations); a Date of birth is its day", async (t) => {
    const server = await startServer((req, res) => {
      if (req.path === "/oauth/token") {
        return json(res, 200, { access_token: "fake-app-token-0123", token_type: "Bearer", scope: "read" });
      }
      json(res, 403, { error: "This action is not allowed" });
    });
    t.after(() => server.close());
    const api = new Mastodon({
      api_base_url: server.url,
      client_id: "fake-id",
      client_secret: "fake-secret",
    });
    const answer = await api.createAccount("a", "fake-pw-0123", "a@b.test", {
      agreement: true,
      return_detailed_error: true,
      date_of_birth: new Date(Date.UTC(2000, 1, 29, 12)),
    });
    assert.deepEqual(answer, [null, { error: "This action is not allowed", details: {} }]);
    assert.equal(server.requests.at(-1)?.params.date_of_birth, "2000-02-29");
  });

  test("a new account's token whose scope is a list: MastodonAPIError, nothing kept, the token revoked", async (t) => {
    const { server, api } = await setup(t, { grantedScope: ["read", "write"] as unknown as string });
    const file = path.join(tempDir(t), "new-user.secret");
    await assert.rejects(
      api.createAccount("listed", PASSWORD, "listed@example.test", { agreement: true, to_file: file }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonAPIError, String(err));
        assert.match(err.message, /answer to account registration has a list as scope/);
        return true;
      },
    );
    assert.equal(api.accessToken, undefined);
    assert.equal(fs.existsSync(file), false);
    const [user] = [...server.tokens.values()].filter((tok) => tok.kind === "user");
    assert.equal(user?.revoked, true);
  });

  test("to_file saves the new user's credentials", async (t) => {
    const { server, app, api } = await setup(t);
    const file = path.join(tempDir(t), "new-user.secret");
    const token = await api.createAccount("saved", PASSWORD, "saved@example.test", {
      agreement: true,
      to_file: file,
    });
    assert.equal(
      fs.readFileSync(file, "utf8"),
      `${token}\n${server.url}\n${app.client_id}\n${app.client_secret}\n`,
    );
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });
});
