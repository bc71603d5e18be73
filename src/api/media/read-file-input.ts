/**
 * Turning whatever a caller hands in as a file (a path, a file: URL, a Blob or File, bytes, a web
 * ReadableStream or a Node stream) into a named, typed File ready for a multipart upload, with its
 * type judged from its content. Used by media uploads and by profile avatar/header uploads.
 *
 * node:fs is loaded only when a path is read, so that the module loads in browsers too; on Node a
 * path becomes a file-backed Blob (`fs.openAsBlob`), which is streamed to the server rather than
 * read into memory.
 */
import type * as Fs from "node:fs";
import {
  MastodonFileNotFoundError,
  MastodonIllegalArgumentError,
  MastodonIOError,
} from "../../core/errors.js";
import { nodeBuiltin } from "../../core/node-fs.js";
import { MASTODON_MEDIA_TYPES } from "./constants.js";
import {
  acceptedSibling,
  extensionFor,
  normaliseMimeType,
  SNIFF_BYTES,
  type Sniffed,
  sameKind,
  sniffMimeType,
  typeFromFileName,
} from "./mime-sniff.js";

/**
 * A file to upload: a path (or `file:` URL), a Blob or File, bytes (Uint8Array, Buffer,
 * ArrayBuffer), a web ReadableStream, or any async iterable of chunks such as a Node Readable.
 */
export type MediaFile =
  | string
  | URL
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

export interface ReadFileInputOptions {
  /** Names the argument in error messages, e.g. "mediaPost: media_file". */
  what: string;
  /** The caller's declared type; checked against the content when the content is recognisable. */
  mime_type?: string | undefined;
  /** The name sent to the server; default a random `mastodon-ts-upload-<uuid>.<ext>`. */
  file_name?: string | undefined;
  /** "image" for thumbnails, avatars and headers; "media" (default) for any attachment type. */
  accept?: "media" | "image" | undefined;
  /**
   * Whether to refuse types a stock Mastodon server does not accept (default true). Pleroma and
   * Akkoma take any file, so the caller turns this off for their feature set.
   */
  mastodonTypesOnly?: boolean | undefined;
}

// A variable, so that bundlers for browsers do not try to resolve node:fs.
const NODE_FS = "node:fs";

/**
 * node:fs, loaded only when a path is actually read: `process.getBuiltinModule` where it exists
 * (Node >= 20.16, Deno, Bun), else a dynamic import (older Node 20); undefined in browsers.
 */
async function loadFs(): Promise<typeof Fs | undefined> {
  const fs = nodeBuiltin<typeof Fs>(NODE_FS);
  if (fs) return fs;
  try {
    return (await import(NODE_FS)) as typeof Fs;
  } catch {
    return undefined;
  }
}

const SUPPORTED_SUMMARY =
  "images (JPEG, PNG, GIF, WebP, AVIF, HEIC/HEIF), videos (MP4, MOV, WebM, Ogg) and audio " +
  "(MP3, Ogg, WAV, FLAC, AAC, M4A)";

function describeInput(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return typeof value;
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ReadableStream).getReader === "function" &&
    typeof (value as ReadableStream).tee === "function"
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array | string> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
  );
}

/** A path's file, as a Blob; missing files and directories are refused with a clear error. */
async function openPath(path: string | URL, what: string): Promise<Blob> {
  const fs = await loadFs();
  if (!fs) {
    throw new MastodonIllegalArgumentError(
      `${what}: reading a file by its path needs file access, which this runtime does not offer ` +
        "(Node.js, Deno and Bun do). Pass a Blob, a File or the bytes instead.",
    );
  }
  let stat: Fs.Stats;
  try {
    stat = await fs.promises.stat(path);
  } catch (cause) {
    throw fileError(cause, path, what);
  }
  if (!stat.isFile()) {
    throw new MastodonFileNotFoundError(
      `${what}: ${show(path)} is ${stat.isDirectory() ? "a directory" : "not a regular file"}, not a file to upload.`,
    );
  }
  try {
    // A file-backed Blob is streamed to the server instead of being read into memory first.
    if (typeof fs.openAsBlob === "function") return await fs.openAsBlob(path);
    return new Blob([await fs.promises.readFile(path)]);
  } catch (cause) {
    throw fileError(cause, path, what);
  }
}

function show(path: string | URL): string {
  return JSON.stringify(typeof path === "string" ? path : path.href);
}

function fileError(cause: unknown, path: string | URL, what: string): Error {
  const code = (cause as { code?: string } | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new MastodonFileNotFoundError(
      `${what}: there is no file at ${show(path)}. Check the path (relative paths start from ${
        (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.() ?? "the working directory"
      }).`,
      { cause },
    );
  }
  return new MastodonIOError(
    `${what}: could not read ${show(path)} (${code ?? (cause as Error)?.message ?? "unknown error"}).`,
    { cause },
  );
}

/** Refuses URLs other than file: ones (fs reads file: URLs directly). */
function requireFileUrl(url: URL, what: string): URL {
  if (url.protocol !== "file:") {
    throw new MastodonIllegalArgumentError(
      `${what}: only file: URLs can be read; got a ${url.protocol} URL. Download the file first and pass its bytes.`,
    );
  }
  return url;
}

/**
 * A chunk as something Blob takes. Blob copies its parts, so a view over a shared or pooled
 * buffer (Node's Buffer) is fine; only the typing needs the ArrayBuffer-backed form.
 */
function blobPart(chunk: unknown): BlobPart {
  if (typeof chunk === "string") return chunk;
  if (chunk instanceof ArrayBuffer) return chunk;
  if (ArrayBuffer.isView(chunk)) {
    const view = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return view.buffer instanceof ArrayBuffer ? (view as Uint8Array<ArrayBuffer>) : view.slice();
  }
  throw new TypeError(`a stream gave a chunk that is not bytes or text (${describeInput(chunk)})`);
}

/** Reads a stream to the end into a Blob (multipart bodies need the length up front). */
async function readStream(
  chunks: AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>,
  what: string,
  path: string | undefined,
): Promise<Blob> {
  const parts: BlobPart[] = [];
  try {
    if (isReadableStream(chunks)) {
      const reader = chunks.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(blobPart(value));
      }
    } else {
      for await (const chunk of chunks) parts.push(blobPart(chunk));
    }
  } catch (cause) {
    if (path !== undefined) throw fileError(cause, path, what);
    throw new MastodonIOError(
      `${what}: reading the stream failed (${(cause as Error)?.message ?? String(cause)}).`,
      {
        cause,
      },
    );
  }
  return new Blob(parts);
}

/** The content as a Blob, plus a name hint (for the extension fallback) where there is one. */
async function toBlob(input: unknown, what: string): Promise<{ blob: Blob; hint: string | undefined }> {
  if (typeof input === "string") {
    if (input === "") throw new MastodonIllegalArgumentError(`${what}: the file path is empty.`);
    return { blob: await openPath(input, what), hint: input };
  }
  if (input instanceof URL) {
    return {
      blob: await openPath(requireFileUrl(input, what), what),
      hint: decodeURIComponent(input.pathname),
    };
  }
  if (typeof Blob !== "undefined" && input instanceof Blob) {
    return { blob: input, hint: (input as Blob & { name?: string }).name };
  }
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    return { blob: new Blob([blobPart(input)]), hint: undefined };
  }
  if (isReadableStream(input) || isAsyncIterable(input)) {
    // A Node fs.ReadStream knows its path, which helps with the extension and error messages.
    const path = (input as { path?: unknown }).path;
    const hint = typeof path === "string" ? path : undefined;
    return { blob: await readStream(input, what, hint), hint };
  }
  throw new MastodonIllegalArgumentError(
    `${what} must be a file path, a file: URL, a Blob or File, bytes (Uint8Array, Buffer or ArrayBuffer) ` +
      `or a readable stream; got ${describeInput(input)}.`,
  );
}

/** Decides the type to declare, refusing unknown, mismatched and unsupported files. */
function decideType(
  sniffed: Sniffed | undefined,
  declared: string | undefined,
  weakHints: ReadonlyArray<string | undefined>,
  options: ReadFileInputOptions,
): string {
  const { what } = options;
  let type: string;
  let description: string;
  if (sniffed) {
    if (declared !== undefined && !sameKind(declared, sniffed.type)) {
      throw new MastodonIllegalArgumentError(
        `${what}: mime_type says ${declared}, but the content is ${sniffed.name} (${sniffed.type}). ` +
          "Leave mime_type out to use the detected type, or pass the file you meant.",
      );
    }
    const detected =
      options.mastodonTypesOnly === false ? sniffed.type : (acceptedSibling(sniffed.type) ?? sniffed.type);
    type = declared ?? detected;
    description = sniffed.name;
  } else {
    const hinted = weakHints.find((h) => h !== undefined && h !== "");
    if (declared === undefined && hinted === undefined) {
      throw new MastodonIllegalArgumentError(
        `${what}: could not tell what kind of file this is from its content or name. ` +
          `Pass mime_type (e.g. "image/png") if it is one of ${SUPPORTED_SUMMARY}.`,
      );
    }
    type = declared ?? normaliseMimeType(hinted!);
    description = `a file of type ${type}`;
  }
  if (options.accept === "image" && !type.startsWith("image/")) {
    throw new MastodonIllegalArgumentError(
      `${what} must be an image (JPEG, PNG, GIF, WebP, AVIF or HEIC); got ${description} (${type}).`,
    );
  }
  if (options.mastodonTypesOnly !== false && !MASTODON_MEDIA_TYPES.has(type)) {
    throw new MastodonIllegalArgumentError(
      `${what} is ${description} (${type}), which Mastodon does not accept. It takes ${SUPPORTED_SUMMARY}.`,
    );
  }
  return type;
}

/**
 * Reads `input` into a File named and typed for upload. The type comes from the content's first
 * bytes; a declared `mime_type` must agree with it; the file name's extension (or a Blob's own
 * type) is used only when the content is not recognisable. Throws MastodonIllegalArgumentError for
 * unknown, empty, mismatched or unsupported files and MastodonFileNotFoundError for missing paths,
 * always before anything is sent.
 */
export async function readFileInput(input: MediaFile, options: ReadFileInputOptions): Promise<File> {
  const { what } = options;
  let declared: string | undefined;
  if (options.mime_type !== undefined && options.mime_type !== null) {
    if (typeof options.mime_type !== "string" || !/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(options.mime_type)) {
      throw new MastodonIllegalArgumentError(
        `${what}: mime_type must look like "image/png"; got ${JSON.stringify(options.mime_type)}.`,
      );
    }
    declared = normaliseMimeType(options.mime_type);
  }
  if (
    options.file_name !== undefined &&
    options.file_name !== null &&
    typeof options.file_name !== "string"
  ) {
    throw new MastodonIllegalArgumentError(`${what}: file_name must be a string.`);
  }
  const { blob, hint } = await toBlob(input, what);
  if (blob.size === 0) throw new MastodonIllegalArgumentError(`${what}: the file is empty.`);
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = decideType(
    sniffMimeType(head),
    declared,
    [typeFromFileName(hint), blob.type || undefined, typeFromFileName(options.file_name)],
    options,
  );
  const name =
    options.file_name || `mastodon-ts-upload-${globalThis.crypto.randomUUID()}.${extensionFor(type)}`;
  return new File([blob], name, { type });
}
