/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */

export { MASTODON_MEDIA_TYPES } from "./constants.js";
export { MastodonMediaTimeoutError } from "./errors.js";
export type { Focus, MediaPostOptions, MediaUpdateOptions } from "./media.js";
export type { MediaFile } from "./read-file-input.js";
