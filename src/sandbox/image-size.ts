/**
 * An image's width and height read from its header (PNG, JPEG, GIF, WebP), without decoding pixels,
 * so the sandbox can show the real `meta.original` of an upload. Uploads are untrusted bytes: every
 * read is bounds-checked, lengths written in the file are never believed beyond the buffer, the JPEG
 * segment walk always moves forward (so it ends after at most one step per byte), and anything odd
 * (truncated, zero-sized, lying lengths) gives `undefined` rather than an exception.
 */

export interface ImageSize {
  width: number;
  height: number;
}

/** A byte, or -1 past the end: callers compare, so -1 never passes for a real value. */
function byte(bytes: Uint8Array, at: number): number {
  return at >= 0 && at < bytes.length ? bytes[at]! : -1;
}

function u16be(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 2 > bytes.length) return undefined;
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function u16le(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 2 > bytes.length) return undefined;
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u24le(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 3 > bytes.length) return undefined;
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
}

export function u32be(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 4 > bytes.length) return undefined;
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

export function ascii(bytes: Uint8Array, at: number, length: number): string {
  let out = "";
  for (let i = at; i < at + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

function size(width: number | undefined, height: number | undefined): ImageSize | undefined {
  if (width === undefined || height === undefined || width <= 0 || height <= 0) return undefined;
  return { width, height };
}

/** PNG: the IHDR chunk must come first, right after the signature. */
function pngSize(bytes: Uint8Array): ImageSize | undefined {
  if (ascii(bytes, 12, 4) !== "IHDR") return undefined;
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  // PNG dimensions are at most 2^31 - 1.
  if (width === undefined || height === undefined || width > 0x7fffffff || height > 0x7fffffff)
    return undefined;
  return size(width, height);
}

/** GIF: the logical screen size (the canvas every frame is drawn on). */
function gifSize(bytes: Uint8Array): ImageSize | undefined {
  return size(u16le(bytes, 6), u16le(bytes, 8));
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X, with the canvas size). */
function webpSize(bytes: Uint8Array): ImageSize | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === "VP8 ") {
    // The frame header of a key frame: a start code, then 14-bit width and height.
    if (byte(bytes, 23) !== 0x9d || byte(bytes, 24) !== 0x01 || byte(bytes, 25) !== 0x2a) return undefined;
    const width = u16le(bytes, 26);
    const height = u16le(bytes, 28);
    return size(
      width === undefined ? undefined : width & 0x3fff,
      height === undefined ? undefined : height & 0x3fff,
    );
  }
  if (chunk === "VP8L") {
    if (byte(bytes, 20) !== 0x2f || bytes.length < 25) return undefined;
    const b1 = bytes[21]!;
    const b2 = bytes[22]!;
    const b3 = bytes[23]!;
    const b4 = bytes[24]!;
    // Two 14-bit fields, each storing the size minus one, packed little-endian.
    const width = 1 + (b1 | ((b2 & 0x3f) << 8));
    const height = 1 + ((b2 >> 6) | (b3 << 2) | ((b4 & 0x0f) << 10));
    return size(width, height);
  }
  if (chunk === "VP8X") {
    const width = u24le(bytes, 24);
    const height = u24le(bytes, 27);
    return size(width === undefined ? undefined : width + 1, height === undefined ? undefined : height + 1);
  }
  return undefined;
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length: TEM, RST0-7, SOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/** JPEG: walks the segments after SOI to the first start-of-frame. */
function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    // Any number of 0xFF fill bytes may precede a marker.
    while (byte(bytes, at) === 0xff) at++;
    const marker = byte(bytes, at);
    at++;
    if (marker < 0 || marker === 0xd9 || marker === 0xda) return undefined; // end, EOI, or scan data
    if (isStandalone(marker)) continue;
    const length = u16be(bytes, at);
    if (length === undefined || length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2); a height of 0 means "given later" (DNL), not handled.
      return size(u16be(bytes, at + 5), u16be(bytes, at + 3));
    }
    at += length;
  }
  return undefined;
}

/** The size of a PNG, JPEG, GIF or WebP image from its header; undefined for anything else or broken. */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  if (ascii(bytes, 0, 8) === "\x89PNG\r\n\x1a\n") return pngSize(bytes);
  if (byte(bytes, 0) === 0xff && byte(bytes, 1) === 0xd8) return jpegSize(bytes);
  const head = ascii(bytes, 0, 6);
  if (head === "GIF87a" || head === "GIF89a") return gifSize(bytes);
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return webpSize(bytes);
  return undefined;
}
