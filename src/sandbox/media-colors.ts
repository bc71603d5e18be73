/**
 * `meta.colors` of a video (and of audio with a cover picture): Mastodon extracts the background,
 * foreground and accent colours from the preview frame for its player. The sandbox does not decode
 * pictures, so it gives one fixed, plausible set (a dark frame with light text and a blue accent).
 */
import type { MediaAttachmentColors } from "../entities/index.js";
import type { MediaRecord } from "./records.js";

const PLAYER_COLORS: MediaAttachmentColors = {
  background: "#1f232b",
  foreground: "#f4f4f6",
  accent: "#6364ff",
};

export function mediaColors(media: MediaRecord): MediaAttachmentColors | undefined {
  if (media.type === "video" || (media.type === "audio" && media.thumbnail)) return { ...PLAYER_COLORS };
  return undefined;
}
