// The CLI as a package part: the bin entry, its shebang, and the rule that only the bin loads the CLI
// (the library must not pull in node:http, node:readline & co. at load).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sources(path.join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [path.join(dir, entry.name)]
          : [],
    );
}

test("the bin is dist/cli/main.js, built from src/cli/main.ts, which starts with a node shebang", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  assert.deepEqual(pkg.bin, { "mastodon-ts": "./dist/cli/main.js" });
  const main = fs.readFileSync(path.join(ROOT, "src", "cli", "main.ts"), "utf8");
  assert.ok(main.startsWith("#!/usr/bin/env node\n"));
});

test("nothing outside src/cli imports the CLI", () => {
  const offenders = sources(path.join(ROOT, "src"))
    .filter((file) => !file.includes(`${path.sep}cli${path.sep}`))
    .filter((file) => /from\s+["'][^"']*\/cli\//.test(fs.readFileSync(file, "utf8")));
  assert.deepEqual(offenders, []);
});

test("src/auth/from-env.ts imports no Node built-in (Mastodon.fromEnv is part of the core)", () => {
  const text = fs.readFileSync(path.join(ROOT, "src", "auth", "from-env.ts"), "utf8");
  assert.doesNotMatch(text, /from\s+["']node:/);
});
