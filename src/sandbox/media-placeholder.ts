/**
 * The one picture the sandbox has of its own: a 1x1 light grey PNG, served as the default avatar and
 * header (`/avatars/original/missing.png`, as Mastodon names them) and as the preview of a video that
 * has no thumbnail (Mastodon would show its first frame, which the sandbox cannot extract).
 */
export const PLACEHOLDER_PNG: Uint8Array = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mO4+fAFAAU5AqP5fGY6AAAAAElFTkSuQmCC",
  "base64",
);
