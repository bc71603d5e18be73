/**
 * The README's TypeScript examples type-check against the built package, as a user would import
 * it ("mastodon-ts" resolves to dist/ through the package's exports), so that the documentation
 * cannot drift from the API. `npm run build` must have run first (npm test does that).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
// Inside the package, so that "mastodon-ts" resolves to the package itself (self-reference).
const dir = join(repo, ".readme-snippets");

/** Names the shorter examples use without defining them, as a reader would have them. */
const PRELUDE = `import {
  type Account,
  Mastodon,
  MastodonRatelimitError,
  MastodonUnauthorizedError,
  type Status,
} from "mastodon-ts";
declare const api: Mastodon;
declare const id: string;
declare const me: Account;
declare const lastStatus: Status;
declare const spammer: Account;
declare const report: string;
declare const request: Request;
void MastodonRatelimitError;
void MastodonUnauthorizedError;
`;

function snippets(): string[] {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

function tsc(project: string): Promise<{ code: number; output: string }> {
  const bin = join(repo, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, "-p", project], { cwd: repo }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

test("the README's TypeScript examples type-check against the built package", async (t) => {
  assert.ok(existsSync(join(repo, "dist", "index.d.ts")), "run `npm run build` before this test");
  const blocks = snippets();
  assert.ok(blocks.length >= 8, `found ${blocks.length} examples`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = blocks.map((code, i) => {
    const file = `example-${i + 1}.ts`;
    // Complete examples bring their own imports; the shorter ones get the prelude.
    const text = /^import /m.test(code) ? code : PRELUDE + code;
    writeFileSync(join(dir, file), `${text}\nexport {};\n`);
    return file;
  });
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../tsconfig.json",
      compilerOptions: { rootDir: ".", noEmit: true, noUnusedLocals: false },
      include: files,
    }),
  );
  const { code, output } = await tsc(join(dir, "tsconfig.json"));
  assert.equal(code, 0, `README examples do not type-check:\n${output}`);
});
