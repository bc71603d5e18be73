/**
 * The `meta` of a MediaAttachment as Mastodon 4.x computes it: `original` (an image is scaled down to at
 * most 3840x2160 worth of pixels, a video keeps its size and adds its length), `small` (the preview: at
 * most 480x480 worth of pixels for an image, within 400x400 for a video, the thumbnail's size for
 * audio), and `focus` once one is set. The sandbox keeps and serves the file as uploaded; only these
 * numbers follow Mastodon's resizing.
 */
import type { MediaAttachmentMetadataContainer, MediaAttachmentVideoMetadata } from "../entities/index.js";
import { mediaColors } from "./media-colors.js";
import type { MediaRecord } from "./records.js";

const ORIGINAL_PIXELS = 8_294_400;
const SMALL_PIXELS = 230_400;
const VIDEO_SMALL_BOX = 400;

export interface Geometry {
  width: number;
  height: number;
  size: string;
  aspect: number;
}

export function geometry(width: number, height: number): Geometry {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

/** Fits width x height inside a box, only ever shrinking, keeping the aspect ratio (ImageMagick's "WxH>"). */
function shrinkInto(width: number, height: number, boxWidth: number, boxHeight: number): Geometry {
  if (width <= boxWidth && height <= boxHeight) return geometry(width, height);
  const scale = Math.min(boxWidth / width, boxHeight / height);
  return geometry(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
}

/** Paperclip's `pixels:` styles: a box of about that many pixels with the image's own proportions. */
function shrinkToPixels(width: number, height: number, pixels: number): Geometry {
  const boxWidth = Math.round(Math.sqrt(pixels * (width / height)));
  const boxHeight = Math.round(Math.sqrt(pixels * (height / width)));
  return shrinkInto(width, height, boxWidth, boxHeight);
}

/** Partial: Mastodon leaves out what it could not measure (the generated type has both always). */
export type MediaMeta = Partial<MediaAttachmentMetadataContainer>;

export function mediaMeta(media: MediaRecord, fileBytes: number): MediaMeta {
  const meta: MediaMeta = {};
  const { width, height } = media;
  const sized = width !== null && height !== null && width > 0 && height > 0;
  if (media.type === "image" || media.type === "gifv") {
    if (sized) {
      meta.original = shrinkToPixels(width, height, ORIGINAL_PIXELS);
      meta.small = shrinkToPixels(width, height, SMALL_PIXELS);
    }
  } else if (media.type === "video" || media.type === "audio") {
    const colors = mediaColors(media);
    if (colors) meta.colors = colors;
    const original: Partial<MediaAttachmentVideoMetadata> = sized ? { width, height } : {};
    if (media.frame_rate) original.frame_rate = media.frame_rate;
    const duration = media.duration ?? null;
    if (duration !== null && duration > 0) {
      original.duration = duration;
      original.bitrate = Math.round((fileBytes * 8) / duration);
    }
    if (Object.keys(original).length > 0) meta.original = original as MediaAttachmentVideoMetadata;
    const thumb = media.thumbnail;
    if (thumb && thumb.width !== null && thumb.height !== null) {
      meta.small = shrinkToPixels(thumb.width, thumb.height, SMALL_PIXELS);
    } else if (sized && media.type === "video") {
      meta.small = shrinkInto(width, height, VIDEO_SMALL_BOX, VIDEO_SMALL_BOX);
    }
  }
  if (media.focus) meta.focus = { x: media.focus.x, y: media.focus.y };
  return meta;
}
