/**
 * Every public export of "mastodon-ts", "mastodon-ts/sandbox" and "mastodon-ts/redis" has a doc
 * comment, and so does every member of an exported class, interface or object type (methods,
 * options, events, listener callbacks): scripts/docs-coverage.ts lists what lacks one, with the
 * TypeScript compiler over the sources (a few seconds; TypeDoc's own validation takes far longer).
 *
 * test/docs-coverage.baseline.txt lists the gaps this check was introduced with. Nothing may be added
 * to it: a new export without a comment fails here. An entry that gets its comment must be removed
 * from it, so the list only shrinks.
 *
 * The second test runs TypeDoc itself, as `npm run docs` does but without writing the HTML
 * (scripts/typedoc-warnings.ts: conversion and validation, ~8-10 s here), and fails on any warning:
 * what the compiler check above cannot see, such as an undocumented field of a nested object type,
 * a public member whose type the reference does not include, or comment text that TypeDoc takes for
 * a link.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { undocumentedExports } from "../scripts/docs-coverage.js";
import { typedocWarnings } from "../scripts/typedoc-warnings.js";

const baselinePath = join(dirname(fileURLToPath(import.meta.url)), "docs-coverage.baseline.txt");

/** "entry: Name.member  (src/file.ts)": the line number left out, so that edits above do not matter. */
function key(item: { name: string; where: string }): string {
  return `${item.name}  (${item.where.replace(/:\d+$/, "")})`;
}

test("every public export, method, option and event has a doc comment (beyond the shrinking baseline)", () => {
  const missing = undocumentedExports();
  assert.ok(missing.length < 5000, "the check found its entry points");
  const baseline = new Set(
    readFileSync(baselinePath, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("#")),
  );
  const found = new Set(missing.map(key));
  const added = missing.filter((item) => !baseline.has(key(item)));
  assert.deepEqual(
    added.map((item) => `${item.name}  (${item.where})`),
    [],
    "these public exports have no doc comment: write one (what it does, parameters, result, Mastodon version, errors)",
  );
  const fixed = [...baseline].filter((line) => !found.has(line));
  assert.deepEqual(
    fixed,
    [],
    "these now have a doc comment: remove them from test/docs-coverage.baseline.txt",
  );
});

test("npm run docs reports no TypeDoc warning", async () => {
  assert.deepEqual(
    await typedocWarnings(),
    [],
    "TypeDoc warns about these: document the member, export the type it names from the entry point " +
      "(or tag the member @internal if users do not need it), or reword comment text TypeDoc reads as a link",
  );
});
