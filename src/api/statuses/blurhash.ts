/**
 * Blurhash decoding: turns a media attachment's `blurhash` (a short string describing a blurred
 * preview, https://blurha.sh) into pixels, with no dependency. A blurhash stores the image's
 * average colour and a few cosine components; decoding sums those components at each pixel.
 *
 * The result is a plain [height][width][3] array, as Mastodon.py gives: linear-light RGB floats
 * (0..1, may slightly overshoot) by default, ready for scaling; or sRGB 0..255 integers, ready for
 * display, with `return_linear: false`.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { MediaAttachment } from "../../entities/index.js";
import type { CustomMethods } from "../define.js";
import { requireOptions } from "../validate.js";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
const DIGITS = new Map([...ALPHABET].map((char, value) => [char, value]));

/**
 * The most pixels decoded at once (1024x1024). Each pixel is a small array, so a large out_size
 * (say [1e9, 1]) would otherwise end in a bare RangeError from the cosine table or run the process
 * out of memory; the default, 16 per component, is at most 144x144.
 */
const MAX_PIXELS = 1 << 20;

/** [height][width][r, g, b]. */
export type BlurhashImage = number[][][];

/**
 * Options of decodeBlurhash: the size and colour space of the decoded pixels. An out_size that is
 * not a pair, or a blurhash that is missing or malformed, throws MastodonIllegalArgumentError.
 */
export interface DecodeBlurhashOptions {
  /**
   * Width and height in pixels: per component (the default, `[16, 16]`) or, with
   * `size_per_component: false`, of the whole image.
   */
  out_size?: readonly [width: number, height: number] | undefined;
  /** Whether out_size is per blurhash component (default true) or absolute. */
  size_per_component?: boolean | undefined;
  /** Linear-light floats (default true) or display-ready sRGB 0..255 integers (false). */
  return_linear?: boolean | undefined;
}

function decode83(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = DIGITS.get(text[i] as string);
    if (digit === undefined) {
      throw new MastodonIllegalArgumentError(
        `decodeBlurhash(): the blurhash has a character outside its alphabet at position ${i}.`,
      );
    }
    value = value * 83 + digit;
  }
  return value;
}

function srgbToLinear(value: number): number {
  const v = value / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function linearToSrgb(value: number): number {
  const v = Math.max(0, Math.min(1, value));
  return v <= 0.0031308
    ? Math.trunc(v * 12.92 * 255 + 0.5)
    : Math.trunc((1.055 * v ** (1 / 2.4) - 0.055) * 255 + 0.5);
}

/** Square that keeps the sign (the AC components are stored as signed square roots). */
function signedSquare(value: number): number {
  return Math.sign(value) * value * value;
}

/** How many components a blurhash has across and down (1 to 9 each). */
export function blurhashComponents(blurhash: string): [x: number, y: number] {
  if (typeof blurhash !== "string" || blurhash.length < 6) {
    throw new MastodonIllegalArgumentError(
      "decodeBlurhash(): a blurhash is a string of at least 6 characters (a media attachment's `blurhash`).",
    );
  }
  const sizeFlag = decode83(blurhash, 0, 1);
  return [(sizeFlag % 9) + 1, Math.floor(sizeFlag / 9) + 1];
}

/** Decodes a blurhash string to `width` x `height` pixels. `punch` scales the contrast (default 1). */
export function decodeBlurhashString(
  blurhash: string,
  width: number,
  height: number,
  { linear = true, punch = 1 }: { linear?: boolean; punch?: number } = {},
): BlurhashImage {
  const [sizeX, sizeY] = blurhashComponents(blurhash);
  if (blurhash.length !== 4 + 2 * sizeX * sizeY) {
    throw new MastodonIllegalArgumentError(
      `decodeBlurhash(): a blurhash with ${sizeX}x${sizeY} components is ${4 + 2 * sizeX * sizeY} characters long; this one has ${blurhash.length}.`,
    );
  }
  for (const [name, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new MastodonIllegalArgumentError(
        `decodeBlurhash(): the output ${name} must be a whole number of at least 1; got ${String(value)}.`,
      );
    }
  }
  if (width * height > MAX_PIXELS) {
    throw new MastodonIllegalArgumentError(
      `decodeBlurhash(): ${width}x${height} pixels is too many to decode (at most ${MAX_PIXELS.toLocaleString("en-US")}); ` +
        "ask for a smaller out_size and scale the image up: a blurhash holds no detail to gain.",
    );
  }
  const maxAc = ((decode83(blurhash, 1, 2) + 1) / 166) * punch;
  const dc = decode83(blurhash, 2, 6);
  const colours: [number, number, number][] = [
    [srgbToLinear(dc >> 16), srgbToLinear((dc >> 8) & 255), srgbToLinear(dc & 255)],
  ];
  for (let c = 1; c < sizeX * sizeY; c++) {
    const ac = decode83(blurhash, 4 + c * 2, 6 + c * 2);
    colours.push([
      signedSquare((Math.floor(ac / (19 * 19)) - 9) / 9) * maxAc,
      signedSquare(((Math.floor(ac / 19) % 19) - 9) / 9) * maxAc,
      signedSquare(((ac % 19) - 9) / 9) * maxAc,
    ]);
  }
  // The cosines depend only on (x, i) and (y, j): computed once, not per pixel and component.
  const cosX = cosines(width, sizeX);
  const cosY = cosines(height, sizeY);
  const image: BlurhashImage = [];
  for (let y = 0; y < height; y++) {
    const row: number[][] = [];
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < sizeY; j++) {
        const cy = cosY[y * sizeY + j] as number;
        for (let i = 0; i < sizeX; i++) {
          const basis = (cosX[x * sizeX + i] as number) * cy;
          const colour = colours[i + j * sizeX] as [number, number, number];
          r += colour[0] * basis;
          g += colour[1] * basis;
          b += colour[2] * basis;
        }
      }
      row.push(linear ? [r, g, b] : [linearToSrgb(r), linearToSrgb(g), linearToSrgb(b)]);
    }
    image.push(row);
  }
  return image;
}

function cosines(size: number, components: number): Float64Array {
  const table = new Float64Array(size * components);
  for (let p = 0; p < size; p++) {
    for (let c = 0; c < components; c++) table[p * components + c] = Math.cos((Math.PI * p * c) / size);
  }
  return table;
}

/**
 * Decodes the `blurhash` of a media attachment (or any object with one) as Mastodon.py's
 * decode_blurhash does: by default 16x16 pixels per component, linear RGB.
 */
export function decodeBlurhash(
  media_dict: Pick<MediaAttachment, "blurhash"> | { blurhash: string | null },
  options: DecodeBlurhashOptions = {},
): BlurhashImage {
  const name = "decodeBlurhash";
  requireOptions(name, options);
  const blurhash =
    media_dict !== null && typeof media_dict === "object"
      ? (media_dict as { blurhash?: unknown }).blurhash
      : undefined;
  if (typeof blurhash !== "string") {
    throw new MastodonIllegalArgumentError(
      `${name}(): media_dict must be a media attachment (or an object) with a blurhash string; this one has ${
        blurhash === null ? "none (the server computes none for some files)" : "no blurhash"
      }.`,
    );
  }
  const outSize = options.out_size ?? [16, 16];
  if (!Array.isArray(outSize) || outSize.length !== 2) {
    throw new MastodonIllegalArgumentError(`${name}(): out_size must be [width, height].`);
  }
  const [components, perComponent] = [blurhashComponents(blurhash), options.size_per_component ?? true];
  const width = perComponent ? components[0] * outSize[0] : outSize[0];
  const height = perComponent ? components[1] * outSize[1] : outSize[1];
  return decodeBlurhashString(blurhash, width, height, { linear: options.return_linear ?? true });
}

export interface BlurhashCustomMethods {
  /**
   * Decodes a media attachment's blurhash preview to pixels, [height][width][r, g, b]: by default
   * 16x16 pixels per blurhash component (`out_size`, `size_per_component`) in linear RGB floats;
   * `return_linear: false` gives sRGB 0..255 integers for display. A local computation; nothing is
   * sent. Also exported as a plain function. https://docs.joinmastodon.org/entities/MediaAttachment/#blurhash
   */
  decodeBlurhash: {
    sync: true;
    args: [media_dict: Pick<MediaAttachment, "blurhash"> | { blurhash: string | null }];
    options: DecodeBlurhashOptions;
    result: BlurhashImage;
  };
}

export const blurhashCustom = { decodeBlurhash } satisfies CustomMethods<BlurhashCustomMethods>;
