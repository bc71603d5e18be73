// Replaces tsc's JavaScript for the package's entries (package.json's `exports`) with bundled
// ES modules that share chunks (run after tsc by `npm run build`). A cold `import("mastodon-ts")`
// then reads a few files instead of ~170, which was most of its start-up cost; the entries share
// one copy of every class (a sandbox's client is `instanceof Mastodon`). The declarations
// (dist/**/*.d.ts), the CLI and every other module stay as tsc wrote them.
// No Node-only import is added: the main entry stays loadable in a browser, as it was.
//
// Browsers get the modules instead (the "browser" condition of `exports`, which esbuild, Vite,
// webpack and Rollup apply when they build for a browser): an app's bundler can drop every module
// the app does not use, which it cannot do inside prebuilt shared chunks (their module init
// wrappers keep everything they hold). mastodon-ts/light's app loads about a quarter less at start
// that way. dist/<entry>.browser.js is the entry as its own module, importing tsc's modules beside it.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { packageEntries } from "./package-entries.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const entries = packageEntries();
/** The package's `exports` entries (without ".js"), each bundled where tsc put it. */
const ENTRIES = entries.map((entry) => entry.name);
/** The entries a browser app can use (the sandbox and Redis store need Node), with a "browser" export. */
const BROWSER_ENTRIES = entries.filter((entry) => entry.browser).map((entry) => entry.name);
// Chunk names carry a hash of their content: drop the last build's, or they pile up in the package.
rmSync(`${root}dist/chunks`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ENTRIES.map((entry) => ({ in: `src/${entry}.ts`, out: entry })),
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // Peer and optional packages (ws, the Redis clients) stay imports, resolved where they are installed.
  packages: "external",
  legalComments: "none",
  logLevel: "warning",
});
// Written by esbuild from src rather than copied from tsc's output, which the bundle above has just
// replaced (and whose source map line would point at a map this script deletes).
await build({
  absWorkingDir: root,
  entryPoints: BROWSER_ENTRIES.map((entry) => ({ in: `src/${entry}.ts`, out: `${entry}.browser` })),
  outdir: "dist",
  bundle: false,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
// tsc's maps described the unbundled files; maps of the bundles would point at src/, which is not shipped.
for (const entry of ENTRIES) rmSync(`${root}dist/${entry}.js.map`, { force: true });
