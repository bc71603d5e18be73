/** MediaAttachment entities: `url` stays null while the upload is still processing. */
import type { MediaAttachment } from "../../entities/index.js";
import type { SandboxContext } from "../context.js";
import type { MediaRecord } from "../records.js";

export function isProcessed(ctx: SandboxContext, media: MediaRecord): boolean {
  return ctx.now() >= media.ready_ms;
}

export function renderMedia(ctx: SandboxContext, media: MediaRecord): MediaAttachment {
  const ready = isProcessed(ctx, media);
  const url = `${ctx.url}/system/media/${media.id}`;
  const size =
    media.width !== null && media.height !== null
      ? {
          width: media.width,
          height: media.height,
          size: `${media.width}x${media.height}`,
          aspect: media.height === 0 ? 0 : media.width / media.height,
        }
      : undefined;
  return {
    id: media.id,
    type: media.type,
    url: ready ? url : null,
    preview_url: ready ? url : null,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: {
      ...(size ? { original: size, small: size } : {}),
      focus: media.focus,
    } as MediaAttachment["meta"],
    description: media.description,
    blurhash: media.blurhash ?? "",
  };
}
