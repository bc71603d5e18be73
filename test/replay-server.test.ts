// Tests of the conformance test infrastructure itself, over real sockets with plain fetch.
import assert from "node:assert/strict";
import { test } from "node:test";
import { json, startServer } from "./support/http-server.js";
import { compareParams, parseBody, parseParams, parseQuery, UploadedFile } from "./support/params.js";
import { conformanceTest, loadScenario, type Scenario } from "./support/recorded.js";
import { sseChunks, startReplayServer } from "./support/replay-server.js";

const TOKEN = "Bearer __MASTODON_PY_TEST_ACCESS_TOKEN";
const jsonHeaders = { "content-type": "application/json", authorization: TOKEN };

conformanceTest("replays test_toot: a JSON post matches the form-recorded one, then the DELETE", async () => {
  const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_toot"));
  try {
    const posted = await fetch(`${server.url}/api/v1/statuses`, {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ status: "Toot!" }),
    });
    assert.equal(posted.status, 200);
    const status = (await posted.json()) as { id: string; account: { url: string } };
    assert.equal(status.id, "117020585846976096");
    assert.ok(status.account.url.startsWith(`${server.url}/@mastodonpy_test`), status.account.url);
    // Recorded resets are in 2026-08; they must now lie in the near future.
    const reset = Date.parse(posted.headers.get("x-ratelimit-reset") ?? "");
    assert.ok(reset > Date.now() - 1000, `reset ${posted.headers.get("x-ratelimit-reset")}`);
    assert.equal(posted.headers.get("x-ratelimit-limit"), "300");

    const deleted = await fetch(`${server.url}/api/v1/statuses/${status.id}`, {
      method: "DELETE",
      headers: { authorization: TOKEN },
    });
    assert.equal(deleted.status, 200);
    await deleted.arrayBuffer();

    assert.deepEqual(server.remaining(), []);
    server.assertAllConsumed();
    assert.deepEqual(
      server.requests.map((r) => [r.method, r.path, r.authorization, r.interaction]),
      [
        ["POST", "/api/v1/statuses", TOKEN, 0],
        ["DELETE", `/api/v1/statuses/${status.id}`, TOKEN, 1],
      ],
    );
  } finally {
    await server.close();
  }
});

conformanceTest("a parameter mismatch is refused and reported", async () => {
  const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_toot"));
  try {
    const res = await fetch(`${server.url}/api/v1/statuses`, {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ status: "Other text" }),
    });
    assert.equal(res.status, 500);
    const body = (await res.json()) as { error: string };
    assert.match(body.error, /^replay: no recorded interaction matches POST \/api\/v1\/statuses/);
    assert.match(body.error, /status: expected "Toot!", got "Other text"/);
    assert.equal(server.unmatched.length, 1);
    assert.equal(server.remaining().length, 2);
    assert.throws(
      () => server.assertAllConsumed(),
      (err: Error) => {
        assert.match(err.message, /#0 POST \/api\/v1\/statuses \{"status":"Toot!"\}/);
        assert.match(err.message, /#1 DELETE \/api\/v1\/statuses\/117020585846976096/);
        assert.match(
          err.message,
          /requested but not recorded:\n {4}POST \/api\/v1\/statuses \{"status":"Other text"\}/,
        );
        return true;
      },
    );
  } finally {
    await server.close();
  }
});

conformanceTest("strictParams: false answers a method+path match and notes the difference", async () => {
  const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_toot"), {
    strictParams: false,
  });
  try {
    const res = await fetch(`${server.url}/api/v1/statuses`, {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ status: "Other text", visibility: "public" }),
    });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    assert.deepEqual(server.requests[0]?.paramMismatch, [
      'status: expected "Toot!", got "Other text"',
      'visibility: expected (absent), got "public"',
    ]);
    assert.equal(server.unmatched.length, 0);
  } finally {
    await server.close();
  }
});

conformanceTest("discovery look-ups are optional, repeatable and borrowed from the set", async () => {
  const verify = await startReplayServer(loadScenario("mastodon-4.6.4", "test_verify_version"));
  // The scenario consists only of discovery look-ups: making none of them is fine.
  verify.assertAllConsumed();
  await verify.close();

  const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_toot"));
  try {
    for (const path of ["/api/v1/instance/", "/api/v1/instance", "/api/v2/instance", "/api/v2/instance"]) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      const instance = (await res.json()) as { uri?: string; domain?: string };
      assert.ok(instance.uri ?? instance.domain, path);
    }
    const oauth = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    const meta = (await oauth.json()) as { token_endpoint: string };
    assert.equal(meta.token_endpoint, `${server.url}/oauth/token`);
    const nodeinfo = await fetch(`${server.url}/.well-known/nodeinfo`);
    assert.equal(nodeinfo.status, 404); // nothing recorded for it in this set
    await nodeinfo.arrayBuffer();
    assert.equal(server.remaining().length, 2);
    assert.equal(server.unmatched.length, 0);
    assert.ok(server.requests.every((r) => r.discovery && r.authorization === undefined));
  } finally {
    await server.close();
  }
});

function linkTarget(link: string | null, rel: string): string {
  const m = new RegExp(`<([^>]+)>;\\s*rel="${rel}"`).exec(link ?? "");
  assert.ok(m?.[1], `no rel="${rel}" in ${link}`);
  return m[1];
}

conformanceTest("Link headers point back at the replay server, so pagination lands on it", async () => {
  const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_fetch_next_previous"));
  try {
    const first = await fetch(`${server.url}/api/v1/accounts/117020565966271181/statuses?limit=5`);
    await first.arrayBuffer();
    const next = linkTarget(first.headers.get("link"), "next");
    assert.equal(
      next,
      `${server.url}/api/v1/accounts/117020565966271181/statuses?limit=5&max_id=117020580489281910`,
    );
    const second = await fetch(next);
    assert.equal(second.status, 200);
    await second.arrayBuffer();
    const third = await fetch(linkTarget(second.headers.get("link"), "prev"));
    assert.equal(third.status, 200);
    await third.arrayBuffer();
    assert.deepEqual(
      server.requests.map((r) => r.interaction),
      [11, 12, 13],
    );
  } finally {
    await server.close();
  }
});

conformanceTest("the scenario's own host (mastodon.social) is rewritten as well", async () => {
  const server = await startReplayServer(
    loadScenario("mastodon-social-entities", "test_entity_conversation"),
  );
  try {
    const res = await fetch(`${server.url}/api/v1/conversations`, {
      headers: { authorization: "Bearer DUMMY" },
    });
    await res.arrayBuffer();
    assert.ok(linkTarget(res.headers.get("link"), "next").startsWith(`${server.url}/api/v1/conversations?`));
    server.assertAllConsumed();
  } finally {
    await server.close();
  }
});

conformanceTest("server-sent events are streamed event by event", async () => {
  const scenario = loadScenario("mastodon-4.6.4", "test_stream_user_local");
  const server = await startReplayServer(scenario, { streamDelayMs: 30 });
  try {
    const res = await fetch(`${server.url}/api/v1/streaming/user`, { headers: { authorization: TOKEN } });
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(decoder.decode(r.value));
    assert.ok(chunks.length >= 2, `expected several chunks, got ${chunks.length}`);
    const text = chunks.join("");
    assert.ok(text.startsWith(":)\nevent: update\ndata: {"), text.slice(0, 40));
    assert.ok(!text.includes("localhost:3000") && text.includes(`${server.url}/@mastodonpy_test`));
    assert.equal(server.requests[0]?.interaction, 5);
  } finally {
    await server.close();
  }
});

test("sseChunks splits comments and events", () => {
  assert.deepEqual(sseChunks(":)\nevent: a\ndata: 1\n\nevent: b\ndata: 2\n\n:"), [
    ":)\n",
    "event: a\ndata: 1\n\n",
    "event: b\ndata: 2\n\n",
    ":",
  ]);
});

conformanceTest("base64 response bodies are decoded; multipart requests compare fields only", async () => {
  const recorded = loadScenario("mastodon-4.6.4", "test_media_post_pathlib");
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
  const scenario: Scenario = {
    test: "synthetic",
    interactions: [
      ...recorded.interactions.slice(0, 1),
      {
        request: { method: "GET", url: "http://localhost:3000/files/a.png", headers: {}, body: null },
        response: {
          status: 200,
          headers: { "content-type": "image/png" },
          body: bytes.toString("base64"),
          bodyEncoding: "base64",
        },
      },
    ],
  };
  const server = await startReplayServer(scenario);
  try {
    const form = new FormData();
    form.append("file", new Blob([Buffer.from("other bytes")], { type: "image/jpeg" }), "x.jpg");
    const upload = await fetch(`${server.url}/api/v2/media`, { method: "POST", body: form });
    assert.equal(upload.status, 200, await upload.clone().text());
    await upload.arrayBuffer();
    const png = await fetch(`${server.url}/files/a.png`);
    assert.deepEqual(Buffer.from(await png.arrayBuffer()), bytes);
    server.assertAllConsumed();
  } finally {
    await server.close();
  }
});

test("params: Rails arrays and nested keys", () => {
  assert.deepEqual(parseQuery("a[]=1&a[]=2&b=x"), { a: ["1", "2"], b: "x" });
  assert.deepEqual(parseQuery("status=hi&poll[options][]=x&poll[options][]=y&poll[expires_in]=300"), {
    status: "hi",
    poll: { options: ["x", "y"], expires_in: "300" },
  });
  assert.deepEqual(parseQuery("f[0][name]=a&f[0][value]=b&f[1][name]=c"), {
    f: [{ name: "a", value: "b" }, { name: "c" }],
  });
  assert.deepEqual(parseQuery("d[alerts][follow]=1&d[alerts][poll]=0"), {
    d: { alerts: { follow: "1", poll: "0" } },
  });
});

test("params: nested JSON compares loosely with the form encoding", () => {
  const form = parseParams("", "status=nice&poll[options][]=a&poll[options][]=b&poll[multiple]=1", undefined);
  const body = JSON.stringify({
    status: "nice",
    poll: { options: ["a", "b"], multiple: true },
    spoiler_text: "",
  });
  const live = parseBody(body, "application/json");
  assert.deepEqual(compareParams(form, live), []);
  assert.deepEqual(
    compareParams(parseQuery("limit=5&active=True&id=7"), { limit: 5, active: true, id: ["7"] }),
    [],
  );
  assert.deepEqual(
    compareParams({ at: "2026-08-01T13:59:01+00:00" }, { at: "2026-08-01T13:59:01.000Z" }),
    [],
  );
  assert.deepEqual(compareParams({ a: "0", b: ["x"] }, { a: true, b: ["x", "y"] }), [
    'a: expected "0", got true',
    'b: expected ["x"], got ["x","y"]',
  ]);
});

test("params: multipart fields, files by name only", async () => {
  const form = new FormData();
  form.append("description", "a cat");
  form.append("fields_attributes[0][name]", "bread");
  form.append("file", new Blob([Buffer.from("jpeg")], { type: "image/jpeg" }), "cat.jpg");
  const req = new Request("http://x.invalid/", { method: "POST", body: form });
  const parsed = parseBody(
    Buffer.from(await req.arrayBuffer()),
    req.headers.get("content-type") ?? undefined,
  );
  assert.equal(parsed.description, "a cat");
  assert.deepEqual(parsed.fields_attributes, [{ name: "bread" }]);
  assert.ok(
    parsed.file instanceof UploadedFile && parsed.file.filename === "cat.jpg" && parsed.file.size === 4,
  );
  assert.deepEqual(compareParams(parsed, { ...parsed, file: new UploadedFile("y.jpg", "image/png", 9) }), []);
  assert.equal(compareParams(parsed, { ...parsed, file: "not a file" }).length, 1);
});

test("startServer scripts responses, parses requests and closes with open keep-alive sockets", async () => {
  const server = await startServer((req, res) => json(res, 201, { got: req.params }, { "x-test": "1" }));
  const res = await fetch(`${server.url}/echo?a[]=1`, { method: "POST", body: new URLSearchParams("b=2") });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("x-test"), "1");
  assert.deepEqual(await res.json(), { got: { a: ["1"], b: "2" } });
  assert.equal(server.requests[0]?.rawBody.toString(), "b=2");
  assert.equal(server.requests[0]?.query.get("a[]"), "1");
  await server.close();
});
