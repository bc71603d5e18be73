// The HTTP core under injected faults, over real sockets: connections reset before an answer,
// 5xx, 429, stalls before and during the answer, bodies cut short, and bodies far too large.
// Each failure gets its own error class and a message that says what happened (no "could not
// reach" when the server did answer); what is safe to retry is retried, and nothing else.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, test } from "node:test";
import {
  Mastodon,
  MastodonInternalServerError,
  MastodonNetworkError,
  type MastodonOptions,
  MastodonReadTimeout,
  MastodonResponseTooLargeError,
} from "../src/index.js";
import { rejection, serveNumbered } from "./support/failures.js";
import { json, type TestServer, writeUntilClosed } from "./support/http-server.js";
import { forEachTransport } from "./support/transports.js";

const TOKEN = "fake-token-fault-http";
const STATUS = { id: "1", content: "<p>hi</p>", visibility: "public" };
const FAST_RETRY = { base_delay: 0.01, max_delay: 0.02 } as const;

const serve = serveNumbered;

function clientOver(server: TestServer, options: MastodonOptions = {}): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: FAST_RETRY, ...options });
}

function assertNoSecret(error: Error): void {
  assert.ok(!`${error.message} ${String(error.stack)}`.includes(TOKEN), "the token leaked into the error");
}

/** Headers then part of the body, then the connection is cut. */
function truncated(res: ServerResponse, sent: number, declared: number): void {
  res.writeHead(200, { "content-type": "application/json", "content-length": String(declared) });
  res.write("x".repeat(sent));
  setTimeout(() => res.destroy(), 20);
}

forEachTransport((via) => {
  const client = (server: TestServer, options: MastodonOptions = {}) =>
    clientOver(server, { ...via.options, ...options });

  describe("connection resets", () => {
    test("a reset before the answer is retried on a GET, and the retry's answer is returned", async (t) => {
      const server = await serve(t, (_req, res, index) => {
        if (index === 0) res.socket?.destroy();
        else json(res, 200, STATUS);
      });
      assert.equal((await client(server).status("1")).id, "1");
      assert.equal(server.requests.length, 2);
    });

    test("resets on every attempt: MastodonNetworkError that says the connection broke, not 'could not reach'", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.socket?.destroy();
      });
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonNetworkError, error.message);
      assert.match(error.message, /connection to .* broke before an answer/);
      assert.doesNotMatch(error.message, /could not reach/i);
      assert.equal(server.requests.length, 3, "the first attempt and two retries");
      assertNoSecret(error);
    });

    test("a reset after a POST without an idempotency key is not retried", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.socket?.destroy();
      });
      const error = await rejection(client(server).listCreate("friends"));
      assert.ok(error instanceof MastodonNetworkError);
      assert.equal(server.requests.length, 1);
    });
  });

  describe("5xx", () => {
    test("503 then 502 then 200: retried to success on a GET", async (t) => {
      const server = await serve(t, (_req, res, index) => {
        if (index === 0) json(res, 503, { error: "busy" });
        else if (index === 1) json(res, 502, { error: "bad gateway" });
        else json(res, 200, STATUS);
      });
      assert.equal((await client(server).status("1")).id, "1");
      assert.equal(server.requests.length, 3);
    });

    test("500 is reported at once (retrying a failing handler helps nobody)", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 500, { error: "boom" }));
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonInternalServerError);
      assert.match(error.message, /500/);
      assert.equal(server.requests.length, 1);
    });
  });

  describe("429", () => {
    test("a 429 with Retry-After: 1 is waited out and the request repeated", async (t) => {
      const server = await serve(t, (_req, res, index) => {
        if (index === 0) json(res, 429, { error: "Too many requests" }, { "retry-after": "1" });
        else json(res, 200, STATUS);
      });
      const started = Date.now();
      assert.equal((await client(server).status("1")).id, "1");
      assert.ok(Date.now() - started >= 900, "the client did not wait for Retry-After");
      assert.equal(server.requests.length, 2);
    });
  });

  describe("stalls", () => {
    test("no answer at all within request_timeout: MastodonReadTimeout saying no answer came", async (t) => {
      const held: ServerResponse[] = [];
      const server = await serve(t, (_req, res) => {
        held.push(res);
      });
      t.after(() => {
        for (const res of held) res.destroy();
      });
      const error = await rejection(client(server, { request_timeout: 0.3 }).status("1"));
      assert.ok(error instanceof MastodonReadTimeout);
      assert.match(error.message, /No answer to GET .* within 0\.3 s/);
      assert.equal(server.requests.length, 1, "a timed-out request is not repeated");
    });

    test("headers, then the body stalls: MastodonReadTimeout saying the server began answering", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"id":');
      });
      const error = await rejection(client(server, { request_timeout: 0.3 }).status("1"));
      assert.ok(error instanceof MastodonReadTimeout);
      assert.match(error.message, /began answering GET .* but did not finish within 0\.3 s/);
    });
  });

  describe("bodies cut short", () => {
    test("a truncated body is retried on a GET; a later complete answer wins", async (t) => {
      const server = await serve(t, (_req, res, index) => {
        if (index === 0) truncated(res, 10, 100);
        else json(res, 200, STATUS);
      });
      assert.equal((await client(server).status("1")).id, "1");
      assert.equal(server.requests.length, 2);
    });

    test("truncated every time: the error says the answer broke off, and how far it got", async (t) => {
      const server = await serve(t, (_req, res) => truncated(res, 50, 1000));
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonNetworkError);
      // fetch reads a body of declared size in one call (response.text()), so only the size it
      // declared is known; the undici transport says the same, as fetch says it.
      assert.match(
        error.message,
        /answer to GET .*\/api\/v1\/statuses\/1 broke off before its 1000 bytes had all arrived/,
      );
      assert.doesNotMatch(error.message, /could not reach/i);
      assertNoSecret(error);
    });
  });

  describe("oversized bodies (max_response_bytes)", () => {
    test("a declared 1 GiB answer is refused before reading, says how big it was, and is not retried", async (t) => {
      const server = await serve(t, (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(2 ** 30) });
        res.write("[");
        // The rest never comes: the client must not wait for it.
      });
      const started = Date.now();
      const error = await rejection(client(server).timelineHome());
      assert.ok(error instanceof MastodonResponseTooLargeError, error.message);
      assert.equal(error.bytes, 2 ** 30);
      assert.equal(error.max_response_bytes, 64 * 1024 * 1024);
      assert.equal(error.status, 200);
      assert.match(error.message, /1,073,741,824 bytes, more than 67,108,864 \(max_response_bytes\)/);
      assert.doesNotMatch(error.message, /could not reach/i);
      assert.ok(Date.now() - started < 2000);
      assert.equal(server.requests.length, 1, "not retried");
    });

    test("an undeclared (chunked) answer is cut off at the cap, not buffered whole", async (t) => {
      let body = { written: 0 };
      const server = await serve(t, (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        body = writeUntilClosed(res, 50 * 1024 * 1024);
      });
      const error = await rejection(client(server, { max_response_bytes: 1024 * 1024 }).timelineHome());
      assert.ok(error instanceof MastodonResponseTooLargeError, error.message);
      assert.equal(error.bytes, undefined);
      assert.match(error.message, /more than 1,048,576 bytes \(reading stopped there\)/);
      assert.equal(server.requests.length, 1, "not retried");
      assert.ok(
        body.written < 20 * 1024 * 1024,
        `the server wrote ${body.written} bytes before the client let go`,
      );
    });

    test("an answer within the cap is read as usual", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 200, STATUS));
      assert.equal((await client(server, { max_response_bytes: 1000 }).status("1")).id, "1");
    });

    test("max_response_bytes must be a positive whole number", () => {
      for (const bad of [0, -1, 1.5, Number.NaN, "10" as unknown as number]) {
        assert.throws(
          () =>
            new Mastodon({ api_base_url: "https://example.test", max_response_bytes: bad, ...via.options }),
          /max_response_bytes must be a positive whole number of bytes/,
        );
      }
    });
  });
});
