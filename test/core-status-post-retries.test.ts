// A retried status post, against servers that mishandle the Idempotency-Key as real ones do: some
// Mastodon versions answer a reused key with a 500, and the key is ignored for scheduled statuses.
// The post the first (lost) attempt created is found and returned; nothing is posted twice.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, type TestContext, test } from "node:test";
import { Mastodon, MastodonAPIError, MastodonInternalServerError } from "../src/index.js";
import { rejection } from "./support/failures.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";

const TOKEN = "fake-token-post-retries";
const ACCOUNT = { id: "7", username: "bot", acct: "bot" };
const FAST_RETRY = { base_delay: 0.01, max_delay: 0.02 } as const;

interface Posted {
  id: string;
  text: string;
  created_at: string;
  content: string;
  account: typeof ACCOUNT;
}

/** A Mastodon-like server that loses the answer to the first post and mishandles its key. */
async function quirkyServer(
  t: TestContext,
  quirk: { retryAnswer: "500" | "ignores key"; older?: Posted[]; createOnFirst?: boolean },
): Promise<TestServer & { posted: Posted[]; scheduled: Record<string, unknown>[] }> {
  const posted: Posted[] = [...(quirk.older ?? [])];
  const scheduled: Record<string, unknown>[] = [];
  let posts = 0;
  // Snowflake-style ids from the clock, as Mastodon makes them.
  const nextId = () => String((BigInt(Date.now()) << 16n) + BigInt(posted.length + scheduled.length));
  const create = (req: ParsedRequest) => {
    const text = String(req.params.status);
    if (req.params.scheduled_at) {
      const entry = { id: nextId(), scheduled_at: String(req.params.scheduled_at), params: { text } };
      scheduled.push(entry);
      return entry;
    }
    const status = {
      id: nextId(),
      text,
      created_at: new Date().toISOString(),
      content: `<p>${text}</p>`,
      account: ACCOUNT,
    };
    posted.unshift(status);
    return status;
  };
  const server = await startServer((req: ParsedRequest, res: ServerResponse) => {
    const route = `${req.method} ${req.path}`;
    if (route === "POST /api/v1/statuses") {
      posts += 1;
      if (posts === 1) {
        if (quirk.createOnFirst !== false) create(req);
        // The post is made, but its answer is lost on the way back.
        res.socket?.destroy();
        return;
      }
      if (quirk.retryAnswer === "500") return json(res, 500, { error: "Internal server error" });
      return json(res, 200, create(req));
    }
    if (route === "GET /api/v1/accounts/verify_credentials") return json(res, 200, ACCOUNT);
    if (route === "GET /api/v1/accounts/7/statuses") {
      return json(
        res,
        200,
        posted.map(({ text: _text, ...status }) => status),
      );
    }
    const source = /^GET \/api\/v1\/statuses\/(\d+)\/source$/.exec(route);
    if (source) {
      const status = posted.find((s) => s.id === source[1]);
      return status
        ? json(res, 200, { id: status.id, text: status.text, spoiler_text: "" })
        : json(res, 404, {});
    }
    if (route === "GET /api/v1/scheduled_statuses") return json(res, 200, [...scheduled].reverse());
    json(res, 404, { error: "Record not found" });
  });
  t.after(() => server.close());
  return Object.assign(server, { posted, scheduled });
}

function client(server: TestServer): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: FAST_RETRY });
}

function postKeys(server: TestServer): (string | string[] | undefined)[] {
  return server.requests.filter((r) => r.method === "POST").map((r) => r.headers["idempotency-key"]);
}

describe("a reused Idempotency-Key answered with 500", () => {
  test("the status the lost first attempt created is found and returned", async (t) => {
    const server = await quirkyServer(t, { retryAnswer: "500" });
    const status = await client(server).statusPost("hello, world");
    assert.equal(status.id, server.posted[0]?.id);
    assert.equal(server.posted.length, 1);
    const keys = postKeys(server);
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1], "the retry reuses the key");
  });

  test("an older status with the same text is not taken for it: the 500 surfaces", async (t) => {
    const older: Posted = {
      id: "1",
      text: "hello, world",
      created_at: new Date(Date.now() - 3_600_000).toISOString(),
      content: "<p>hello, world</p>",
      account: ACCOUNT,
    };
    const server = await quirkyServer(t, { retryAnswer: "500", older: [older], createOnFirst: false });
    await assert.rejects(client(server).statusPost("hello, world"), MastodonInternalServerError);
  });

  test("a newer status with other text is not taken for it", async (t) => {
    const server = await quirkyServer(t, { retryAnswer: "500", createOnFirst: false });
    server.posted.push({
      id: "2",
      text: "something else",
      created_at: new Date(Date.now() + 1000).toISOString(),
      content: "<p>something else</p>",
      account: ACCOUNT,
    });
    await assert.rejects(client(server).statusPost("hello, world"), MastodonInternalServerError);
  });
});

describe("a scheduled post, for which the server ignores the key", () => {
  test("the retry finds the scheduled status instead of scheduling it twice", async (t) => {
    const server = await quirkyServer(t, { retryAnswer: "ignores key" });
    const at = new Date(Date.now() + 3_600_000);
    const scheduled = await client(server).statusPost("later", { scheduled_at: at });
    assert.equal(server.scheduled.length, 1, "scheduled twice");
    assert.equal(scheduled.id, server.scheduled[0]?.id);
    assert.equal(postKeys(server).length, 1, "the post was sent again although it had been made");
  });

  test("a list of scheduled statuses in the wrong shape: MastodonAPIError saying the post cannot be checked, not a TypeError", async (t) => {
    for (const answer of [{ error: "nope" }, "x", null]) {
      let posts = 0;
      const server = await startServer((req, res) => {
        if (req.method === "POST") {
          posts += 1;
          return json(res, 503, { error: "Service unavailable" });
        }
        json(res, 200, answer);
      });
      t.after(() => server.close());
      const at = new Date(Date.now() + 3_600_000);
      const error = await rejection(client(server).statusPost("later", { scheduled_at: at }));
      assert.ok(
        error instanceof MastodonAPIError,
        `${JSON.stringify(answer)}: ${error.name}: ${error.message}`,
      );
      if (answer !== null) assert.match(error.message, /whether the post was made cannot be checked/);
      assert.equal(posts, 1, "sent again without knowing whether it was scheduled");
    }
  });

  test("when the first attempt made nothing, the retry posts it", async (t) => {
    const server = await quirkyServer(t, { retryAnswer: "ignores key", createOnFirst: false });
    const at = new Date(Date.now() + 3_600_000);
    const scheduled = await client(server).statusPost("later", { scheduled_at: at });
    assert.equal(server.scheduled.length, 1);
    assert.equal(scheduled.id, server.scheduled[0]?.id);
    assert.equal(postKeys(server).length, 2);
  });
});
