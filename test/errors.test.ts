// The error hierarchy (Mastodon.py's names), instanceof across copies of the module, and the mapping
// of HTTP failures to error classes over a real server.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, type TestContext, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as errors from "../src/core/errors.js";
import {
  Mastodon,
  MastodonAPIError,
  MastodonBadGatewayError,
  MastodonError,
  MastodonFileNotFoundError,
  MastodonForbiddenError,
  MastodonGatewayTimeoutError,
  MastodonGoneError,
  MastodonIllegalArgumentError,
  MastodonInternalServerError,
  MastodonIOError,
  MastodonLoginError,
  MastodonMalformedEventError,
  MastodonNetworkError,
  MastodonNotFoundError,
  MastodonRatelimitError,
  MastodonReadTimeout,
  MastodonServerError,
  MastodonServiceUnavailableError,
  MastodonUnauthorizedError,
  MastodonUnprocessableEntityError,
  MastodonVersionError,
} from "../src/index.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";

type AnyErrorClass = abstract new (...args: never[]) => Error;

/** Every class with the chain of classes it must be an instance of (itself first). */
const HIERARCHY: Array<[AnyErrorClass, AnyErrorClass[]]> = [
  [MastodonError, [Error]],
  [MastodonIllegalArgumentError, [MastodonError]],
  [MastodonLoginError, [MastodonIllegalArgumentError, MastodonError]],
  [MastodonIOError, [MastodonError]],
  [MastodonFileNotFoundError, [MastodonIOError, MastodonError]],
  [MastodonNetworkError, [MastodonIOError, MastodonError]],
  [MastodonReadTimeout, [MastodonNetworkError, MastodonIOError, MastodonError]],
  [MastodonAPIError, [MastodonError]],
  [MastodonUnauthorizedError, [MastodonAPIError, MastodonError]],
  [MastodonForbiddenError, [MastodonAPIError, MastodonError]],
  [MastodonNotFoundError, [MastodonAPIError, MastodonError]],
  [MastodonGoneError, [MastodonAPIError, MastodonError]],
  [MastodonUnprocessableEntityError, [MastodonAPIError, MastodonError]],
  [MastodonServerError, [MastodonAPIError, MastodonError]],
  [MastodonInternalServerError, [MastodonServerError, MastodonAPIError, MastodonError]],
  [MastodonBadGatewayError, [MastodonServerError, MastodonAPIError, MastodonError]],
  [MastodonServiceUnavailableError, [MastodonServerError, MastodonAPIError, MastodonError]],
  [MastodonGatewayTimeoutError, [MastodonServerError, MastodonAPIError, MastodonError]],
  [MastodonRatelimitError, [MastodonError]],
  [MastodonMalformedEventError, [MastodonError]],
  [MastodonVersionError, [MastodonError]],
];

function make(Class: AnyErrorClass, message = "test message"): Error {
  const Ctor = Class as unknown as new (message: string, init?: unknown) => Error;
  return Class === MastodonLoginError ? new Ctor(message, { grant_type: "password" }) : new Ctor(message);
}

describe("the error hierarchy", () => {
  test("matches Mastodon.py's", () => {
    for (const [Class, ancestors] of HIERARCHY) {
      const error = make(Class);
      assert.ok(error instanceof Class, `${Class.name} instanceof itself`);
      assert.ok(error instanceof Error, `${Class.name} instanceof Error`);
      for (const Ancestor of ancestors) {
        assert.ok(error instanceof Ancestor, `${Class.name} instanceof ${Ancestor.name}`);
      }
      // ...and of nothing else in the family.
      for (const [Other] of HIERARCHY) {
        if (Other === Class || ancestors.includes(Other)) continue;
        assert.ok(!(error instanceof Other), `${Class.name} must not be instanceof ${Other.name}`);
      }
    }
  });

  test("err.name is the class name, and String(err) starts with it", () => {
    for (const [Class] of HIERARCHY) {
      const error = make(Class, "something broke");
      assert.equal(error.name, Class.name);
      assert.equal(String(error), `${Class.name}: something broke`);
      assert.ok(error.stack?.startsWith(`${Class.name}: something broke`), error.stack);
    }
  });

  test("non-errors and plain errors are not instances", () => {
    for (const value of [null, undefined, 42, "MastodonError", {}, new Error("x"), new TypeError("y")]) {
      assert.ok(!(value instanceof MastodonError));
      assert.ok(!(value instanceof MastodonAPIError));
    }
  });

  test("the specific chains the issue names", () => {
    const timeout = new MastodonReadTimeout("t");
    assert.ok(timeout instanceof MastodonNetworkError);
    assert.ok(timeout instanceof MastodonIOError);
    assert.ok(timeout instanceof MastodonError);
    assert.ok(new MastodonNotFoundError("n") instanceof MastodonAPIError);
    const internal = new MastodonInternalServerError("i");
    assert.ok(internal instanceof MastodonServerError);
    assert.ok(internal instanceof MastodonAPIError);
    assert.ok(
      new MastodonLoginError("l", { grant_type: "password" }) instanceof MastodonIllegalArgumentError,
    );
  });

  test("a class a user derives is an instance of its ancestors, and only its own instances are its", () => {
    class MyError extends MastodonError {}
    class MyApiError extends MastodonAPIError {}
    class MyDeeperError extends MyApiError {}
    const mine = new MyError("mine");
    assert.ok(mine instanceof MyError);
    assert.ok(mine instanceof MastodonError);
    assert.ok(mine instanceof Error);
    assert.equal(mine.name, "MyError");
    assert.ok(!(mine instanceof MastodonAPIError));
    const deeper = new MyDeeperError("deeper", { status: 418 });
    assert.ok(deeper instanceof MyDeeperError);
    assert.ok(deeper instanceof MyApiError);
    assert.ok(deeper instanceof MastodonAPIError);
    assert.ok(deeper instanceof MastodonError);
    assert.equal(deeper.status, 418);
    assert.equal(deeper.name, "MyDeeperError");
    // A library error is not an instance of a user's subclass, nor a sibling subclass of another.
    assert.ok(!(new MastodonError("plain") instanceof MyError));
    assert.ok(!(new MastodonAPIError("api") instanceof MyApiError));
    assert.ok(!(new MyApiError("api") instanceof MyDeeperError));
    assert.ok(!(mine instanceof MyApiError));
  });
});

describe("instanceof across two copies of the module", () => {
  test("an error from one copy is an instance of the other copy's classes", async () => {
    const href = pathToFileURL(fileURLToPath(new URL("../src/core/errors.ts", import.meta.url))).href;
    const copy = (await import(`${href}?copy=2`)) as typeof errors;
    // It really is a second copy, with classes of its own.
    assert.notEqual(copy.MastodonError, errors.MastodonError);
    assert.notEqual(copy.MastodonNotFoundError, errors.MastodonNotFoundError);

    const foreign = new copy.MastodonNotFoundError("from the other copy", { status: 404 });
    assert.ok(foreign instanceof errors.MastodonNotFoundError);
    assert.ok(foreign instanceof errors.MastodonAPIError);
    assert.ok(foreign instanceof errors.MastodonError);
    assert.ok(foreign instanceof Error);
    assert.ok(!(foreign instanceof errors.MastodonServerError));
    assert.ok(!(foreign instanceof errors.MastodonUnauthorizedError));
    assert.ok(!(foreign instanceof errors.MastodonIOError));
    assert.ok(!(foreign instanceof errors.MastodonIllegalArgumentError));

    const local = new errors.MastodonReadTimeout("from this copy");
    assert.ok(local instanceof copy.MastodonReadTimeout);
    assert.ok(local instanceof copy.MastodonNetworkError);
    assert.ok(local instanceof copy.MastodonIOError);
    assert.ok(local instanceof copy.MastodonError);
    assert.ok(!(local instanceof copy.MastodonAPIError));
    assert.ok(!(local instanceof copy.MastodonFileNotFoundError));

    const login = new copy.MastodonLoginError("l", { grant_type: "refresh_token" });
    assert.ok(login instanceof errors.MastodonIllegalArgumentError);
    assert.ok(!(login instanceof errors.MastodonAPIError));
  });
});

// --- status mapping over a real server ---

interface Scripted {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

function send(res: ServerResponse, answer: Scripted): void {
  res.writeHead(answer.status, {
    "content-type": answer.contentType ?? "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(answer.body)),
    ...answer.headers,
  });
  res.end(answer.body);
}

/** A server that answers every request with `answer`; closed after the test. */
async function serve(t: TestContext, answer: Scripted | ((req: ParsedRequest, res: ServerResponse) => void)) {
  const server = await startServer((req, res) => {
    if (typeof answer === "function") answer(req, res);
    else send(res, answer);
  });
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: "fake-token-errors", retry: false });
  return { server, api };
}

async function failure(promise: Promise<unknown>): Promise<MastodonAPIError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MastodonAPIError, `expected a MastodonAPIError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the call to fail");
}

const STATUS_CASES: Array<[number, string, AnyErrorClass]> = [
  [400, "Bad Request", MastodonAPIError],
  [401, "Unauthorized", MastodonUnauthorizedError],
  [403, "Forbidden", MastodonForbiddenError],
  [404, "Not Found", MastodonNotFoundError],
  [410, "Gone", MastodonGoneError],
  [418, "I'm a Teapot", MastodonAPIError],
  [422, "Unprocessable Entity", MastodonUnprocessableEntityError],
  [500, "Internal Server Error", MastodonInternalServerError],
  [501, "Not Implemented", MastodonServerError],
  [502, "Bad Gateway", MastodonBadGatewayError],
  [503, "Service Unavailable", MastodonServiceUnavailableError],
  [504, "Gateway Timeout", MastodonGatewayTimeoutError],
];

describe("HTTP status -> error class", () => {
  for (const [status, reason, Class] of STATUS_CASES) {
    test(`${status} -> ${Class.name}`, async (t) => {
      const { api, server } = await serve(t, {
        status,
        body: JSON.stringify({ error: `Server says ${status}` }),
      });
      const error = await failure(api.status("109"));
      assert.equal(error.name, Class.name);
      assert.ok(error instanceof Class);
      assert.equal(error.status, status);
      assert.equal(error.reason, reason);
      assert.equal(error.error, `Server says ${status}`);
      assert.equal(error.error_description, undefined);
      assert.equal(error.method, "GET");
      assert.equal(error.url, `${server.url}/api/v1/statuses/109`);
      assert.match(error.message, new RegExp(`error ${status} `));
      assert.match(error.message, new RegExp(`Server says ${status}`));
      assert.ok(error.message.includes(`GET ${server.url}/api/v1/statuses/109`), error.message);
      if (status >= 500) assert.match(error.message, /try again later/);
      assert.equal(server.requests.length, 1, "retry: false sends one request");
    });
  }

  test("a 4xx that is not specially mapped is a plain MastodonAPIError", async (t) => {
    const { api } = await serve(t, { status: 418, body: "{}" });
    const error = await failure(api.status("1"));
    assert.equal(Object.getPrototypeOf(error), MastodonAPIError.prototype);
    assert.ok(!(error instanceof MastodonServerError));
  });

  test("5xx errors are reported after the retries when retry is left on", async (t) => {
    const server = await startServer((_req, res) => json(res, 503, { error: "Down for maintenance" }));
    t.after(() => server.close());
    const api = new Mastodon({
      api_base_url: server.url,
      retry: { base_delay: 0.001, max_delay: 0.002 },
    });
    const error = await failure(api.status("1"));
    assert.ok(error instanceof MastodonServiceUnavailableError);
    assert.equal(error.error, "Down for maintenance");
    assert.equal(server.requests.length, 3);
  });
});

describe("what an API error carries", () => {
  test("401 says to log in again or make a new token", async (t) => {
    const { api } = await serve(t, {
      status: 401,
      body: JSON.stringify({ error: "The access token is invalid" }),
    });
    const error = await failure(api.accountVerifyCredentials());
    assert.ok(error instanceof MastodonUnauthorizedError);
    assert.match(error.message, /The access token is invalid/);
    assert.match(error.message, /Log in again/);
    assert.match(error.message, /new token/);
  });

  test("422 keeps error and details", async (t) => {
    const details = { username: [{ error: "ERR_TAKEN", description: "taken" }] };
    const { api } = await serve(t, {
      status: 422,
      body: JSON.stringify({ error: "Validation failed", details }),
    });
    const error = await failure(api.emailResendConfirmation({ email: "someone@example.org" }));
    assert.ok(error instanceof MastodonUnprocessableEntityError);
    assert.equal(error.status, 422);
    assert.equal(error.reason, "Unprocessable Entity");
    assert.equal(error.error, "Validation failed");
    assert.deepEqual(error.details, details);
    assert.equal(error.method, "POST");
    assert.match(error.message, /Validation failed/);
    assert.match(error.message, /refused the content/);
  });

  test("details nested thousands deep (a hostile server) give the server's error, copied 32 levels deep", async (t) => {
    const depth = 50_000;
    const { api } = await serve(t, {
      status: 422,
      body: `{"error":"Validation failed","details":{"field":${"[".repeat(depth)}"secret-token-x"${"]".repeat(depth)}}}`,
    });
    const error = await failure(api.emailResendConfirmation({ email: "someone@example.org" }));
    // Before, copying the details overflowed the stack: a bare RangeError in place of this.
    assert.ok(error instanceof MastodonUnprocessableEntityError, String(error));
    assert.equal(error.error, "Validation failed");
    let level: unknown = (error.details as { field: unknown }).field;
    let levels = 1;
    while (Array.isArray(level)) {
      level = level[0];
      levels++;
    }
    assert.equal(level, "[nested too deep]");
    assert.equal(levels, 32);
  });

  test("a server's error text a megabyte long is quoted in the message, and kept whole in error", async (t) => {
    const { api } = await serve(t, { status: 422, body: JSON.stringify({ error: "y".repeat(2_000_000) }) });
    const error = await failure(api.statusPost("hello"));
    assert.ok(error instanceof MastodonUnprocessableEntityError);
    assert.ok(error.message.length < 800, `${error.message.length} characters`);
    assert.match(
      error.message,
      /: y{500}… \(1,999,500 more characters\) \(POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/statuses\)\. The server refused/,
    );
    assert.equal(error.error?.length, 2_000_000);
  });

  test("control characters in a server's error text are not quoted into the message (a terminal would act on them)", async (t) => {
    const said = "Validation failed\u001b[2J\u001b]52;c;aGk=\u0007\r\u009b31m";
    const { api } = await serve(t, { status: 422, body: JSON.stringify({ error: said }) });
    const error = await failure(api.statusPost("hello"));
    assert.ok(error instanceof MastodonUnprocessableEntityError);
    assert.match(error.message, /Validation failed\ufffd\[2J\ufffd\]52;c;aGk=\ufffd\ufffd\ufffd31m \(POST /);
    assert.equal(error.error, said, "the field keeps the text as it came");
  });

  test("a reason phrase with a C1 control character (an 8-bit CSI) is shown without it", async (t) => {
    // The HTTP parser lets bytes 0x80-0xFF through in a reason phrase, and the client reads them as
    // UTF-8: C2 9B is U+009B. (Node's server writes the status message as Latin-1, one byte each.)
    const server = await startServer((_req, res) => {
      res.writeHead(422, "Bad\u00c2\u009b[2J thing", { "content-type": "application/json" });
      res.end("{}");
    });
    t.after(() => server.close());
    const lines: string[] = [];
    const api = new Mastodon({
      api_base_url: server.url,
      access_token: "reason-token",
      debug_requests: (line: string) => lines.push(line),
    });
    const error = await failure(api.statusPost("hello"));
    assert.equal(error.reason, "Bad\u009b[2J thing", "the field keeps it");
    assert.match(error.message, /^Mastodon API returned error 422 Bad\ufffd\[2J thing \(POST /);
    assert.ok(
      lines.some((line) => line.includes("-> 422 Bad\ufffd[2J thing")),
      lines.join("\n"),
    );
  });

  test("an OAuth-style error keeps error_description", async (t) => {
    const { api } = await serve(t, {
      status: 403,
      body: JSON.stringify({
        error: "insufficient_scope",
        error_description: "The token lacks the read:statuses scope",
      }),
    });
    const error = await failure(api.status("1"));
    assert.equal(error.error, "insufficient_scope");
    assert.equal(error.error_description, "The token lacks the read:statuses scope");
    assert.match(error.message, /insufficient_scope: The token lacks the read:statuses scope/);
    assert.match(error.message, /scope/);
  });

  test("the url has no query string, even when the request had one", async (t) => {
    const { api, server } = await serve(t, {
      status: 404,
      body: JSON.stringify({ error: "Record not found" }),
    });
    const error = await failure(api.timelineHome({ max_id: "cursor-123", limit: 5 }));
    assert.equal(error.url, `${server.url}/api/v1/timelines/home`);
    assert.doesNotMatch(error.message, /cursor-123|limit=|\?/);
    assert.equal(server.requests[0]?.query.get("max_id"), "cursor-123", "the request itself had the query");
    assert.match(error.message, /does not exist/);
  });

  test("a DELETE failure names the method", async (t) => {
    const { api, server } = await serve(t, {
      status: 404,
      body: JSON.stringify({ error: "Record not found" }),
    });
    const error = await failure(api.statusDelete("77", { delete_media: true }));
    assert.equal(error.method, "DELETE");
    assert.equal(error.url, `${server.url}/api/v1/statuses/77`);
    assert.ok(error.message.includes(`DELETE ${server.url}/api/v1/statuses/77`), error.message);
  });

  test("an HTML error page from a proxy gives a clean message", async (t) => {
    const page =
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>" +
      "<hr><center>nginx/1.25.3</center></body></html>";
    const { api } = await serve(t, { status: 502, body: page, contentType: "text/html" });
    const error = await failure(api.status("1"));
    assert.ok(error instanceof MastodonBadGatewayError);
    assert.doesNotMatch(error.message, /[<>]|nginx|<html/);
    assert.match(error.message, /502 Bad Gateway/);
    assert.match(error.message, /try again later/);
    assert.equal(error.error, undefined);
    assert.equal(error.details, undefined);
  });

  test("an empty error body still gives status and advice", async (t) => {
    const { api } = await serve(t, { status: 404, body: "" });
    const error = await failure(api.status("1"));
    assert.ok(error instanceof MastodonNotFoundError);
    assert.equal(error.error, undefined);
    assert.match(error.message, /error 404 Not Found \(GET /);
  });

  test("a 200 whose body is not JSON is a MastodonAPIError that explains", async (t) => {
    const { api, server } = await serve(t, {
      status: 200,
      body: "<!doctype html><html><body>Welcome to my blog</body></html>",
      contentType: "text/html",
    });
    const error = await failure(api.accountVerifyCredentials());
    assert.equal(error.name, "MastodonAPIError");
    assert.match(error.message, /not JSON/);
    assert.match(error.message, /api_base_url/);
    assert.doesNotMatch(error.message, /Welcome to my blog|<html/);
    assert.equal(error.method, "GET");
    assert.equal(error.url, `${server.url}/api/v1/accounts/verify_credentials`);
  });

  test("own enumerable fields are plain data that JSON can carry", async (t) => {
    const { api } = await serve(t, { status: 410, body: JSON.stringify({ error: "Gone for good" }) });
    const error = await failure(api.status("1"));
    const copy = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    assert.equal(copy.name, "MastodonGoneError");
    assert.equal(copy.status, 410);
    assert.equal(copy.error, "Gone for good");
  });
});
