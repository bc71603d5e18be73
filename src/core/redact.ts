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

/** A copy of parsed JSON with every secret masked inside its strings (for an error's `details`). */
export function redactDeep(value: unknown, secrets: Iterable<string | undefined | null>): unknown {
  const list = [...secrets];
  const walk = (item: unknown): unknown => {
    if (typeof item === "string") return redact(item, list);
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== "object") return item;
    return Object.fromEntries(Object.entries(item).map(([key, child]) => [redact(key, list), walk(child)]));
  };
  return walk(value);
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
