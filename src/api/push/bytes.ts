/**
 * Bytes for Web Push: turning what callers hand in (Uint8Array, Buffer, ArrayBuffer, base64 or
 * base64url text) into byte arrays Web Crypto takes, and back into the text forms servers and
 * headers use. Works without Node's Buffer, so it runs in browsers too.
 */

/** Binary data as callers may have it: Uint8Array (Node's Buffer is one), ArrayBuffer or any view. */
export type BytesLike = Uint8Array | ArrayBuffer | ArrayBufferView;

/** A copy-free Uint8Array over `value` when possible; undefined when it is not binary data. */
export function asBytes(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) {
    const view = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    // Web Crypto's typings want ArrayBuffer-backed views; a SharedArrayBuffer-backed one is copied.
    return view.buffer instanceof ArrayBuffer ? (view as Uint8Array<ArrayBuffer>) : view.slice();
  }
  return undefined;
}

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

/** Bytes from binary data or base64(url) text; undefined when `value` is neither. */
export function bytesOrBase64(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  return typeof value === "string" ? fromBase64(value) : asBytes(value);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A big-endian unsigned integer as exactly `length` bytes (throws RangeError if it does not fit). */
export function bigIntToBytes(value: bigint, length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new RangeError(`does not fit in ${length} bytes`);
  return out;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export const utf8 = {
  encode: (text: string): Uint8Array<ArrayBuffer> =>
    new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>,
  decode: (bytes: Uint8Array): string => new TextDecoder("utf-8", { fatal: true }).decode(bytes),
};
