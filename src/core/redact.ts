/**
 * Keeps secrets out of messages, logs and errors. Every string that leaves the library through an
 * error message or `debug_requests` output goes through `redact` with the secrets known at that
 * moment, and form/JSON fields that carry secrets are masked by name.
 */

/** Field names whose values are secret wherever they appear. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  "access_token",
  "refresh_token",
  "client_secret",
  "password",
  "code",
  "code_verifier",
  "token",
  "id_token",
]);

export const MASK = "[REDACTED]";

/** Replaces every occurrence of each secret (of 4+ characters) in `text` with a mask. */
export function redact(text: string, secrets: Iterable<string | undefined | null>): string {
  let out = text;
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < 4) continue;
    out = out.split(secret).join(MASK);
  }
  return out;
}

/**
 * How deep an error's `details` are copied. Mastodon's are three levels deep ({ field: [{ error }] });
 * a server's answer nested thousands deep would otherwise overflow the stack while being copied,
 * and surface as a RangeError in place of the server's error.
 */
const MAX_DETAIL_DEPTH = 32;
export const TOO_DEEP = "[nested too deep]";

/** A copy of parsed JSON with every secret masked inside its strings (for an error's `details`). */
export function redactDeep(value: unknown, secrets: Iterable<string | undefined | null>): unknown {
  const list = [...secrets];
  const walk = (item: unknown, depth: number): unknown => {
    if (typeof item === "string") return redact(item, list);
    if (item === null || typeof item !== "object") return item;
    if (depth === MAX_DETAIL_DEPTH) return TOO_DEEP;
    if (Array.isArray(item)) return item.map((child) => walk(child, depth + 1));
    return Object.fromEntries(
      Object.entries(item).map(([key, child]) => [redact(key, list), walk(child, depth + 1)]),
    );
  };
  return walk(value, 0);
}

/** A copy of a parameter object with secret fields masked, for debug output. */
export function maskSecretFields(params: unknown): unknown {
  if (Array.isArray(params)) return params.map(maskSecretFields);
  if (params === null || typeof params !== "object") return params;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] =
      SECRET_FIELDS.has(key) && value !== undefined && value !== null ? MASK : maskSecretFields(value);
  }
  return out;
}

/** Masks the value of any `Authorization` header. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    out[key] = key.toLowerCase() === "authorization" ? value.replace(/\s.*$/, ` ${MASK}`) : value;
  }
  return out;
}
