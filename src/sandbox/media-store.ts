/**
 * Creating, finding and changing media records. The routes of the media area use it, and so can other
 * areas that take uploads (an avatar or header is stored as a media record the account points at).
 */
import type { SandboxContext } from "./context.js";
import { readMp4FrameRate } from "./media-frame-rate.js";
import type { CheckedFile } from "./media-upload.js";
import type { AccountRecord, MediaRecord, MediaThumbnailRecord } from "./records.js";
import { notFound } from "./reply.js";

function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
}

export function thumbnailRecord(file: CheckedFile): MediaThumbnailRecord {
  return { content_type: file.content_type, data: base64(file.data), width: file.width, height: file.height };
}

export interface NewMedia {
  file: CheckedFile;
  filename: string;
  thumbnail?: CheckedFile | undefined;
  description?: string | undefined;
  focus?: { x: number; y: number } | undefined;
  /**
   * Processed after the answer (POST /api/v2/media with video or audio, as Mastodon's
   * delay_processing): ready `media_processing_ms` later. Otherwise ready at once.
   */
  delayed: boolean;
}

export function createMedia(ctx: SandboxContext, accountId: string, input: NewMedia): MediaRecord {
  const now = ctx.now();
  const media: MediaRecord = {
    id: ctx.newId(),
    account_id: accountId,
    type: input.file.type,
    content_type: input.file.content_type,
    filename: input.filename,
    data: base64(input.file.data),
    description: input.description ?? null,
    focus: input.focus ?? null,
    width: input.file.width,
    height: input.file.height,
    duration: input.file.duration,
    frame_rate: input.file.type === "video" ? (readMp4FrameRate(input.file.data) ?? null) : null,
    thumbnail: input.thumbnail ? thumbnailRecord(input.thumbnail) : null,
    blurhash: null,
    ready_ms: input.delayed ? now + Math.max(0, ctx.options.media_processing_ms) : now,
    status_id: null,
    created_at: new Date(now).toISOString(),
  };
  ctx.state.media.insert(media);
  ctx.changed();
  return media;
}

/**
 * One of the account's uploads through the media API. An avatar or header is kept as a media record
 * too, but on Mastodon it is no media attachment: the media routes do not know it (404).
 */
export function findOwnUpload(ctx: SandboxContext, account: AccountRecord, id: string): MediaRecord {
  const media = ctx.state.media.get(id);
  const isPicture = id === account.avatar_media_id || id === account.header_media_id;
  if (!media || media.account_id !== account.id || isPicture) throw notFound();
  return media;
}

/**
 * The caller's own upload that no status uses yet: the only ones GET and PUT /api/v1/media/:id show
 * (Mastodon answers 404 for anyone else's, and for attached ones).
 */
export function findOwnUnattached(ctx: SandboxContext, account: AccountRecord, id: string): MediaRecord {
  const media = findOwnUpload(ctx, account, id);
  if (media.status_id !== null) throw notFound();
  return media;
}

export function mediaBytes(data: string): Buffer {
  return Buffer.from(data, "base64");
}
