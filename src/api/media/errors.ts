/**
 * The error mediaPost({ synchronous: true }) raises when the server has not finished processing an
 * upload in the time allowed.
 */
import { MastodonError } from "../../core/errors.js";

/**
 * An upload was accepted but still had no `url` (the server was still converting it) when
 * `synchronous_timeout` ran out. The attachment exists: `media_id` can still be used later.
 */
export class MastodonMediaTimeoutError extends MastodonError {
  static override readonly errorName: string = "MastodonMediaTimeoutError";
  /** The attachment that was still being processed. */
  readonly media_id: string;
  /** How long mastodon-ts waited, in seconds. */
  readonly waited_seconds: number;

  constructor(message: string, init: { media_id: string; waited_seconds: number }) {
    super(message);
    this.media_id = init.media_id;
    this.waited_seconds = init.waited_seconds;
  }
}
