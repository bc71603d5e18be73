// mastodon-ts/light's createFetchClient: the light functions on one plain fetch per request, over
// real sockets (node:http on 127.0.0.1, a real ws WebSocketServer for the stream). Each check
// compares it with createClient (the class's engine) on the same answers.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { test } from "node:test";
import { INTERNAL } from "../src/api/internal.js";
import { paginationInfo } from "../src/api/pagination.js";
import { fetchPage } from "../src/api/pagination-walk.js";
import {
  Mastodon,
  MastodonError,
  MastodonIllegalArgumentError,
  MastodonNetworkError,
  MastodonRatelimitError,
  memoryStore,
} from "../src/index.js";
import {
  createClient,
  createFetchClient,
  FetchClient,
  type LightClient,
  statusPost,
  streamUser,
  timelineHome,
} from "../src/light.js";
import type { StreamOptions } from "../src/streaming/handle.js";
import { streamUser as streamUserImplementation } from "../src/streaming/methods.js";
import { FakeStreamingServer, status } from "./streaming-servers.js";
import { Recorder } from "./streaming-support.js";
import { oneFileBundle } from "./support/bundle-start.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";

const TOKEN = "fetch-client-secret-token";
const STATUS = { id: "101", content: "<p>hello</p>", account: { id: "1", acct: "bot" } };

async function serve(
  t: { after(fn: () => unknown): void },
  handler: (req: ParsedRequest, res: ServerResponse, server: TestServer) => void,
): Promise<TestServer> {
  const server: TestServer = await startServer((req, res) => handler(req, res, server));
  t.after(() => server.close());
  return server;
}

/** Both light clients on one server: the class's engine and the fetch client, with the same options. */
function bothClients(url: string, extra: Record<string, unknown> = {}): [string, LightClient][] {
  const options = { api_base_url: url, access_token: TOKEN, user_agent: "tests/light", ...extra };
  return [
    // On fetch too: what is compared is how the shared definitions build requests, and Node's fetch
    // adds headers of its own (sec-fetch-mode) that the default undici transport does not.
    [
      "createClient",
      createClient({ ...options, ratelimit_method: "throw", retry: false, transport: "fetch" }),
    ],
    ["createFetchClient", createFetchClient(options)],
  ];
}

/** A request as the server saw it, without what only tells two connections apart. */
function seen(req: ParsedRequest | undefined) {
  assert.ok(req);
  const { host: _host, connection: _connection, ...headers } = req.headers;
  return {
    method: req.method,
    path: req.path,
    query: req.query.toString(),
    body: req.rawBody.toString(),
    headers,
  };
}

test("timelineHome and statusPost send the same requests on both clients", async (t) => {
  const server = await serve(t, (req, res, self) => {
    if (req.path === "/api/v1/timelines/home") {
      json(res, 200, [STATUS], { link: `<${self.url}/api/v1/timelines/home?max_id=100>; rel="next"` });
    } else json(res, 200, STATUS);
  });
  const clients = bothClients(server.url, { lang: "de" });
  const poll = { options: ["yes", "no"], expires_in: 3600 };
  for (const [, client] of clients) {
    assert.deepEqual(await timelineHome(client, { limit: 5, only_media: true }), [STATUS]);
    assert.deepEqual(
      await statusPost(client, "hello", { visibility: "unlisted", poll, idempotency_key: "key-1" }),
      STATUS,
    );
    await statusPost(client, "no key given");
  }
  const [home, post, keyless, fetchHome, fetchPost, fetchKeyless] = server.requests.map(seen);
  assert.deepEqual(fetchHome, home);
  assert.deepEqual(fetchPost, post);
  assert.equal(home?.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(home?.query, "limit=5&only_media=true&lang=de");
  assert.equal(post?.headers["idempotency-key"], "key-1");
  assert.equal(post?.headers["content-type"], "application/json");
  // Without a key of the caller's, each post gets a fresh one: the rest is the same.
  assert.ok(keyless?.headers["idempotency-key"] && fetchKeyless?.headers["idempotency-key"]);
  const { "idempotency-key": _a, ...keylessRest } = keyless?.headers ?? {};
  const { "idempotency-key": _b, ...fetchKeylessRest } = fetchKeyless?.headers ?? {};
  assert.deepEqual({ ...fetchKeyless, headers: fetchKeylessRest }, { ...keyless, headers: keylessRest });
});

test("a page from the fetch client keeps its cursors: the next page is fetched from its Link header", async (t) => {
  const server = await serve(t, (req, res, self) => {
    const next = req.query.get("max_id") === null;
    json(res, 200, [next ? STATUS : { ...STATUS, id: "50" }], {
      link: next ? `<${self.url}/api/v1/timelines/home?max_id=100>; rel="next"` : "",
    });
  });
  const client = createFetchClient({ api_base_url: server.url, access_token: TOKEN });
  const page = await timelineHome(client, { limit: 1 });
  assert.equal(paginationInfo(page, "next")?.max_id, "100");
  const next = (await fetchPage(client[INTERNAL], page, "next")) as { id: string }[];
  assert.equal(next[0]?.id, "50");
  assert.equal(server.requests[1]?.query.toString(), "limit=1&max_id=100");
});

const ERROR_STATUSES = [400, 401, 403, 404, 410, 418, 422, 429, 500, 502, 503, 504];

test("the same error class and message for the same error answer, never with the token", async (t) => {
  let answer = 0;
  // The server repeats the token in its error text: it must not reach a message.
  const server = await serve(t, (_req, res) =>
    json(res, answer, { error: `refused ${TOKEN}`, error_description: "see the docs" }),
  );
  for (const code of ERROR_STATUSES) {
    answer = code;
    const failures = [];
    const calls = [
      (client: LightClient) => timelineHome(client),
      (client: LightClient) => statusPost(client, "hi", { idempotency_key: "k" }),
    ];
    for (const side of [0, 1]) {
      for (const call of calls) {
        // New clients for each call: after a 429 the class's budget refuses the next request itself.
        const [name, client] = bothClients(server.url)[side]!;
        const error = await call(client).then(
          () => assert.fail(`${name}: ${code} resolved`),
          (e: Error & { status?: number }) => e,
        );
        assert.ok(!error.message.includes(TOKEN), `${name}: ${code} message holds the token`);
        assert.ok(!JSON.stringify(error).includes(TOKEN), `${name}: ${code} error holds the token`);
        failures.push({ name: error.name, message: error.message, status: error.status });
      }
    }
    const [classHome, classPost, fetchHome, fetchPost] = failures;
    assert.deepEqual(fetchHome, classHome, `GET answered ${code}`);
    assert.deepEqual(fetchPost, classPost, `POST answered ${code}`);
  }
});

test("a 429 with a reset is MastodonRatelimitError with the class's reading of the reset", async (t) => {
  const reset = new Date(Date.now() + 120_000);
  const server = await serve(t, (_req, res) =>
    json(
      res,
      429,
      { error: "Too many requests" },
      {
        "x-ratelimit-limit": "300",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": reset.toISOString(),
      },
    ),
  );
  const errors = [];
  for (const [, client] of bothClients(server.url)) {
    const error = await timelineHome(client).catch((e: unknown) => e);
    assert.ok(error instanceof MastodonRatelimitError);
    errors.push(error);
  }
  const [fromClass, fromFetch] = errors;
  // The two answers came a moment apart: the same reset (within the Date header's second), the same text.
  assert.ok(Math.abs((fromFetch?.reset ?? 0) - (fromClass?.reset ?? 0)) < 2);
  const shape = (message = "") => message.replace(/resets at \S+, in \d+ s/, "resets at T, in N s");
  assert.equal(shape(fromFetch?.message), shape(fromClass?.message));
});

test("network failures and request_timeout: the class's error classes and messages", async (t) => {
  // A server that takes every request and never answers.
  const silent = await serve(t, () => undefined);
  const timeouts = [];
  for (const [, client] of bothClients(silent.url, { request_timeout: 0.2 })) {
    timeouts.push(await timelineHome(client).catch((e: Error) => [e.name, e.message]));
  }
  assert.equal(timeouts[0]?.[0], "MastodonReadTimeout");
  assert.deepEqual(timeouts[1], timeouts[0]);

  const closed = await startServer(() => undefined);
  await closed.close();
  const refusals = [];
  for (const [, client] of bothClients(closed.url)) {
    refusals.push(await timelineHome(client).catch((e: Error) => [e.name, e.message]));
  }
  assert.equal(refusals[0]?.[0], "MastodonNetworkError");
  assert.deepEqual(refusals[1], refusals[0]);
  assert.ok(!String(refusals[1]).includes(TOKEN));
});

test("http:// is refused for a public host, as the class refuses it; loopback and allow_http pass", () => {
  const options = { api_base_url: "http://mastodon.example", access_token: TOKEN };
  const classError = (() => {
    try {
      new Mastodon(options);
    } catch (error) {
      return error as Error;
    }
  })();
  assert.ok(classError instanceof MastodonIllegalArgumentError);
  assert.throws(() => createFetchClient(options), { name: classError.name, message: classError.message });
  assert.equal(createFetchClient({ ...options, allow_http: true }).apiBaseUrl, "http://mastodon.example");
  assert.equal(
    createFetchClient({ api_base_url: "http://localhost:3000" }).apiBaseUrl,
    "http://localhost:3000",
  );
  assert.equal(
    createFetchClient({ api_base_url: "mastodon.example/" }).apiBaseUrl,
    "https://mastodon.example",
  );
});

test("an option the fetch client does not honour is refused by name, pointing to createClient", () => {
  const refused: Record<string, unknown> = {
    ratelimit_method: "wait",
    ratelimit_store: {},
    on_ratelimit: () => undefined,
    retry: { max_retries: 3 },
    version_check_mode: "created",
    mastodon_version: "4.3.0",
    transport: "undici",
    dispatcher: {},
    client_id: "id",
    access_token_file: "token.secret",
    debug_requests: true,
    sesion: {},
  };
  for (const [name, value] of Object.entries(refused)) {
    assert.throws(
      () => createFetchClient({ api_base_url: "https://mastodon.example", [name]: value } as never),
      (error: Error) =>
        error instanceof MastodonIllegalArgumentError &&
        error.message.includes(`option ${name}`) &&
        error.message.includes("createClient()"),
      name,
    );
  }
  // What the fetch client does anyway, and options left undefined, are accepted.
  const client = createFetchClient({
    api_base_url: "https://mastodon.example",
    version_check_mode: "none",
    transport: "fetch",
    retry: false,
    ratelimit_method: undefined,
  } as never);
  assert.ok(client instanceof FetchClient);
  assert.throws(() => createFetchClient({ api_base_url: "https://a.example", request_timeout: 0 }), {
    message: "request_timeout must be a positive number of seconds; got 0.",
  });
  assert.throws(() => createFetchClient({ api_base_url: "https://a.example", feature_set: "x" as never }), {
    message: 'feature_set must be one of "mainline", "fedibird", "pleroma"; got "x".',
  });
});

test("the token stays out of JSON and enumeration", () => {
  const client = createFetchClient({ api_base_url: "https://mastodon.example", access_token: TOKEN });
  assert.equal(client.accessToken, TOKEN);
  assert.equal(JSON.stringify(client), '{"api_base_url":"https://mastodon.example","logged_in":true}');
  assert.ok(!Object.values(client).includes(TOKEN));
});

test("streamUser on the fetch client receives events over a real WebSocket, and close() leaves nothing open", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  const client = createFetchClient({
    api_base_url: server.url,
    access_token: TOKEN,
    user_agent: "tests/light",
  });
  const listener = new Recorder();
  const handle = streamUser(client, listener, { transport: "websocket" });
  t.after(() => handle.close());
  await server.until(() => server.wsSubscriptions.length === 1);
  server.send(["user"], "update", status("over the wire"));
  await listener.until(() => listener.events.length === 1);
  const [event] = listener.events;
  assert.equal(event?.event === "update" && event.payload.content, "over the wire");
  // The streaming address came from the instance document, asked through the fetch client.
  assert.ok(server.restRequests.includes("/api/v2/instance"));
  assert.equal(server.connections[0]?.protocol, TOKEN);
  assert.equal(server.connections[0]?.query.toString(), "", "the token is not in the URL");

  handle.close();
  await handle.done;
  assert.equal(handle.isAlive(), false);
  await server.until(() => server.open === 0);
  assert.deepEqual(listener.aborts, []);
  assert.deepEqual(listener.errors, []);
});

test("the fetch client's streams reconnect as the class's: a dropped WebSocket is replaced and events go on", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  const client = createFetchClient({ api_base_url: server.url, access_token: TOKEN });
  const listener = new Recorder();
  const handle = streamUser(client, listener, { reconnect_async_wait_sec: 0.02 });
  t.after(() => handle.close());
  await server.until(() => server.wsSubscriptions.length === 1);
  server.drop();
  await listener.until(() => listener.reconnects.length === 1);
  assert.equal(listener.disconnects.length, 1);
  await server.until(() => server.wsSubscriptions.length >= 1 && server.connections.length === 2);
  server.send(["user"], "update", status("after the drop"));
  await listener.until(() => listener.events.length === 1);
  assert.equal(
    listener.events[0]?.event === "update" && listener.events[0].payload.content,
    "after the drop",
  );
  assert.deepEqual(
    server.connections.map((c) => c.transport),
    ["websocket", "websocket"],
  );
  assert.deepEqual(listener.aborts, []);
});

test("a server that refuses the WebSocket upgrade stops the fetch client's stream, saying what to do", async (t) => {
  const server = await FakeStreamingServer.start({ refuseWebSocket: 404 });
  t.after(() => server.close());
  const client = createFetchClient({ api_base_url: server.url, access_token: TOKEN });
  const listener = new Recorder();
  const handle = streamUser(client, listener, { reconnect_async_wait_sec: 0.02 });
  t.after(() => handle.close());
  await assert.rejects(handle.done, (error: Error) => {
    assert.ok(error instanceof MastodonNetworkError, String(error));
    assert.match(error.message, /WebSocket/);
    assert.match(
      error.message,
      /streams over WebSocket only; createClient\(\) or the Mastodon class can stream over SSE/,
    );
    assert.ok(!error.message.includes(TOKEN));
    return true;
  });
  assert.equal(listener.aborts.length, 1, "onAbort heard it");
  // No SSE connection was tried as a fallback: the fetch client has no SSE.
  assert.deepEqual(
    server.connections.filter((c) => c.transport === "sse"),
    [],
  );
});

test("stream options that need SSE, backfill or checkpoints are refused by name at once on the fetch client", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  const fetchClient = createFetchClient({ api_base_url: server.url, access_token: TOKEN });
  const refused: [StreamOptions, string][] = [
    [{ backfill: true }, "backfill needs"],
    [{ backfill_limit: 10 }, "backfill_limit needs"],
    [{ backfill: true, checkpoint: memoryStore() }, "backfill, checkpoint need"],
    [
      { backfill: true, checkpoint: memoryStore(), exclusive: true, lease_seconds: 5 },
      "backfill, checkpoint, exclusive, lease_seconds need",
    ],
    [{ transport: "sse" }, 'transport: "sse" needs'],
  ];
  for (const [options, named] of refused) {
    assert.throws(
      () => streamUser(fetchClient, new Recorder(), options),
      (error: Error) =>
        error instanceof MastodonIllegalArgumentError &&
        error.message ===
          `streamUser(): ${named} createClient(): createFetchClient streams over WebSocket only, without backfill or checkpoints.`,
      JSON.stringify(Object.keys(options)),
    );
  }
  assert.equal(server.connections.length, 0, "nothing was opened");
  // What the fetch client does honour starts at once; createClient takes the refused ones.
  const accepted = [
    streamUser(fetchClient, new Recorder(), { backfill: false, transport: "websocket" }),
    streamUser(createClient({ api_base_url: server.url, access_token: TOKEN }), new Recorder(), {
      backfill: true,
      transport: "sse",
    }),
  ];
  for (const handle of accepted) {
    assert.equal(handle.isAlive(), true);
    handle.close();
    await handle.done;
  }
});

test("a light app on the fetch client bundles no SSE, backfill, recovery, checkpoint, post-recovery or timeline-availability code", async () => {
  const app = (client: string) =>
    `import { ${client}, statusPost, streamUser, timelineHome } from "./src/light.ts";\n` +
    `const c = ${client}({ access_token: "t", api_base_url: "https://example.com" });\n` +
    "timelineHome(c); statusPost(c, 'hi'); streamUser(c);";
  const leftOut = [
    "src/streaming/sse-transport.ts",
    "src/streaming/sse-parser.ts",
    "src/streaming/backfill.ts",
    "src/streaming/durable.ts",
    "src/streaming/recovery.ts",
    "src/api/timelines/timeline-availability.ts",
    // Finding a post after a failed retry: the fetch client never retries.
    "src/api/statuses/post-recovery.ts",
  ];
  const fetchApp = (await oneFileBundle(app("createFetchClient"))).files;
  assert.deepEqual(
    leftOut.filter((file) => fetchApp.has(file)),
    [],
  );
  assert.ok(fetchApp.has("src/streaming/websocket-transport.ts"));
  assert.ok(fetchApp.has("src/streaming/engine.ts"));
  // The same app on createClient keeps the class's whole engine: what the check above tells apart.
  const classApp = (await oneFileBundle(app("createClient"))).files;
  for (const file of [...leftOut.slice(0, 5), leftOut[6]!]) assert.ok(classApp.has(file), file);
});

test("a light app on the fetch client that does not stream bundles no stream engine; streamUser brings it", async () => {
  const app = (functions: string) =>
    `import { createFetchClient, ${functions} } from "./src/light.ts";\n` +
    `const c = createFetchClient({ access_token: "t", api_base_url: "https://example.com" });\n` +
    functions
      .split(", ")
      .map((name) => `${name}(c${name === "statusPost" ? ", 'hi'" : ""});`)
      .join(" ");
  const streaming = [
    "src/streaming/engine.ts",
    "src/streaming/websocket-transport.ts",
    "src/streaming/handle.ts",
  ];
  const rest = (await oneFileBundle(app("timelineHome, statusPost"))).files;
  assert.deepEqual(
    streaming.filter((file) => rest.has(file)),
    [],
  );
  const withStream = (await oneFileBundle(app("timelineHome, statusPost, streamUser"))).files;
  for (const file of streaming) assert.ok(withStream.has(file), file);
});

test("the class's stream methods on a fetch client that light's streamUser never saw stop with what to do", async () => {
  const client = createFetchClient({ api_base_url: "https://mastodon.example", access_token: TOKEN });
  const listener = new Recorder();
  const handle = streamUserImplementation.call(client, listener);
  await assert.rejects(handle.done, (error: Error) => {
    assert.ok(error instanceof MastodonError);
    assert.equal(
      error.message,
      "streamUser() needs a client that streams: the Mastodon class, or a client of mastodon-ts/light passed to its streamUser.",
    );
    return true;
  });
  assert.equal(listener.aborts.length, 1);
});
