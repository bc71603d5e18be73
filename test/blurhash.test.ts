// decodeBlurhash: sizes as Mastodon.py's, exact colours for a single-colour hash, properties of the
// cosine basis, and a round trip through an encoder written here from the blurhash description.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  blurhashComponents,
  decodeBlurhash,
  decodeBlurhashString,
  Mastodon,
  MastodonIllegalArgumentError,
} from "../src/index.js";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
const MEDIA = { width: 320, height: 240, blurhash: "=~NdOWof1PbIPUXSvgbI$f" };

function base83(value: number, length: number): string {
  let out = "";
  for (let i = 1; i <= length; i++) out += ALPHABET[Math.floor(value / 83 ** (length - i)) % 83];
  return out;
}

const toLinear = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
const toSrgb = (v: number) => {
  const c = Math.max(0, Math.min(1, v));
  return Math.round(c <= 0.0031308 ? c * 12.92 * 255 : (1.055 * c ** (1 / 2.4) - 0.055) * 255);
};

/** A straightforward blurhash encoder (https://github.com/woltapp/blurhash/blob/master/Algorithm.md). */
function encode(pixels: number[][][], cx: number, cy: number): string {
  const h = pixels.length;
  const w = pixels[0]?.length ?? 0;
  const factors: number[][] = [];
  for (let j = 0; j < cy; j++) {
    for (let i = 0; i < cx; i++) {
      const norm = i === 0 && j === 0 ? 1 : 2;
      const sum = [0, 0, 0];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const basis = norm * Math.cos((Math.PI * i * x) / w) * Math.cos((Math.PI * j * y) / h);
          const p = pixels[y]?.[x] ?? [0, 0, 0];
          for (let k = 0; k < 3; k++) sum[k] = (sum[k] ?? 0) + basis * toLinear(p[k] ?? 0);
        }
      }
      factors.push(sum.map((s) => s / (w * h)));
    }
  }
  const [dc, ...ac] = factors as [number[], ...number[][]];
  const maxAc = Math.max(...ac.flat().map(Math.abs));
  const quantMax = Math.max(0, Math.min(82, Math.floor(maxAc * 166 - 0.5)));
  const scale = (quantMax + 1) / 166;
  const q = (v: number) =>
    Math.max(0, Math.min(18, Math.floor(Math.sign(v / scale) * Math.abs(v / scale) ** 0.5 * 9 + 9.5)));
  let hash = base83(cx - 1 + (cy - 1) * 9, 1) + base83(quantMax, 1);
  hash += base83((toSrgb(dc[0] ?? 0) << 16) + (toSrgb(dc[1] ?? 0) << 8) + toSrgb(dc[2] ?? 0), 4);
  for (const [r = 0, g = 0, b = 0] of ac) hash += base83(q(r) * 19 * 19 + q(g) * 19 + q(b), 2);
  return hash;
}

test("sizes as Mastodon.py's: 16 pixels per component by default, or an absolute size", () => {
  assert.deepEqual(blurhashComponents(MEDIA.blurhash), [1, 9]);
  const image = decodeBlurhash(MEDIA);
  assert.equal(image.length, 9 * 16);
  assert.equal(image[0]?.length, 16);
  assert.equal(image[0]?.[0]?.length, 3);
  const absolute = decodeBlurhash(MEDIA, {
    out_size: [MEDIA.width, MEDIA.height],
    size_per_component: false,
    return_linear: false,
  });
  assert.equal(absolute.length, 240);
  assert.equal(absolute[0]?.length, 320);
  const api = new Mastodon({ api_base_url: "http://127.0.0.1:9" });
  assert.deepEqual(
    api.decodeBlurhash(MEDIA, { out_size: [2, 1] }),
    decodeBlurhash(MEDIA, { out_size: [2, 1] }),
  );
});

test("a single-colour hash decodes to exactly that colour everywhere", () => {
  const hash = `00${base83((200 << 16) + (30 << 8) + 99, 4)}`;
  const srgb = decodeBlurhashString(hash, 3, 2, { linear: false });
  assert.deepEqual(srgb, [
    [
      [200, 30, 99],
      [200, 30, 99],
      [200, 30, 99],
    ],
    [
      [200, 30, 99],
      [200, 30, 99],
      [200, 30, 99],
    ],
  ]);
  const linear = decodeBlurhash({ blurhash: hash }, { out_size: [1, 1] });
  assert.ok(Math.abs((linear[0]?.[0]?.[0] ?? 0) - toLinear(200)) < 1e-12, "linear light by default");
});

test("one component across: every row is uniform; sRGB values are whole numbers 0..255", () => {
  const image = decodeBlurhash(MEDIA, { return_linear: false });
  for (const row of image) {
    for (const pixel of row) assert.deepEqual(pixel, row[0]);
  }
  assert.ok(image.flat(2).every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
  const rows = new Set(image.map((row) => JSON.stringify(row[0])));
  assert.ok(rows.size > 1, "nine vertical components make the rows differ");
});

test("round trip: a smooth gradient comes back close to itself", () => {
  const w = 24;
  const h = 16;
  const pixels = Array.from({ length: h }, (_, y) =>
    Array.from({ length: w }, (_, x) => [
      Math.round((255 * x) / (w - 1)),
      Math.round((255 * y) / (h - 1)),
      128,
    ]),
  );
  const hash = encode(pixels, 4, 3);
  assert.equal(hash.length, 4 + 2 * 4 * 3);
  const decoded = decodeBlurhashString(hash, w, h, { linear: false });
  let error = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < 3; k++) error += Math.abs((decoded[y]?.[x]?.[k] ?? 0) - (pixels[y]?.[x]?.[k] ?? 0));
    }
  }
  const mean = error / (w * h * 3);
  assert.ok(mean < 16, `mean error ${mean.toFixed(2)} of 255`);
  const middle = decoded[h / 2] ?? [];
  const reds = middle.map((p) => p[0] ?? 0);
  assert.ok(
    reds.every((r, i) => i === 0 || r >= (reds[i - 1] ?? 0) - 2),
    `red grows from left to right: ${reds.join(" ")}`,
  );
});

test("bad input is refused with a clear error", () => {
  assert.throws(() => decodeBlurhash({ blurhash: null }), /has none/);
  assert.throws(() => decodeBlurhash({} as never), /no blurhash/);
  assert.throws(() => decodeBlurhash(null as never), MastodonIllegalArgumentError);
  assert.throws(() => decodeBlurhash({ blurhash: "abc" }), /at least 6 characters/);
  assert.throws(
    () => decodeBlurhash({ blurhash: `${MEDIA.blurhash}00` }),
    /is 22 characters long; this one has 24/,
  );
  assert.throws(
    () => decodeBlurhash({ blurhash: "00AAAA" }, { out_size: [0, 4] }),
    /whole number of at least 1/,
  );
  assert.throws(() => decodeBlurhash({ blurhash: "00AA\u00e9A" }), /outside its alphabet at position 4/);
  assert.throws(
    () => decodeBlurhash(MEDIA, { out_size: [16] as never }),
    /out_size must be \[width, height\]/,
  );
  assert.throws(() => decodeBlurhash(MEDIA, "big" as never), /options object/);
});
