// Runs @arethetypeswrong/cli on the package as npm would publish it. `attw --pack` would run
// `npm pack` with its `prepare` build, a second full build inside `npm test`; this packs what the
// build just wrote (ensure-built.mjs builds it first when missing or stale).
// The esm-only profile: mastodon-ts is an ES module, so a CommonJS caller's types resolving to ESM, or
// TypeScript's pre-exports node10 resolution missing a subpath, are not faults of the package.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
execFileSync(process.execPath, [join(root, "scripts", "ensure-built.mjs")], { cwd: root, stdio: "inherit" });
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const attw = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
const destination = mkdtempSync(join(tmpdir(), "mastodon-ts-attw-"));
try {
  const packed = JSON.parse(
    execFileSync(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], {
      cwd: root,
      encoding: "utf8",
      shell: process.platform === "win32",
    }),
  );
  const tarball = join(destination, packed[0].filename);
  execFileSync(process.execPath, [attw, tarball, "--profile", "esm-only", "--format", "table-flipped"], {
    stdio: "inherit",
  });
} finally {
  rmSync(destination, { recursive: true, force: true });
}
