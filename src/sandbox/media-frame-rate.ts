/**
 * A video's frame rate as Mastodon shows it (`meta.original.frame_rate`, ffprobe's "30/1"): the video
 * track's media timescale (mdhd) over its usual sample duration (the stts entry covering the most
 * samples), reduced. Same defensive walk as media-mp4.ts: lying sizes and truncation give undefined.
 */

import { ascii, u32be } from "./image-size.js";
import { type Box, boxes, find } from "./media-mp4.js";

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The media header's timescale (after version, flags and two times of 32 or 64 bits). */
function timescaleOf(bytes: Uint8Array, mdhd: Box): number | undefined {
  const at = mdhd.start + (bytes[mdhd.start] === 1 ? 20 : 12);
  return at + 4 <= mdhd.end ? u32be(bytes, at) : undefined;
}

/** The sample duration shared by the most samples in the time-to-sample table. */
function usualSampleDelta(bytes: Uint8Array, stts: Box): number | undefined {
  const count = u32be(bytes, stts.start + 4);
  if (count === undefined) return undefined;
  let best: { samples: number; delta: number } | undefined;
  for (let i = 0, at = stts.start + 8; i < count && at + 8 <= stts.end; i++, at += 8) {
    const samples = u32be(bytes, at)!;
    const delta = u32be(bytes, at + 4)!;
    if (delta > 0 && (!best || samples > best.samples)) best = { samples, delta };
  }
  return best?.delta;
}

export function readMp4FrameRate(bytes: Uint8Array): string | undefined {
  const moov = find(bytes, { type: "", start: 0, end: bytes.length }, "moov");
  if (!moov) return undefined;
  for (const trak of boxes(bytes, moov.start, moov.end)) {
    if (trak.type !== "trak") continue;
    const mdia = find(bytes, trak, "mdia");
    const hdlr = mdia && find(bytes, mdia, "hdlr");
    // The handler type follows the version, flags and a reserved word.
    if (!mdia || !hdlr || hdlr.start + 12 > hdlr.end || ascii(bytes, hdlr.start + 8, 4) !== "vide") continue;
    const mdhd = find(bytes, mdia, "mdhd");
    const minf = find(bytes, mdia, "minf");
    const stbl = minf && find(bytes, minf, "stbl");
    const stts = stbl && find(bytes, stbl, "stts");
    const timescale = mdhd && timescaleOf(bytes, mdhd);
    const delta = stts && usualSampleDelta(bytes, stts);
    if (!timescale || !delta) return undefined;
    const divisor = gcd(timescale, delta);
    return `${timescale / divisor}/${delta / divisor}`;
  }
  return undefined;
}
