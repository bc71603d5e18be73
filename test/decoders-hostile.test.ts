// Decoders fed hostile input (server-sent filter keywords and status HTML, push headers,
// blurhash sizes, version strings): each ends fast, with a named error when it must fail.
import assert from "node:assert/strict";
import { test } from "node:test";
import { plainText } from "../src/api/filters/apply-filters.js";
import { decodeBlurhash } from "../src/api/statuses/blurhash.js";
import { type FilterV2, Mastodon, MastodonIllegalArgumentError, type Status } from "../src/index.js";

const api = new Mastodon({ api_base_url: "http://127.0.0.1:9", access_token: "t" });
const status = (content: string) => ({ id: "1", content, spoiler_text: "" }) as Status;
const filterOf = (fields: Record<string, unknown>) =>
  ({ id: "1", title: "f", context: ["home"], expires_at: null, ...fields }) as unknown as FilterV2;

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

test("plainText is linear on '<' without '>' (was quadratic: seconds for 100,000)", () => {
  const [text, ms] = timed(() => plainText(`${"<".repeat(200_000)}x`));
  assert.ok(ms < 500, `took ${ms} ms`);
  assert.equal(text.length, 200_001);
  // Same tags as /<.*?>/g: the first ">" on the same line ends one; a line break stops one.
  assert.equal(plainText("a<b>c<d\ne>f<<g>h"), "a c<d e>f h");
  assert.equal(plainText("<\u2028>x"), "< >x");
});

test("filtersApply with 10,000 whole-word keywords takes well under seconds, and 100,000 work", () => {
  const keywords = Array.from({ length: 10_000 }, (_, i) => ({
    id: `${i}`,
    keyword: `kw${i}x`,
    whole_word: true,
  }));
  const objects = [status("<p>nothing here</p>"), status("<p>see kw9999x now</p>"), status("kw9999xy")];
  const [kept, ms] = timed(() => api.filtersApply(objects, [filterOf({ keywords })], "home"));
  assert.ok(ms < 2500, `took ${ms} ms`);
  assert.deepEqual(kept, [objects[0], objects[2]]);
  const many = Array.from({ length: 100_000 }, (_, i) => ({
    id: `${i}`,
    keyword: `w${i}`,
    whole_word: i % 2 === 0,
  }));
  assert.deepEqual(api.filtersApply([status("a w99999b")], [filterOf({ keywords: many })], "home"), []);
});

test("filtersApply refuses a keyword too long for a regular expression by name", () => {
  const keywords = [{ id: "1", keyword: "a".repeat(200_000), whole_word: true }];
  assert.throws(
    () => api.filtersApply([status("a")], [filterOf({ keywords })], "home"),
    (error: unknown) =>
      error instanceof MastodonIllegalArgumentError && /keyword is too long to match/.test(error.message),
  );
});

test("filtersApply refuses keywords or statuses that are not lists with a named error", () => {
  for (const fields of [
    { phrase: "x", keywords: 5 },
    { phrase: "x", keywords: {} },
    { keywords: [], statuses: 7 },
  ]) {
    assert.throws(
      () => api.filtersApply([status("x")], [filterOf(fields)], "home"),
      (error: unknown) =>
        error instanceof MastodonIllegalArgumentError &&
        /filters\[0\]\.\w+ is not a list/.test(error.message),
    );
  }
});

test("decodeBlurhash refuses an out_size too large to decode instead of a RangeError or running out of memory", () => {
  for (const out_size of [
    [1e9, 1],
    [3e8, 1],
    [2048, 2048],
  ] as const) {
    assert.throws(
      () =>
        decodeBlurhash({ blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj" }, { out_size, size_per_component: false }),
      (error: unknown) =>
        error instanceof MastodonIllegalArgumentError && /too many to decode/.test(error.message),
    );
  }
  assert.equal(
    decodeBlurhash(
      { blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj" },
      { out_size: [1024, 1024], size_per_component: false },
    ).length,
    1024,
  );
});

test("pushSubscriptionDecryptPush does not copy a huge rs from the Encryption header into its message", async () => {
  const [priv, pub] = await api.pushSubscriptionGenerateKeys();
  const dh = Buffer.from(pub.pubkey).toString("base64url");
  await assert.rejects(
    api.pushSubscriptionDecryptPush(
      new Uint8Array(64),
      priv,
      `salt=${"A".repeat(22)};rs=${"9x".repeat(50_000)}`,
      `dh=${dh}`,
    ),
    (error: unknown) =>
      error instanceof MastodonIllegalArgumentError &&
      /rs is not a valid record size: 9x9x.*\(99,\d+ more characters\)\. Pass/.test(error.message) &&
      error.message.length < 1000,
  );
});

test("verifyMinimumVersion refuses a symbol or a huge string by name, quoting only the start", async () => {
  await assert.rejects(
    api.verifyMinimumVersion(Symbol("4.0.0") as unknown as string),
    (error: unknown) => error instanceof MastodonIllegalArgumentError && /got a symbol/.test(error.message),
  );
  await assert.rejects(
    api.verifyMinimumVersion("x".repeat(100_000)),
    (error: unknown) => error instanceof MastodonIllegalArgumentError && error.message.length < 1000,
  );
});
