/**
 * base64 and base64url without Node's Buffer, so that they run in browsers, Deno and Bun too
 * (PKCE verifiers, Web Push keys, data: URLs).
 */

/**
 * Standard base64 with padding (what Mastodon.py sends as subscription keys, and data: URLs use).
 * Converted in chunks, so that a thumbnail of megabytes is not built one character at a time.
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** base64url without padding (what browsers and the Web Push headers use). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Decodes base64 in either alphabet (standard or url-safe), padded or not, ignoring whitespace.
 * Returns undefined for text that is not base64.
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const clean = text.replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  const binary = atob(clean + "=".repeat((4 - (clean.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
