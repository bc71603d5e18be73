/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */
export { MastodonMediaTimeoutError } from "./errors.js";
export type { Focus, MediaPostOptions, MediaUpdateOptions } from "./media.js";
export { MASTODON_MEDIA_TYPES } from "./mime-sniff.js";
export type { MediaFile } from "./read-file-input.js";
