// Rate limits over real sockets, against local servers that enforce a request budget in fixed
// windows (answering 429 when it is spent) and report it truthfully in X-RateLimit-* and Date.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, type TestContext, test } from "node:test";
import { Mastodon, type MastodonOptions, MastodonRatelimitError } from "../src/index.js";
import { rejection, serveNumbered } from "./support/failures.js";
import { json, type TestServer } from "./support/http-server.js";

const TOKEN = "fake-token-ratelimit";
const ACCOUNT = { id: "7", username: "bot", acct: "bot" };

const serve = serveNumbered;

function client(server: TestServer, options: MastodonOptions = {}): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: false, ...options });
}

const nowSeconds = (): number => Date.now() / 1000;

interface Budget {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

interface EnforcingServer extends TestServer {
  /** How many requests were answered 200 and how many 429. */
  served(): number;
  refused(): number;
}

/**
 * A server that enforces `limit` requests per fixed window of `windowMs`, windows counted from
 * the server's start (so they do not line up with whole seconds, as the Date header does).
 */
async function enforcingServer(t: TestContext, budget: Budget): Promise<EnforcingServer> {
  const start = Date.now();
  let window = -1;
  let used = 0;
  let served = 0;
  let refused = 0;
  const server = await serve(t, (_req, res) => {
    const now = Date.now();
    const current = Math.floor((now - start) / budget.windowMs);
    if (current !== window) {
      window = current;
      used = 0;
    }
    const reset = new Date(start + (current + 1) * budget.windowMs).toISOString();
    const over = used >= budget.limit;
    if (!over) used += 1;
    const headers = {
      date: new Date(now).toUTCString(),
      "x-ratelimit-limit": String(budget.limit),
      "x-ratelimit-remaining": String(budget.limit - used),
      "x-ratelimit-reset": reset,
    };
    if (over) {
      refused += 1;
      json(res, 429, { error: "Too many requests" }, headers);
    } else {
      served += 1;
      json(res, 200, ACCOUNT, headers);
    }
  });
  return { ...server, served: () => served, refused: () => refused };
}

function ratelimitHeaders(remaining: number, resetSecondsAhead: number, limit = 300): Record<string, string> {
  const now = Date.now();
  return {
    date: new Date(now).toUTCString(),
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": new Date(now + resetSecondsAhead * 1000).toISOString(),
  };
}

describe('ratelimit_method "pace"', () => {
  const budget = { limit: 30, windowMs: 3000 };

  test("100 sequential requests against 30 per 3 s meet no 429", { timeout: 30_000 }, async (t) => {
    const server = await enforcingServer(t, budget);
    const api = client(server, { ratelimit_method: "pace" });
    const started = Date.now();
    for (let i = 0; i < 100; i++) await api.accountVerifyCredentials();
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(server.refused(), 0, "the server refused requests: pacing failed");
    assert.equal(server.served(), 100);
    // 100 requests at 30 per window need at least three window turnovers.
    assert.ok(elapsed >= 6, `finished in ${elapsed.toFixed(1)} s, faster than the budget allows`);
  });

  test("100 concurrent requests against 30 per 3 s meet no 429", { timeout: 30_000 }, async (t) => {
    const server = await enforcingServer(t, budget);
    const api = client(server, { ratelimit_method: "pace" });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 100 }, () => api.accountVerifyCredentials()));
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(results.length, 100);
    for (const account of results) assert.equal(account.id, "7");
    assert.equal(server.refused(), 0, "the server refused requests: the burst was not paced");
    assert.equal(server.served(), 100);
    assert.ok(elapsed >= 6, `finished in ${elapsed.toFixed(1)} s, faster than the budget allows`);
  });
});

describe('ratelimit_method "wait"', () => {
  test("sleeps through spent windows: 12 requests against 5 per second, no 429", async (t) => {
    const server = await enforcingServer(t, { limit: 5, windowMs: 1000 });
    const api = client(server);
    assert.equal(api.ratelimitMethod, "wait");
    const started = Date.now();
    for (let i = 0; i < 12; i++) assert.equal((await api.accountVerifyCredentials()).id, "7");
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(server.refused(), 0, "the client sent a request with remaining=0 instead of waiting");
    assert.equal(server.served(), 12);
    // 12 requests at 5 per window span at least three windows: two turnovers, at least 1 s apart.
    assert.ok(elapsed >= 0.95, `finished in ${elapsed.toFixed(2)} s: it did not wait`);
  });

  test("12 concurrent requests against 5 per second: the first answer is awaited, no 429", async (t) => {
    const server = await enforcingServer(t, { limit: 5, windowMs: 1000 });
    const api = client(server);
    const results = await Promise.all(Array.from({ length: 12 }, () => api.accountVerifyCredentials()));
    assert.equal(results.length, 12);
    assert.equal(server.refused(), 0, "a concurrent burst was sent before the budget was known");
    assert.equal(server.served(), 12);
  });

  test("a 429 with a reset 0.5 s ahead is waited out and the request repeated", async (t) => {
    const server = await serve(t, (_req, res, index) => {
      if (index === 0) json(res, 429, { error: "Too many requests" }, ratelimitHeaders(0, 0.5));
      else json(res, 200, ACCOUNT, ratelimitHeaders(299, 300));
    });
    const api = client(server);
    const started = Date.now();
    const account = await api.accountVerifyCredentials();
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(account.id, "7");
    assert.equal(server.requests.length, 2);
    assert.ok(elapsed >= 0.45, `retried after ${elapsed.toFixed(2)} s, before the reset`);
    assert.ok(elapsed < 5, `took ${elapsed.toFixed(2)} s`);
    assert.equal(api.ratelimitRemaining, 299);
  });
});

describe('ratelimit_method "throw"', () => {
  test("a spent budget throws before sending, with the server's reset time", async (t) => {
    let serverReset = 0;
    const server = await serve(t, (_req, res, index) => {
      const headers = ratelimitHeaders(Math.max(0, 1 - index), 42, 2);
      serverReset = Date.parse(headers["x-ratelimit-reset"] ?? "") / 1000;
      json(res, 200, ACCOUNT, headers);
    });
    const api = client(server, { ratelimit_method: "throw" });
    await api.accountVerifyCredentials();
    await api.accountVerifyCredentials();
    assert.equal(api.ratelimitRemaining, 0);
    const error = await rejection(api.accountVerifyCredentials());
    assert.ok(error instanceof MastodonRatelimitError, `got ${String(error)}`);
    assert.equal(server.requests.length, 2, "the third request should not have been sent");
    assert.equal(error.status, undefined);
    assert.ok(error.reset !== undefined);
    // The Date header has whole seconds, so the clock correction may add up to one second.
    assert.ok(Math.abs(error.reset - serverReset) < 1.5, `reset ${error.reset} vs server ${serverReset}`);
    assert.ok(error.resetDate instanceof Date);
    assert.ok(Math.abs((error.resetDate?.getTime() ?? 0) / 1000 - error.reset) < 0.001);
    assert.match(error.message, /Wait until then|ratelimit_method "wait"/);
    assert.match(error.message, /resets/);
    assert.doesNotMatch(String(error), new RegExp(TOKEN));
  });

  test("a 429 throws MastodonRatelimitError with status 429 and the reset", async (t) => {
    const server = await serve(t, (_req, res) => {
      json(res, 429, { error: "Too many requests" }, ratelimitHeaders(0, 20));
    });
    const api = client(server, { ratelimit_method: "throw" });
    const error = await rejection(api.accountVerifyCredentials());
    assert.ok(error instanceof MastodonRatelimitError, `got ${String(error)}`);
    assert.equal(error.status, 429);
    assert.ok(error.reset !== undefined && Math.abs(error.reset - (nowSeconds() + 20)) < 2);
    assert.match(error.message, /429/);
    assert.equal(server.requests.length, 1);
  });
});

describe("429 without rate-limit headers", () => {
  for (const method of ["wait", "pace", "throw"] as const) {
    test(`no headers and no Retry-After: MastodonRatelimitError, no hang (${method})`, async (t) => {
      const server = await serve(t, (_req, res) => json(res, 429, { error: "Too many requests" }));
      const api = client(server, { ratelimit_method: method });
      const started = Date.now();
      const error = await rejection(api.accountVerifyCredentials());
      assert.ok(error instanceof MastodonRatelimitError, `got ${String(error)}`);
      assert.equal(error.status, 429);
      assert.equal(error.reset, undefined);
      assert.equal(error.resetDate, undefined);
      assert.match(error.message, /did not say when to try again/);
      assert.ok(Date.now() - started < 2000, "it waited for a reset nobody announced");
      assert.equal(server.requests.length, 1);
      // The client is not stuck afterwards either.
      const again = await rejection(api.accountVerifyCredentials());
      assert.ok(again instanceof MastodonRatelimitError);
      assert.ok(Date.now() - started < 3000, "the next call hung");
    });
  }

  test("Retry-After: 1 is waited out in wait mode", async (t) => {
    const server = await serve(t, (_req, res, index) => {
      if (index === 0) json(res, 429, { error: "Too many requests" }, { "retry-after": "1" });
      else json(res, 200, ACCOUNT);
    });
    const api = client(server);
    const started = Date.now();
    assert.equal((await api.accountVerifyCredentials()).id, "7");
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(server.requests.length, 2);
    assert.ok(elapsed >= 0.9 && elapsed < 4, `retried after ${elapsed.toFixed(2)} s`);
  });
});

describe("reading the headers", () => {
  test("an integer epoch reset (GoToSocial style) is read", async (t) => {
    const reset = Math.floor(nowSeconds()) + 120;
    const server = await serve(t, (_req, res) => {
      json(res, 200, ACCOUNT, {
        date: new Date().toUTCString(),
        "x-ratelimit-limit": "20",
        "x-ratelimit-remaining": "17",
        "x-ratelimit-reset": String(reset),
      });
    });
    const api = client(server);
    await api.accountVerifyCredentials();
    assert.equal(api.ratelimitLimit, 20);
    assert.equal(api.ratelimitRemaining, 17);
    assert.ok(Math.abs(api.ratelimitReset - reset) < 1.5, `reset ${api.ratelimitReset} vs ${reset}`);
  });

  test("an ISO reset (Mastodon style) is read", async (t) => {
    const expected = nowSeconds() + 250;
    const server = await serve(t, (_req, res) => {
      json(res, 200, ACCOUNT, {
        date: new Date().toUTCString(),
        "x-ratelimit-limit": "300",
        "x-ratelimit-remaining": "288",
        "x-ratelimit-reset": new Date(expected * 1000).toISOString(),
      });
    });
    const api = client(server);
    await api.accountVerifyCredentials();
    assert.equal(api.ratelimitLimit, 300);
    assert.equal(api.ratelimitRemaining, 288);
    assert.ok(Math.abs(api.ratelimitReset - expected) < 1.5, `reset ${api.ratelimitReset} vs ${expected}`);
  });

  test("the reset is corrected for a server clock an hour ahead", async (t) => {
    const server = await serve(t, (_req, res) => {
      const serverNow = Date.now() + 3600_000;
      json(res, 200, ACCOUNT, {
        date: new Date(serverNow).toUTCString(),
        "x-ratelimit-limit": "300",
        "x-ratelimit-remaining": "299",
        "x-ratelimit-reset": new Date(serverNow + 30_000).toISOString(),
      });
    });
    const api = client(server);
    await api.accountVerifyCredentials();
    const expected = nowSeconds() + 30;
    assert.ok(
      Math.abs(api.ratelimitReset - expected) < 1.5,
      `reset is ${(api.ratelimitReset - nowSeconds()).toFixed(1)} s away, expected about 30 s`,
    );
  });

  test("a reset in seconds-until form is not shifted by the server's clock", async (t) => {
    const server = await serve(t, (_req, res) => {
      json(res, 200, ACCOUNT, {
        date: new Date(Date.now() + 3600_000).toUTCString(),
        "x-ratelimit-limit": "300",
        "x-ratelimit-remaining": "299",
        "x-ratelimit-reset": "30",
      });
    });
    const api = client(server);
    await api.accountVerifyCredentials();
    const away = api.ratelimitReset - nowSeconds();
    assert.ok(Math.abs(away - 30) < 1.5, `reset is ${away.toFixed(1)} s away, expected about 30 s`);
  });

  test("unreadable headers do not break requests", async (t) => {
    const server = await serve(t, (_req, res, index) => {
      const variants: Record<string, string>[] = [
        { "x-ratelimit-limit": "lots", "x-ratelimit-remaining": "abc", "x-ratelimit-reset": "soon" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "not a date" },
        { "x-ratelimit-remaining": "-3", "x-ratelimit-reset": new Date(Date.now() + 60_000).toISOString() },
        { "x-ratelimit-remaining": "", "x-ratelimit-reset": "" },
      ];
      json(res, 200, ACCOUNT, { date: "garbage", ...variants[index % variants.length] });
    });
    for (const method of ["wait", "throw", "pace"] as const) {
      const api = client(server, { ratelimit_method: method });
      const started = Date.now();
      for (let i = 0; i < 4; i++) assert.equal((await api.accountVerifyCredentials()).id, "7");
      assert.ok(Date.now() - started < 2000, `${method}: mangled headers made the client wait`);
      assert.ok(Number.isFinite(api.ratelimitRemaining) && api.ratelimitRemaining >= 0);
      assert.ok(Number.isFinite(api.ratelimitReset));
    }
    assert.equal(server.requests.length, 12);
  });

  test("ratelimitLastcall moves forward with each answer", async (t) => {
    const server = await serve(t, (_req, res) => json(res, 200, ACCOUNT, ratelimitHeaders(250, 100)));
    const api = client(server);
    const before = nowSeconds();
    await api.accountVerifyCredentials();
    const first = api.ratelimitLastcall;
    assert.ok(first >= before - 0.001 && first <= nowSeconds() + 0.001, `lastcall ${first}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await api.accountVerifyCredentials();
    assert.ok(api.ratelimitLastcall > first, "ratelimitLastcall did not move");
  });
});

describe("the server's latest answer wins", () => {
  /** Headers for one fixed window: the reset never moves, only the reported remaining budget. */
  function fixedWindow(): (remaining: number) => Record<string, string> {
    const reset = new Date(Date.now() + 60_000).toISOString();
    return (remaining) => ({
      date: new Date().toUTCString(),
      "x-ratelimit-limit": "300",
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": reset,
    });
  }

  test("a budget the server raises within a window is believed (a separate budget, a proxy)", async (t) => {
    const headers = fixedWindow();
    const reported = [1, 299, 299, 299];
    const server = await serve(t, (_req, res, index) =>
      json(res, 200, ACCOUNT, headers(reported[index] ?? 299)),
    );
    const api = client(server, { ratelimit_method: "throw" });
    for (let i = 0; i < 4; i++) await api.accountVerifyCredentials();
    assert.equal(api.ratelimitRemaining, 299);
    assert.equal(server.requests.length, 4);
  });

  test('"wait" does not sleep for the window when the last answer said 299 remain', async (t) => {
    const headers = fixedWindow();
    const reported = [1, 299, 299];
    const server = await serve(t, (_req, res, index) =>
      json(res, 200, ACCOUNT, headers(reported[index] ?? 299)),
    );
    const api = client(server, { ratelimit_method: "wait" });
    const started = Date.now();
    for (let i = 0; i < 3; i++) await api.accountVerifyCredentials();
    // The window resets in 60 s: any sleep for it would take far longer than this.
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  test("requests still in flight are taken off the server's count", async (t) => {
    const headers = fixedWindow();
    const held: ServerResponse[] = [];
    const server = await serve(t, (_req, res, index) => {
      if (index <= 1) json(res, 200, ACCOUNT, headers(299));
      else held.push(res);
    });
    const api = client(server, { ratelimit_method: "throw" });
    await api.accountVerifyCredentials();
    const calls = Array.from({ length: 5 }, () => api.accountVerifyCredentials());
    // The first of the five is answered at once; the other four are still in flight.
    await calls[0];
    assert.equal(api.ratelimitRemaining, 299 - 4);
    while (held.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    for (const res of held) json(res, 200, ACCOUNT, headers(299));
    await Promise.all(calls);
    assert.equal(api.ratelimitRemaining, 299);
  });
});
