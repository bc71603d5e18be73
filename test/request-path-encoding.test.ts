// The request path's hand-written readers and writers (issue 11, item 1) must read and write what the
// standard classes they replace would: a query string as URLSearchParams writes it, and a Link
// header's cursors as `new URL(target, base)` reads them.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseLinkHeader } from "../src/api/pagination-links.js";
import { encodeBody, toQueryString, toSearchParams } from "../src/core/encode.js";
import { MastodonIllegalArgumentError } from "../src/core/errors.js";

const RUNS = { numRuns: 2000 } as const;

/** Text with the characters that need escaping, or not, or cannot be encoded (lone surrogates). */
const text = fc.oneof(
  fc.string({ maxLength: 12, unit: "binary" }),
  fc
    .array(
      fc.constantFrom("a", "Z", "0", " ", "+", "%", "&", "=", "!", "'", "(", ")", "*", "~", "-", "_", "."),
      {
        maxLength: 12,
      },
    )
    .map((chars) => chars.join("")),
  fc.constantFrom("\ud800", "x\udc00", "ä", "😀", "[]"),
);
// Valid dates and finite numbers only: the others are refused with their own errors (below), by
// both writers alike.
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc.constant(null),
);
const params = fc.dictionary(
  text,
  fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(text, scalar, { maxKeys: 2 })),
  { maxKeys: 4 },
);

test("toQueryString writes what URLSearchParams writes", () => {
  fc.assert(
    fc.property(params, (value) => {
      assert.equal(toQueryString(value), toSearchParams(value).toString());
    }),
    RUNS,
  );
  assert.equal(toQueryString({ limit: 40, max_id: "1", local: true }), "limit=40&max_id=1&local=true");
});

test("an invalid Date is refused with MastodonIllegalArgumentError naming the parameter, in every encoding", () => {
  const invalid = new Date(Number.NaN);
  const cases: Array<[string, () => unknown]> = [
    ["query, flat", () => toQueryString({ until: invalid })],
    ["query, nested", () => toQueryString({ filter: { until: invalid } })],
    ["URLSearchParams", () => toSearchParams({ until: invalid })],
    ["form", () => encodeBody("form", { until: invalid })],
    ["multipart", () => encodeBody("multipart", { dates: [invalid] })],
    // JSON.stringify would write it as null, which a server takes as "no value".
    ["json, flat", () => encodeBody("json", { until: invalid })],
    ["json, nested", () => encodeBody("json", { filter: { until: invalid } })],
    ["json, in a list", () => encodeBody("json", { dates: [new Date(0), invalid] })],
  ];
  for (const [value, shown] of [
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ] as const) {
    for (const [encoding, write] of [
      ["query", () => toQueryString({ limit: value })],
      ["form", () => encodeBody("form", { limit: value })],
      ["multipart", () => encodeBody("multipart", { limit: value })],
      ["json", () => encodeBody("json", { poll: { expires_in: value } })],
    ] as const) {
      assert.throws(
        write,
        (error: Error) =>
          error instanceof MastodonIllegalArgumentError &&
          new RegExp(
            `^(limit|poll\\[expires_in\\]) is ${shown}, which no server can read as a number: pass a finite number`,
          ).test(error.message),
        `${encoding} ${shown}`,
      );
    }
  }
  // A body with a null that is not a Date's still goes out.
  assert.equal(
    encodeBody("json", { status: "null", poll: { options: [null] } }).body,
    '{"status":"null","poll":{"options":[null]}}',
  );
  assert.equal(encodeBody("json", { at: new Date(0) }).body, '{"at":"1970-01-01T00:00:00.000Z"}');
  for (const [encoding, write] of cases) {
    assert.throws(
      write,
      (error: Error) =>
        error instanceof MastodonIllegalArgumentError &&
        /^(until|filter\[until\]|dates\[\]) is an invalid Date \(its time is NaN\): pass a valid Date/.test(
          error.message,
        ),
      encoding,
    );
  }
});

/** What the cursor of a Link target is, read with the URL parser itself. */
function byUrlParser(target: string, base: string): Record<string, unknown> | undefined {
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(base).origin) return undefined;
  const cursor: Record<string, unknown> = { _pagination_method: "GET", _pagination_endpoint: url.pathname };
  for (const [key, value] of url.searchParams) {
    if (!key.endsWith("[]")) {
      cursor[key] = value;
      continue;
    }
    const name = key.slice(0, -2);
    cursor[name] = [...((cursor[name] as string[] | undefined) ?? []), value];
  }
  return cursor;
}

test("a Link header's cursors are what the URL parser reads, plain targets or not", () => {
  const base = "https://example.social";
  const piece = fc.constantFrom(
    "a",
    "1",
    "/",
    ".",
    "..",
    "?",
    "&",
    "=",
    "+",
    "%",
    "%2e",
    "%41",
    "%5B%5D",
    "%FF",
    "%C3%A4",
    "ä",
    " ",
    "'",
    "\\",
    "#",
    "~",
    "[]",
    "limit=40",
    "max_id",
  );
  const target = fc
    .tuple(
      fc.constantFrom(
        base,
        "",
        "https://other.example",
        "HTTPS://example.social",
        "https://example.social:443",
      ),
      fc.array(piece, { maxLength: 10 }),
    )
    .map(([origin, pieces]) => `${origin}/api/v1/timelines/home${pieces.join("")}`);
  fc.assert(
    fc.property(target, (link) => {
      assert.deepEqual(parseLinkHeader(`<${link}>; rel="next"`, base).next, byUrlParser(link, base), link);
    }),
    RUNS,
  );
});

test("a BigInt goes as its digits in every encoding, JSON included (where JSON.stringify throws)", () => {
  const id = 113_456_789_012_345_678n;
  assert.equal(toQueryString({ in_reply_to_id: id }), "in_reply_to_id=113456789012345678");
  assert.equal(
    encodeBody("json", { in_reply_to_id: id, media_ids: [1n, "2"] }).body,
    '{"in_reply_to_id":"113456789012345678","media_ids":["1","2"]}',
  );
  assert.equal((encodeBody("multipart", { id }).body as FormData).get("id"), "113456789012345678");
});

test("circular parameters are refused with MastodonIllegalArgumentError in every encoding, not a stack overflow", () => {
  const circular: Record<string, unknown> = { name: "loop" };
  circular.self = circular;
  const listed: unknown[] = [];
  listed.push({ again: listed });
  for (const [encoding, write, message] of [
    [
      "query",
      () => toQueryString({ filter: circular }),
      /^filter(\[self\])+ nests more than 16 levels deep: the parameters hold a circular reference/,
    ],
    ["query, through a list", () => toQueryString({ list: listed }), /nests more than 16 levels deep/],
    ["form", () => encodeBody("form", { filter: circular }), /nests more than 16 levels deep/],
    ["multipart", () => encodeBody("multipart", { filter: circular }), /nests more than 16 levels deep/],
    [
      "json",
      () => encodeBody("json", { filter: circular }),
      /^The parameters cannot be sent as JSON \(Converting circular structure to JSON\): pass plain values/,
    ],
  ] as const) {
    assert.throws(
      write,
      (error: Error) => error instanceof MastodonIllegalArgumentError && message.test(error.message),
      encoding,
    );
  }
  // Nesting as deep as Mastodon's own parameters goes out.
  assert.equal(
    toQueryString({ filter: { keywords_attributes: [{ keyword: "x", whole_word: true }] } }),
    "filter%5Bkeywords_attributes%5D%5B0%5D%5Bkeyword%5D=x&filter%5Bkeywords_attributes%5D%5B0%5D%5Bwhole_word%5D=true",
  );
});
