/**
 * Tiny media files for the sandbox media tests, built byte by byte: a real (decodable) PNG and GIF of
 * any size, WebP and JPEG headers of each kind, a WAV file, and a minimal MP4 movie box; plus raw
 * multipart uploads for the exact status codes.
 */
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of data) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

function ihdr(width: number, height: number): Buffer {
  return chunk("IHDR", Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid grey RGB PNG of the given size (keep it small: the pixels are really there). */
export function png(width: number, height: number): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xc0)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** Just a PNG's signature and IHDR, claiming any size (no pixels). */
export function pngHeader(width: number, height: number): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height)]);
}

/** A valid one-colour GIF89a of the given size (the LZW data of a single clear + end code). */
export function gif(width: number, height: number): Buffer {
  const le = (n: number) => [n & 0xff, n >> 8];
  return Buffer.from([
    ...Buffer.from("GIF89a", "latin1"),
    ...le(width),
    ...le(height),
    0x80, // global colour table of 2 entries
    0,
    0,
    0xff,
    0xff,
    0xff,
    0,
    0,
    0,
    0x2c, // image descriptor
    0,
    0,
    0,
    0,
    ...le(width),
    ...le(height),
    0,
    0x02, // LZW minimum code size
    0x02,
    0x44,
    0x01, // clear, then end
    0,
    0x3b,
  ]);
}

function riff(fourcc: string, payload: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(fourcc, "latin1"), payload]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from("RIFF", "latin1"), size, body]);
}

function le32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** WebP headers of the three kinds, each stating the given size. */
export const webp = {
  lossy(width: number, height: number): Buffer {
    const frame = Buffer.alloc(10);
    frame.set([0x9d, 0x01, 0x2a], 3);
    frame.writeUInt16LE(width, 6);
    frame.writeUInt16LE(height, 8);
    return riff("WEBP", Buffer.concat([Buffer.from("VP8 ", "latin1"), le32(10), frame]));
  },
  lossless(width: number, height: number): Buffer {
    const bits = (width - 1) | ((height - 1) << 14);
    const data = Buffer.concat([Buffer.from([0x2f]), le32(bits >>> 0)]);
    return riff(
      "WEBP",
      Buffer.concat([Buffer.from("VP8L", "latin1"), le32(data.length), data, Buffer.alloc(1)]),
    );
  },
  extended(width: number, height: number): Buffer {
    const data = Buffer.alloc(10);
    data.writeUIntLE(width - 1, 4, 3);
    data.writeUIntLE(height - 1, 7, 3);
    return riff("WEBP", Buffer.concat([Buffer.from("VP8X", "latin1"), le32(10), data]));
  },
};

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** A JPEG's header up to its frame: SOI, APP0, a comment, then a start-of-frame (SOF0 by default). */
export function jpegHeader(width: number, height: number, sof = 0xc0): Buffer {
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [...Buffer.from("JFIF\0", "latin1"), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xfe, [...Buffer.from("sandbox", "latin1")]),
    0xff, // a fill byte before the next marker
    ...segment(sof, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    0xff,
    0xd9,
  ]);
}

/** One second of 8 kHz mono silence. */
export function wav(): Buffer {
  const samples = 8000;
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(8000, 4);
  fmt.writeUInt32LE(8000, 8);
  fmt.writeUInt16LE(1, 12);
  fmt.writeUInt16LE(8, 14);
  return riff(
    "WAVE",
    Buffer.concat([
      Buffer.from("fmt ", "latin1"),
      le32(16),
      fmt,
      Buffer.from("data", "latin1"),
      le32(samples),
      Buffer.alloc(samples, 0x80),
    ]),
  );
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, "latin1"), body]);
}

/** A minimal MP4: ftyp, then moov with a movie header (duration / timescale) and one video track header. */
export function mp4(width: number, height: number, seconds: number): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12);
  mvhd.writeUInt32BE(Math.round(seconds * 1000), 16);
  const tkhd = Buffer.alloc(84);
  tkhd.writeUInt32BE(width * 65536, 76);
  tkhd.writeUInt32BE(height * 65536, 80);
  const ftyp = box("ftyp", Buffer.from("isom\0\0\0\0isomavc1", "latin1"));
  return Buffer.concat([
    ftyp,
    box("moov", box("mvhd", mvhd), box("trak", box("tkhd", tkhd))),
    box("mdat", Buffer.alloc(64)),
  ]);
}

/** A multipart body with files and text fields, sent as a browser or curl would. */
export function form(
  fields: Record<string, string | { data: Uint8Array; type: string; name?: string }>,
): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string") body.append(key, value);
    else
      body.append(
        key,
        new Blob([value.data as Uint8Array<ArrayBuffer>], { type: value.type }),
        value.name ?? "upload",
      );
  }
  return body;
}
