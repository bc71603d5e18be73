// What a browser app loads at start: its source bundled by esbuild with code splitting (minified,
// ES module), and the source files of the entry chunk and of the chunks that it imports
// statically. Parts behind a dynamic import() load later, when first used.
import { resolve } from "node:path";
import { build } from "esbuild";
import { BROWSER_APP_BUILD } from "../../bench/bundle-size.js";

const ROOT = resolve(import.meta.dirname, "../..");

/** An app's source bundled for a browser as an app's bundler would (as the size bench does). */
function browserBuild(source: string) {
  return { ...BROWSER_APP_BUILD, stdin: { contents: source, resolveDir: ROOT, loader: "ts" as const } };
}

/** The source files (paths relative to the repository, e.g. "src/core/client.ts") loaded at start. */
export async function filesLoadedAtStart(source: string): Promise<Set<string>> {
  return (await splitBundleFiles(source)).atStart;
}

/**
 * The app as one file (no splitting: a dynamic import() is inlined, as in a bundler's single-file
 * build): the source files with code in it, every file the bundler read (shaken out or not), and
 * its code.
 */
export async function oneFileBundle(
  source: string,
): Promise<{ files: Set<string>; read: Set<string>; code: string }> {
  const result = await build(browserBuild(source));
  // The files with code in the output: the metafile's inputs also list files read and then shaken out.
  const output = Object.values(result.metafile.outputs)[0];
  const files = Object.entries(output?.inputs ?? {}).filter(([, input]) => input.bytesInOutput > 0);
  return {
    files: new Set(files.map(([path]) => path)),
    read: new Set(Object.keys(result.metafile.inputs)),
    code: result.outputFiles[0]?.text ?? "",
  };
}

/** The source files loaded at start, and all the source files of the bundle (every chunk). */
export async function splitBundleFiles(source: string): Promise<{ atStart: Set<string>; all: Set<string> }> {
  const result = await build({ ...browserBuild(source), splitting: true, outdir: "/virtual-out" });
  const outputs = result.metafile.outputs;
  // Dynamically imported chunks are entry points too; the app's own is the one from stdin.
  const entry = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === "<stdin>");
  if (entry === undefined) throw new Error("esbuild made no chunk for the app");
  const atStart = new Set<string>();
  const visit = (name: string) => {
    if (atStart.has(name)) return;
    atStart.add(name);
    for (const imported of outputs[name]?.imports ?? []) {
      if (imported.kind === "import-statement") visit(imported.path);
    }
  };
  visit(entry);
  const filesOf = (names: Iterable<string>) =>
    new Set([...names].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {})));
  return { atStart: filesOf(atStart), all: filesOf(Object.keys(outputs)) };
}
