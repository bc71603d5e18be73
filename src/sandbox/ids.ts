/**
 * Ids as Mastodon makes them: snowflakes, the creation time in milliseconds shifted left by 16 bits plus
 * a sequence, written in decimal. So ids sort by creation time, and a client's `dateToSnowflake` cursor
 * (`min_id` from a date) lands where Mastodon's would.
 */

/** Orders two ids as Mastodon does: by length, then character by character (never as numbers). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class SnowflakeIds {
  /** The last id issued, kept in the saved state so ids stay increasing across a restart. */
  last: bigint;

  constructor(last = 0n) {
    this.last = last;
  }

  /** A new id, later than every id issued before, from the time given (the sandbox's clock). */
  next(at: number): string {
    let id = BigInt(Math.floor(at)) << 16n;
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }
}

/** A random opaque string for tokens, codes and secrets (43 url-safe characters, 256 bits). */
export function randomToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64url");
}
