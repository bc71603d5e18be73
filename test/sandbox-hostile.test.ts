// The sandbox against hostile clients, over real sockets: a request it refuses (no route, no valid
// token, over the rate limit) is answered before its body arrives and its body is never kept; a body
// is capped by its route and all bodies held at once by one budget; the rate limit keys unverified
// tokens by address, and the limiter keeps a bounded number of keys whatever they are; a WebSocket
// holds a bounded number of streams.
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { MAX_RATELIMIT_KEYS, RateLimiter } from "../src/sandbox/ratelimit.js";
import { MAX_SUBSCRIPTIONS } from "../src/sandbox/stream-websocket.js";
import { RawWebSocket, until } from "./sandbox-streaming-harness.js";

interface Answer {
  status: number;
  headers: string;
  body: string;
}

/** A raw HTTP/1.1 connection: sends exactly the bytes given and reads the answers as they come. */
class RawClient {
  readonly socket: Socket;
  private received = "";
  private waiting: (() => void) | undefined;

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.socket = connect(Number(port), hostname);
    this.socket.setEncoding("latin1");
    this.socket.on("error", () => {});
    this.socket.on("data", (text: string) => {
      this.received += text;
      this.waiting?.();
    });
    this.socket.on("close", () => this.waiting?.());
  }

  send(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** The next whole answer (its body read by Content-Length). */
  async answer(): Promise<Answer> {
    for (;;) {
      const end = this.received.indexOf("\r\n\r\n");
      if (end >= 0) {
        const headers = this.received.slice(0, end);
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(headers)?.[1] ?? 0);
        if (this.received.length >= end + 4 + length) {
          const body = this.received.slice(end + 4, end + 4 + length);
          this.received = this.received.slice(end + 4 + length);
          return { status: Number(headers.split(" ")[1]), headers, body };
        }
      }
      if (this.socket.destroyed) throw new Error(`connection closed; received ${this.received}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Starts a POST whose chunked body never finishes: only its first chunk is sent. */
function unfinishedPost(url: string, path: string, headers: Record<string, string> = {}): RawClient {
  const client = new RawClient(url);
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  client.send(
    `POST ${path} HTTP/1.1\r\nHost: x\r\n${lines.join("")}Content-Type: application/json\r\n` +
      'Transfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n',
  );
  return client;
}

/** Answers come at once; a sandbox that waited for the bodies would never give them. */
const QUICK = { timeout: 5000 };

let sb: Sandbox;
const clients: RawClient[] = [];
before(async () => {
  sb = await startSandbox({ port: 0, ratelimit: "1000/5m" });
});
after(async () => {
  for (const client of clients) client.close();
  await sb.close();
});

function track(client: RawClient): RawClient {
  clients.push(client);
  return client;
}

describe("a refused request is answered before its body is read", () => {
  test("no route: 404 while the body is still arriving, and the connection goes on", QUICK, async () => {
    const client = track(unfinishedPost(sb.url, "/no/such/path"));
    const answer = await client.answer();
    assert.equal(answer.status, 404);
    assert.deepEqual(JSON.parse(answer.body), { error: "Record not found" });
    // The rest of the body is discarded as it comes; the next request on the connection is answered.
    const chunk = `1000\r\n${"x".repeat(0x1000)}\r\n`;
    client.send(`${chunk.repeat(64)}0\r\n\r\n`);
    client.send("GET /api/v1/instance HTTP/1.1\r\nHost: x\r\n\r\n");
    assert.equal((await client.answer()).status, 200);
  });

  test(
    "a route that needs a token, without one or with a made-up one: 401 before the body",
    QUICK,
    async () => {
      for (const headers of [{}, { Authorization: "Bearer made-up" }]) {
        const client = track(unfinishedPost(sb.url, "/api/v1/statuses", headers));
        const answer = await client.answer();
        assert.equal(answer.status, 401);
        assert.deepEqual(JSON.parse(answer.body), { error: "The access token is invalid" });
        assert.match(answer.headers, /\r\nx-ratelimit-remaining: \d+/i);
      }
    },
  );

  test("an upload route without a valid token: 401 before a large declared body", QUICK, async () => {
    const client = track(new RawClient(sb.url));
    client.send(
      "POST /api/v2/media?access_token=made-up HTTP/1.1\r\nHost: x\r\n" +
        "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 900000\r\n\r\n--b\r\n",
    );
    assert.equal((await client.answer()).status, 401);
  });
});

describe("bodies are bounded", () => {
  test(
    "a route without files takes a small body only: 413 for 2 MiB, however valid the token",
    QUICK,
    async () => {
      const client = track(new RawClient(sb.url));
      client.send(
        `POST /api/v1/statuses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sb.users[0]!.access_token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n{"status":"`,
      );
      const answer = await client.answer();
      assert.equal(answer.status, 413);
      assert.deepEqual(JSON.parse(answer.body), { error: "Request entity too large" });
    },
  );

  test(
    "bodies held at once share a budget: past four of the largest uploads, Mastodon's 503",
    QUICK,
    async () => {
      // With the default max_upload_bytes (16 MiB) an upload body may be 17 MiB; four such fit the budget.
      // Five start, none finishes: whichever comes fifth is answered at once, the four wait for bytes.
      const upload = (length: number) =>
        `POST /api/v2/media HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sb.users[0]!.access_token}\r\n` +
        `Content-Type: multipart/form-data; boundary=b\r\nContent-Length: ${length}\r\n\r\n`;
      const five = Array.from({ length: 5 }, () => track(new RawClient(sb.url)));
      for (const client of five) client.send(upload(17 * 1024 * 1024));
      const first = await Promise.race(five.map((client) => client.answer()));
      assert.equal(first.status, 503);
      assert.deepEqual(JSON.parse(first.body), {
        error: "There was a temporary problem serving your request, please try again",
      });
      // Once the four are gone, their share comes back (the server notices the closes in its own time).
      for (const client of five) client.close();
      for (;;) {
        const client = track(new RawClient(sb.url));
        client.send(upload(0));
        const { status } = await client.answer();
        client.close();
        if (status === 503) continue;
        assert.equal(status, 422, "an upload without a file is Mastodon's 422");
        break;
      }
    },
  );
});

describe("the rate limit", () => {
  test("made-up tokens count against the caller's address, not each for itself", QUICK, async () => {
    const small = await startSandbox({ port: 0, ratelimit: "3/5m" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${small.url}/api/v1/timelines/home?access_token=made-up-${i}`);
        await res.text();
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      // A valid token has its own budget still.
      const mine = await fetch(`${small.url}/api/v1/timelines/home`, {
        headers: { authorization: `Bearer ${small.users[0]!.access_token}` },
      });
      assert.equal(mine.status, 200);
      assert.equal(mine.headers.get("x-ratelimit-remaining"), "2");
    } finally {
      await small.close();
    }
  });

  test("the limiter keeps at most MAX_RATELIMIT_KEYS keys within one window", () => {
    const limiter = new RateLimiter({ limit: 300, window_seconds: 300 });
    const now = 1_000_000_000_000;
    for (let i = 0; i < MAX_RATELIMIT_KEYS * 3; i++) limiter.take(`key-${i}`, now);
    assert.ok(limiter.size <= MAX_RATELIMIT_KEYS, `${limiter.size} keys kept`);
    // The newest keys are still counted.
    const last = `key-${MAX_RATELIMIT_KEYS * 3 - 1}`;
    assert.equal(limiter.take(last, now)["x-ratelimit-remaining"], "298");
  });
});

describe("streaming", () => {
  test("one WebSocket holds at most MAX_SUBSCRIPTIONS streams; past that, an error", QUICK, async () => {
    const ws = await RawWebSocket.open(sb.url, "/api/v1/streaming", {
      Authorization: `Bearer ${sb.users[0]!.access_token}`,
    });
    const tag = (type: string, name: string) => JSON.stringify({ type, stream: "hashtag", tag: name });
    const refusal = {
      error: `Too many streams on one connection (at most ${MAX_SUBSCRIPTIONS})`,
      status: 400,
    };
    try {
      assert.equal(ws.status, 101);
      for (let i = 0; i <= MAX_SUBSCRIPTIONS; i++) ws.sendText(tag("subscribe", `made_up_${i}`));
      await until(() => ws.messages().length === 1, "the refusal");
      assert.deepEqual(ws.messages(), [refusal]);
      // A stream already held is no new one; an unsubscribe makes room for one more.
      ws.sendText(tag("subscribe", "made_up_0"));
      ws.sendText(tag("unsubscribe", "made_up_0"));
      ws.sendText(tag("subscribe", "another"));
      ws.sendText(tag("subscribe", "one_more"));
      await until(() => ws.messages().length === 2, "the second refusal");
      assert.deepEqual(ws.messages(), [refusal, refusal]);
    } finally {
      ws.destroy();
    }
  });
});
