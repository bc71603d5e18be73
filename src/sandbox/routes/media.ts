/**
 * Uploads, as Mastodon 4.x answers them: POST /api/v1/media (processed before it answers, 200) and
 * POST /api/v2/media (video and audio are processed afterwards: 202 with a null `url`, then GET answers
 * 206 until `media_processing_ms` have passed, 200 after; images are processed at once, 200, as
 * Mastodon has done since 4.0). GET, PUT and DELETE /api/v1/media/:id work on the caller's own uploads
 * not yet attached to a status; every route needs `write:media`, reading included, as on Mastodon.
 * The files themselves are served under /system/media/, with the default avatar and header pictures.
 */
import type { SandboxApp } from "../app.js";
import { PLACEHOLDER_PNG } from "../media-placeholder.js";
import {
  createMedia,
  findOwnUnattached,
  findOwnUpload,
  mediaBytes,
  thumbnailRecord,
} from "../media-store.js";
import { checkUpload, parseFocus } from "../media-upload.js";
import type { MediaRecord } from "../records.js";
import { isProcessed, renderMedia } from "../render/media.js";
import { ApiError, notFound, ok, type Reply } from "../reply.js";
import type { SandboxRequest } from "../request.js";

const WRITE_MEDIA = { scopes: ["write:media"] } as const;
const UPLOAD = { ...WRITE_MEDIA, upload: true } as const;

/** The focus as sent: "x,y", or [x, y] from a JSON body. */
function focusParam(req: SandboxRequest): { x: number; y: number } | undefined {
  const value = req.param("focus");
  if (Array.isArray(value)) return parseFocus(req.strings("focus").join(","));
  const text = req.string("focus");
  return text === undefined ? undefined : parseFocus(text);
}

function create(req: SandboxRequest, delayable: boolean): Reply {
  const { ctx } = req;
  const description = req.string("description");
  const upload = req.file("file");
  const checked = checkUpload({
    file: upload,
    creating: true,
    thumbnail: req.file("thumbnail"),
    description,
    maxBytes: ctx.options.max_upload_bytes,
  });
  // checkUpload refuses a create without a file, so both are set here.
  const file = checked.file!;
  const media = createMedia(ctx, req.me.id, {
    file,
    filename: upload?.filename ?? "",
    thumbnail: checked.thumbnail,
    description,
    focus: focusParam(req),
    delayed: delayable && (file.type === "video" || file.type === "audio"),
  });
  return { status: isProcessed(ctx, media) ? 200 : 202, body: renderMedia(ctx, media) };
}

/** 206 while processing, as Mastodon's status_code_for_media_attachment. */
function shown(req: SandboxRequest, media: MediaRecord): Reply {
  return { status: isProcessed(req.ctx, media) ? 200 : 206, body: renderMedia(req.ctx, media) };
}

function update(req: SandboxRequest): Reply {
  const { ctx } = req;
  const media = findOwnUnattached(ctx, req.me, req.route.id!);
  const description = req.string("description");
  const { thumbnail } = checkUpload({
    creating: false,
    thumbnail: req.file("thumbnail"),
    description,
    existingType: media.type,
    maxBytes: ctx.options.max_upload_bytes,
  });
  if (description !== undefined) media.description = description;
  const focus = focusParam(req);
  if (focus) media.focus = focus;
  if (thumbnail) media.thumbnail = thumbnailRecord(thumbnail);
  ctx.changed();
  return shown(req, media);
}

function destroy(req: SandboxRequest): Reply {
  const { ctx } = req;
  const media = findOwnUpload(ctx, req.me, req.route.id!);
  if (media.status_id !== null) {
    throw new ApiError(422, { error: "Media attachment is currently used by a status" });
  }
  ctx.state.media.delete(media.id);
  ctx.changed();
  return ok({});
}

/** A file as a static file server sends it: its type, and cacheable for anyone. */
function file(bytes: Uint8Array, contentType: string): Reply {
  return {
    status: 200,
    body: null,
    raw: bytes,
    headers: { "content-type": contentType, "cache-control": "public, max-age=31536000, immutable" },
  };
}

/** The small version: the custom thumbnail, else the image itself (not resized), else a placeholder. */
function preview(media: MediaRecord): Reply {
  if (media.thumbnail) return file(mediaBytes(media.thumbnail.data), media.thumbnail.content_type);
  if (media.type === "image" || media.type === "gifv")
    return file(mediaBytes(media.data), media.content_type);
  if (media.type === "video") return file(PLACEHOLDER_PNG, "image/png");
  throw notFound();
}

export function registerMedia(app: SandboxApp): void {
  const { router, ctx } = app;
  router.post("/api/v1/media", (req) => create(req, false), UPLOAD);
  router.post("/api/v2/media", (req) => create(req, true), UPLOAD);
  router.get(
    "/api/v1/media/:id",
    (req) => shown(req, findOwnUnattached(ctx, req.me, req.route.id!)),
    WRITE_MEDIA,
  );
  router.put("/api/v1/media/:id", update, UPLOAD);
  router.patch("/api/v1/media/:id", update, UPLOAD);
  router.delete("/api/v1/media/:id", destroy, WRITE_MEDIA);

  // Uploaded files are public once uploaded, as on Mastodon's file storage.
  const stored = (req: SandboxRequest): MediaRecord => {
    const media = ctx.state.media.get(req.route.id!);
    if (!media) throw notFound();
    return media;
  };
  router.get(
    "/system/media/:id",
    (req) => {
      const media = stored(req);
      return file(mediaBytes(media.data), media.content_type);
    },
    { auth: "none" },
  );
  router.get("/system/media/:id/small", (req) => preview(stored(req)), { auth: "none" });
  router.get("/avatars/original/missing.png", () => file(PLACEHOLDER_PNG, "image/png"), { auth: "none" });
  router.get("/headers/original/missing.png", () => file(PLACEHOLDER_PNG, "image/png"), { auth: "none" });
}
