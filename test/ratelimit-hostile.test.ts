// Rate-limit headers from a broken or hostile server (or a proxy): a 429 that names no reset, a
// limit of 0, a reset no Date can hold. None may leave a client refusing or waiting for good, and
// none may surface as a bare RangeError.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  fileStore,
  Mastodon,
  type MastodonOptions,
  MastodonRatelimitError,
  type MastodonStore,
  memoryStore,
} from "../src/index.js";
import { rejection, serveNumbered } from "./support/failures.js";
import { json, type TestServer } from "./support/http-server.js";

const TOKEN = "ratelimit-hostile-token";
const ok = (res: Parameters<typeof json>[0]) => json(res, 200, []);

function client(server: TestServer, options: MastodonOptions): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: false, ...options });
}

/** Resolves with the call's outcome, or "still waiting" after `ms`. */
async function within(ms: number, call: Promise<unknown>): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("still waiting"), ms);
  });
  try {
    return await Promise.race([
      call.then(
        () => "answered",
        (error: Error) => `${error.name}: ${error.message}`,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function tempStore(t: { after(fn: () => unknown): void }): Promise<MastodonStore> {
  const dir = await mkdtemp(join(tmpdir(), "mastodon-ts-ratelimit-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return fileStore(join(dir, "budget.json"));
}

const noReset: Array<[string, Record<string, string>]> = [
  ["no headers", {}],
  ["an unreadable Retry-After", { "retry-after": "soon" }],
];

for (const [what, headers] of noReset) {
  for (const method of ["throw", "wait"] as const) {
    test(`a 429 with ${what} does not refuse the next calls (${method}), nor a fleet's (memory and file stores)`, async (t) => {
      const server = await serveNumbered(t, (_req, res, index) =>
        index === 0 ? json(res, 429, { error: "Too many requests" }, headers) : ok(res),
      );
      const stores: Array<MastodonStore | undefined> = [undefined, memoryStore(), await tempStore(t)];
      for (const store of stores) {
        const options = { ratelimit_method: method, ...(store ? { ratelimit_store: store } : {}) };
        const before = server.requests.length;
        const first = client(server, options);
        // The 429 itself: refused ("throw", or no reset to wait for), or waited out and asked again.
        if (before === 0)
          await first.timelineHome().catch((error) => assert.ok(error instanceof MastodonRatelimitError));
        assert.equal(await within(3000, first.timelineHome()), "answered", store?.kind ?? "local");
        // Another client on the same store (another process of the fleet) is not refused either.
        if (store) assert.equal(await within(3000, client(server, options).timelineHome()), "answered");
      }
    });
  }
}

test("X-RateLimit-Limit: 0 is no budget: once its window ends, requests go again", async (t) => {
  for (const method of ["wait", "pace", "throw"] as const) {
    const server = await serveNumbered(t, (_req, res, index) => {
      if (index > 0) return ok(res);
      const reset = new Date(Date.now() + 1000).toISOString();
      json(res, 200, [], {
        "x-ratelimit-limit": "0",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": reset,
      });
    });
    for (const store of [undefined, memoryStore()]) {
      const api = client(server, { ratelimit_method: method, ...(store ? { ratelimit_store: store } : {}) });
      const before = server.requests.length;
      await api.timelineHome();
      if (before === 0) {
        // The reset is a second away, moved to the local clock by a whole-second Date header.
        await new Promise((resolve) => setTimeout(resolve, 2200));
      }
      assert.equal(await within(3000, api.timelineHome()), "answered", `${method} ${store?.kind ?? "local"}`);
    }
  }
});

test("a reset or Retry-After past what a Date holds is MastodonRatelimitError, never a RangeError", async (t) => {
  const answers: Array<[string, number, Record<string, string>]> = [
    ["Retry-After of 14 digits", 429, { "retry-after": "99999999999999" }],
    [
      "X-RateLimit-Reset of 17 digits on a 429",
      429,
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "99999999999999999" },
    ],
  ];
  for (const [what, status, headers] of answers) {
    for (const transport of ["fetch", "undici"] as const) {
      const server = await serveNumbered(t, (_req, res) =>
        json(res, status, { error: "slow down" }, headers),
      );
      const error = await rejection(client(server, { ratelimit_method: "throw", transport }).timelineHome());
      assert.ok(
        error instanceof MastodonRatelimitError,
        `${what} (${transport}): ${error.name}: ${error.message}`,
      );
    }
  }
  // Read on a 200 and spent on the next call.
  const server = await serveNumbered(t, (_req, res) =>
    json(res, 200, [], { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "99999999999999999" }),
  );
  const api = client(server, { ratelimit_method: "throw" });
  await api.timelineHome();
  const outcome = await within(3000, api.timelineHome());
  assert.ok(!/RangeError/.test(outcome), outcome);
});

test("a store holding a reset no Date can hold refuses with MastodonRatelimitError, not a RangeError", async (t) => {
  const server = await serveNumbered(t, (_req, res) => ok(res));
  const memory = memoryStore();
  // What a hand-edited or hostile store could hold: the budget spent, with a reset in the year 10^290.
  const hostile: MastodonStore = {
    kind: "memory",
    getCheckpoint: (key) => memory.getCheckpoint(key),
    advanceCheckpoint: (key, id) => memory.advanceCheckpoint(key, id),
    lease: (key, owner, ms) => memory.lease(key, owner, ms),
    releaseLease: (key, owner) => memory.releaseLease(key, owner),
    reportBudget: (key, report) => memory.reportBudget(key, report),
    takeBudget: async (key, take) => {
      const { state } = await memory.takeBudget(key, take);
      return {
        granted: false,
        wait: 1e300,
        exhausted: true,
        state: { ...state, remaining: 0, reset: 1e300, known: 1 },
      };
    },
  };
  const error = await rejection(
    client(server, { ratelimit_method: "throw", ratelimit_store: hostile }).timelineHome(),
  );
  assert.ok(error instanceof MastodonRatelimitError, `${error.name}: ${error.message}`);
  assert.match(error.message, /resets at an unreadable time/);
});
