// The per-request shortcuts of the request path (issue 11, item 1) must decide as the long way does:
// the budget of a request without its regexes, and rate-limit headers read once per distinct text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { budgetOf } from "../src/core/budgets.js";
import { RateLimiter } from "../src/core/ratelimit.js";

test("budgetOf: the substring shortcut keeps every budget the patterns give", () => {
  const base = "https://example.social";
  const cases: Array<[string, string, string]> = [
    ["POST", "/api/v1/statuses", "general"],
    ["POST", `${base}/api/v1/statuses`, "general"],
    ["POST", "/api/v1/media", "media"],
    ["POST", `${base}/api/v2/media/`, "media"],
    ["POST", "/api/v1/media/123", "general"],
    ["POST", "/api/v1/statuses/1/unreblog", "deletion"],
    ["POST", `${base}/api/v1/statuses/1/unreblog?x=1`, "deletion"],
    ["POST", "/api/v1/statuses/1/reblog", "general"],
    ["DELETE", "/api/v1/statuses/1", "deletion"],
    ["DELETE", `${base}/api/v1/statuses/1/`, "deletion"],
    ["DELETE", "/api/v1/statuses/1/pin", "general"],
    ["DELETE", "/api/v1/lists/1", "general"],
    ["GET", "/api/v1/media", "general"],
  ];
  for (const [method, path, budget] of cases)
    assert.equal(budgetOf(method, path), budget, `${method} ${path}`);
});

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});

test("RateLimiter: the same reset with a new Date header is corrected by the new Date", () => {
  const limiter = new RateLimiter("wait", 1.1);
  const now = Date.now();
  const reset = new Date(Math.floor(now / 1000) * 1000 + 600_000).toISOString();
  const date = (offsetMs: number) => new Date(now + offsetMs).toUTCString();
  assert.equal(
    limiter.update(headers({ "x-ratelimit-remaining": "10", "x-ratelimit-reset": reset, date: date(0) })),
    true,
  );
  const first = limiter.reset;
  // The server's clock reading 100 s later for the same reset: the window ends sooner locally.
  // (Within a window the later estimate is kept, so a second limiter shows this correction.)
  const later = new RateLimiter("wait", 1.1);
  later.update(headers({ "x-ratelimit-remaining": "10", "x-ratelimit-reset": reset, date: date(100_000) }));
  assert.ok(Math.abs(first - later.reset - 100) < 2, `${first} vs ${later.reset}`);
  // One limiter, same reset text, Date moving back by 50 s: the estimate grows (kept as the later one).
  limiter.update(headers({ "x-ratelimit-remaining": "9", "x-ratelimit-reset": reset, date: date(-50_000) }));
  assert.ok(Math.abs(limiter.reset - first - 50) < 2, `${limiter.reset} vs ${first}`);
  // A header that cannot be read after a good one is still refused, not taken from the last one.
  assert.equal(limiter.update(headers({ "x-ratelimit-remaining": "9", "x-ratelimit-reset": "soon" })), false);
});
