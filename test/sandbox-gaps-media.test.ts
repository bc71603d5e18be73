// Sandbox media gaps: a video's frame rate read from its MP4 boxes (mdhd timescale / stts delta), the
// fixed player colours, over real sockets with the library, and hostile MP4 boxes that must not throw.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { readMp4FrameRate } from "../src/sandbox/media-frame-rate.js";
import { client, sandbox } from "./sandbox-timelines-fixtures.js";
import { conformanceMediaPath } from "./support/recorded.js";

const VIDEO_MP4 = join(conformanceMediaPath(), "video.mp4");

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, "latin1"), body]);
}

/** A track of `handler` whose media timescale and sample deltas are given. */
function trak(handler: string, timescale: number, entries: [samples: number, delta: number][], version = 0) {
  const mdhd = Buffer.alloc(version === 1 ? 32 : 20);
  mdhd[0] = version;
  mdhd.writeUInt32BE(timescale, version === 1 ? 20 : 12);
  const hdlr = Buffer.concat([Buffer.alloc(8), Buffer.from(handler, "latin1"), Buffer.alloc(12)]);
  const stts = Buffer.concat([
    Buffer.alloc(4),
    u32(entries.length),
    ...entries.flatMap(([n, d]) => [u32(n), u32(d)]),
  ]);
  return box(
    "trak",
    box("mdia", box("mdhd", mdhd), box("hdlr", hdlr), box("minf", box("stbl", box("stts", stts)))),
  );
}

function movie(...tracks: Buffer[]): Buffer {
  return Buffer.concat([box("ftyp", Buffer.from("isom", "latin1")), box("moov", ...tracks)]);
}

describe("sandbox video frame rate", () => {
  test("timescale over the most used sample delta, reduced; v0 and v1 media headers", () => {
    assert.equal(readMp4FrameRate(readFileSync(VIDEO_MP4)), "30/1", "the recorded Mastodon value");
    assert.equal(readMp4FrameRate(movie(trak("vide", 15360, [[100, 512]]))), "30/1");
    assert.equal(
      readMp4FrameRate(
        movie(
          trak("vide", 30000, [
            [1, 2002],
            [500, 1001],
          ]),
        ),
      ),
      "30000/1001",
    );
    assert.equal(readMp4FrameRate(movie(trak("vide", 600, [[10, 24]], 1))), "25/1");
    // The sound track is passed over; a movie with no video track has no frame rate.
    const both = movie(trak("soun", 48000, [[10, 1024]]), trak("vide", 24, [[10, 1]]));
    assert.equal(readMp4FrameRate(both), "24/1");
    assert.equal(readMp4FrameRate(movie(trak("soun", 48000, [[10, 1024]]))), undefined);
  });

  test("hostile boxes give undefined, never a throw", () => {
    const cases: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from("garbage that is no mp4 at all"),
      movie(trak("vide", 0, [[10, 1]])),
      movie(trak("vide", 30, [])),
      movie(trak("vide", 30, [[10, 0]])),
      movie(trak("vide", 30, [[10, 1]])).subarray(0, 70),
      Buffer.concat([u32(0xffffffff), Buffer.from("moov"), u32(1)]),
      Buffer.concat([u32(1), Buffer.from("moov"), u32(0xffffffff), u32(0xffffffff)]),
    ];
    for (const bytes of cases) assert.equal(readMp4FrameRate(bytes), undefined);
    // An stts claiming four billion entries in a few bytes: only the entries really there are read.
    const lying = movie(trak("vide", 30, [[10, 1]]));
    lying.writeUInt32BE(0xffffffff, lying.indexOf("stts") + 8);
    assert.equal(readMp4FrameRate(lying), "30/1");
  });
});

describe("sandbox media meta over the API", () => {
  test("an uploaded video carries frame_rate and colors; an image carries neither", async (t) => {
    const sb = await sandbox(t);
    const alice = client(sb, "alice");
    const video = await alice.mediaPost(readFileSync(VIDEO_MP4), {
      mime_type: "video/mp4",
      synchronous: true,
    });
    const meta = video.meta as unknown as Record<string, Record<string, unknown>>;
    assert.equal(meta.original?.frame_rate, "30/1");
    assert.deepEqual(meta.colors, { background: "#1f232b", foreground: "#f4f4f6", accent: "#6364ff" });
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const image = await alice.mediaPost(png, { mime_type: "image/png" });
    const imageMeta = image.meta as unknown as Record<string, unknown>;
    assert.equal(imageMeta.colors, undefined);
    assert.equal((imageMeta.original as Record<string, unknown>).frame_rate, undefined);
    // A video whose boxes tell no frame rate has none (and nothing breaks).
    const bare = await alice.mediaPost(movie(trak("vide", 0, [[1, 1]])), {
      mime_type: "video/mp4",
      synchronous: true,
    });
    assert.equal((bare.meta as { original?: { frame_rate?: string } }).original?.frame_rate, undefined);
  });
});
