// Bad inputs refused before anything is sent, with errors that name the method and the parameter;
// the SSE parser on awkward chunking; the backoff's bounds; the stream names and their addresses.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { backoffSeconds } from "../src/core/retry.js";
import { MastodonIllegalArgumentError, STREAM_NAMES, type StreamSubscription } from "../src/index.js";
import { decodeEvent } from "../src/streaming/events.js";
import { SseParser } from "../src/streaming/sse-parser.js";
import { ssePath, subscribeMessage } from "../src/streaming/stream-addresses.js";
import { checkSubscription } from "../src/streaming/stream-names.js";
import { httpBase } from "../src/streaming/stream-url.js";
import { FakeStreamingServer } from "./streaming-servers.js";
import { client } from "./streaming-support.js";

test("bad inputs are refused at once, naming method and parameter, and nothing is sent", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  const api = client(server.url);
  const cases: Array<[string, () => unknown, RegExp]> = [
    [
      "unknown stream name",
      () => api.streamMultiple([{ stream: "home" } as unknown as StreamSubscription]),
      /^streamMultiple\(\): stream must be one of "user", "user:notification", .*"direct"; got "home"\.$/,
    ],
    [
      "hashtag stream without a tag",
      () => api.streamMultiple([{ stream: "hashtag" } as unknown as StreamSubscription]),
      /^streamMultiple\(\) needs tag as a non-empty string; got nothing\.$/,
    ],
    [
      "list stream without a list id",
      () => api.streamMultiple({ stream: "list" } as unknown as StreamSubscription),
      /^streamMultiple\(\) needs the list's id/,
    ],
    [
      "a tag parameter on a stream without one",
      () => api.streamMultiple({ stream: "user", tag: "x" } as unknown as StreamSubscription),
      /only the hashtag and list streams take a tag or list/,
    ],
    ["no subscriptions", () => api.streamMultiple([]), /needs at least one subscription/],
    [
      "streamHashtag without a tag",
      () => api.streamHashtag(undefined as unknown as string),
      /^streamHashtag\(\) needs tag/,
    ],
    ["streamHashtag with an empty tag", () => api.streamHashtag("  "), /^streamHashtag\(\) needs tag/],
    ["streamHashtag with only #", () => api.streamHashtag("#"), /tag must not be just "#"/],
    [
      "streamList without an id",
      () => api.streamList(undefined as unknown as string),
      /^streamList\(\) needs the list's id/,
    ],
    [
      "streamList with a bad id",
      () => api.streamList({} as unknown as string),
      /^streamList\(\) needs the list's id/,
    ],
    [
      "local and remote together",
      () => api.streamPublic(undefined, { local: true, remote: true }),
      /^streamPublic\(\): local and remote exclude each other/,
    ],
    [
      "a function as listener",
      () => api.streamUser((() => 1) as never),
      /^streamUser\(\): the listener must be an object .* got a function/,
    ],
    [
      "a string as listener",
      () => api.streamDirect("listener" as never),
      /^streamDirect\(\): the listener must be an object/,
    ],
    [
      "unknown transport",
      () => api.streamUser(undefined, { transport: "carrier-pigeon" as never }),
      /^streamUser\(\): transport must be one of "auto", "websocket", "sse"; got "carrier-pigeon"/,
    ],
    [
      "negative timeout",
      () => api.streamUser(undefined, { timeout: -1 }),
      /^streamUser\(\): timeout must be a positive number of seconds; got -1/,
    ],
    [
      "zero reconnect wait",
      () => api.streamLocal(undefined, { reconnect_async_wait_sec: 0 }),
      /^streamLocal\(\): reconnect_async_wait_sec must be a positive number/,
    ],
    [
      "options not an object",
      () => api.streamUser(undefined, "fast" as never),
      /^streamUser\(\): the last argument must be an options object/,
    ],
    [
      "websocket not a constructor",
      () => api.streamUser(undefined, { websocket: "ws" as never }),
      /websocket must be a WebSocket constructor/,
    ],
    [
      "streaming_base_url not a URL",
      () => api.streamUser(undefined, { streaming_base_url: "streaming.example" }),
      /streaming_base_url must be an http\(s\):\/\/ or ws\(s\):\/\/ URL/,
    ],
  ];
  for (const [what, call, message] of cases) {
    assert.throws(call, (error: Error) => {
      assert.ok(error instanceof MastodonIllegalArgumentError, `${what}: ${error}`);
      assert.match(error.message, message, what);
      return true;
    });
  }
  await sleep(20);
  assert.deepEqual(server.connections, [], "no stream was opened");
  assert.deepEqual(server.restRequests, [], "no request was sent");

  const handle = api.streamUser(undefined, { transport: "sse" });
  t.after(() => handle.close());
  assert.throws(
    () => handle.subscribe({ stream: "nope" } as never),
    (error: Error) =>
      error instanceof MastodonIllegalArgumentError &&
      /^subscribe\(\): stream must be one of/.test(error.message),
  );
  assert.deepEqual(handle.subscriptions, [{ stream: "user" }]);
});

test("nothing is sent for a refused call", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  assert.throws(() => client(server.url).streamHashtag(""), MastodonIllegalArgumentError);
  await sleep(20);
  assert.deepEqual(server.connections, []);
  assert.deepEqual(server.restRequests, []);
});

test("every one of Mastodon's twelve streams has its SSE address and subscribe message", () => {
  assert.equal(STREAM_NAMES.length, 12);
  const paths = STREAM_NAMES.map((stream) => {
    const subscription = stream.startsWith("hashtag")
      ? { stream, tag: "#cats" }
      : stream === "list"
        ? { stream, list: { id: "42" } }
        : { stream };
    const checked = checkSubscription("test", subscription);
    return [stream, ssePath(checked), subscribeMessage("subscribe", checked)];
  });
  assert.deepEqual(paths, [
    ["user", "/api/v1/streaming/user", '{"type":"subscribe","stream":"user"}'],
    [
      "user:notification",
      "/api/v1/streaming/user/notification",
      '{"type":"subscribe","stream":"user:notification"}',
    ],
    ["public", "/api/v1/streaming/public", '{"type":"subscribe","stream":"public"}'],
    [
      "public:media",
      "/api/v1/streaming/public?only_media=true",
      '{"type":"subscribe","stream":"public:media"}',
    ],
    ["public:local", "/api/v1/streaming/public/local", '{"type":"subscribe","stream":"public:local"}'],
    [
      "public:local:media",
      "/api/v1/streaming/public/local?only_media=true",
      '{"type":"subscribe","stream":"public:local:media"}',
    ],
    ["public:remote", "/api/v1/streaming/public/remote", '{"type":"subscribe","stream":"public:remote"}'],
    [
      "public:remote:media",
      "/api/v1/streaming/public/remote?only_media=true",
      '{"type":"subscribe","stream":"public:remote:media"}',
    ],
    ["hashtag", "/api/v1/streaming/hashtag?tag=cats", '{"type":"subscribe","stream":"hashtag","tag":"cats"}'],
    [
      "hashtag:local",
      "/api/v1/streaming/hashtag/local?tag=cats",
      '{"type":"subscribe","stream":"hashtag:local","tag":"cats"}',
    ],
    ["list", "/api/v1/streaming/list?list=42", '{"type":"subscribe","stream":"list","list":"42"}'],
    ["direct", "/api/v1/streaming/direct", '{"type":"subscribe","stream":"direct"}'],
  ]);
});

function parse(chunks: string[]): Array<[string, string] | "comment"> {
  const out: Array<[string, string] | "comment"> = [];
  const parser = new SseParser({
    event: (name, data) => out.push([name, data]),
    comment: () => out.push("comment"),
  });
  for (const chunk of chunks) parser.push(chunk);
  return out;
}

test("SSE parser: events cut anywhere, CRLF split across chunks, multi-line data, comments", () => {
  const text = ':)\nevent: update\ndata: {"id":"1"}\n\n:thump\nevent: delete\ndata: 5\n\n';
  const expected = ["comment", ["update", '{"id":"1"}'], "comment", ["delete", "5"]];
  assert.deepEqual(parse([text]), expected);
  // Every possible cut into two chunks, and one character at a time.
  for (let i = 0; i <= text.length; i++)
    assert.deepEqual(parse([text.slice(0, i), text.slice(i)]), expected, `cut at ${i}`);
  assert.deepEqual(parse([...text]), expected);
  const crlf = text.replace(/\n/g, "\r\n");
  for (let i = 0; i <= crlf.length; i++)
    assert.deepEqual(parse([crlf.slice(0, i), crlf.slice(i)]), expected, `CRLF cut at ${i}`);
  assert.deepEqual(parse(["data: a\ndata: b\n\n"]), [["message", "a\nb"]]);
  assert.deepEqual(parse(["event: x\n\n"]), [], "no data lines: no event");
  assert.deepEqual(parse(["event:tight\ndata:{}\n\n"]), [["tight", "{}"]]);
  assert.deepEqual(parse(['event: cut\ndata: {"half']), [], "an unfinished event is not delivered");
});

test("event decoding: ids stay strings, entities must be objects, unknown events pass through", () => {
  assert.deepEqual(decodeEvent("delete", "110000000000000001", ["user"]), {
    event: "delete",
    payload: "110000000000000001",
    stream: ["user"],
  });
  assert.equal(decodeEvent("announcement.delete", '"7"', []).event, "announcement.delete");
  assert.deepEqual(decodeEvent("announcement.delete", '"7"', []), {
    event: "announcement.delete",
    payload: "7",
    stream: [],
  });
  assert.deepEqual(decodeEvent("filters_changed", "undefined", []), {
    event: "filters_changed",
    payload: undefined,
    stream: [],
  });
  assert.deepEqual(decodeEvent("update", { id: "1" }, []), {
    event: "update",
    payload: { id: "1" },
    stream: [],
  });
  assert.deepEqual(decodeEvent("brand.new", "plain text", []), {
    event: "unknown",
    name: "brand.new",
    payload: "plain text",
    stream: [],
  });
  assert.throws(() => decodeEvent("update", "null", []), /should carry a JSON object/);
  assert.throws(
    () => decodeEvent("notification", undefined, []),
    /not valid JSON|should carry a JSON object/,
  );
  assert.throws(() => decodeEvent("delete", "", []), /should carry an id/);
});

test("backoff: exponential from the base, capped, jittered within the upper half", () => {
  const policy = { maxRetries: Number.POSITIVE_INFINITY, baseDelay: 1, maxDelay: 8 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 40].map((attempt) => backoffSeconds(policy, attempt, () => 0)),
    [0.5, 1, 2, 4, 4, 4],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((attempt) => backoffSeconds(policy, attempt, () => 1)),
    [1, 2, 4, 8, 8],
  );
});

test("streaming base URLs: ws(s) becomes http(s), junk is dropped", () => {
  assert.equal(httpBase("wss://streaming.example/"), "https://streaming.example");
  assert.equal(httpBase("ws://localhost:4000"), "http://localhost:4000");
  assert.equal(httpBase("https://example.com/stream/"), "https://example.com/stream");
  assert.equal(httpBase("ftp://example.com"), undefined);
  assert.equal(httpBase("not a url"), undefined);
});
