/**
 * The `blurhash` of an upload. Mastodon computes it from the picture (a video's first frame, an audio
 * file's cover); the sandbox cannot decode JPEG, WebP or video pixels without a dependency, so every
 * upload of a kind gets the same valid 4x3-component blurhash, a soft gradient (made once with the
 * reference encoder; the library's decodeBlurhash reads each of them, as the tests check). Audio
 * without a thumbnail has none, as on Mastodon.
 */
import type { MediaType } from "./records.js";

export const FIXED_BLURHASH = {
  image: "L9IiRc0aWEx_0ajcjaa#WEjafQfj",
  video: "L271c?4,f6og4,oMbFayf6bFfQju",
  audio: "LBEBjX0mj?oM0ms-j@azj?j@fQfQ",
} as const;

export function fixedBlurhash(type: MediaType, hasThumbnail: boolean): string | null {
  if (type === "image" || type === "gifv") return FIXED_BLURHASH.image;
  if (type === "video") return FIXED_BLURHASH.video;
  if (type === "audio" && hasThumbnail) return FIXED_BLURHASH.audio;
  return null;
}
