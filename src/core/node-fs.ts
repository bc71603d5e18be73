/**
 * File access for credential files, loaded only when used so that the core runs in browsers too.
 * `process.getBuiltinModule` (Node >= 20.16, Deno, Bun) gives synchronous access, which the
 * constructor needs to read credential files as Mastodon.py does.
 */
import type * as Fs from "node:fs";
import { MastodonIllegalArgumentError } from "./errors.js";

type GetBuiltin = (id: string) => unknown;

/**
 * A built-in module of Node.js (or Deno, Bun), synchronously and without a static `node:` import,
 * which browser bundles could not resolve; undefined where there is none.
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process
    ?.getBuiltinModule;
  return getBuiltin?.(id) as T | undefined;
}

export function nodeFs(purpose: string): typeof Fs {
  const fs = nodeBuiltin<typeof Fs>("node:fs");
  if (!fs) {
    throw new MastodonIllegalArgumentError(
      `${purpose} needs file access, which this runtime does not offer (Node.js >= 20.16, Deno or Bun do). ` +
        "Pass the credentials as strings instead (client_id, client_secret, access_token).",
    );
  }
  return fs;
}

/** True when `value` names an existing regular file (Mastodon.py's `os.path.isfile` test). */
export function isExistingFile(value: string): boolean {
  const fs = nodeBuiltin<typeof Fs>("node:fs");
  if (!fs || value.length > 4096 || value.includes("\n")) return false;
  try {
    return fs.statSync(value).isFile();
  } catch {
    return false;
  }
}
