/**
 * What a credential given to the client (client id, client secret, access token) may hold. It goes
 * into an Authorization header or a form field, and into Mastodon.py's line-based credential files:
 * a line break would shift the file's lines (the next read takes another line for the server's
 * address), and a control character or space would make every request fail with a misleading
 * network error. Checked wherever a credential comes in (constructor, environment, setters), so
 * that the mistake is named where it is made. No Node built-in: the core loads this.
 */
import { MastodonIllegalArgumentError } from "../core/errors.js";

/** Printable ASCII without spaces: every credential a server issues, and what a credential file line holds. */
export function isCredential(value: string): boolean {
  return /^[\x21-\x7e]+$/.test(value);
}

/**
 * A credential as given: a string without spaces, or undefined / null / "" for none. Spaces and line
 * breaks at its ends are dropped (a token read from a file ends with a newline); anywhere else they
 * are refused. `name` is how the caller knows it (an option, a variable). Throws
 * MastodonIllegalArgumentError when it is not a credential.
 */
export function credentialValue(name: string, given: unknown): string | undefined {
  const value = typeof given === "string" ? given.trim() : given;
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !isCredential(value)) {
    // The value itself is not shown: it may be a secret.
    throw new MastodonIllegalArgumentError(
      `${name} must be a string of printable characters without spaces (or undefined for none); got ${typeof value === "string" ? "a string with spaces or other characters (a line break, a control character or non-ASCII)" : typeof value}.`,
    );
  }
  return value;
}
