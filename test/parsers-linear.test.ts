// Every parser of server-supplied text (versions, Link headers, rate-limit and Retry-After headers,
// async refresh hints) takes linear time and caps what it reads: a hostile or broken server must not
// freeze the process. Each is timed on 1 MB of its worst input (median of 5 runs, bound 50 ms, about
// ten times what it measures on a loaded machine).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseLinkHeader } from "../src/api/pagination-links.js";
import { parseAsyncRefreshHeader } from "../src/api/timelines/async-refresh-header.js";
import { readDate, readDecimal, readWholeNumber } from "../src/core/header-values.js";
import { parseResetHeader } from "../src/core/ratelimit.js";
import { retryAfterSeconds } from "../src/core/retry.js";
import { parseVersion } from "../src/core/versions.js";

const MB = 1024 * 1024;
const BOUND_MS = 50;

/** `unit` repeated to 1 MB, after an optional prefix. */
function megabyteOf(unit: string, prefix = ""): string {
  return prefix + unit.repeat(Math.ceil((MB - prefix.length) / unit.length));
}

/** The median time of five runs, in milliseconds. */
function medianMs(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[2] ?? Number.POSITIVE_INFINITY;
}

function assertFast(name: string, run: () => unknown): void {
  const ms = medianMs(run);
  assert.ok(ms < BOUND_MS, `${name} took ${ms.toFixed(1)} ms on 1 MB (bound ${BOUND_MS} ms)`);
}

const BASE = "https://example.test";

const HOSTILE: Record<string, Record<string, string>> = {
  version: {
    "repeated (compatible; ": megabyteOf("(compatible; ", "4.0.0 "),
    "repeated (compatible;x": megabyteOf("(compatible;x ", "4.0.0 "),
    "digits and dots": megabyteOf("1."),
    "one long build tag": megabyteOf("a", "4.3.0+"),
    "whitespace then a version": `${megabyteOf(" ")}4.3.0`,
  },
  link: {
    "<": megabyteOf("<"),
    "unclosed parts": megabyteOf("<a, "),
    "rel= without end": megabyteOf("rel=", "<https://example.test/x>; "),
    "one valid link then padding": megabyteOf(" ", `<${BASE}/api/v1/timelines/home?max_id=1>; rel="next"`),
  },
  number: {
    digits: megabyteOf("9"),
    "spaces then digits": `${megabyteOf(" ")}1`,
    "digits then a letter": `${megabyteOf("1")}x`,
    "decimal digits": megabyteOf("1", "1."),
  },
  date: {
    "a date repeated": megabyteOf("Sun, 06 Nov 1994 08:49:37 GMT "),
    "ISO-like": megabyteOf("2024-01-01T"),
  },
  asyncRefresh: {
    "id= repeated": megabyteOf('id="a", '),
    commas: megabyteOf(","),
  },
};

describe("parsers of server-supplied text are linear and capped (1 MB under 50 ms)", () => {
  for (const [name, input] of Object.entries(HOSTILE.version ?? {})) {
    test(`parseVersion: ${name}`, () => assertFast("parseVersion", () => parseVersion(input)));
  }
  for (const [name, input] of Object.entries(HOSTILE.link ?? {})) {
    test(`parseLinkHeader: ${name}`, () => assertFast("parseLinkHeader", () => parseLinkHeader(input, BASE)));
  }
  for (const [name, input] of Object.entries({ ...HOSTILE.number, ...HOSTILE.date })) {
    test(`header values: ${name}`, () => {
      assertFast("retryAfterSeconds", () => retryAfterSeconds(input));
      assertFast("parseResetHeader", () => parseResetHeader(input));
      assertFast("readWholeNumber", () => readWholeNumber(input));
      assertFast("readDecimal", () => readDecimal(input));
      assertFast("readDate", () => readDate(input));
    });
  }
  for (const [name, input] of Object.entries(HOSTILE.asyncRefresh ?? {})) {
    test(`parseAsyncRefreshHeader: ${name}`, () =>
      assertFast("parseAsyncRefreshHeader", () => parseAsyncRefreshHeader(input)));
  }

  test("a value too long to be real is treated as absent, not read", () => {
    assert.equal(retryAfterSeconds(megabyteOf("9")), undefined);
    assert.equal(parseResetHeader(megabyteOf("9")), undefined);
    assert.equal(readWholeNumber(`${" ".repeat(100)}5`), undefined);
    // The version's first 256 characters are read; what follows is ignored.
    const parsed = parseVersion(megabyteOf(" x", "4.3.0 (compatible; Akkoma 3.10.4)"));
    assert.equal(parsed?.software, "akkoma");
    assert.ok((parsed?.raw.length ?? 0) <= 256);
  });
});
