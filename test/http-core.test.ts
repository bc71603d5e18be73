// The HTTP core over real sockets: headers, encodings, the injectable fetch, timeouts, network
// failures and safe retries.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, test } from "node:test";
import {
  DEFAULT_USER_AGENT,
  Mastodon,
  MastodonAPIError,
  MastodonBadGatewayError,
  MastodonError,
  MastodonGatewayTimeoutError,
  MastodonNetworkError,
  type MastodonOptions,
  MastodonReadTimeout,
  MastodonServiceUnavailableError,
} from "../src/index.js";
import { rejection, serveNumbered } from "./support/failures.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";
import { countingOptions, forEachTransport } from "./support/transports.js";

const TOKEN = "fake-token-http-core";
const FAST_RETRY = { base_delay: 0.01, max_delay: 0.05 } as const;

const STATUS = { id: "1", content: "<p>hi</p>", visibility: "public" };
const ACCOUNT = { id: "7", username: "bot", acct: "bot" };

/** A server whose handler also gets the request's index; closed after the test. */
const serve = serveNumbered;

/** Answers every request with a small JSON object. */
function ok(_req: ParsedRequest, res: ServerResponse): void {
  json(res, 200, STATUS);
}

function clientOver(server: TestServer, options: MastodonOptions = {}): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: FAST_RETRY, ...options });
}

/** Exposes the request path for parameter shapes no table method takes yet. */
class RawClient extends Mastodon {
  get(path: string, params: Record<string, unknown>): Promise<unknown> {
    return this.apiRequest({ method: "GET", path, params }).then((result) => result.data);
  }
}

function header(req: ParsedRequest | undefined, name: string): string | undefined {
  const value = req?.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function at(server: TestServer, index: number): ParsedRequest {
  const req = server.requests[index];
  assert.ok(req, `request ${index} was not received (got ${server.requests.length})`);
  return req;
}

forEachTransport((via) => {
  const client = (server: TestServer, options: MastodonOptions = {}) =>
    clientOver(server, { ...via.options, ...options });

  describe("request headers", () => {
    test("Authorization: Bearer <token> when a token is set", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 200, ACCOUNT));
      const account = await client(server).accountVerifyCredentials();
      assert.deepEqual(account, ACCOUNT);
      const req = at(server, 0);
      assert.equal(req.method, "GET");
      assert.equal(req.path, "/api/v1/accounts/verify_credentials");
      assert.equal(header(req, "authorization"), `Bearer ${TOKEN}`);
      assert.equal(header(req, "accept"), "application/json");
    });

    test("no Authorization header without a token", async (t) => {
      const server = await serve(t, ok);
      await new Mastodon({ api_base_url: server.url, ...via.options }).status("1");
      assert.equal(header(at(server, 0), "authorization"), undefined);
    });

    test("the default User-Agent, and a custom user_agent", async (t) => {
      const server = await serve(t, ok);
      await client(server).status("1");
      await client(server, { user_agent: "my-test-bot/2.0 (+https://example.org)" }).status("1");
      assert.equal(header(at(server, 0), "user-agent"), DEFAULT_USER_AGENT);
      assert.match(DEFAULT_USER_AGENT, /^mastodon-ts\/\d+\.\d+\.\d+/);
      assert.equal(header(at(server, 1), "user-agent"), "my-test-bot/2.0 (+https://example.org)");
    });

    test("lang sends lang=<code> and Accept-Language; setLanguage changes both", async (t) => {
      const server = await serve(t, ok);
      const api = client(server, { lang: "de" });
      await api.status("1");
      await api.statusPost("Hallo");
      api.setLanguage("fr");
      await api.timelineHome({ limit: 2 });
      api.setLanguage(undefined);
      await api.status("1");

      const [get, post, timeline, plain] = [0, 1, 2, 3].map((i) => at(server, i));
      assert.equal(get?.query.get("lang"), "de");
      assert.equal(header(get, "accept-language"), "de");
      // A JSON POST carries lang in the query string too, outside the body.
      assert.equal(post?.query.get("lang"), "de");
      assert.equal(header(post, "accept-language"), "de");
      assert.deepEqual(JSON.parse(post?.rawBody.toString() ?? ""), { status: "Hallo" });
      assert.equal(timeline?.query.get("lang"), "fr");
      assert.equal(timeline?.query.get("limit"), "2");
      assert.equal(header(timeline, "accept-language"), "fr");
      assert.equal(plain?.query.has("lang"), false);
      // Node's fetch adds `Accept-Language: *` when the client sends none.
      assert.ok(
        [undefined, "*"].includes(header(plain, "accept-language")),
        header(plain, "accept-language"),
      );
    });

    test("a per-call lang parameter wins over the client's language", async (t) => {
      const server = await serve(t, ok);
      await client(server, { lang: "en" }).timelineHome({ lang: "de" } as never);
      assert.equal(at(server, 0).query.get("lang"), "de");
      assert.equal(at(server, 0).query.getAll("lang").length, 1);
    });
  });

  describe("answers as the server sent them", () => {
    test("informational answers (103 Early Hints) before the real one are passed over", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.writeEarlyHints({ link: "</style.css>; rel=preload; as=style" });
        json(res, 200, STATUS);
      });
      assert.deepEqual(await client(server).status("1"), STATUS);
    });

    test("a header sent twice reads as its values joined by ', ' (two Link lines give both cursors)", async (t) => {
      const server = await serve(t, (req, res) => {
        const url = `http://${req.headers.host}/api/v1/timelines/home`;
        res.setHeader("link", [`<${url}?max_id=10>; rel="next"`, `<${url}?min_id=20>; rel="prev"`]);
        json(res, 200, [STATUS]);
      });
      const api = client(server);
      const page = await api.timelineHome();
      await api.fetchNext(page);
      await api.fetchPrevious(page);
      assert.equal(at(server, 1).query.get("max_id"), "10");
      assert.equal(at(server, 2).query.get("min_id"), "20");
    });

    test("the server's reason phrase is the one in error messages", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.writeHead(418, "Short And Stout", { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "no coffee here" }));
      });
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonAPIError, String(error));
      assert.equal((error as MastodonAPIError).reason, "Short And Stout");
    });
  });

  describe("request encodings", () => {
    test("statusPost sends JSON, with media_ids an array and ids unpacked", async (t) => {
      const server = await serve(t, ok);
      await client(server).statusPost("Toot with pictures", {
        media_ids: ["101", { id: "102" }],
        in_reply_to_id: { id: "99" },
        visibility: "Unlisted",
        sensitive: true,
        spoiler_text: "cw",
        language: "en",
      });
      const req = at(server, 0);
      assert.equal(req.method, "POST");
      assert.equal(req.path, "/api/v1/statuses");
      assert.match(header(req, "content-type") ?? "", /^application\/json/);
      assert.deepEqual(JSON.parse(req.rawBody.toString()), {
        status: "Toot with pictures",
        media_ids: ["101", "102"],
        in_reply_to_id: "99",
        visibility: "unlisted",
        sensitive: true,
        spoiler_text: "cw",
        language: "en",
      });
      assert.equal([...req.query.keys()].length, 0, "nothing in the query string");
    });

    test("statusPost nests the poll", async (t) => {
      const server = await serve(t, ok);
      await client(server).statusPost("Which one?", {
        poll: { options: ["tea", "coffee"], expires_in: 3600, multiple: true },
      });
      assert.deepEqual(JSON.parse(at(server, 0).rawBody.toString()), {
        status: "Which one?",
        poll: { options: ["tea", "coffee"], expires_in: 3600, multiple: true },
      });
    });

    test("logIn with a code posts a form to /oauth/token", async (t) => {
      const server = await serve(t, (_req, res) =>
        json(res, 200, {
          access_token: "fake-new-token",
          token_type: "Bearer",
          scope: "read write follow push",
          created_at: 1,
        }),
      );
      const api = new Mastodon({
        ...via.options,
        api_base_url: server.url,
        client_id: "fake-client-id",
        client_secret: "fake-client-secret",
      });
      assert.equal(await api.logIn({ code: "fake-code" }), "fake-new-token");
      assert.equal(api.accessToken, "fake-new-token");
      const req = at(server, 0);
      assert.equal(req.method, "POST");
      assert.equal(req.path, "/oauth/token");
      assert.equal(header(req, "content-type"), "application/x-www-form-urlencoded");
      assert.equal(header(req, "authorization"), undefined);
      const form = new URLSearchParams(req.rawBody.toString());
      assert.equal(form.get("grant_type"), "authorization_code");
      assert.equal(form.get("code"), "fake-code");
      assert.equal(form.get("client_id"), "fake-client-id");
      assert.equal(form.get("client_secret"), "fake-client-secret");
      assert.equal(form.get("redirect_uri"), "urn:ietf:wg:oauth:2.0:oob");
      assert.equal(form.get("scope"), "read write follow push");
    });

    test("revokeAccessToken posts a form to /oauth/revoke and forgets the token", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 200, {}));
      const api = client(server, { client_id: "fake-client-id", client_secret: "fake-client-secret" });
      await api.revokeAccessToken();
      const req = at(server, 0);
      assert.equal(req.path, "/oauth/revoke");
      assert.equal(header(req, "content-type"), "application/x-www-form-urlencoded");
      const form = new URLSearchParams(req.rawBody.toString());
      assert.deepEqual(Object.fromEntries(form), {
        client_id: "fake-client-id",
        client_secret: "fake-client-secret",
        token: TOKEN,
      });
      assert.equal(api.accessToken, undefined);
    });

    test("GET options go in the query string", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 200, [STATUS]));
      const page = await client(server).timelineHome({
        local: true,
        only_media: false,
        limit: 20,
        max_id: "12345",
      });
      assert.deepEqual([...page], [STATUS]);
      const req = at(server, 0);
      assert.equal(req.path, "/api/v1/timelines/home");
      // false flags are left out, as Mastodon.py leaves them out (the server's default is false).
      assert.deepEqual(Object.fromEntries(req.query), {
        local: "true",
        limit: "20",
        max_id: "12345",
      });
      assert.equal(req.rawBody.length, 0);
    });

    test("GET arrays use Rails brackets (id[]=1&id[]=2), undefined and null are dropped", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 200, []));
      const api = new RawClient({ api_base_url: server.url, access_token: TOKEN, ...via.options });
      await api.get("/api/v1/accounts", {
        id: ["1", "2"],
        with_suspended: undefined,
        other: null,
        q: "a b&c",
      });
      const req = at(server, 0);
      assert.deepEqual(req.query.getAll("id[]"), ["1", "2"]);
      assert.equal(req.query.has("with_suspended"), false);
      assert.equal(req.query.has("other"), false);
      assert.equal(req.query.get("q"), "a b&c");
    });

    test("status(id) fills the path; an entity is accepted as id", async (t) => {
      const server = await serve(t, ok);
      await client(server).status({ id: "109/../x" });
      assert.equal(at(server, 0).path, "/api/v1/statuses/109%2F..%2Fx");
    });

    test("a bad id is refused before sending, naming the method and the parameter", async (t) => {
      const server = await serve(t, ok);
      await assert.rejects(client(server).status({} as never), {
        name: "MastodonIllegalArgumentError",
        message: /^status\(\): id must be an id .*got an object without an id/,
      });
      assert.equal(server.requests.length, 0);
    });

    test("statusDelete is a DELETE with delete_media in the query and no body", async (t) => {
      const server = await serve(t, ok);
      await client(server).statusDelete({ id: "55" }, { delete_media: true });
      const req = at(server, 0);
      assert.equal(req.method, "DELETE");
      assert.equal(req.path, "/api/v1/statuses/55");
      assert.equal(req.query.get("delete_media"), "true");
      assert.equal(req.rawBody.length, 0);
      assert.equal(header(req, "content-type"), undefined);
    });
  });

  // A custom fetch is the fetch transport's own (the undici transport refuses one: see "dispatcher").
  // Registered for the fetch transport only: nothing is skipped, the undici run simply has no such block.
  if (via.name === "fetch")
    describe("injectable fetch", () => {
      test("a custom fetch function is used for every request", async (t) => {
        const server = await serve(t, ok);
        const seen: Array<{ url: string; method: string | undefined }> = [];
        const countingFetch = (input: string, init: RequestInit) => {
          seen.push({ url: input, method: init.method });
          return globalThis.fetch(input, init);
        };
        const api = client(server, { fetch: countingFetch });
        await api.status("1");
        await api.statusPost("hi");
        assert.deepEqual(seen, [
          { url: `${server.url}/api/v1/statuses/1`, method: "GET" },
          { url: `${server.url}/api/v1/statuses`, method: "POST" },
        ]);
        assert.equal(server.requests.length, 2);
      });

      test("what the custom fetch throws becomes a MastodonNetworkError", async () => {
        const api = new Mastodon({
          api_base_url: "https://mastodon.example",
          retry: false,
          fetch: () => Promise.reject(new TypeError("fetch failed", { cause: new Error("proxy refused") })),
        });
        const error = await rejection(api.status("1"));
        assert.ok(error instanceof MastodonNetworkError);
        assert.match(error.message, /proxy refused/);
      });
    });

  describe("timeouts", () => {
    test("a server that never answers -> MastodonReadTimeout after request_timeout", async (t) => {
      const server = await serve(t, () => {
        // Accept the request, never answer.
      });
      const api = client(server, { request_timeout: 0.3 });
      const started = Date.now();
      const error = await rejection(api.status("1"));
      const elapsed = Date.now() - started;
      assert.ok(error instanceof MastodonReadTimeout, String(error));
      assert.ok(error instanceof MastodonNetworkError);
      assert.match(error.message, /request_timeout/);
      assert.match(error.message, /0\.3 s/);
      assert.ok(error.message.includes(`${server.url}/api/v1/statuses/1`), error.message);
      assert.ok(elapsed >= 250 && elapsed < 1000, `took ${elapsed} ms`);
      assert.equal(server.requests.length, 1, "a timeout is not retried");
    });

    test("headers then a stalled body -> MastodonReadTimeout too", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('{"id": "1", "content": "');
      });
      const api = client(server, { request_timeout: 0.3 });
      const started = Date.now();
      const error = await rejection(api.accountVerifyCredentials());
      const elapsed = Date.now() - started;
      assert.ok(error instanceof MastodonReadTimeout, String(error));
      assert.match(error.message, /request_timeout/);
      assert.ok(elapsed >= 250 && elapsed < 1000, `took ${elapsed} ms`);
    });
  });

  describe("network failures", () => {
    test("a closed port -> MastodonNetworkError saying what could not be reached and what to check", async () => {
      const closed = await startServer(ok);
      const url = closed.url;
      await closed.close();
      const api = new Mastodon({ api_base_url: url, access_token: TOKEN, retry: false, ...via.options });
      const error = await rejection(api.status("1"));
      assert.ok(error instanceof MastodonNetworkError, String(error));
      assert.ok(!(error instanceof MastodonReadTimeout));
      assert.equal(error.name, "MastodonNetworkError");
      assert.ok(error.message.includes(`Could not reach ${url}/api/v1/statuses/1`), error.message);
      assert.match(error.message, /ECONNREFUSED/);
      assert.match(error.message, /Check the server address/);
    });

    test("a GET to a closed port is retried up to max_retries, then fails", async () => {
      const closed = await startServer(ok);
      await closed.close();
      const counting = await countingOptions(via);
      const api = new Mastodon({
        api_base_url: closed.url,
        retry: { ...FAST_RETRY, max_retries: 3 },
        ...counting.options,
      });
      assert.ok((await rejection(api.status("1"))) instanceof MastodonNetworkError);
      assert.equal(counting.calls(), 4);
    });
  });

  describe("retries", () => {
    for (const [status, ErrorClass] of [
      [503, MastodonServiceUnavailableError],
      [502, MastodonBadGatewayError],
      [504, MastodonGatewayTimeoutError],
    ] as const) {
      test(`GET answered ${status} twice, then 200, succeeds on the third request`, async (t) => {
        const server = await serve(t, (_req, res, i) => {
          if (i < 2) json(res, status, { error: "try later" });
          else json(res, 200, STATUS);
        });
        assert.deepEqual(await client(server).status("1"), STATUS);
        assert.equal(server.requests.length, 3);
        assert.ok(server.requests.every((r) => r.method === "GET" && r.path === "/api/v1/statuses/1"));
      });

      test(`GET answered ${status} every time fails after max_retries + 1 requests`, async (t) => {
        const server = await serve(t, (_req, res) => json(res, status, { error: "down" }));
        const error = await rejection(client(server).status("1"));
        assert.ok(error instanceof ErrorClass, String(error));
        assert.equal(server.requests.length, 3, "default max_retries is 2");
      });
    }

    test("max_retries is honoured", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 503, {}));
      await rejection(client(server, { retry: { ...FAST_RETRY, max_retries: 4 } }).status("1"));
      assert.equal(server.requests.length, 5);
    });

    test("retry: false sends one request", async (t) => {
      const server = await serve(t, (_req, res, i) => json(res, i === 0 ? 503 : 200, STATUS));
      const error = await rejection(client(server, { retry: false }).status("1"));
      assert.ok(error instanceof MastodonServiceUnavailableError);
      assert.equal(server.requests.length, 1);
    });

    test("a DELETE is retried (it is idempotent)", async (t) => {
      const server = await serve(t, (_req, res, i) => json(res, i === 0 ? 502 : 200, STATUS));
      await client(server).statusDelete("1");
      assert.equal(server.requests.length, 2);
    });

    test("a plain POST answered 503 is not retried", async (t) => {
      const server = await serve(t, (_req, res, i) => json(res, i === 0 ? 503 : 200, {}));
      const error = await rejection(client(server).emailResendConfirmation({ email: "a@example.org" }));
      assert.ok(error instanceof MastodonServiceUnavailableError);
      assert.equal(server.requests.length, 1);
    });

    test("revoking a token (a form POST) answered 503 is not retried", async (t) => {
      const server = await serve(t, (_req, res, i) => json(res, i === 0 ? 503 : 200, {}));
      const api = client(server, { client_id: "fake-client-id", client_secret: "fake-client-secret" });
      assert.ok((await rejection(api.revokeAccessToken())) instanceof MastodonServiceUnavailableError);
      assert.equal(server.requests.length, 1);
      assert.equal(api.accessToken, TOKEN, "the token is kept when revoking failed");
    });

    test("a plain POST whose connection is reset is not retried", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.socket?.destroy();
      });
      const error = await rejection(client(server).emailResendConfirmation());
      assert.ok(error instanceof MastodonNetworkError, String(error));
      assert.equal(server.requests.length, 1);
    });

    test("statusPost answered 503 then 200 is retried with the same Idempotency-Key", async (t) => {
      const server = await serve(t, (_req, res, i) => json(res, i === 0 ? 503 : 200, STATUS));
      const api = client(server);
      assert.deepEqual(await api.statusPost("Only once, please"), STATUS);
      assert.equal(server.requests.length, 2);
      const first = header(at(server, 0), "idempotency-key");
      const second = header(at(server, 1), "idempotency-key");
      assert.ok(first && first.length >= 16, `key: ${first}`);
      assert.equal(second, first);
      assert.equal(at(server, 1).rawBody.toString(), at(server, 0).rawBody.toString());

      await api.statusPost("Another post");
      const third = header(at(server, 2), "idempotency-key");
      assert.ok(third);
      assert.notEqual(third, first, "each call gets a fresh key");
    });

    test("an explicit idempotency_key is sent as given, and not in the body", async (t) => {
      const server = await serve(t, (_req, res, i) => json(res, i === 0 ? 502 : 200, STATUS));
      await client(server).statusPost("Keyed", { idempotency_key: "my-key-123" });
      assert.equal(server.requests.length, 2);
      assert.equal(header(at(server, 0), "idempotency-key"), "my-key-123");
      assert.equal(header(at(server, 1), "idempotency-key"), "my-key-123");
      assert.deepEqual(JSON.parse(at(server, 0).rawBody.toString()), { status: "Keyed" });
    });

    test("a GET whose connection is reset is retried", async (t) => {
      const server = await serve(t, (_req, res, i) => {
        if (i === 0) res.socket?.destroy();
        else json(res, 200, STATUS);
      });
      assert.deepEqual(await client(server).status("1"), STATUS);
      assert.equal(server.requests.length, 2);
    });

    test("Retry-After on a 503 is honoured", async (t) => {
      const server = await serve(t, (_req, res, i) => {
        if (i === 0) json(res, 503, { error: "busy" }, { "retry-after": "1" });
        else json(res, 200, STATUS);
      });
      const started = Date.now();
      assert.deepEqual(await client(server).status("1"), STATUS);
      const elapsed = Date.now() - started;
      assert.equal(server.requests.length, 2);
      // The configured backoff is at most 50 ms; only Retry-After explains a one-second pause.
      assert.ok(elapsed >= 950 && elapsed < 3000, `took ${elapsed} ms`);
    });

    test("Retry-After: 0 retries at once", async (t) => {
      const server = await serve(t, (_req, res, i) => {
        if (i === 0) json(res, 503, { error: "busy" }, { "retry-after": "0" });
        else json(res, 200, STATUS);
      });
      const started = Date.now();
      await client(server, { retry: { base_delay: 5, max_delay: 5 } }).status("1");
      assert.ok(Date.now() - started < 1000);
      assert.equal(server.requests.length, 2);
    });

    test("4xx answers are never retried", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 404, { error: "Record not found" }));
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonAPIError);
      assert.equal(server.requests.length, 1);
    });
  });

  describe("absolute URLs", () => {
    test("a token is never sent to another origin", async (t) => {
      const server = await serve(t, ok);
      const api = new RawClient({ api_base_url: server.url, access_token: TOKEN, ...via.options });
      const error = await rejection(api.get("https://elsewhere.example/api/v1/statuses/1", {}));
      assert.ok(error instanceof MastodonError);
      assert.match(error.message, /not the configured server/);
      assert.equal(server.requests.length, 0);
    });
  });
});
