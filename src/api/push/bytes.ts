/**
 * Bytes for Web Push: turning what callers hand in (Uint8Array, Buffer, ArrayBuffer, base64 or
 * base64url text) into byte arrays Web Crypto takes, and back into the text forms servers and
 * headers use. Works without Node's Buffer, so it runs in browsers too.
 */

import { fromBase64 } from "../../core/base64.js";

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
