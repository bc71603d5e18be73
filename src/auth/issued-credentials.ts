/**
 * Credentials a server hands out (an app's client_id and client_secret, an access or refresh
 * token) are checked as they arrive: they go into Authorization headers and into line-based
 * credential files (Mastodon.py's format, one value per line). A value with a line break would
 * shift the lines of such a file, so that reading it back takes another line for the server's
 * address; other control characters would fail every request that carries it. OAuth (RFC 6749,
 * appendix A) allows printable ASCII only, which every server issues.
 */
import { MastodonAPIError } from "../core/errors.js";

/** Printable ASCII (RFC 6749's VSCHAR), not starting or ending with a space. */
const ISSUED = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * Throws MastodonAPIError unless each named field of `answer` is a credential as OAuth defines one;
 * `optional` fields may be absent (null or undefined).
 */
export function checkIssued(
  answer: object,
  what: string,
  required: readonly string[],
  optional: readonly string[] = [],
): void {
  for (const field of [...required, ...optional]) {
    const value = (answer as Record<string, unknown>)[field];
    if ((value === undefined || value === null) && optional.includes(field)) continue;
    if (typeof value === "string" && ISSUED.test(value)) continue;
    // The value itself is not shown: it is a secret, and may be what would break the message.
    throw new MastodonAPIError(
      `The server's answer to ${what} has ${describe(value)} as ${field}, where OAuth allows only printable ` +
        "ASCII: it could not be sent in a header, nor kept in a credential file. The server is misbehaving; " +
        "report it to its admins.",
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return "no value";
  if (typeof value !== "string") return `a ${typeof value}`;
  if (value === "") return "an empty string";
  return `a string of ${value.length} characters with a line break, a control character, non-ASCII or an edge space`;
}
