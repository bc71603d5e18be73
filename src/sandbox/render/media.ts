/**
 * MediaAttachment entities as Mastodon 4.x shows them: `url` is null while the upload is still
 * processing; `preview_url` (the small version, or the custom thumbnail) exists from the start, except
 * for audio with no thumbnail; `meta` and `blurhash` as Mastodon computes them (see media-meta.ts and
 * blurhash-fixed.ts for what the sandbox approximates).
 */
import type { MediaAttachment } from "../../entities/index.js";
import { fixedBlurhash } from "../blurhash-fixed.js";
import type { SandboxContext } from "../context.js";
import { mediaMeta } from "../media-meta.js";
import type { MediaRecord } from "../records.js";

export function isProcessed(ctx: SandboxContext, media: MediaRecord): boolean {
  return ctx.now() >= media.ready_ms;
}

/** Where the uploaded file is served. */
export function mediaFileUrl(ctx: SandboxContext, media: MediaRecord): string {
  return `${ctx.url}/system/media/${media.id}`;
}

/** The bytes a base64 string holds, without decoding it. */
function base64Bytes(data: string): number {
  const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

function previewUrl(ctx: SandboxContext, media: MediaRecord): string | null {
  if (media.type === "audio" && !media.thumbnail) return null;
  return `${mediaFileUrl(ctx, media)}/small`;
}

export function renderMedia(ctx: SandboxContext, media: MediaRecord): MediaAttachment {
  return {
    id: media.id,
    type: media.type,
    url: isProcessed(ctx, media) ? mediaFileUrl(ctx, media) : null,
    preview_url: previewUrl(ctx, media),
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: mediaMeta(media, base64Bytes(media.data)) as MediaAttachment["meta"],
    description: media.description,
    // null for audio without a picture, as Mastodon sends it (the generated type says string).
    blurhash: (media.blurhash ?? fixedBlurhash(media.type, Boolean(media.thumbnail))) as string,
  };
}
