// Hostile statuses shown by the CLI: content built to make the HTML-to-text step slow, and bidi
// controls (which printable() leaves, not being terminal controls) that would reorder the line.
import assert from "node:assert/strict";
import { test } from "node:test";
import { accountLine, htmlToText, statusLines } from "../src/cli/format.js";
import type { Status } from "../src/entities/index.js";

const BASE = "https://example.social";

test("content of '<' with no '>' after (and '<br' runs): turned to text in linear time", () => {
  for (const content of ["<".repeat(200_000), "<br".repeat(70_000), "</p><p".repeat(35_000)]) {
    const started = performance.now();
    const text = htmlToText(content);
    const took = performance.now() - started;
    // Quadratic before: 100 KB of "<" took 13 s.
    assert.ok(took < 500, `${took.toFixed(0)} ms for ${content.slice(0, 6)}...`);
    assert.equal(text.length > 0, true);
  }
  assert.equal(htmlToText("<p>a<b>b</b></p><p>c</p> <x"), "ab\n\nc <x");
});

test("bidi overrides and isolates from a server are shown as U+FFFD, written raw or as references", () => {
  const account = { acct: "mallory\u202e", display_name: "Alice\u202e\u2066 &#x202E;" };
  assert.doesNotMatch(accountLine(account, BASE), /[\u202a-\u202e\u2066-\u2069]/);
  const status = {
    id: "1",
    created_at: "2024-01-01T00:00:00Z",
    uri: "https://example.social/1\u202e",
    url: null,
    content: "<p>hi &#x202E;there&#8238; \u2067x</p>",
    spoiler_text: "cw\u202d",
    account,
    media_attachments: [{ type: "image", description: "d\u202e", url: "https://x/\u2068" }],
  } as unknown as Status;
  const lines = statusLines(status, BASE).join("\n");
  assert.doesNotMatch(lines, /[\u202a-\u202e\u2066-\u2069]/);
  assert.match(lines, /hi \ufffdthere\ufffd \ufffdx/);
  // Right-to-left text itself, and the marks that only nudge it, are left as they are.
  assert.equal(htmlToText("<p>\u05e9\u05dc\u05d5\u05dd\u200f</p>"), "\u05e9\u05dc\u05d5\u05dd\u200f");
});
