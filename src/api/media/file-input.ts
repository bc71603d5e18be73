/**
 * readFileInput, loaded on first use: reading paths, blobs and bytes and sniffing their type is
 * most of the media code, and only uploads need it (apps that never upload never load it).
 */
import type { MediaFile, ReadFileInputOptions } from "./read-file-input.js";

/** Reads a media argument into a File with a checked type (see ./read-file-input.ts). */
export async function readFileInput(input: MediaFile, options: ReadFileInputOptions): Promise<File> {
  // A Node stream can fail while the code loads (a missing file's ReadStream does at once): with no
  // listener, that would crash the process. Reading it later reports the stream's error as before.
  const emitter = input as { on?: unknown; once?: (event: string, listener: () => void) => unknown };
  if (typeof emitter.on === "function" && typeof emitter.once === "function") emitter.once("error", () => {});
  return (await import("./read-file-input.js")).readFileInput(input, options);
}
