// Property tests (fast-check) for every parser of server-supplied text: whatever a server sends,
// each parser returns (never throws, never hangs) a value of the documented shape, and reads back
// what a well-formed input says. Runs are bounded, and each input has a time cap.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseLinkHeader } from "../src/api/pagination-links.js";
import { parseAsyncRefreshHeader } from "../src/api/timelines/async-refresh-header.js";
import { readDate, readDecimal, readWholeNumber } from "../src/core/header-values.js";
import { parseResetHeader } from "../src/core/ratelimit.js";
import { retryAfterSeconds } from "../src/core/retry.js";
import { parseVersion } from "../src/core/versions.js";

/** Bounded runs; the whole property gives up (and fails) rather than run on. */
const RUNS = { numRuns: 300, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true } as const;
/** No single input may take longer than this (far above what any of them measures). */
const CAP_MS = 50;

function capped<T>(parse: () => T): T {
  const started = performance.now();
  const result = parse();
  const ms = performance.now() - started;
  assert.ok(ms < CAP_MS, `one input took ${ms.toFixed(1)} ms`);
  return result;
}

/** Text built from the tokens a parser reacts to, so the runs reach its edge cases, up to 20 000 characters. */
function tokens(...pieces: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 2000 })
    .map((parts) => parts.join(""));
}

const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300, unit: "binary" }));
const BASE = "https://example.test";

describe("parseVersion", () => {
  test("never throws; numbers are whole and finite; raw is capped", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, tokens("(compatible; ", "(", ")", " ", "4", ".", "+", "-", "hometown", "git")),
        (text) => {
          const parsed = capped(() => parseVersion(text));
          if (parsed === undefined) return;
          for (const n of [parsed.major, parsed.minor, parsed.patch])
            assert.ok(Number.isInteger(n) || n === Infinity);
          assert.ok(parsed.raw.length <= 256);
          assert.equal(typeof parsed.software, "string");
        },
      ),
      RUNS,
    );
  });

  test("reads back major.minor.patch and the compatible software", () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/);
    fc.assert(
      fc.property(
        fc.nat(99),
        fc.nat(99),
        fc.nat(99),
        fc.option(fc.tuple(word, fc.stringMatching(/^[0-9][0-9.]{0,8}$/))),
        (major, minor, patch, fork) => {
          const text = `${major + 1}.${minor}.${patch}${fork ? ` (compatible; ${fork[0]} ${fork[1]})` : ""}`;
          const parsed = capped(() => parseVersion(text));
          assert.deepEqual([parsed?.major, parsed?.minor, parsed?.patch], [major + 1, minor, patch]);
          if (fork) {
            assert.equal(parsed?.software, fork[0].toLowerCase());
            assert.equal(parsed?.softwareVersion, fork[1]);
          }
        },
      ),
      RUNS,
    );
  });
});

describe("parseLinkHeader", () => {
  test("never throws; every cursor stays on the server and names a path", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          tokens(
            "<",
            ">",
            ";",
            ",",
            "rel=",
            '"',
            "next",
            "prev",
            `${BASE}/api/v1/x?max_id=1`,
            "https://other.test/",
            " ",
          ),
        ),
        (header) => {
          const links = capped(() => parseLinkHeader(header, BASE));
          for (const info of [links.next, links.previous]) {
            if (!info) continue;
            assert.equal(info._pagination_method, "GET");
            assert.ok(info._pagination_endpoint.startsWith("/"));
            assert.doesNotThrow(() => new URL(info._pagination_endpoint, BASE));
            assert.equal(new URL(info._pagination_endpoint, BASE).origin, BASE);
          }
        },
      ),
      RUNS,
    );
  });

  test("reads back the cursors of a well-formed header", () => {
    const id = fc.stringMatching(/^[0-9A-Za-z]{1,20}$/);
    fc.assert(
      fc.property(id, id, fc.boolean(), (next, prev, quoted) => {
        const rel = (name: string) => (quoted ? `rel="${name}"` : `rel=${name}`);
        const header = `<${BASE}/api/v1/timelines/home?max_id=${next}>; ${rel("next")}, <${BASE}/api/v1/timelines/home?min_id=${prev}>; ${rel("prev")}`;
        const links = capped(() => parseLinkHeader(header, BASE));
        assert.equal(links.next?.max_id, next);
        assert.equal(links.previous?.min_id, prev);
        assert.equal(links.next?._pagination_endpoint, "/api/v1/timelines/home");
      }),
      RUNS,
    );
  });
});

describe("header values (Retry-After, X-RateLimit-*, Date)", () => {
  const headerish = fc.oneof(anyText, tokens("0", "9", " ", ".", "-", "T", ":", "Z", "GMT", ","));

  test("never throw; answer undefined or a finite, non-negative number", () => {
    fc.assert(
      fc.property(headerish, (value) => {
        for (const read of [retryAfterSeconds, readWholeNumber, readDecimal]) {
          const n = capped(() => read(value));
          if (n !== undefined)
            assert.ok(Number.isFinite(n) && n >= 0, `${read.name}(${JSON.stringify(value)}) = ${n}`);
        }
        const reset = capped(() => parseResetHeader(value));
        if (reset !== undefined) assert.ok(Number.isFinite(reset));
        const date = capped(() => readDate(value));
        if (date !== undefined) assert.ok(Number.isFinite(date));
      }),
      RUNS,
    );
  });

  test("read back whole seconds and HTTP dates", () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
        (seconds, date) => {
          assert.equal(retryAfterSeconds(` ${seconds} `), seconds);
          assert.equal(readWholeNumber(String(seconds)), seconds);
          const http = new Date(Math.floor(date.getTime() / 1000) * 1000);
          assert.equal(readDate(http.toUTCString()), http.getTime());
          assert.equal(parseResetHeader(http.toISOString()), http.getTime() / 1000);
        },
      ),
      RUNS,
    );
  });
});

describe("parseAsyncRefreshHeader", () => {
  test("never throws; an answer has an id and a non-negative retry", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, tokens("id=", '"', ",", "retry=", "result_count=", "3", " ")),
        (header) => {
          const hint = capped(() => parseAsyncRefreshHeader(header));
          if (hint === undefined) return;
          assert.ok(hint.id.length > 0);
          assert.ok(Number.isFinite(hint.retry) && hint.retry >= 0);
        },
      ),
      RUNS,
    );
  });
});
