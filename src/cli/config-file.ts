/**
 * The CLI's own store: the apps it registered (per server, reused by later logins) and the accounts
 * it logged in to, one of them active. A JSON file in the platform's config directory, written with
 * mode 0600 (it holds tokens), replaced atomically so that a crash cannot leave half a file.
 *
 *   Linux & co.  $XDG_CONFIG_HOME/mastodon-ts/config.json (default ~/.config/...)
 *   macOS        ~/Library/Application Support/mastodon-ts/config.json
 *   Windows      %APPDATA%\mastodon-ts\config.json
 *   anywhere     $MASTODON_TS_CONFIG, or --config PATH
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeSecretFile } from "../auth/credential-file-writing.js";
import { readSmallFile } from "../auth/credential-files.js";
import { envValue } from "../auth/from-env.js";
import { MastodonIOError } from "../core/errors.js";
import { CliError, EXIT } from "./exit-codes.js";

export const CONFIG_ENV = "MASTODON_TS_CONFIG";

/** Far more than a config with hundreds of accounts needs; a bigger file is the wrong one (or /dev/zero). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface StoredApp {
  api_base_url: string;
  name: string;
  client_id: string;
  client_secret: string;
  scopes: string[];
  redirect_uris: string[];
}

export interface StoredAccount {
  api_base_url: string;
  /** The account id on its server. */
  id: string;
  username: string;
  acct: string;
  display_name?: string | undefined;
  access_token: string;
  client_id: string;
  client_secret: string;
  scopes: string[];
}

export interface ConfigData {
  version: 1;
  /** The key (in `accounts`) of the account commands use by default. */
  active?: string | undefined;
  accounts: Record<string, StoredAccount>;
  apps: StoredApp[];
}

export function defaultConfigPath(env: NodeJS.ProcessEnv, platform = process.platform): string {
  const override = envValue(env, CONFIG_ENV);
  if (override) return path.resolve(override);
  const home = os.homedir();
  let dir: string;
  if (platform === "win32") dir = env.APPDATA || path.join(home, "AppData", "Roaming");
  else if (platform === "darwin") dir = path.join(home, "Library", "Application Support");
  else dir = env.XDG_CONFIG_HOME?.startsWith("/") ? env.XDG_CONFIG_HOME : path.join(home, ".config");
  return path.join(dir, "mastodon-ts", "config.json");
}

/** How an account is named in the config and on the command line: user@host[:port]. */
export function accountKey(username: string, apiBaseUrl: string): string {
  return `${username}@${new URL(apiBaseUrl).host}`;
}

export class ConfigFile {
  constructor(readonly path: string) {}

  exists(): boolean {
    return fs.existsSync(this.path);
  }

  load(): ConfigData {
    let text: string;
    try {
      text = readSmallFile(
        fs,
        this.path,
        MAX_CONFIG_BYTES,
        `The config file ${this.path}`,
        `Move it away, or choose another file with --config or ${CONFIG_ENV}.`,
      );
    } catch (cause) {
      if ((cause as { code?: string }).code === "ENOENT") return { version: 1, accounts: {}, apps: [] };
      if (cause instanceof MastodonIOError) throw new CliError(cause.message, EXIT.failure, { cause });
      throw new CliError(
        `Could not read the config file ${this.path} (${(cause as { code?: string }).code ?? "error"}).`,
        EXIT.failure,
        { cause },
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new CliError(
        `The config file ${this.path} is not valid JSON. Fix it, or move it away and log in again.`,
        EXIT.failure,
        { cause },
      );
    }
    const record = (data ?? {}) as Partial<ConfigData>;
    return {
      version: 1,
      ...(typeof record.active === "string" ? { active: record.active } : {}),
      accounts: record.accounts && typeof record.accounts === "object" ? record.accounts : {},
      apps: Array.isArray(record.apps) ? record.apps : [],
    };
  }

  /** True when others than the owner may read the file (POSIX systems only). */
  tooOpen(): boolean {
    if (process.platform === "win32") return false;
    try {
      return (fs.statSync(this.path).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  }

  save(data: ConfigData): void {
    try {
      fs.mkdirSync(path.dirname(this.path), { recursive: true, mode: 0o700 });
      // Replaces the file in one step, through a temporary file of its own (see writeSecretFile).
      writeSecretFile(this.path, `${JSON.stringify(data, null, 2)}\n`);
    } catch (cause) {
      // writeSecretFile wraps the file system's error; its code is one level down.
      const code = (cause as { code?: string }).code ?? (cause as { cause?: { code?: string } }).cause?.code;
      throw new CliError(
        `Could not write the config file ${this.path} (${code ?? "error"}). ` +
          `Check that its directory is writable, or choose another file with --config or ${CONFIG_ENV}.`,
        EXIT.failure,
        { cause },
      );
    }
  }

  /** Loads, changes and saves in one step. */
  update<T>(change: (data: ConfigData) => T): T {
    const data = this.load();
    const result = change(data);
    this.save(data);
    return result;
  }
}
