/**
 * A throwaway project that depends on mastodon-ts as npm would install it: the package packed from the
 * current build (`npm pack --ignore-scripts`, so `files` and `exports` apply) and unpacked into its
 * node_modules. Runtimes run scripts from there, so they see only what the package ships.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./runtimes.js";

export interface PackedProject {
  dir: string;
  /** Copies a file into the project and returns its path there. */
  add(source: string, name: string): string;
  remove(): void;
}

export function packedProject(): PackedProject {
  execFileSync(process.execPath, [join(ROOT, "scripts", "ensure-built.mjs")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  const dir = mkdtempSync(join(tmpdir(), "mastodon-ts-packed-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
      cwd: ROOT,
      encoding: "utf8",
    }),
  ) as { filename: string }[];
  const installed = join(dir, "node_modules", "mastodon-ts");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", join(dir, packed[0]!.filename), "-C", installed, "--strip-components=1"]);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "packed-user", private: true, type: "module" }),
  );
  return {
    dir,
    add(source, name) {
      const target = join(dir, name);
      copyFileSync(source, target);
      return target;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
