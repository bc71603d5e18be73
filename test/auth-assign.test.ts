// Credentials are assignable as in Mastodon.py (`api.access_token = token`, client_id, client_secret):
// the next request, and a stream opened afterwards, use the new value (issue 10, item 16).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mastodon, MastodonIllegalArgumentError } from "../src/index.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";

const OLD = "fake-old-token-0123456789";
const NEW = "fake-new-token-0123456789";

async function server(t: { after(fn: () => Promise<void>): void }) {
  const seen: ParsedRequest[] = [];
  const srv = await startServer((req, res) => {
    seen.push(req);
    if (req.path === "/api/v1/accounts/verify_credentials") {
      return json(res, 200, { id: "1", username: "alice", acct: "alice" });
    }
    if (req.path === "/oauth/revoke") return json(res, 200, {});
    if (req.path === "/api/v1/streaming/user") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(":)\n\n");
      return;
    }
    json(res, 404, { error: "Record not found" });
  });
  t.after(() => srv.close());
  return {
    url: srv.url,
    seen,
    auth: (path: string) => seen.filter((r) => r.path === path).map((r) => r.headers.authorization),
  };
}

test("api.access_token = token: the next request carries the new token; accessToken too", async (t) => {
  const srv = await server(t);
  const api = new Mastodon({ api_base_url: srv.url, access_token: OLD });
  await api.me();
  api.access_token = NEW;
  assert.equal(api.accessToken, NEW);
  assert.equal(api.access_token, NEW);
  await api.me();
  api.accessToken = OLD;
  await api.me();
  assert.deepEqual(srv.auth("/api/v1/accounts/verify_credentials"), [
    `Bearer ${OLD}`,
    `Bearer ${NEW}`,
    `Bearer ${OLD}`,
  ]);
  api.access_token = undefined;
  assert.equal(api.accessToken, undefined);
  assert.deepEqual(api.toJSON(), { api_base_url: srv.url, logged_in: false });
});

test("a client without any token at first: assigning one logs it in", async (t) => {
  const srv = await server(t);
  const api = new Mastodon({ api_base_url: srv.url });
  api.access_token = NEW;
  await api.accountVerifyCredentials();
  assert.equal(srv.auth("/api/v1/accounts/verify_credentials")[0], `Bearer ${NEW}`);
});

test("client_id and client_secret are assignable and used by the next OAuth request", async (t) => {
  const srv = await server(t);
  const api = new Mastodon({ api_base_url: srv.url, access_token: OLD });
  api.client_id = "fake-client-id";
  api.client_secret = "fake-client-secret-0123";
  assert.equal(api.clientId, "fake-client-id");
  assert.equal(api.client_secret, "fake-client-secret-0123");
  await api.revokeAccessToken();
  const revoke = srv.seen.find((r) => r.path === "/oauth/revoke");
  assert.equal(revoke?.params.client_id, "fake-client-id");
  assert.equal(revoke?.params.client_secret, "fake-client-secret-0123");
  assert.equal(revoke?.params.token, OLD);
  api.clientId = "fake-other-id";
  api.clientSecret = "fake-other-secret";
  assert.equal(api.client_id, "fake-other-id");
});

test("a stream opened after the assignment uses the new token", async (t) => {
  const srv = await server(t);
  const api = new Mastodon({ api_base_url: srv.url, access_token: OLD });
  api.access_token = NEW;
  const handle = api.streamUser({}, { transport: "sse" });
  t.after(() => handle.close());
  for (let i = 0; i < 200 && srv.auth("/api/v1/streaming/user").length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const sent = srv.seen.filter((r) => r.path === "/api/v1/streaming/user");
  assert.ok(sent.length > 0, "the stream connected");
  for (const req of sent) {
    assert.ok(
      req.headers.authorization === `Bearer ${NEW}` || req.query.get("access_token") === NEW,
      "the stream carries the new token",
    );
  }
});

test("assigning something that is not a credential is refused without showing it", () => {
  const api = new Mastodon({ api_base_url: "https://mastodon.example" });
  assert.throws(
    () => {
      api.access_token = "fake token with spaces";
    },
    (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.ok(!(err as Error).message.includes("fake token"));
      return true;
    },
  );
  assert.throws(() => {
    (api as unknown as { client_secret: unknown }).client_secret = 42;
  }, MastodonIllegalArgumentError);
  api.access_token = "";
  assert.equal(api.accessToken, undefined);
});

test("the constructor refuses what the setters refuse: a token with a line break or NUL, named, not shown", async (t) => {
  const srv = await server(t);
  // The setter's message, for comparison: the constructor gives the same one.
  const setterError = (() => {
    try {
      new Mastodon({ api_base_url: srv.url }).access_token = "fake-token\nx";
    } catch (error) {
      return (error as Error).message;
    }
  })();
  assert.match(String(setterError), /^access_token must be a string of printable characters without spaces/);
  const bad: [string, string][] = [
    ["access_token", "fake-secret-token\nhttps://elsewhere.example"],
    ["access_token", "fake-secret-token\u0000"],
    ["client_id", "fake-client-id\r\nx"],
    ["client_secret", "fake-secret-value\n2"],
  ];
  for (const [option, value] of bad) {
    assert.throws(
      () =>
        new Mastodon({
          api_base_url: srv.url,
          client_id: "fake-client-id",
          client_secret: "fake-client-secret",
          [option]: value,
        }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonIllegalArgumentError, String(err));
        if (option === "access_token") assert.equal((err as Error).message, setterError);
        assert.match(
          (err as Error).message,
          new RegExp(`^${option} must be a string of printable characters`),
        );
        // The part before the bad character: a secret the message must not contain.
        const shown = value.slice(0, value.search(/[^\x21-\x7e]/));
        assert.ok(!(err as Error).message.includes(shown), "the value is not shown");
        return true;
      },
      option,
    );
  }
  // A valid token still works, over a real socket; a file's final newline is dropped.
  const api = new Mastodon({ api_base_url: srv.url, access_token: `${OLD}\n` });
  assert.equal(api.accessToken, OLD);
  assert.equal((await api.accountVerifyCredentials()).username, "alice");
  assert.equal(srv.seen.length, 1, "only the valid client sent a request");
});
