/**
 * The size and length of an MP4 / QuickTime video from its `moov` box (the movie header's duration and
 * the first track header with a picture size), for the `meta` of an uploaded video. The walk over boxes
 * always moves forward by at least a box header and only descends two levels, so hostile bytes (lying
 * sizes, truncation, endless nesting) end it quickly with `undefined` fields rather than an exception.
 */
import { ascii, u32be } from "./image-size.js";

export interface VideoInfo {
  width: number | undefined;
  height: number | undefined;
  /** Seconds. */
  duration: number | undefined;
}

export interface Box {
  type: string;
  /** Where the payload starts and ends (the end clamped to the buffer). */
  start: number;
  end: number;
}

/** The boxes directly inside [from, to). */
export function* boxes(bytes: Uint8Array, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    const declared = u32be(bytes, at)!;
    const type = ascii(bytes, at + 4, 4);
    let header = 8;
    let length: number;
    if (declared === 1) {
      // A 64-bit size follows the type; only its low 53 bits can matter for a buffer in memory.
      const high = u32be(bytes, at + 8);
      const low = u32be(bytes, at + 12);
      if (high === undefined || low === undefined) return;
      header = 16;
      length = high * 2 ** 32 + low;
    } else {
      length = declared === 0 ? to - at : declared;
    }
    if (length < header) return;
    const end = Math.min(to, at + length);
    yield { type, start: at + header, end };
    at += length;
  }
}

export function find(bytes: Uint8Array, parent: Box, type: string): Box | undefined {
  for (const box of boxes(bytes, parent.start, parent.end)) if (box.type === type) return box;
  return undefined;
}

/** The movie header: version 0 has 32-bit times, version 1 has 64-bit ones. */
function movieDuration(bytes: Uint8Array, mvhd: Box): number | undefined {
  const version = bytes[mvhd.start];
  const [scaleAt, durationAt] = version === 1 ? [20, 24] : [12, 16];
  const timescale = u32be(bytes, mvhd.start + scaleAt);
  const high = version === 1 ? u32be(bytes, mvhd.start + durationAt) : 0;
  const low = u32be(bytes, mvhd.start + durationAt + (version === 1 ? 4 : 0));
  if (!timescale || high === undefined || low === undefined || mvhd.start + durationAt + 8 > mvhd.end)
    return undefined;
  const seconds = (high * 2 ** 32 + low) / timescale;
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) / 1000 : undefined;
}

/** A track header's width and height (16.16 fixed point, after the version-specific fields). */
function trackSize(bytes: Uint8Array, tkhd: Box): { width: number; height: number } | undefined {
  const at = tkhd.start + (bytes[tkhd.start] === 1 ? 88 : 76);
  if (at + 8 > tkhd.end) return undefined;
  const width = Math.floor(u32be(bytes, at)! / 65536);
  const height = Math.floor(u32be(bytes, at + 4)! / 65536);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

export function readMp4Info(bytes: Uint8Array): VideoInfo {
  const info: VideoInfo = { width: undefined, height: undefined, duration: undefined };
  const moov = find(bytes, { type: "", start: 0, end: bytes.length }, "moov");
  if (!moov) return info;
  const mvhd = find(bytes, moov, "mvhd");
  if (mvhd) info.duration = movieDuration(bytes, mvhd);
  for (const trak of boxes(bytes, moov.start, moov.end)) {
    if (trak.type !== "trak") continue;
    const tkhd = find(bytes, trak, "tkhd");
    const picture = tkhd && trackSize(bytes, tkhd);
    if (picture) {
      info.width = picture.width;
      info.height = picture.height;
      break;
    }
  }
  return info;
}
