/**
 * The sandbox's header readers (image sizes, MP4 boxes) against hostile bytes: every truncation of a
 * valid header, lying lengths, endless fill bytes, zero sizes and random corruption give a size or
 * undefined, never an exception, and quickly; and such files uploaded over a socket are answered
 * without taking the server down.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { readImageSize } from "../src/sandbox/image-size.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { readMp4Info } from "../src/sandbox/media-mp4.js";
import { form, gif, jpegHeader, mp4, png, webp } from "./sandbox-media-support.js";
import { conformanceMediaPath } from "./support/recorded.js";

const SAMPLES = conformanceMediaPath();

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const VALID: [string, Uint8Array, { width: number; height: number }][] = [
  ["PNG", png(7, 3), { width: 7, height: 3 }],
  ["GIF", gif(9, 4), { width: 9, height: 4 }],
  ["WebP VP8", webp.lossy(640, 480), { width: 640, height: 480 }],
  ["WebP VP8L", webp.lossless(16383, 1), { width: 16383, height: 1 }],
  ["WebP VP8X", webp.extended(16777216, 2), { width: 16777216, height: 2 }],
  ["JPEG SOF0", jpegHeader(65535, 1), { width: 65535, height: 1 }],
  ["JPEG SOF2", jpegHeader(12, 34, 0xc2), { width: 12, height: 34 }],
  ["baseline JPEG sample", readFileSync(`${SAMPLES}/image.jpg`), { width: 600, height: 600 }],
  ["progressive JPEG sample", readFileSync(`${SAMPLES}/amewatson.jpg`), { width: 400, height: 400 }],
];

describe("readImageSize", () => {
  test("reads each format's size", () => {
    for (const [name, bytes, size] of VALID) assert.deepEqual(readImageSize(bytes), size, name);
  });

  test("every truncation of every header gives undefined or the right size, never a throw", () => {
    for (const [name, bytes, size] of VALID) {
      const limit = Math.min(bytes.length, 600);
      for (let cut = 0; cut < limit; cut++) {
        const got = readImageSize(bytes.subarray(0, cut));
        if (got !== undefined) assert.deepEqual(got, size, `${name} cut at ${cut}`);
      }
    }
  });

  test("random corruption never throws and sizes stay positive integers", () => {
    const next = random(20260301);
    for (const [, bytes] of VALID) {
      const head = Uint8Array.from(bytes.subarray(0, 256));
      for (let round = 0; round < 400; round++) {
        const copy = Uint8Array.from(head);
        const flips = 1 + Math.floor(next() * 6);
        // Keep the signature so the format's own reader runs on the rest.
        for (let i = 0; i < flips; i++)
          copy[4 + Math.floor(next() * (copy.length - 4))] = Math.floor(next() * 256);
        const got = readImageSize(copy);
        if (got) {
          assert.ok(Number.isInteger(got.width) && got.width > 0, JSON.stringify(got));
          assert.ok(Number.isInteger(got.height) && got.height > 0, JSON.stringify(got));
        }
      }
    }
  });

  test("JPEG: lying lengths, too-short lengths, endless fill bytes, scan data before a frame, zero sizes", () => {
    const soi = [0xff, 0xd8];
    // A segment claiming 65535 bytes in a 10-byte file.
    assert.equal(readImageSize(Uint8Array.from([...soi, 0xff, 0xe0, 0xff, 0xff, 1, 2, 3, 4])), undefined);
    // Lengths of 0 and 1 (below the length field's own 2 bytes) would walk backwards or stand still.
    assert.equal(readImageSize(Uint8Array.from([...soi, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xc0])), undefined);
    assert.equal(readImageSize(Uint8Array.from([...soi, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xc0])), undefined);
    // A megabyte of 0xFF fill: read in one linear pass.
    const fill = new Uint8Array(1024 * 1024).fill(0xff);
    fill[0] = 0xff;
    fill[1] = 0xd8;
    const started = performance.now();
    assert.equal(readImageSize(fill), undefined);
    assert.ok(performance.now() - started < 1000);
    // Start of scan before any frame header: the size is not in the scan data.
    assert.equal(readImageSize(Uint8Array.from([...soi, 0xff, 0xda, 0, 2, 0xff, 0xc0])), undefined);
    // Garbage where a marker should be.
    assert.equal(readImageSize(Uint8Array.from([...soi, 0x12, 0x34])), undefined);
    assert.equal(readImageSize(jpegHeader(0, 10)), undefined);
    assert.equal(readImageSize(jpegHeader(10, 0)), undefined);
    // DHT (C4) and DAC (CC) sit among the frame markers but carry no size.
    assert.equal(readImageSize(jpegHeader(5, 5, 0xc4)), undefined);
    assert.equal(readImageSize(jpegHeader(5, 5, 0xcc)), undefined);
  });

  test("PNG, GIF and WebP: wrong chunk, zero and out-of-range sizes, bad frame tags", () => {
    const bad = png(3, 3);
    bad.write("IDAT", 12, "latin1");
    assert.equal(readImageSize(bad), undefined);
    const huge = png(1, 1);
    huge.writeUInt32BE(0x80000000, 16);
    assert.equal(readImageSize(huge), undefined);
    assert.equal(readImageSize(gif(0, 5)), undefined);
    const tag = webp.lossy(10, 10);
    tag[23] = 0;
    assert.equal(readImageSize(tag), undefined);
    const lossless = webp.lossless(10, 10);
    lossless[20] = 0;
    assert.equal(readImageSize(lossless), undefined);
    const unknownChunk = webp.extended(10, 10);
    unknownChunk.write("ALPH", 12, "latin1");
    assert.equal(readImageSize(unknownChunk), undefined);
    assert.equal(readImageSize(new Uint8Array(0)), undefined);
    assert.equal(readImageSize(Buffer.from("not an image at all")), undefined);
  });
});

describe("readMp4Info", () => {
  test("reads the size and duration of a built movie and of the sample video", () => {
    assert.deepEqual(readMp4Info(mp4(1920, 1080, 12.5)), { width: 1920, height: 1080, duration: 12.5 });
    assert.deepEqual(readMp4Info(readFileSync(`${SAMPLES}/video.mp4`)), {
      width: 640,
      height: 640,
      duration: 7.3,
    });
  });

  test("lying box sizes, 64-bit sizes, size 0, tiny boxes and truncation end the walk without a throw", () => {
    const none = { width: undefined, height: undefined, duration: undefined };
    const box = (size: number, type: string, ...rest: number[]) => {
      const b = Buffer.alloc(8);
      b.writeUInt32BE(size);
      b.write(type, 4, "latin1");
      return Buffer.concat([b, Buffer.from(rest)]);
    };
    assert.deepEqual(readMp4Info(box(0xffffffff, "moov")), none);
    assert.deepEqual(readMp4Info(box(4, "moov")), none);
    assert.deepEqual(readMp4Info(box(1, "moov", 0xff, 0xff)), none);
    assert.deepEqual(readMp4Info(box(1, "moov", 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)), none);
    assert.deepEqual(readMp4Info(Buffer.concat([box(0, "moov"), box(12, "mvhd", 0, 0, 0, 0)])), none);
    // A movie header cut short, and a track header too short to hold a size.
    assert.deepEqual(
      readMp4Info(Buffer.concat([box(24, "moov"), box(16, "mvhd", 0, 0, 0, 0, 0, 0, 0, 0)])),
      none,
    );
    const full = mp4(320, 240, 3);
    for (let cut = 0; cut < full.length; cut++) {
      const info = readMp4Info(full.subarray(0, cut));
      if (info.width !== undefined) assert.deepEqual([info.width, info.height], [320, 240]);
      if (info.duration !== undefined) assert.equal(info.duration, 3);
    }
    // A million empty boxes: one linear pass.
    const many = Buffer.alloc(8 * 1_000_000);
    for (let i = 0; i < 1_000_000; i++) {
      many.writeUInt32BE(8, i * 8);
      many.write("free", i * 8 + 4, "latin1");
    }
    const started = performance.now();
    assert.deepEqual(readMp4Info(many), none);
    assert.ok(performance.now() - started < 2000);
  });
});

describe("hostile uploads over a socket", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ port: 0, ratelimit: "100000/5m" });
  });
  after(() => sb.close());

  const post = (data: Uint8Array, type: string) =>
    fetch(`${sb.url}/api/v1/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${sb.users[0]!.access_token}` },
      body: form({ file: { data, type } }),
    });

  test("a truncated PNG and a JPEG with a lying length are accepted as images without a size", async () => {
    const truncated = await post(png(10, 10).subarray(0, 20), "image/png");
    assert.equal(truncated.status, 200);
    const body = (await truncated.json()) as { type: string; meta: Record<string, unknown> };
    assert.equal(body.type, "image");
    assert.deepEqual(body.meta, {});
    const lying = await post(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0, 0]), "image/jpeg");
    assert.equal(lying.status, 200);
    assert.deepEqual(((await lying.json()) as { meta: unknown }).meta, {});
  });

  test("a movie box that claims almost 4 GiB is read as far as the bytes go; the server still answers", async () => {
    const broken = mp4(100, 100, 1);
    broken.writeUInt32BE(0xfffffff0, 24); // the moov box claims almost 4 GiB
    const res = await post(broken, "video/mp4");
    assert.equal(res.status, 200);
    const body = (await res.json()) as { type: string; meta: Record<string, unknown> };
    assert.equal(body.type, "video");
    assert.deepEqual(body.meta.original, {
      width: 100,
      height: 100,
      duration: 1,
      bitrate: broken.length * 8,
    });
    const health = await post(png(1, 1), "image/png");
    assert.equal(health.status, 200);
  });
});
