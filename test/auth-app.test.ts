// App registration, OAuth server metadata and the authorization URL (with PKCE), against a local
// OAuth server in Mastodon's image.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, type TestContext, test } from "node:test";
import {
  Mastodon,
  MastodonIllegalArgumentError,
  OOB_REDIRECT_URI,
  readClientCredentialFile,
} from "../src/index.js";
import { type FakeOAuthOptions, startFakeOAuthServer } from "./support/fake-oauth-server.js";

async function fakeServer(t: TestContext, options: FakeOAuthOptions = {}) {
  const server = await startFakeOAuthServer(options);
  t.after(() => server.close());
  return server;
}

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mastodon-ts-auth-app-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sha256url = (s: string) => createHash("sha256").update(s).digest("base64url");

describe("Mastodon.createApp", () => {
  test("registers the app without a token and resolves to its credentials", async (t) => {
    const server = await fakeServer(t);
    const app = await Mastodon.createApp("my bot", {
      api_base_url: server.url,
      scopes: ["read", "write:statuses"],
      redirect_uris: "https://bot.example/callback",
      website: "https://bot.example",
    });
    assert.equal(typeof app.client_id, "string");
    assert.equal(typeof app.client_secret, "string");
    assert.equal(app.name, "my bot");
    assert.ok(server.apps.has(app.client_id), "the server knows the returned client_id");
    assert.equal(server.apps.get(app.client_id)?.client_secret, app.client_secret);

    const [req, ...more] = server.requestsTo("/api/v1/apps");
    assert.equal(more.length, 0);
    assert.equal(req?.method, "POST");
    assert.equal(req?.headers.authorization, undefined, "app registration carries no Authorization");
    assert.deepEqual(req?.params, {
      client_name: "my bot",
      scopes: "read write:statuses",
      redirect_uris: "https://bot.example/callback",
      website: "https://bot.example",
    });
  });

  test("defaults: scopes read write follow push and the out-of-band redirect URI", async (t) => {
    const server = await fakeServer(t);
    await Mastodon.createApp("defaults", { api_base_url: server.url });
    const req = server.requestsTo("/api/v1/apps")[0];
    assert.equal(req?.params.scopes, "read write follow push");
    assert.equal(req?.params.redirect_uris, OOB_REDIRECT_URI);
    assert.equal(req?.params.website, undefined, "an absent website is not sent");
  });

  test("a list of redirect URIs is sent newline-separated", async (t) => {
    const server = await fakeServer(t);
    const app = await Mastodon.createApp("two uris", {
      api_base_url: server.url,
      redirect_uris: ["https://a.example/cb", OOB_REDIRECT_URI],
    });
    assert.equal(
      server.requestsTo("/api/v1/apps")[0]?.params.redirect_uris,
      `https://a.example/cb\n${OOB_REDIRECT_URI}`,
    );
    assert.deepEqual(server.apps.get(app.client_id)?.redirect_uris, [
      "https://a.example/cb",
      OOB_REDIRECT_URI,
    ]);
  });

  test("to_file writes Mastodon.py's four-line client file with mode 0600", async (t) => {
    const server = await fakeServer(t);
    const file = path.join(tempDir(t), "clientcred.secret");
    const app = await Mastodon.createApp("file bot", { api_base_url: server.url, to_file: file });
    assert.equal(
      fs.readFileSync(file, "utf8"),
      `${app.client_id}\n${app.client_secret}\n${server.url}\nfile bot\n`,
    );
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readClientCredentialFile(file), {
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
      client_name: "file bot",
    });
  });

  test("to_file tightens an existing 0644 file to 0600 and replaces its content", async (t) => {
    const server = await fakeServer(t);
    const file = path.join(tempDir(t), "existing.secret");
    fs.writeFileSync(file, "old content that is much longer than the new one will be\n".repeat(20));
    fs.chmodSync(file, 0o644);
    assert.equal(fs.statSync(file).mode & 0o777, 0o644);
    const app = await Mastodon.createApp("rewritten", { api_base_url: server.url, to_file: file });
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(
      fs.readFileSync(file, "utf8"),
      `${app.client_id}\n${app.client_secret}\n${server.url}\nrewritten\n`,
    );
  });

  test("refuses a missing base URL, an empty name and http to a public host before sending", async (t) => {
    const server = await fakeServer(t);
    await assert.rejects(Mastodon.createApp("no server"), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /api_base_url/);
      return true;
    });
    for (const name of ["", "   "]) {
      await assert.rejects(Mastodon.createApp(name, { api_base_url: server.url }), (err: unknown) => {
        assert.ok(err instanceof MastodonIllegalArgumentError);
        assert.match(err.message, /app name/);
        return true;
      });
    }
    await assert.rejects(
      Mastodon.createApp("insecure", { api_base_url: "http://mastodon.example" }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonIllegalArgumentError);
        assert.match(err.message, /http:\/\//);
        assert.match(err.message, /https/);
        return true;
      },
    );
    assert.equal(server.requests.length, 0);
  });
});

describe("appVerifyCredentials", () => {
  test("returns the app the token belongs to; an unknown token is refused", async (t) => {
    const server = await fakeServer(t);
    const app = await Mastodon.createApp("verified app", { api_base_url: server.url });
    const token = server.addToken(app.client_id);
    const api = new Mastodon({ access_token: token.token, api_base_url: server.url });
    const info = await api.appVerifyCredentials();
    assert.equal(info.name, "verified app");
    const req = server.requestsTo("/api/v1/apps/verify_credentials")[0];
    assert.equal(req?.headers.authorization, `Bearer ${token.token}`);

    const stranger = new Mastodon({ access_token: "fake-unknown-token", api_base_url: server.url });
    await assert.rejects(stranger.appVerifyCredentials(), { name: "MastodonUnauthorizedError" });
  });
});

describe("oauthAuthorizationServerInfo", () => {
  test("is fetched once and cached until clearCaches()", async (t) => {
    const server = await fakeServer(t);
    const api = new Mastodon({ api_base_url: server.url });
    const wellKnown = "/.well-known/oauth-authorization-server";
    const [a, b] = [await api.oauthAuthorizationServerInfo(), await api.oauthAuthorizationServerInfo()];
    assert.equal(a.authorization_endpoint, `${server.url}/oauth/authorize`);
    assert.equal(a.token_endpoint, `${server.url}/oauth/token`);
    assert.deepEqual(b, a);
    assert.equal(server.requestsTo(wellKnown).length, 1);
    api.clearCaches();
    await api.oauthAuthorizationServerInfo();
    assert.equal(server.requestsTo(wellKnown).length, 2);
  });

  test("a failure is not cached", async (t) => {
    const server = await fakeServer(t, { metadata: false });
    const api = new Mastodon({ api_base_url: server.url });
    await assert.rejects(api.oauthAuthorizationServerInfo(), { name: "MastodonNotFoundError" });
    server.options.metadata = true;
    const info = await api.oauthAuthorizationServerInfo();
    assert.deepEqual(info.code_challenge_methods_supported, ["S256"]);
  });
});

describe("authRequestUrl", () => {
  async function setup(t: TestContext, options: FakeOAuthOptions = {}) {
    const server = await fakeServer(t, options);
    const app = server.addApp(
      ["read", "write", "follow", "push"],
      [OOB_REDIRECT_URI, "https://bot.example/cb"],
    );
    const api = new Mastodon({
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
    });
    return { server, app, api };
  }

  test("points at the discovered authorization endpoint with the standard parameters", async (t) => {
    const { server, app, api } = await setup(t);
    const url = new URL(await api.authRequestUrl());
    assert.equal(`${url.origin}${url.pathname}`, `${server.url}/oauth/authorize`);
    const q = url.searchParams;
    assert.equal(q.get("client_id"), app.client_id);
    assert.equal(q.get("response_type"), "code");
    assert.equal(q.get("redirect_uri"), OOB_REDIRECT_URI);
    assert.equal(q.get("scope"), "read write follow push");
    assert.equal(q.get("force_login"), null);
    assert.equal(q.get("state"), null);
    assert.equal(q.get("lang"), null);
    assert.equal(q.get("client_secret"), null, "the secret never goes into a browser URL");
    assert.ok(!url.href.includes(app.client_secret));
    assert.equal(server.requestsTo("/.well-known/oauth-authorization-server").length, 1);
  });

  test("scopes, redirect URI, force_login, state and lang are carried", async (t) => {
    const { api } = await setup(t);
    const q = new URL(
      await api.authRequestUrl({
        scopes: ["read:statuses", "write:media"],
        redirect_uris: "https://bot.example/cb",
        force_login: true,
        state: "opaque-state-42",
        lang: "de",
      }),
    ).searchParams;
    assert.equal(q.get("scope"), "read:statuses write:media");
    assert.equal(q.get("redirect_uri"), "https://bot.example/cb");
    assert.equal(q.get("force_login"), "true");
    assert.equal(q.get("state"), "opaque-state-42");
    assert.equal(q.get("lang"), "de");
  });

  test("lang defaults to the client's language", async (t) => {
    const server = await fakeServer(t);
    const app = server.addApp();
    const api = new Mastodon({
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
      lang: "fr",
    });
    assert.equal(new URL(await api.authRequestUrl()).searchParams.get("lang"), "fr");
  });

  test("the URL leads to a page the server accepts", async (t) => {
    const { server, api } = await setup(t);
    const res = await fetch(await api.authRequestUrl({ redirect_uris: "https://bot.example/cb" }));
    assert.equal(res.status, 200, await res.text());
    const wrong = await fetch(await api.authRequestUrl({ redirect_uris: "https://evil.example/cb" }));
    assert.equal(wrong.status, 400, "the fake server validates redirect_uri");
    await wrong.text();
    assert.equal(server.requestsTo("/oauth/authorize").length, 2);
  });

  test("PKCE: an S256 challenge whose verifier logIn later sends", async (t) => {
    const { server, api } = await setup(t);
    const url = await api.authRequestUrl();
    const q = new URL(url).searchParams;
    const challenge = q.get("code_challenge");
    assert.equal(q.get("code_challenge_method"), "S256");
    assert.match(challenge ?? "", /^[A-Za-z0-9_-]{43}$/);

    const { code } = await server.approve(url);
    await api.logIn({ code });
    const tokenReq = server.requestsTo("/oauth/token")[0];
    const verifier = tokenReq?.params.code_verifier;
    assert.equal(typeof verifier, "string");
    assert.match(String(verifier), /^[A-Za-z0-9\-._~]{43,128}$/);
    assert.equal(sha256url(String(verifier)), challenge);
    assert.ok(!url.includes(String(verifier)), "the verifier itself never appears in the URL");
  });

  test("stable: called twice it gives the same URL, and a code from either URL is redeemed (verifier kept)", async (t) => {
    const { server, api } = await setup(t);
    const one = await api.authRequestUrl({ state: "s" });
    const two = await api.authRequestUrl({ state: "s" });
    assert.equal(one, two);
    // The user opened the first URL, though the second one was made last.
    const { code } = await server.approve(one);
    await api.logIn({ code });
    const verifier = String(server.requestsTo("/oauth/token")[0]?.params.code_verifier);
    assert.equal(sha256url(verifier), new URL(one).searchParams.get("code_challenge"));
    // A fresh authorization after the login gets a fresh verifier.
    const three = await api.authRequestUrl({ state: "s" });
    assert.notEqual(three, one);
    const { code: again } = await server.approve(await api.authRequestUrl({ state: "s" }));
    await api.logIn({ code: again });
    assert.equal(server.requestsTo("/oauth/token").length, 2);
  });

  test("PKCE: a given code_verifier is used and kept; an invalid one is refused and not kept", async (t) => {
    const { server, api } = await setup(t);
    const verifier = "v".repeat(43);
    const url = await api.authRequestUrl({ code_verifier: verifier });
    assert.equal(new URL(url).searchParams.get("code_challenge"), sha256url(verifier));
    assert.equal(await api.authRequestUrl(), url);
    await assert.rejects(api.authRequestUrl({ code_verifier: "short" }), MastodonIllegalArgumentError);
    const { code } = await server.approve(url);
    await api.logIn({ code });
    assert.equal(server.requestsTo("/oauth/token")[0]?.params.code_verifier, verifier);
  });

  test("an explicit allow_http: false refuses http:// even to a loopback server, before sending anything", async (t) => {
    const { server, api } = await setup(t);
    const refusedHttp = (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /allow_http: false/);
      assert.match(err.message, /http:\/\/127\.0\.0\.1/);
      return true;
    };
    await assert.rejects(api.authRequestUrl({ allow_http: false }), refusedHttp);
    await assert.rejects(api.authRequestUrl({ allow_http: false, skip_server_info: true }), refusedHttp);
    await assert.rejects(api.logIn({ code: "fake-code", allow_http: false }), refusedHttp);
    await assert.rejects(
      api.logIn({ username: "a@b.test", password: "fake-pw", allow_http: false }),
      refusedHttp,
    );
    await assert.rejects(
      Mastodon.createApp("x", { api_base_url: server.url, allow_http: false }),
      refusedHttp,
    );
    const withToken = new Mastodon({
      api_base_url: server.url,
      access_token: "fake-token",
      client_id: "i",
      client_secret: "s",
    });
    await assert.rejects(withToken.revokeAccessToken({ allow_http: false }), refusedHttp);
    assert.equal(server.requestsTo("/oauth/token").length + server.requestsTo("/oauth/revoke").length, 0);
    assert.equal(server.requestsTo("/api/v1/apps").length, 0);
    // Left out, loopback http stays allowed (a local test server).
    assert.match(await api.authRequestUrl(), /^http:\/\/127\.0\.0\.1/);
  });

  test("pkce: false sends no challenge, and logIn then sends no verifier", async (t) => {
    const { server, api } = await setup(t);
    const url = await api.authRequestUrl({ pkce: false });
    const q = new URL(url).searchParams;
    assert.equal(q.get("code_challenge"), null);
    assert.equal(q.get("code_challenge_method"), null);
    const { code } = await server.approve(url);
    await api.logIn({ code });
    assert.equal(server.requestsTo("/oauth/token")[0]?.params.code_verifier, undefined);
  });

  test("a server that does not list S256 gets no challenge", async (t) => {
    const { api } = await setup(t, { metadataOverride: { code_challenge_methods_supported: ["plain"] } });
    assert.equal(new URL(await api.authRequestUrl()).searchParams.get("code_challenge"), null);
  });

  test("without the metadata document (404) it falls back to <base>/oauth/authorize", async (t) => {
    const { server, api } = await setup(t, { metadata: false });
    const url = new URL(await api.authRequestUrl());
    assert.equal(`${url.origin}${url.pathname}`, `${server.url}/oauth/authorize`);
    assert.ok(url.searchParams.get("code_challenge"), "PKCE is still used");
    assert.equal(server.requestsTo("/.well-known/oauth-authorization-server").length, 1);
  });

  test("a discovered https endpoint elsewhere is used as it is", async (t) => {
    const { api } = await setup(t, {
      metadataOverride: { authorization_endpoint: "https://auth.example/o/authorize?tenant=1" },
    });
    const url = new URL(await api.authRequestUrl());
    assert.equal(`${url.origin}${url.pathname}`, "https://auth.example/o/authorize");
    assert.equal(url.searchParams.get("tenant"), "1");
    assert.equal(url.searchParams.get("response_type"), "code");
  });

  test("an http:// authorization endpoint on a public host is refused", async (t) => {
    const { api } = await setup(t, {
      metadataOverride: { authorization_endpoint: "http://auth.example/oauth/authorize" },
    });
    await assert.rejects(api.authRequestUrl(), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /authorization endpoint/i);
      assert.match(err.message, /http:\/\/auth\.example/);
      return true;
    });
  });

  test("skip_server_info builds the classic URL without asking the server", async (t) => {
    const { server, api } = await setup(t);
    const url = new URL(await api.authRequestUrl({ skip_server_info: true }));
    assert.equal(`${url.origin}${url.pathname}`, `${server.url}/oauth/authorize`);
    assert.equal(server.requests.length, 0);
  });

  test("without a client_id the error says where to get one", async (t) => {
    const server = await fakeServer(t);
    const api = new Mastodon({ api_base_url: server.url });
    await assert.rejects(api.authRequestUrl(), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /client_id/);
      assert.match(err.message, /createApp/);
      return true;
    });
    assert.equal(server.requests.length, 0);
  });

  test("a client_id given as option works without client credentials on the instance", async (t) => {
    const server = await fakeServer(t);
    const api = new Mastodon({ api_base_url: server.url });
    const q = new URL(await api.authRequestUrl({ client_id: "fake-client-id" })).searchParams;
    assert.equal(q.get("client_id"), "fake-client-id");
  });
});
