// The package as a bundler with code splitting makes it (esbuild, for Node), with the chunk of one
// lazily loaded module moved away, as when a browser cannot download it: to test that its loader
// fails with a clear MastodonError and that the next call, once the chunk is back, loads it.
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "../..");

export interface BundleWithoutChunk {
  /** The bundled package (src/index.ts), imported. */
  code: typeof import("../../src/index.js");
  /** Puts the chunk back. */
  restore(): void;
  /** Removes the bundle's directory. */
  remove(): void;
}

/** Bundles src/index.ts with splitting and moves away the chunk of `entryPoint` (e.g. "src/api/pagination-walk.ts"). */
export async function bundleWithoutChunk(entryPoint: string): Promise<BundleWithoutChunk> {
  const outdir = mkdtempSync(join(tmpdir(), "mastodon-ts-missing-chunk-"));
  const remove = () => rmSync(outdir, { recursive: true, force: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ["src/index.ts"],
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      packages: "external",
      entryNames: "[name]",
      chunkNames: "[name]-[hash]",
      metafile: true,
      logLevel: "silent",
    });
    const outputs = result.metafile.outputs;
    const chunk = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === entryPoint);
    if (chunk === undefined) throw new Error(`${entryPoint} is not a chunk of its own`);
    const chunkPath = resolve(ROOT, chunk);
    renameSync(chunkPath, `${chunkPath}.away`);
    const code = (await import(pathToFileURL(join(outdir, "index.js")).href)) as BundleWithoutChunk["code"];
    return { code, restore: () => renameSync(`${chunkPath}.away`, chunkPath), remove };
  } catch (error) {
    remove();
    throw error;
  }
}
