/** The sandbox's settings: what `startSandbox` and `mastodon-ts sandbox` accept, and their defaults. */

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  /** Loopback by default; anything else needs `public: true`. */
  host?: string | undefined;
  /** Allow a non-loopback `host`. The sandbox has no real security: passwords are stored in clear. */
  public?: boolean | undefined;
  /** Accounts to create at start (when the state is empty), each with a ready token. Default alice, bob. */
  users?: readonly string[] | undefined;
  /** Keep the state in this file (JSON, mode 0600, written atomically) so it survives a restart. */
  data?: string | undefined;
  /** Requests per window per token: `{ limit: 300, window_seconds: 300 }` or `"300/5m"`. */
  ratelimit?: RatelimitSetting | string | undefined;
  /** Answer the OAuth password grant (Mastodon 4.4+ refuses it with unsupported_grant_type). */
  allow_password_grant?: boolean | undefined;
  /** How long an upload stays "processing" (206) before it is ready, in ms. Default 300. */
  media_processing_ms?: number | undefined;
  /** The instance's status length limit. Default 500. */
  max_characters?: number | undefined;
  /** Largest accepted upload in bytes. Default 16 MiB. */
  max_upload_bytes?: number | undefined;
  /** The clock, in epoch ms; tests pass their own to move time. Default Date.now. */
  now?: (() => number) | undefined;
}

/**
 * A rate limit: `limit` requests per `window_seconds`, counted per token (or per address without
 * one) in windows aligned to the clock, as Mastodon counts them. Default 300 per 300 seconds.
 */
export interface RatelimitSetting {
  /** Requests allowed in one window; the next one is answered 429 until the window ends. */
  limit: number;
  /** The window's length, in seconds. */
  window_seconds: number;
}

export interface ResolvedSandboxOptions {
  port: number;
  host: string;
  users: readonly string[];
  data: string | undefined;
  ratelimit: RatelimitSetting;
  allow_password_grant: boolean;
  media_processing_ms: number;
  max_characters: number;
  max_upload_bytes: number;
  now: () => number;
}

export const DEFAULT_USERS: readonly string[] = ["alice", "bob"];

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Reads `300/5m` (also `30/10s`, `1000/1h`, `300/300`); throws a message that says the format. */
export function parseRatelimit(text: string): RatelimitSetting {
  const m = /^(\d{1,9})\/(\d{1,9})([smh]?)$/.exec(text.trim());
  const limit = Number(m?.[1]);
  const window = Number(m?.[2]) * (UNITS[m?.[3] || "s"] ?? 1);
  if (!m || limit < 1 || window < 1) {
    throw new Error(
      `a rate limit is written REQUESTS/WINDOW, such as 300/5m, 30/10s or 1000/1h; got "${text}"`,
    );
  }
  return { limit, window_seconds: window };
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\]|localhost)$/i;

export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK.test(host);
}

const USERNAME = /^[a-z0-9_]{1,30}$/i;

export function resolveOptions(options: SandboxOptions): ResolvedSandboxOptions {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackAddress(host) && !options.public) {
    throw new Error(
      `the sandbox binds to loopback only; "${host}" is not a loopback address. It has no real security ` +
        "(passwords are kept in clear), so pass public: true (--public) to expose it anyway.",
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`port must be 0 to 65535; got ${port}`);
  const users = options.users ?? DEFAULT_USERS;
  for (const user of users) {
    if (!USERNAME.test(user)) {
      throw new Error(`"${user}" is not a valid username: use 1 to 30 letters, digits or underscores`);
    }
  }
  if (new Set(users.map((u) => u.toLowerCase())).size !== users.length)
    throw new Error("users has a name twice");
  const ratelimit =
    typeof options.ratelimit === "string"
      ? parseRatelimit(options.ratelimit)
      : (options.ratelimit ?? { limit: 300, window_seconds: 300 });
  return {
    port,
    host,
    users,
    data: options.data,
    ratelimit,
    allow_password_grant: options.allow_password_grant ?? false,
    media_processing_ms: options.media_processing_ms ?? 300,
    max_characters: options.max_characters ?? 500,
    max_upload_bytes: options.max_upload_bytes ?? 16 * 1024 * 1024,
    now: options.now ?? Date.now,
  };
}
