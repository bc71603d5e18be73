// Every public method of Mastodon.py has its camelCase counterpart (DESIGN.md, naming rule 1), and
// every table-driven method declares the version that added it and the docs page that explains it.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { endpoints } from "../src/endpoints.js";
import { Mastodon } from "../src/index.js";

const referenceFile = resolve(
  fileURLToPath(new URL("..", import.meta.url)),
  "..",
  "shared",
  "reference",
  "mastodonpy-methods.tsv",
);

/** `status_post` -> `statusPost`, `admin_accounts_v2` -> `adminAccountsV2`. */
function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Mastodon.py's client methods (listener and handle classes are checked by the streaming tests). */
function referenceMethods(): string[] {
  const lines = readFileSync(referenceFile, "utf8").trim().split("\n").slice(1);
  return lines.map((line) => line.split("\t")[0] ?? "").filter((name) => name !== "" && !name.includes("."));
}

test("camelCase follows DESIGN.md's examples", () => {
  assert.equal(camelCase("status_post"), "statusPost");
  assert.equal(camelCase("admin_accounts_v2"), "adminAccountsV2");
  assert.equal(camelCase("log_in"), "logIn");
  assert.equal(camelCase("fetch_next"), "fetchNext");
});

test("every Mastodon.py method has a counterpart", {
  skip: !existsSync(referenceFile) && "no reference",
}, () => {
  const names = referenceMethods();
  assert.ok(names.length >= 260, `the reference lists ${names.length} methods`);
  const statics = new Set(["createApp"]);
  const missing = names
    .map(camelCase)
    .filter((name) =>
      statics.has(name)
        ? typeof (Mastodon as unknown as Record<string, unknown>)[name] !== "function"
        : typeof (Mastodon.prototype as unknown as Record<string, unknown>)[name] !== "function",
    );
  assert.deepEqual(missing, [], `missing: ${missing.join(", ")}`);
});

test("every endpoint row names its version and its documentation page", () => {
  for (const [name, spec] of Object.entries(endpoints)) {
    assert.match(spec.since, /^\d+\.\d+\.\d+$/, `${name}: since`);
    if (spec.changed !== undefined) assert.match(spec.changed, /^\d+\.\d+\.\d+$/, `${name}: changed`);
    assert.match(spec.docs, /^[a-z]/, `${name}: docs`);
    assert.match(spec.route, /^(GET|POST|PUT|PATCH|DELETE) \/[^\s]*$/, `${name}: route`);
  }
});
