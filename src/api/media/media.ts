/**
 * Media attachments: uploading (with content-based type detection and optional waiting for the
 * server to finish processing), reading, updating and deleting uploads that are not attached yet.
 * Docs: https://docs.joinmastodon.org/methods/media/
 */
import {
  MastodonAPIError,
  MastodonIllegalArgumentError,
  MastodonNotFoundError,
  MastodonVersionError,
} from "../../core/errors.js";
import { sleep } from "../../core/sleep.js";
import { compareVersions, type ParsedVersion, parseRequiredVersion } from "../../core/versions.js";
import type { MediaAttachment } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { kindOf, requireId, requireOptions } from "../validate.js";
import { MastodonMediaTimeoutError } from "./errors.js";
import { readFileInput } from "./file-input.js";
import type { MediaFile } from "./read-file-input.js";

/** A focal point: [x, y] with both between -1 and 1 (0,0 is the centre), or the string "x,y". */
export type Focus = readonly [x: number, y: number] | string;

/**
 * Options of mediaPost. Each is checked, and the files read and their types checked, before
 * anything is sent: a bad value throws MastodonIllegalArgumentError, a thumbnail for a server known
 * to be older than 3.2.0 MastodonVersionError.
 */
export interface MediaPostOptions {
  /** The type of the file; default: detected from its content. Must agree with the content. */
  mime_type?: string | undefined;
  /** Alt text: what the media shows, for people who cannot see or hear it. */
  description?: string | undefined;
  /** The point crops should keep in view. */
  focus?: Focus | undefined;
  /** The name sent with the file (Mastodon ignores it; some servers show it). Default: a random name. */
  file_name?: string | undefined;
  /** A custom preview image, mostly for video and audio (Mastodon 3.2.0). */
  thumbnail?: MediaFile | undefined;
  /** The thumbnail's type (e.g. "image/png") when it cannot be told from its content; it must be an image. */
  thumbnail_mime_type?: string | undefined;
  /** Wait until the server has processed the file (`url` is set) before resolving. */
  synchronous?: boolean | undefined;
  /** With `synchronous`: the longest wait, in seconds (default 300), before MastodonMediaTimeoutError. */
  synchronous_timeout?: number | undefined;
  /** With `synchronous`: the first pause between checks, in seconds (default 1; grows to at most 5). */
  synchronous_interval?: number | undefined;
}

/**
 * Options of mediaUpdate: what is not given stays as it is. Checked as mediaPost's are, before
 * anything is sent.
 */
export interface MediaUpdateOptions {
  /** The new alt text: what the media shows, for people who cannot see or hear it. */
  description?: string | undefined;
  /** The new point crops should keep in view: [x, y] or "x,y", each from -1 to 1. */
  focus?: Focus | undefined;
  /** A new custom preview image, given as for mediaPost (Mastodon 3.2.0). */
  thumbnail?: MediaFile | undefined;
  /** The thumbnail's type (e.g. "image/png") when it cannot be told from its content; it must be an image. */
  thumbnail_mime_type?: string | undefined;
}

export interface MediaEndpointMethods {
  /**
   * One of the user's uploads; `url` is null while the server is still processing it (Mastodon 3.1.4).
   * https://docs.joinmastodon.org/methods/media/#get
   */
  media: { args: [id: IdLike]; options: NoOptions; result: MediaAttachment };
  /**
   * Deletes an upload that is not attached to a status (Mastodon 4.4.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/media/#delete
   */
  mediaDelete: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

export const mediaEndpoints = {
  media: { route: "GET /api/v1/media/:id", since: "3.1.4", docs: "methods/media/#get" },
  mediaDelete: { route: "DELETE /api/v1/media/:id", since: "4.4.0", docs: "methods/media/#delete" },
} as const satisfies EndpointTable<MediaEndpointMethods>;

export interface MediaCustomMethods {
  /**
   * Uploads an image, video or audio file for use in a status (`media_ids`). The file may be a
   * path, a Blob or File, bytes or a stream; its type is detected from its content, and files a
   * server would refuse are refused before anything is sent. Uses /api/v2/media (falling back to
   * /api/v1/media on older servers), where big files are processed after the answer (`url` null);
   * `synchronous: true` waits for that, at most `synchronous_timeout` seconds.
   * Mastodon 1.0.0; last changed in 3.2.0. https://docs.joinmastodon.org/methods/media/#v2
   */
  mediaPost: { args: [media_file: MediaFile]; options: MediaPostOptions; result: MediaAttachment };
  /**
   * Changes the description, focus point or thumbnail of an upload not yet attached to a status
   * (for attached media, use statusUpdate with `media_attributes`).
   * Mastodon 2.3.0; last changed in 3.2.0. https://docs.joinmastodon.org/methods/media/#update
   */
  mediaUpdate: { args: [id: IdLike]; options: MediaUpdateOptions; result: MediaAttachment };
}

/** Checks a focus point and writes it as the server expects ("x,y"). */
export function formatFocus(focus: unknown, what: string): string {
  let pair: unknown[];
  if (typeof focus === "string")
    pair = focus.split(",").map((part) => (part.trim() === "" ? Number.NaN : Number(part)));
  else if (Array.isArray(focus)) pair = focus;
  else pair = [];
  const [x, y] = pair;
  const valid = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= -1 && v <= 1;
  if (pair.length !== 2 || !valid(x) || !valid(y)) {
    throw new MastodonIllegalArgumentError(
      `${what}(): focus must be [x, y] (or "x,y") with both numbers between -1 and 1, [0, 0] being the centre; ` +
        `got ${JSON.stringify(focus)}.`,
    );
  }
  return `${x},${y}`;
}

/** A medium's alt text: a string, or undefined when not given. */
export function checkDescription(description: unknown, what: string): string | undefined {
  if (description === undefined || description === null) return undefined;
  if (typeof description !== "string") {
    throw new MastodonIllegalArgumentError(
      `${what}(): description must be a string; got ${typeof description}.`,
    );
  }
  return description;
}

function seconds(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new MastodonIllegalArgumentError(
      `mediaPost(): ${name} must be a positive number of seconds; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** Whether the server is known (without asking it) to be older than `version`. */
function knownOlderThan(server: Readonly<ParsedVersion> | undefined, version: string): boolean {
  return server?.comparable === true && compareVersions(server, parseRequiredVersion(version)) < 0;
}

/**
 * Reads the custom preview image of an upload (an image, whatever the attachment is), refusing it
 * on servers known to be older than 3.2.0, which would silently ignore it.
 */
async function loadThumbnail(
  api: Mastodon,
  options: Pick<MediaUpdateOptions, "thumbnail" | "thumbnail_mime_type">,
  what: string,
): Promise<File | undefined> {
  if (options.thumbnail === undefined || options.thumbnail === null) return undefined;
  const thumbnail = await readFileInput(options.thumbnail, {
    what: `${what}(): thumbnail`,
    mime_type: options.thumbnail_mime_type,
    accept: "image",
    mastodonTypesOnly: api[INTERNAL].featureSet === "mainline",
  });
  if (knownOlderThan(api.serverVersion, "3.2.0")) {
    throw new MastodonVersionError(
      `${what}(): thumbnails need Mastodon 3.2.0 or newer; this server runs ${api.serverVersion?.raw}.`,
    );
  }
  return thumbnail;
}

const DEFAULT_SYNC_TIMEOUT = 300;
const DEFAULT_SYNC_INTERVAL = 1;
const MAX_SYNC_INTERVAL = 5;

/** Polls an upload until the server has processed it, within the time allowed. */
async function waitForProcessing(
  api: Mastodon,
  first: MediaAttachment,
  timeoutSeconds: number,
  intervalSeconds: number,
): Promise<MediaAttachment> {
  const started = Date.now();
  const deadline = started + timeoutSeconds * 1000;
  let media = processingMedia(first);
  let interval = intervalSeconds;
  while (media.url === null || media.url === undefined) {
    const left = (deadline - Date.now()) / 1000;
    if (left <= 0) {
      const waited = (Date.now() - started) / 1000;
      throw new MastodonMediaTimeoutError(
        `mediaPost(): the server was still processing media ${media.id} after ${waited.toFixed(1)} s ` +
          `(synchronous_timeout is ${timeoutSeconds} s). The upload exists: attach it later by its id, ` +
          "check on it with media(id), or allow more time with synchronous_timeout.",
        { media_id: String(media.id), waited_seconds: waited },
      );
    }
    await sleep(Math.min(interval, left));
    interval = Math.min(interval * 1.5, Math.max(MAX_SYNC_INTERVAL, intervalSeconds));
    media = processingMedia(await api.media(media.id));
  }
  return media;
}

/**
 * The server's answer about an upload, checked before it is waited on: without an id there is
 * nothing to ask after, and that is the server's fault, not the caller's.
 */
function processingMedia(answer: unknown): MediaAttachment {
  const id = (answer as { id?: unknown } | null)?.id;
  if (
    answer !== null &&
    typeof answer === "object" &&
    (typeof id === "string" || typeof id === "number") &&
    id !== ""
  )
    return answer as MediaAttachment;
  throw new MastodonAPIError(
    `mediaPost(): the server's answer about the upload has no media id (got ${kindOf(answer)}), ` +
      "so its processing cannot be waited for. The upload may exist all the same: look for it before uploading again.",
  );
}

export const mediaCustom = {
  async mediaPost(this: Mastodon, media_file: MediaFile, options: MediaPostOptions = {}) {
    const what = "mediaPost";
    requireOptions(what, options);
    if (media_file === undefined || media_file === null)
      throw new MastodonIllegalArgumentError(
        `${what}() needs media_file: a path, a Blob or File, bytes or a stream.`,
      );
    checkDescription(options.description, what);
    const focus =
      options.focus === undefined || options.focus === null ? undefined : formatFocus(options.focus, what);
    const timeout = seconds(options.synchronous_timeout, DEFAULT_SYNC_TIMEOUT, "synchronous_timeout");
    const interval = seconds(options.synchronous_interval, DEFAULT_SYNC_INTERVAL, "synchronous_interval");
    const internal = this[INTERNAL];
    const mastodonTypesOnly = internal.featureSet === "mainline";
    const file = await readFileInput(media_file, {
      what: `${what}(): media_file`,
      mime_type: options.mime_type,
      file_name: options.file_name,
      mastodonTypesOnly,
    });
    const thumbnail = await loadThumbnail(this, options, what);
    await internal.checkVersion("mediaPost", "1.0.0", "3.2.0");
    const params = { file, thumbnail, description: options.description, focus };
    const upload = (path: string) =>
      internal.request<MediaAttachment>({ method: "POST", path, params, encoding: "multipart" });
    let media: MediaAttachment;
    if (knownOlderThan(this.serverVersion, "3.1.4")) {
      ({ data: media } = await upload("/api/v1/media"));
    } else {
      try {
        ({ data: media } = await upload("/api/v2/media"));
      } catch (error) {
        // Servers from before 3.1.4 (and some others) only have the v1 endpoint.
        if (!(error instanceof MastodonNotFoundError)) throw error;
        ({ data: media } = await upload("/api/v1/media"));
      }
    }
    if (options.synchronous) media = await waitForProcessing(this, media, timeout, interval);
    return media;
  },

  async mediaUpdate(this: Mastodon, id: IdLike, options: MediaUpdateOptions = {}) {
    const what = "mediaUpdate";
    const mediaId = requireId(what, "id", id);
    requireOptions(what, options);
    checkDescription(options.description, what);
    const focus =
      options.focus === undefined || options.focus === null ? undefined : formatFocus(options.focus, what);
    const internal = this[INTERNAL];
    const thumbnail = await loadThumbnail(this, options, what);
    await internal.checkVersion("mediaUpdate", "2.3.0", "3.2.0");
    const { data } = await internal.request<MediaAttachment>({
      method: "PUT",
      path: `/api/v1/media/${encodeURIComponent(mediaId)}`,
      params: { description: options.description, focus, thumbnail },
      encoding: thumbnail ? "multipart" : "json",
    });
    return data;
  },
} satisfies CustomMethods<MediaCustomMethods>;
