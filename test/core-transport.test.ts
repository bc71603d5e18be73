// The transport option (fetch, or undici's dispatch() on Node): which one a client uses (by default
// the global dispatcher, while globalThis.fetch is Node's own), the combinations refused in the
// constructor, a dispatcher passed in, and compressed answers, which both transports must decode
// alike (and cap at max_response_bytes after decoding).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { describe, type TestContext, test } from "node:test";
import { promisify } from "node:util";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { isNodesOwnFetch } from "../src/core/node-transport.js";
import { Dispatched } from "../src/core/undici-transport.js";
import {
  Mastodon,
  MastodonIllegalArgumentError,
  type MastodonOptions,
  MastodonReadTimeout,
  MastodonResponseTooLargeError,
} from "../src/index.js";
import { rejection, serveNumbered } from "./support/failures.js";
import { json, type ParsedRequest, type TestServer } from "./support/http-server.js";
import { ROOT } from "./support/runtimes.js";
import { countingOptions, forEachTransport, TRANSPORT_CASES } from "./support/transports.js";

const TOKEN = "fake-token-transport";
const STATUS = { id: "1", content: "<p>hi</p>", visibility: "public" };

function client(server: TestServer, options: MastodonOptions): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: false, ...options });
}

function gzipped(res: ServerResponse, body: string): void {
  const bytes = gzipSync(body);
  res.writeHead(200, {
    "content-type": "application/json",
    "content-encoding": "gzip",
    "content-length": String(bytes.byteLength),
  });
  res.end(bytes);
}

/** Where undici (and Node's fetch) keep the global dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

/**
 * Counts what reaches the global dispatcher for the rest of a test: sent by mastodon-ts's own
 * transport (its handler is a Dispatched answer), or by fetch.
 */
async function watchGlobalDispatcher(t: TestContext): Promise<{ direct: number; fetch: number }> {
  // Node makes its dispatcher on its first fetch; a data: URL makes it without a connection.
  await fetch("data:,");
  const seen = { direct: 0, fetch: 0 };
  const slot = globalThis as unknown as Record<symbol, { dispatch(o: unknown, h: unknown): unknown }>;
  const dispatcher = slot[GLOBAL_DISPATCHER];
  assert.ok(dispatcher, "Node has made its global dispatcher (the first fetch makes it)");
  const dispatch = dispatcher.dispatch;
  dispatcher.dispatch = function (options, handler) {
    if (handler instanceof Dispatched) seen.direct++;
    else seen.fetch++;
    return dispatch.call(this, options, handler);
  };
  t.after(() => {
    dispatcher.dispatch = dispatch;
  });
  return seen;
}

forEachTransport((via) => {
  describe("compressed answers", () => {
    test("Accept-Encoding asks for compression as fetch asks (no br over plain http), and a gzipped answer is decoded", async (t) => {
      let accepted: string | undefined;
      const server = await serveNumbered(t, (req: ParsedRequest, res) => {
        accepted = String(req.headers["accept-encoding"]);
        gzipped(res, JSON.stringify(STATUS));
      });
      assert.deepEqual(await client(server, via.options).status("1"), STATUS);
      assert.equal(accepted, "gzip, deflate");
    });

    test("what a small gzipped answer expands to is held to max_response_bytes", async (t) => {
      const server = await serveNumbered(t, (_req, res) =>
        gzipped(res, JSON.stringify([{ ...STATUS, content: "x".repeat(200_000) }])),
      );
      const api = client(server, { ...via.options, max_response_bytes: 100_000 });
      const error = await rejection(api.timelineHome());
      assert.ok(error instanceof MastodonResponseTooLargeError, error.message);
      // The declared Content-Length is the compressed size: not what the answer is said to be.
      assert.match(error.message, /is more than 100,000 bytes \(reading stopped there\)/);
      assert.equal(error.bytes, undefined);
      assert.equal(server.requests.length, 1, "not retried");
    });

    test("labelled compressed but empty (a 204, an empty 200): read as empty, as fetch reads them", async (t) => {
      const server = await serveNumbered(t, (req, res) => {
        res.writeHead(req.path.endsWith("/1") ? 204 : 200, {
          "content-type": "application/json",
          "content-encoding": "gzip",
        });
        res.end();
      });
      const api = client(server, via.options);
      // Both are answers without a body: `{}` for a method whose result may be empty.
      assert.deepEqual(await api.scheduledStatusDelete("1"), {});
      assert.deepEqual(await api.scheduledStatusDelete("2"), {});
    });

    test("deflate (zlib-wrapped or raw), br, an unknown coding, and gzip without its trailer: as fetch decodes them", async (t) => {
      const text = JSON.stringify(STATUS);
      const bodies: Record<string, [string, Buffer]> = {
        "1": ["deflate", deflateSync(text)],
        "2": ["deflate", deflateRawSync(text)],
        "3": ["br", brotliCompressSync(text)],
        "4": ["gzip", gzipSync(text).subarray(0, -8)],
        // A coding fetch does not know: the body is passed on as it came.
        "6": ["identity, x-unknown", Buffer.from(text)],
        "7": ["constructor", Buffer.from(text)],
      };
      const server = await serveNumbered(t, (req, res) => {
        const [coding, bytes] = bodies[req.path.split("/").pop()!]!;
        res.writeHead(200, { "content-type": "application/json", "content-encoding": coding });
        res.end(bytes);
      });
      const api = client(server, via.options);
      for (const id of Object.keys(bodies)) assert.deepEqual(await api.status(id), STATUS, `answer ${id}`);
    });

    // Registered for the undici transport only (nothing is skipped): Node 20.16's fetch undoes two
    // codings in the order listed, newer ones (and this transport) in reverse, as RFC 9110 says.
    if (via.name === "undici") {
      test("two codings (gzip, then br) are undone in reverse order", async (t) => {
        const server = await serveNumbered(t, (_req, res) => {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip, br" });
          res.end(brotliCompressSync(gzipSync(JSON.stringify(STATUS))));
        });
        assert.deepEqual(await client(server, via.options).status("1"), STATUS);
      });
    }
  });
});

describe("choosing the transport", () => {
  test("a dispatcher is used for every request, and chooses undici by itself", async (t) => {
    const server = await serveNumbered(t, (_req, res) => json(res, 200, STATUS));
    const counting = await countingOptions(TRANSPORT_CASES[1]!);
    const api = client(server, counting.options);
    await api.status("1");
    await api.statusPost("hi");
    assert.equal(counting.calls(), 2);
    assert.equal(server.requests.length, 2);
  });

  test('transport "auto" with a custom fetch uses that fetch', async (t) => {
    const server = await serveNumbered(t, (_req, res) => json(res, 200, STATUS));
    let calls = 0;
    const api = client(server, {
      transport: "auto",
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });
    await api.status("1");
    assert.equal(calls, 1);
  });

  test("by default, requests go to Node's global dispatcher, not through fetch", async (t) => {
    const server = await serveNumbered(t, (_req, res) => json(res, 200, STATUS));
    const seen = await watchGlobalDispatcher(t);
    const api = client(server, {});
    await api.status("1");
    await api.statusPost("hi");
    assert.deepEqual(seen, { direct: 2, fetch: 0 });
  });

  test('transport "fetch" sends every request through fetch (which uses the same dispatcher)', async (t) => {
    const server = await serveNumbered(t, (_req, res) => json(res, 200, STATUS));
    const seen = await watchGlobalDispatcher(t);
    await client(server, { transport: "fetch" }).status("1");
    assert.deepEqual(seen, { direct: 0, fetch: 1 });
  });

  test("while globalThis.fetch is replaced (a mock, a spy), the default sends through it; then direct again", async (t) => {
    const server = await serveNumbered(t, (_req, res) => json(res, 200, STATUS));
    const seen = await watchGlobalDispatcher(t);
    const api = client(server, {});
    await api.status("1");
    const original = globalThis.fetch;
    let spied = 0;
    globalThis.fetch = (input, init) => {
      spied++;
      return original(input as string, init);
    };
    try {
      await api.status("1");
      await api.statusPost("hi");
    } finally {
      globalThis.fetch = original;
    }
    await api.status("1");
    assert.equal(spied, 2, "the replacement saw both requests made while it was in place");
    assert.deepEqual(seen, { direct: 2, fetch: 2 });
  });

  test("a dispatcher set with undici's setGlobalDispatcher() takes over, as it does for fetch", async (t) => {
    const server = await serveNumbered(t, (_req, res) => json(res, 200, STATUS));
    const counting = await countingOptions(TRANSPORT_CASES[1]!);
    const api = client(server, {});
    await api.status("1");
    const { getGlobalDispatcher, setGlobalDispatcher } = await import("undici");
    const before = getGlobalDispatcher();
    setGlobalDispatcher(counting.options.dispatcher as Parameters<typeof setGlobalDispatcher>[0]);
    try {
      await api.status("1");
    } finally {
      setGlobalDispatcher(before);
    }
    assert.equal(counting.calls(), 1);
  });

  test("request_timeout ends a request still waiting to connect, on time (as on fetch)", async () => {
    const { Agent } = await import("undici");
    // A connector that never connects: the request waits for a connection for ever.
    const stuck = new Agent({ connect: () => undefined });
    const api = new Mastodon({
      api_base_url: "http://127.0.0.1:9",
      access_token: TOKEN,
      dispatcher: stuck,
      request_timeout: 0.2,
      retry: false,
    });
    const started = performance.now();
    const timedOut = await rejection(api.status("1"));
    assert.ok(timedOut instanceof MastodonReadTimeout, String(timedOut));
    assert.match(
      timedOut.message,
      /^No answer to GET http:\/\/127\.0\.0\.1:9\/api\/v1\/statuses\/1 within 0\.2 s/,
    );
    assert.ok(performance.now() - started < 2_000, "it ended on time, not when (or if) a connection came");
    await stuck.destroy().catch(() => undefined);
  });

  test("uploads go through fetch by default (it streams a FormData with its length); posts go direct", async (t) => {
    const server = await serveNumbered(t, (req, res) =>
      json(res, 200, req.path === "/api/v2/media" ? { id: "9", type: "image", url: null } : STATUS),
    );
    const seen = await watchGlobalDispatcher(t);
    const api = client(server, { mastodon_version: "4.5.0" });
    await api.mediaPost(
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], "a.png"),
    );
    await api.statusPost("hi");
    assert.deepEqual(seen, { direct: 1, fetch: 1 });
  });

  test("in a fresh process, a first request that meets a replaced fetch does not fix the routing for good", async () => {
    // Node makes its global dispatcher on its first fetch, so this needs a process that has made none.
    const script = join(ROOT, "test", "support", "fresh-process-routing.mjs");
    const report = async (which: string) => {
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script, which], {
        cwd: ROOT,
        timeout: 60_000,
      });
      return JSON.parse(stdout.trim().split("\n").at(-1)!);
    };
    const auto = await report("auto");
    assert.deepEqual(auto.auto, { spied: 1, direct: 2, fetch: 0 });
    const undici = await report("undici");
    // Where the dispatcher already exists at start (Node 22 and 24 under tsx), the first request succeeds.
    const first = undici.dispatcherAtStart ? "resolved" : "MastodonIllegalArgumentError";
    assert.deepEqual(undici.undici, { first, second: "1" });
    if (process.versions.node.startsWith("20."))
      assert.equal(undici.dispatcherAtStart, false, "exercised on Node 20");
  });

  test("whether a fetch is Node's own is told from a replacement", () => {
    assert.equal(isNodesOwnFetch(globalThis.fetch), true);
    assert.equal(
      isNodesOwnFetch((input: string) => globalThis.fetch(input)),
      false,
    );
    assert.equal(isNodesOwnFetch(undefined), false);
  });

  test("options that contradict each other are refused in the constructor, saying why", async () => {
    const { Agent } = await import("undici");
    const fetch = globalThis.fetch;
    for (const [options, said] of [
      [{ transport: "undici", fetch }, /does not use the fetch option/],
      [{ dispatcher: new Agent(), fetch }, /not by a custom fetch/],
      [{ dispatcher: new Agent(), transport: "fetch" }, /not by transport "fetch"/],
      [{ transport: "http2" as never }, /transport must be one of "fetch", "undici", "auto"; got "http2"/],
      [{ dispatcher: "agent" as never }, /dispatcher must be an undici Dispatcher/],
    ] as const) {
      assert.throws(
        () => new Mastodon({ api_base_url: "https://mastodon.example", ...(options as MastodonOptions) }),
        (error: Error) => error instanceof MastodonIllegalArgumentError && said.test(error.message),
      );
    }
  });
});
