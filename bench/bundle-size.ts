/**
 * Browser bundle sizes: what an app pays to use mastodon-ts, beside masto and megalodon. Each app is
 * one import and one call, bundled by esbuild for the browser (minified, ES module) from the built
 * package (dist/, as an app would get it from npm), gzipped at level 9. Measured twice:
 *   - one file: esbuild without code splitting (a dynamic import() is inlined);
 *   - at start: with code splitting, the entry chunk and the chunks it imports statically: what a
 *     page loads before the first call (parts behind a dynamic import() come later, when used).
 *
 *   node --import tsx bench/bundle-size.ts           prints the table
 *   node --import tsx bench/bundle-size.ts --analyze  and the largest modules of each app
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { versionOf } from "./peers.js";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** An app to bundle: its source (an ES module that imports the client and calls it once). */
export interface BundleApp {
  name: string;
  /** The largest acceptable gzip size in KB (one file), where there is a target. */
  targetKB?: number;
  source: string;
}

export const APPS: readonly BundleApp[] = [
  {
    name: "mastodon-ts (Mastodon class)",
    targetKB: 30,
    source: `import { Mastodon } from "mastodon-ts";
const api = new Mastodon({ api_base_url: "https://mastodon.example", access_token: "token" });
api.timelineHome().then((statuses) => console.log(statuses.length));`,
  },
  {
    name: "mastodon-ts/light (timelineHome, statusPost, streamUser)",
    targetKB: 8,
    source: `import { createClient, statusPost, streamUser, timelineHome } from "mastodon-ts/light";
const client = createClient({ api_base_url: "https://mastodon.example", access_token: "token" });
timelineHome(client).then((statuses) => console.log(statuses.length));
statusPost(client, "hello").then((status) => console.log(status.id));
streamUser(client, { onUpdate: (status) => console.log(status.id) });`,
  },
  {
    name: "mastodon-ts/light on createFetchClient (same three functions)",
    targetKB: 8,
    source: `import { createFetchClient, statusPost, streamUser, timelineHome } from "mastodon-ts/light";
const client = createFetchClient({ api_base_url: "https://mastodon.example", access_token: "token" });
timelineHome(client).then((statuses) => console.log(statuses.length));
statusPost(client, "hello").then((status) => console.log(status.id));
streamUser(client, { onUpdate: (status) => console.log(status.id) });`,
  },
  {
    name: "mastodon-ts/light on createFetchClient (timelineHome, statusPost; no stream)",
    source: `import { createFetchClient, statusPost, timelineHome } from "mastodon-ts/light";
const client = createFetchClient({ api_base_url: "https://mastodon.example", access_token: "token" });
timelineHome(client).then((statuses) => console.log(statuses.length));
statusPost(client, "hello").then((status) => console.log(status.id));`,
  },
  {
    name: `masto ${versionOf("masto")}`,
    source: `import { createRestAPIClient } from "masto";
const masto = createRestAPIClient({ url: "https://mastodon.example", accessToken: "token" });
masto.v1.timelines.home.list().then((statuses) => console.log(statuses.length));`,
  },
  {
    name: `megalodon ${versionOf("megalodon")}`,
    source: `import generator from "megalodon";
const client = generator("mastodon", "https://mastodon.example", "token");
client.getHomeTimeline().then((res) => console.log(res.data.length));`,
  },
];

export interface BundleSize {
  name: string;
  /** One file: minified bytes and gzip bytes. */
  minified: number;
  gzip: number;
  /** With code splitting: gzip bytes of what loads at start, and of every chunk. */
  startGzip: number;
  allChunksGzip: number;
  targetKB?: number;
  /** Modules by bytes in the one-file bundle, largest first. */
  largest: [string, number][];
  /** Modules of the one-file bundle that are Node-only or must never reach a browser. */
  forbidden: string[];
}

/** An entry point that exists only in memory, resolved as if it were a file of this package. */
function virtualEntry(source: string): Plugin {
  return {
    name: "virtual-entry",
    setup(b) {
      b.onResolve({ filter: /^virtual:app$/ }, () => ({ path: "app", namespace: "virtual" }));
      b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({
        contents: source,
        loader: "js",
        resolveDir: ROOT,
      }));
    },
  };
}

const gzipSize = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

/** Modules a browser bundle must not contain: the sandbox server, the CLI, Node built-ins. (`ws` maps to its browser stub.) */
const FORBIDDEN = /(^|\/)(dist|src)\/(sandbox|cli)\/|^node:/;

/** How an app's bundler builds it for a browser: minified ES modules (the tests bundle apps the same way). */
export const BROWSER_APP_BUILD = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  metafile: true,
  logLevel: "silent",
} as const satisfies BuildOptions;

export async function measureApp(app: BundleApp): Promise<BundleSize> {
  const common: BuildOptions & { write: false; metafile: true } = {
    ...BROWSER_APP_BUILD,
    entryPoints: ["virtual:app"],
    plugins: [virtualEntry(app.source)],
  };
  const single = await build({ ...common, outfile: "out/app.js" });
  const code = single.outputFiles![0]!.contents;
  const split = await build({ ...common, outdir: "out", splitting: true });
  const files = new Map(split.outputFiles!.map((f) => [f.path, f.contents]));
  const outputs = split.metafile.outputs;
  // The app's own entry: chunks behind a dynamic import() are entry points too (of their own).
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === "virtual:app")!;
  const atStart = new Set<string>();
  const visit = (output: string) => {
    if (atStart.has(output)) return;
    atStart.add(output);
    for (const imported of outputs[output]!.imports) {
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  const sizeOf = (output: string) => gzipSize(files.get(resolve(output))!);
  const inputs = Object.entries(singleInputs(single.metafile));
  return {
    name: app.name,
    minified: code.length,
    gzip: gzipSize(code),
    startGzip: [...atStart].reduce((sum, o) => sum + sizeOf(o), 0),
    allChunksGzip: Object.keys(outputs).reduce((sum, o) => sum + sizeOf(o), 0),
    ...(app.targetKB === undefined ? {} : { targetKB: app.targetKB }),
    largest: inputs.sort((a, b) => b[1] - a[1]),
    forbidden: inputs.map(([path]) => path).filter((path) => FORBIDDEN.test(path)),
  };
}

function singleInputs(metafile: Metafile): Record<string, number> {
  const output = Object.values(metafile.outputs)[0]!;
  return Object.fromEntries(Object.entries(output.inputs).map(([path, v]) => [path, v.bytesInOutput]));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function sizeTable(sizes: readonly BundleSize[]): string {
  const rows = [
    ["app", "min KB", "gzip KB", "at start (split) gzip KB", "all chunks gzip KB", "target"],
    ...sizes.map((s) => [
      s.name,
      kb(s.minified),
      kb(s.gzip),
      kb(s.startGzip),
      kb(s.allChunksGzip),
      s.targetKB === undefined ? "" : `${s.gzip / 1024 <= s.targetKB ? "PASS" : "FAIL"} <= ${s.targetKB}`,
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows
    .map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))))
    .map((r) => `  ${r.join("  ")}`)
    .join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = [];
  for (const app of APPS) sizes.push(await measureApp(app));
  console.log(sizeTable(sizes));
  for (const s of sizes) {
    if (s.forbidden.length > 0) console.log(`\n${s.name} contains: ${s.forbidden.join(", ")}`);
    if (process.argv.includes("--analyze")) {
      console.log(`\n${s.name}, largest modules (minified bytes):`);
      for (const [path, bytes] of s.largest.slice(0, 15))
        console.log(`  ${String(bytes).padStart(7)}  ${path}`);
    }
  }
}
