// Builds dist/ when it is missing or older than a source file, so `npm run demo` runs what src/ says
// without paying for a full TypeScript build when nothing changed (npm install already built it).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const marker = join(root, "dist", "index.js");
const stale = !existsSync(marker) || newest(join(root, "src")) > statSync(marker).mtimeMs;
if (stale) {
  console.error("Building mastodon-ts (src/ changed since the last build)...");
  execFileSync(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  // As `npm run build` does: the main entry bundled into one module (fast cold import).
  execFileSync(process.execPath, [join(root, "scripts", "bundle-main.mjs")], { cwd: root, stdio: "inherit" });
}
