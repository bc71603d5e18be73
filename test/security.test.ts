// No token, secret or password ever leaves the library: not in error messages, stacks, error
// fields, the client's own printed or serialised form, nor in debug_requests output.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, type TestContext, test } from "node:test";
import { inspect } from "node:util";
import {
  Mastodon,
  MastodonError,
  MastodonLoginError,
  MastodonNetworkError,
  type MastodonOptions,
  MastodonReadTimeout,
  MastodonUnauthorizedError,
  MastodonUnprocessableEntityError,
} from "../src/index.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";

// Obviously fake values, each unique enough to be found anywhere it leaks.
const ACCESS_TOKEN = "tok_SECRET_abc123";
const CLIENT_SECRET = "cs_SECRET_xyz789";
const PASSWORD = "pw_SECRET_123";
const REFRESH_TOKEN = "rt_SECRET_456def";
const CODE = "code_SECRET_777";
const NEW_TOKEN = "tok_SECRET_new999";
const SECRETS = [ACCESS_TOKEN, CLIENT_SECRET, PASSWORD, REFRESH_TOKEN, CODE, NEW_TOKEN];

/** Fails naming the kind of secret, never printing its value. */
function assertNoSecret(text: string, where: string): void {
  for (const [index, secret] of SECRETS.entries()) {
    if (text.includes(secret)) assert.fail(`secret #${index} leaked into ${where}`);
  }
}

interface Harness {
  server: TestServer;
  api: Mastodon;
  lines: string[];
}

async function setup(
  t: TestContext,
  handler: (req: ParsedRequest, res: ServerResponse) => void,
  options: MastodonOptions = {},
  loggedIn = true,
): Promise<Harness> {
  const server = await startServer(handler);
  t.after(() => server.close());
  const lines: string[] = [];
  const api = new Mastodon({
    api_base_url: server.url,
    ...(loggedIn ? { access_token: ACCESS_TOKEN } : {}),
    client_id: "fake-client-id",
    client_secret: CLIENT_SECRET,
    retry: false,
    debug_requests: (line) => lines.push(line),
    ...options,
  });
  return { server, api, lines };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, "expected an Error");
    return error;
  }
  assert.fail("expected the call to fail");
}

/** Checks every place a secret could surface after a failure. */
function assertClean(error: Error, harness: Harness, method: string, path: string): void {
  assertNoSecret(error.message, "err.message");
  assertNoSecret(String(error), "String(err)");
  assertNoSecret(error.stack?.split("\n")[0] ?? "", "the first line of err.stack");
  assertNoSecret(JSON.stringify({ ...error }), "JSON of err's own enumerable properties");
  assertNoSecret(inspect(error, { depth: 6 }), "util.inspect(err)");
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++, cause = cause.cause) {
    assertNoSecret(cause.message, `the message of err.cause (depth ${depth})`);
  }
  assertClient(harness.api);
  // The debug output is real (so the checks above can fail) and clean.
  const url = `${harness.server.url}${path}`;
  assert.ok(
    harness.lines.some((line) => line.includes(`${method} ${url}`)),
    `debug_requests should log ${method} ${url}; got:\n${harness.lines.join("\n")}`,
  );
  for (const [index, line] of harness.lines.entries()) assertNoSecret(line, `debug line ${index}`);
}

function assertClient(api: Mastodon): void {
  assertNoSecret(inspect(api), "util.inspect(api)");
  assertNoSecret(inspect(api, { showHidden: true, depth: 4 }), "util.inspect(api, showHidden)");
  assertNoSecret(JSON.stringify(api), "JSON.stringify(api)");
  assertNoSecret(JSON.stringify(Object.keys(api)), "Object.keys(api)");
  for (const key of Object.keys(api)) {
    const value: unknown = (api as unknown as Record<string, unknown>)[key];
    if (typeof value === "string") assertNoSecret(value, `api.${key}`);
  }
  assertNoSecret(`${api}`, "String(api)");
}

describe("secrets stay out of errors, output and serialisation", () => {
  test("a 401 whose body echoes the token", async (t) => {
    const h = await setup(t, (_req, res) =>
      json(res, 401, {
        error: `The access token ${ACCESS_TOKEN} is invalid`,
        error_description: `Token ${ACCESS_TOKEN} was revoked by ${CLIENT_SECRET}`,
      }),
    );
    const error = await rejection(h.api.accountVerifyCredentials());
    assert.ok(error instanceof MastodonUnauthorizedError);
    // The echoed text is kept, masked.
    assert.match(error.message, /The access token \[REDACTED\] is invalid/);
    assert.equal(error.error, "The access token [REDACTED] is invalid");
    assertClean(error, h, "GET", "/api/v1/accounts/verify_credentials");
    // The request really did carry the token.
    assert.equal(h.server.requests[0]?.headers.authorization, `Bearer ${ACCESS_TOKEN}`);
  });

  test("a 422 whose error text and details echo the secrets", async (t) => {
    const h = await setup(t, (_req, res) =>
      json(res, 422, {
        // Only what the client knows can be masked: here its token and client secret.
        error: `Validation failed: ${ACCESS_TOKEN} ${CLIENT_SECRET}`,
        details: { status: [{ error: "ERR_INVALID", description: `must not contain ${ACCESS_TOKEN}` }] },
      }),
    );
    const error = await rejection(h.api.statusPost(`Here is my token: ${ACCESS_TOKEN}`));
    assert.ok(error instanceof MastodonUnprocessableEntityError);
    assert.match(error.message, /Validation failed: \[REDACTED\]/);
    assert.deepEqual(error.details, {
      status: [{ error: "ERR_INVALID", description: "must not contain [REDACTED]" }],
    });
    assertClean(error, h, "POST", "/api/v1/statuses");
  });

  test("a network failure", async (t) => {
    const closed = await startServer(() => {});
    await closed.close();
    const lines: string[] = [];
    const api = new Mastodon({
      api_base_url: closed.url,
      access_token: ACCESS_TOKEN,
      client_id: "fake-client-id",
      client_secret: CLIENT_SECRET,
      retry: false,
      debug_requests: (line) => lines.push(line),
    });
    const error = await rejection(api.status("1"));
    assert.ok(error instanceof MastodonNetworkError, String(error));
    assertClean(error, { server: closed, api, lines }, "GET", "/api/v1/statuses/1");
    t.diagnostic(`checked ${lines.length} debug lines`);
  });

  test("a timeout", async (t) => {
    const h = await setup(t, () => {}, { request_timeout: 0.2 });
    const error = await rejection(h.api.timelineHome({ limit: 1 }));
    assert.ok(error instanceof MastodonReadTimeout, String(error));
    assertClean(error, h, "GET", "/api/v1/timelines/home");
  });

  test("a password login refused with invalid_grant, echoing the password", async (t) => {
    const h = await setup(t, (_req, res) =>
      json(res, 400, {
        error: "invalid_grant",
        error_description: `Wrong password ${PASSWORD} for bot@example.org (client ${CLIENT_SECRET})`,
      }),
    );
    const error = await rejection(h.api.logIn({ username: "bot@example.org", password: PASSWORD }));
    assert.ok(error instanceof MastodonLoginError, String(error));
    assert.equal(error.error, "invalid_grant");
    assert.match(error.message, /invalid_grant/);
    assertClean(error, h, "POST", "/oauth/token");
    // The password was sent, so the masking above is what kept it out.
    assert.equal(new URLSearchParams(h.server.requests[0]?.rawBody.toString()).get("password"), PASSWORD);
  });

  test("a refresh-token login refused, echoing the refresh token", async (t) => {
    const h = await setup(t, (_req, res) =>
      json(res, 400, { error: "invalid_grant", error_description: `Refresh token ${REFRESH_TOKEN} revoked` }),
    );
    const error = await rejection(h.api.logIn({ refresh_token: REFRESH_TOKEN }));
    assert.ok(error instanceof MastodonLoginError, String(error));
    assert.equal(error.grant_type, "refresh_token");
    assertClean(error, h, "POST", "/oauth/token");
  });

  test("a code login refused, echoing the code", async (t) => {
    const h = await setup(t, (_req, res) =>
      json(res, 400, { error: "invalid_grant", error_description: `Code ${CODE} has expired` }),
    );
    const error = await rejection(h.api.logIn({ code: CODE }));
    assert.ok(error instanceof MastodonLoginError, String(error));
    assertClean(error, h, "POST", "/oauth/token");
  });

  test("a revoke refused, echoing the client secret and token", async (t) => {
    const h = await setup(t, (_req, res) =>
      json(res, 403, {
        error: "unauthorized_client",
        error_description: `Client ${CLIENT_SECRET} may not revoke ${ACCESS_TOKEN}`,
      }),
    );
    const error = await rejection(h.api.revokeAccessToken());
    assert.ok(error instanceof MastodonError);
    assertClean(error, h, "POST", "/oauth/revoke");
    assert.equal(new URLSearchParams(h.server.requests[0]?.rawBody.toString()).get("token"), ACCESS_TOKEN);
  });

  test("after a login, the new token and refresh token are masked too", async (t) => {
    const h = await setup(
      t,
      (req, res) => {
        if (req.path === "/oauth/token") {
          json(res, 200, {
            access_token: NEW_TOKEN,
            refresh_token: REFRESH_TOKEN,
            token_type: "Bearer",
            scope: "read write follow push",
            expires_in: 3600,
            created_at: 1,
          });
        } else {
          json(res, 500, { error: `Internal error handling ${NEW_TOKEN} / ${REFRESH_TOKEN}` });
        }
      },
      {},
      false,
    );
    assert.equal(h.api.accessToken, undefined);
    assert.equal(await h.api.logIn({ code: CODE }), NEW_TOKEN);
    assert.equal(h.api.refreshToken, REFRESH_TOKEN);
    const error = await rejection(h.api.accountVerifyCredentials());
    assert.equal(h.server.requests[1]?.headers.authorization, `Bearer ${NEW_TOKEN}`);
    assertClean(error, h, "POST", "/oauth/token");
    assertClean(error, h, "GET", "/api/v1/accounts/verify_credentials");
  });

  test("successful requests log no secrets either", async (t) => {
    const h = await setup(t, (req, res) => {
      if (req.path === "/oauth/token") {
        json(res, 200, { access_token: NEW_TOKEN, token_type: "Bearer", scope: "read", created_at: 1 });
      } else {
        json(res, 200, { id: "1" });
      }
    });
    await h.api.accountVerifyCredentials();
    await h.api.logIn({ username: "bot@example.org", password: PASSWORD, scopes: ["read"] });
    await h.api.status("1");
    assert.ok(
      h.lines.some((line) => line.includes(`GET ${h.server.url}/api/v1/accounts/verify_credentials`)),
    );
    assert.ok(h.lines.some((line) => line.includes(`POST ${h.server.url}/oauth/token`)));
    assert.ok(
      h.lines.some((line) => line.includes("[REDACTED]")),
      "secret fields are shown masked",
    );
    for (const [index, line] of h.lines.entries()) assertNoSecret(line, `debug line ${index}`);
    assertClient(h.api);
  });
});

describe("the client object", () => {
  test("does not expose credentials through keys, inspect or JSON", () => {
    const api = new Mastodon({
      api_base_url: "https://mastodon.example",
      access_token: ACCESS_TOKEN,
      client_id: "fake-client-id",
      client_secret: CLIENT_SECRET,
    });
    assertClient(api);
    assert.deepEqual(JSON.parse(JSON.stringify(api)), {
      api_base_url: "https://mastodon.example",
      logged_in: true,
    });
    assert.match(inspect(api), /logged_in: true/);
    assert.ok(!Object.keys(api).some((key) => /token|secret/i.test(key)), Object.keys(api).join(", "));
    // The credentials stay readable on purpose.
    assert.equal(api.accessToken, ACCESS_TOKEN);
    assert.equal(api.clientSecret, CLIENT_SECRET);
  });

  test("debug_requests: true writes masked lines to stderr", async (t) => {
    const server = await startServer((_req, res) => json(res, 401, { error: `bad ${ACCESS_TOKEN}` }));
    t.after(() => server.close());
    const printed: string[] = [];
    t.mock.method(console, "error", (...args: unknown[]) => {
      printed.push(args.map(String).join(" "));
    });
    const api = new Mastodon({ api_base_url: server.url, access_token: ACCESS_TOKEN, debug_requests: true });
    await rejection(api.status("1"));
    assert.ok(printed.some((line) => line.includes(`GET ${server.url}/api/v1/statuses/1`)));
    for (const [index, line] of printed.entries()) assertNoSecret(line, `stderr line ${index}`);
  });
});
