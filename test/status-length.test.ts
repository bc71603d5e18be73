// getStatusLength against the ground truth Mastodon.py's tests hold (lengths measured on a real
// Mastodon server): links count 23, remote mentions count their local part, graphemes count once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { getStatusLength, Mastodon, MastodonIllegalArgumentError, URL_LENGTH } from "../src/index.js";

const ZWJ = "\u200d";
const FAMILY = ["\u{1F468}", "\u{1F469}", "\u{1F467}", "\u{1F466}"].join(ZWJ);
const TECHNOLOGIST = `\u{1F469}\u{1F3FD}${ZWJ}\u{1F4BB}`;
const FLAG = "\u{1F1EA}\u{1F1EA}";
const FIST = "\u270A\u{1F3FF}";

// [text, length]; many lengths are written as 1000 minus the remaining characters the server showed.
const CASES: [string, number][] = [
  ["", 0],
  ["hello", 5],
  [" leading and trailing spaces   ", 31],
  [" tabs\tand\nnewlines\r\n", 19],
  ["check http://example.com and https://example.org/page?x=1#frag", 1000 - 943],
  ["ftp://files.example.net/resource", 1000 - 968],
  ["http://user:pass@example.com:8080/path", 1000 - 962],
  ["http://127.0.0.1:3000/health", 1000 - 972],
  ["https://[2001:db8::1]/status", 1000 - 972],
  ["https://[2001:db8:85a3::8a2e:370:7334]:443/path?ok=1", 1000 - 948],
  ["mailto:someone@example.com", 1000 - 974],
  ["git+ssh://git@example.co.uk:22/repo.git", 1000 - 961],
  ["https://very.long.tld.example.museum/collection/item", 1000 - 977],
  ["@alice", 6],
  ["@bob@example.com", 4],
  ["hi @charlie and @dora@example.social!", 1000 - 978],
  ["hey @me@example.com look at https://example.com/a-b_c~d?e=f#g and @you  ", 50],
  [`a: ${FLAG}`, 4],
  [`b: ${FAMILY}`, 4],
  [`c: ${TECHNOLOGIST}`, 4],
  [`d: ${FIST}`, 4],
  ["é", 1],
  ["f\u0301", 1],
  ["https://sub.sub2.Путин.рф/увидимся/в?Гааге=военный#преступник", 1000 - 952],
  ["clusters: 😀😃😄😁😆😅😂🤣😊🙂😉🙃😇🥰😍🤩😘😗😙😚", 30],
  [
    "See: http://example.com https://[2001:db8::2]:8443/a ftp://user:pw@files.example.org:21/x http://192.168.0.1/",
    1000 - 886,
  ],
  [`@one https://example.social/@two ${TECHNOLOGIST} ${FLAG} @three@example.com ${FIST}`, 1000 - 959],
  ["(see https://example.com.)", 30],
  ["[link: http://user:pass@host.example:8080/path?x=y#z]", 1000 - 947],
  ["<@root> and {@admin@example.net}", 20],
  ["https://example.com/a-b_c~d?param_a=1&param-b=2", 1000 - 977],
];

for (const [text, expected] of CASES) {
  test(`getStatusLength(${JSON.stringify(text)}) is ${expected}`, () => {
    assert.equal(getStatusLength(text), expected);
    assert.equal(getStatusLength(text, { spoiler_text: "what" }), expected + 4, "the content warning counts");
  });
}

test("a long link counts as 23, and so does every scheme Mastodon links", () => {
  assert.equal(URL_LENGTH, 23);
  assert.equal(getStatusLength(`https://example.com/${"a".repeat(500)}`), 23);
  for (const scheme of ["http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini"]) {
    assert.equal(getStatusLength(`${scheme}://example.com/some/long/path/here`), 23, scheme);
  }
  assert.equal(getStatusLength("example.com/some/long/path"), 26, "a bare domain counts as typed");
  assert.equal(
    getStatusLength("see https://a.example.com/x(y)z ok"),
    4 + 23 + 3,
    "balanced parentheses stay in the link",
  );
  assert.equal(
    getStatusLength("a http://example.com, b"),
    2 + 23 + 3,
    "trailing punctuation is not part of it",
  );
});

test("long text without links is counted as typed (dotted runs, CR LF, non-ASCII)", () => {
  assert.equal(getStatusLength("a.".repeat(5000)), 10_000);
  assert.equal(getStatusLength(`http://${"1.".repeat(3000)}`), 6007, "no TLD, no link");
  assert.equal(getStatusLength("line\r\n".repeat(100)), 500, "CR LF is one character");
  assert.equal(getStatusLength("é\r\n".repeat(100)), 200);
});

test("mentions: only real mentions are shortened", () => {
  assert.equal(getStatusLength("mail me at me@example.com"), 25, "an address is not a mention");
  assert.equal(getStatusLength("@a.b-c@example.com"), 6, "dots and dashes inside a username");
  assert.equal(getStatusLength("x=@bob@example.com"), 18, "not after =");
  assert.equal(getStatusLength("@bob@example.com@"), 17, "followed by @ it is no mention");
});

test("the method on the client is the same computation, with clear errors", () => {
  const api = new Mastodon({ api_base_url: "http://127.0.0.1:9" });
  assert.equal(api.getStatusLength("hey @me@example.com", { spoiler_text: "cw" }), 9);
  assert.throws(() => api.getStatusLength(5 as never), MastodonIllegalArgumentError);
  assert.throws(
    () => api.getStatusLength("x", "cw" as never),
    /getStatusLength\(\): pass the content warning as an option/,
  );
  assert.throws(() => getStatusLength("x", { spoiler_text: 3 as never }), /spoiler_text must be a string/);
});

test("Mastodon.getStatusLength is static as in Mastodon.py, and agrees with the instance method", () => {
  const text = "hi @someone@example.org https://example.com/long/path";
  const api = new Mastodon({ api_base_url: "https://mastodon.example" });
  assert.equal(Mastodon.getStatusLength(text), getStatusLength(text));
  assert.equal(api.getStatusLength(text, { spoiler_text: "cw" }), Mastodon.getStatusLength(text) + 2);
  assert.equal(Mastodon.getStatusLength(text), 3 + 8 + 1 + 23, "@someone@example.org counts as @someone");
});
