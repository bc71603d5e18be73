/**
 * File access for credential files, loaded only when used so that the core runs in browsers too.
 * `process.getBuiltinModule` (Node >= 20.16, Deno, Bun) gives synchronous access, which the
 * constructor needs to read credential files as Mastodon.py does.
 */
import type * as Fs from "node:fs";
import { MastodonIllegalArgumentError } from "./errors.js";

type GetBuiltin = (id: string) => unknown;

export function nodeFs(purpose: string): typeof Fs {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process
    ?.getBuiltinModule;
  const fs = getBuiltin?.("node:fs") as typeof Fs | undefined;
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
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process
    ?.getBuiltinModule;
  const fs = getBuiltin?.("node:fs") as typeof Fs | undefined;
  if (!fs || value.length > 4096 || value.includes("\n")) return false;
  try {
    return fs.statSync(value).isFile();
  } catch {
    return false;
  }
}
