/**
 * Checking an upload as Mastodon's MediaAttachment validations do, with the same messages: the declared
 * content type must be one Mastodon takes, the bytes must be what the type says (Paperclip's spoofing
 * check), the file must be under the size limit, a thumbnail only goes with video or audio, and the
 * description has a length limit. The kind of file is judged from its content with the library's own
 * sniffer, and an image's size read from its header.
 */

import { MASTODON_MEDIA_TYPES } from "../api/media/constants.js";
import {
  acceptedSibling,
  normaliseMimeType,
  SNIFF_BYTES,
  sameKind,
  sniffMimeType,
} from "../api/media/mime-sniff.js";
import { readImageSize } from "./image-size.js";
import { readMp4Info } from "./media-mp4.js";
import type { UploadedFile } from "./params.js";
import type { MediaType } from "./records.js";
import { unprocessable, validationFailed } from "./reply.js";

/** The instance's `configuration.media_attachments.description_limit` (Mastodon 4.4+). */
export const DESCRIPTION_LIMIT = 10_000;
/** Attachmentable's limits: 7680x4320 for images, 1280x720 for GIFs; 3840x2160 for videos. */
export const IMAGE_MATRIX_LIMIT = 33_177_600;
const GIF_MATRIX_LIMIT = 921_600;
export const VIDEO_MATRIX_LIMIT = 8_294_400;

export interface CheckedFile {
  type: MediaType;
  content_type: string;
  data: Uint8Array;
  width: number | null;
  height: number | null;
  duration: number | null;
}

/** Rails' number_to_human_size: 1024-based units, three significant digits, no trailing zeros. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "Byte" : "Bytes"}`;
  const units = ["KB", "MB", "GB", "TB"];
  const exponent = Math.min(units.length, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = Number((bytes / 1024 ** exponent).toPrecision(3));
  return `${value} ${units[exponent - 1]}`;
}

function kindOf(type: string): MediaType {
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  return "image";
}

/** The checks one attachment (`File` or `Thumbnail`) goes through; adds messages to `errors`. */
function checkAttachment(
  name: "File" | "Thumbnail",
  file: UploadedFile,
  allowed: (type: string) => boolean,
  maxBytes: number,
  errors: string[],
): CheckedFile | undefined {
  const declared = normaliseMimeType(file.contentType);
  const sniffed = sniffMimeType(file.data.subarray(0, SNIFF_BYTES));
  const actual = sniffed && acceptedSibling(sniffed.type);
  let checked: CheckedFile | undefined;
  if (!allowed(declared)) {
    errors.push(`${name} content type is invalid`, `${name} is invalid`);
  } else if (
    !actual ||
    !allowed(actual) ||
    !(kindOf(actual) === kindOf(declared) || sameKind(actual, declared))
  ) {
    errors.push(`${name} has contents that are not what they are reported to be`);
  } else {
    checked = describe(file.data, actual);
  }
  if (file.size >= maxBytes) {
    const limit = humanSize(maxBytes);
    errors.push(`${name} file size must be less than ${limit}`, `${name} must be less than ${limit}`);
  }
  return checked;
}

/** What the sandbox can tell of a file whose type is known: its kind, size and length. */
function describe(data: Uint8Array, contentType: string): CheckedFile {
  const type = kindOf(contentType);
  const base = { type, content_type: contentType, data, width: null, height: null, duration: null };
  if (type === "image") {
    const size = readImageSize(data);
    return size ? { ...base, width: size.width, height: size.height } : base;
  }
  if (contentType === "video/mp4" || contentType === "video/quicktime" || contentType === "audio/mp4") {
    const info = readMp4Info(data);
    return {
      ...base,
      width: type === "video" ? (info.width ?? null) : null,
      height: type === "video" ? (info.height ?? null) : null,
      duration: info.duration ?? null,
    };
  }
  return base;
}

/** Mastodon refuses oversized pictures before validating (a plain 422, not "Validation failed"). */
function checkDimensions(file: CheckedFile): void {
  if (file.width === null || file.height === null) return;
  const pixels = file.width * file.height;
  const size = `${file.width}x${file.height}`;
  if (file.content_type === "image/gif" && pixels > GIF_MATRIX_LIMIT)
    throw unprocessable(`${size} GIF files are not supported`);
  if (file.type === "image" && pixels > IMAGE_MATRIX_LIMIT)
    throw unprocessable(`${size} images are not supported`);
  if (file.type === "video" && pixels > VIDEO_MATRIX_LIMIT)
    throw unprocessable(`${size} videos are not supported`);
}

export interface UploadInput {
  /** The file, when creating; undefined when updating (the file cannot be replaced). */
  file?: UploadedFile | undefined;
  creating: boolean;
  thumbnail: UploadedFile | undefined;
  description: string | undefined;
  /** When updating: the kind of the attachment, which decides whether a thumbnail may be given. */
  existingType?: MediaType | undefined;
  maxBytes: number;
}

export interface CheckedUpload {
  file: CheckedFile | undefined;
  thumbnail: CheckedFile | undefined;
}

const isMediaType = (type: string) => MASTODON_MEDIA_TYPES.has(type);
const isImageType = (type: string) => isMediaType(type) && type.startsWith("image/");

/** Checks a create or update; throws Mastodon's 422 with every failed validation in one message. */
export function checkUpload(input: UploadInput): CheckedUpload {
  const errors: string[] = [];
  // An empty file part is no file at all, as Rack gives it.
  const file = input.file && input.file.size > 0 ? input.file : undefined;
  const thumbnail = input.thumbnail && input.thumbnail.size > 0 ? input.thumbnail : undefined;
  const checkedFile = file && checkAttachment("File", file, isMediaType, input.maxBytes, errors);
  const checkedThumbnail =
    thumbnail && checkAttachment("Thumbnail", thumbnail, isImageType, input.maxBytes, errors);
  for (const checked of [checkedFile, checkedThumbnail]) if (checked) checkDimensions(checked);
  if (input.description !== undefined && [...input.description].length > DESCRIPTION_LIMIT) {
    errors.push(`Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`);
  }
  if (input.creating && !file) errors.push("File can't be blank");
  const type = checkedFile?.type ?? input.existingType;
  if (thumbnail && type !== undefined && type !== "video" && type !== "audio") {
    errors.push("Thumbnail must be blank");
  }
  if (errors.length > 0) throw validationFailed(errors.join(", "));
  return { file: checkedFile, thumbnail: checkedThumbnail };
}

/** Reads a focus point as Mastodon does ("x,y", each as Ruby's to_f: a leading number, else 0). */
export function parseFocus(text: string): { x: number; y: number } | undefined {
  if (text.trim() === "") return undefined;
  const [x, y] = text.split(",").map((part) => {
    const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(part);
    const value = m ? Number(m[0]) : 0;
    return Number.isFinite(value) ? value : 0;
  });
  return { x: x ?? 0, y: y ?? 0 };
}
