/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

/**
 * The MIME types a stock Mastodon server accepts for attachments (its instance configuration's
 * `media_attachments.supported_mime_types`, 4.x), plus `image/jpg`, a common misspelling.
 */
export const MASTODON_MEDIA_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/heic",
  "image/heif",
  "image/webp",
  "image/avif",
  "video/webm",
  "video/mp4",
  "video/quicktime",
  "video/ogg",
  "audio/wave",
  "audio/wav",
  "audio/x-wav",
  "audio/x-pn-wave",
  "audio/vnd.wave",
  "audio/ogg",
  "audio/vorbis",
  "audio/mpeg",
  "audio/mp3",
  "audio/webm",
  "audio/flac",
  "audio/aac",
  "audio/m4a",
  "audio/x-m4a",
  "audio/mp4",
  "audio/3gpp",
  "video/x-ms-asf",
]);
