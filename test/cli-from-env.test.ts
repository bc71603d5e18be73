// Mastodon.fromEnv(): the library side of "credentials from the environment" (the CLI reads the same
// variables). Checked against a local server, so the token is shown to be used as well as read.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mastodonOptionsFromEnv } from "../src/auth/from-env.js";
import { Mastodon, MastodonIllegalArgumentError } from "../src/index.js";
import { startFakeOAuthServer } from "./support/fake-oauth-server.js";

test("Mastodon.fromEnv: server, token and app credentials from the variables; the token works", async (t) => {
  const server = await startFakeOAuthServer();
  t.after(() => server.close());
  const app = server.addApp();
  const token = server.addToken(app.client_id);
  const api = Mastodon.fromEnv({
    env: {
      MASTODON_API_BASE_URL: `${server.url}/`,
      MASTODON_ACCESS_TOKEN: token.token,
      MASTODON_CLIENT_ID: app.client_id,
      MASTODON_CLIENT_SECRET: app.client_secret,
    },
  });
  assert.ok(api instanceof Mastodon);
  assert.equal(api.apiBaseUrl, server.url);
  assert.equal(api.clientId, app.client_id);
  assert.equal((await api.me()).acct, "alice");
  await api.revokeAccessToken();
  assert.equal(token.revoked, true, "the client id and secret from the environment were used to revoke");
});

test("Mastodon.fromEnv: explicit options win; blank variables count as unset", () => {
  const api = Mastodon.fromEnv({
    api_base_url: "https://chosen.example",
    env: {
      MASTODON_API_BASE_URL: "https://ignored.example",
      MASTODON_ACCESS_TOKEN: "  ",
      MASTODON_CLIENT_ID: "",
    },
  });
  assert.equal(api.apiBaseUrl, "https://chosen.example");
  assert.equal(api.accessToken, undefined);
  assert.equal(api.clientId, undefined);
  const options = mastodonOptionsFromEnv({
    env: { MASTODON_API_BASE_URL: "mastodon.example" },
    request_timeout: 5,
  });
  assert.deepEqual(options, { api_base_url: "mastodon.example", request_timeout: 5 });
});

test("Mastodon.fromEnv: reads process.env by default", (t) => {
  const saved = { ...process.env };
  t.after(() => {
    for (const key of ["MASTODON_API_BASE_URL", "MASTODON_ACCESS_TOKEN"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
  process.env.MASTODON_API_BASE_URL = "https://from-process.example";
  process.env.MASTODON_ACCESS_TOKEN = "process-token-value";
  const api = Mastodon.fromEnv();
  assert.equal(api.apiBaseUrl, "https://from-process.example");
  assert.equal(api.accessToken, "process-token-value");
});

test("Mastodon.fromEnv: a missing server or half an app pair is refused with the variable's name", () => {
  assert.throws(
    () => Mastodon.fromEnv({ env: { MASTODON_ACCESS_TOKEN: "x" } }),
    (error: unknown) =>
      error instanceof MastodonIllegalArgumentError && /set MASTODON_API_BASE_URL/.test(error.message),
  );
  assert.throws(
    () => Mastodon.fromEnv({ env: { MASTODON_API_BASE_URL: "https://a.example", MASTODON_CLIENT_ID: "id" } }),
    (error: unknown) =>
      error instanceof MastodonIllegalArgumentError &&
      /MASTODON_CLIENT_ID is set but MASTODON_CLIENT_SECRET is not/.test(error.message),
  );
  assert.throws(
    () =>
      Mastodon.fromEnv({
        env: { MASTODON_API_BASE_URL: "http://public.example", MASTODON_ACCESS_TOKEN: "t" },
      }),
    (error: unknown) => error instanceof MastodonIllegalArgumentError && /plain http/.test(error.message),
  );
});

test("Mastodon.fromEnv: a token or app credential with a line break or NUL is refused, naming the variable", async (t) => {
  const server = await startFakeOAuthServer();
  t.after(() => server.close());
  const app = server.addApp();
  const token = server.addToken(app.client_id);
  const cases: [string, Record<string, string>][] = [
    ["MASTODON_ACCESS_TOKEN", { MASTODON_ACCESS_TOKEN: `${token.token}\nX-Evil: 1` }],
    ["MASTODON_ACCESS_TOKEN", { MASTODON_ACCESS_TOKEN: `${token.token}\u0000` }],
    [
      "MASTODON_CLIENT_ID",
      {
        MASTODON_ACCESS_TOKEN: token.token,
        MASTODON_CLIENT_ID: `${app.client_id}\nx`,
        MASTODON_CLIENT_SECRET: app.client_secret,
      },
    ],
  ];
  for (const [variable, env] of cases) {
    assert.throws(
      () => Mastodon.fromEnv({ env: { MASTODON_API_BASE_URL: server.url, ...env } }),
      (error: unknown) => {
        assert.ok(error instanceof MastodonIllegalArgumentError, String(error));
        assert.match(
          error.message,
          new RegExp(`^${variable} must be a string of printable characters without spaces`),
        );
        assert.ok(!error.message.includes(token.token) && !error.message.includes(app.client_id));
        return true;
      },
    );
  }
  // Before, such a client was made and every request failed as a MastodonNetworkError; none was sent.
  assert.equal(server.requests.length, 0);
  const api = Mastodon.fromEnv({
    env: { MASTODON_API_BASE_URL: server.url, MASTODON_ACCESS_TOKEN: token.token },
  });
  assert.equal((await api.me()).acct, "alice");
});
