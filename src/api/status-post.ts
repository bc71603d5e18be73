/**
 * Posting a status: the parameters, their checks, and the request. Every call gets one
 * `Idempotency-Key`, reused on each retry, so a retried post can never appear twice.
 * https://docs.joinmastodon.org/methods/statuses/#create
 */
import type { Params } from "../core/encode.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { FeatureSet } from "../core/options.js";
import { type IdLike, unpackId } from "./endpoint.js";

export type Visibility = "public" | "unlisted" | "private" | "direct";

export interface PollParams {
  options: string[];
  /** Seconds until the poll closes. */
  expires_in: number;
  multiple?: boolean;
  hide_totals?: boolean;
}

export interface StatusPostOptions {
  in_reply_to_id?: IdLike;
  media_ids?: IdLike[];
  sensitive?: boolean;
  /** Who can see it; default the account's setting. */
  visibility?: Visibility | (string & {});
  /** A content warning shown before the text. */
  spoiler_text?: string;
  /** ISO 639 code of the text's language. */
  language?: string;
  /** Reuse a key to make a repeated call return the status already posted; default: a fresh one per call. */
  idempotency_key?: string;
  /** MIME type of the text (Pleroma/Akkoma, Glitch): "text/plain", "text/markdown", ... */
  content_type?: string;
  /** Post later: a Date or ISO timestamp at least five minutes ahead. The result is then a ScheduledStatus. */
  scheduled_at?: Date | string;
  poll?: PollParams;
  /** The status to quote (Mastodon 4.5). */
  quote_id?: IdLike;
  /** Who may quote this status (Mastodon 4.5): "public", "followers" or "nobody". */
  quote_approval_policy?: string;
}

const MAINLINE_VISIBILITIES = ["public", "unlisted", "private", "direct"];
const EXTRA_VISIBILITIES: Record<FeatureSet, string[]> = {
  mainline: [],
  fedibird: ["limited", "mutual"],
  pleroma: ["local", "list"],
};

/** Checks a status post's parameters and builds its body; throws before anything is sent. */
export function buildStatusParams(
  status: string | undefined,
  options: StatusPostOptions,
  featureSet: FeatureSet,
): Params {
  if (status !== undefined && status !== null && typeof status !== "string") {
    throw new MastodonIllegalArgumentError(
      `statusPost: the status text must be a string; got ${typeof status}.`,
    );
  }
  const {
    idempotency_key: _key,
    in_reply_to_id,
    media_ids,
    quote_id,
    scheduled_at,
    visibility,
    ...rest
  } = options;
  const params: Params = { status, ...rest };
  if (visibility !== undefined && visibility !== null) {
    const allowed = [...MAINLINE_VISIBILITIES, ...EXTRA_VISIBILITIES[featureSet]];
    if (!allowed.includes(String(visibility).toLowerCase())) {
      throw new MastodonIllegalArgumentError(
        `visibility must be one of ${allowed.map((v) => `"${v}"`).join(", ")}; got ${JSON.stringify(visibility)}.`,
      );
    }
    params.visibility = String(visibility).toLowerCase();
  }
  if (in_reply_to_id !== undefined) params.in_reply_to_id = unpackId(in_reply_to_id, "in_reply_to_id");
  if (quote_id !== undefined) params.quote_id = unpackId(quote_id, "quote_id");
  if (media_ids !== undefined) {
    if (!Array.isArray(media_ids))
      throw new MastodonIllegalArgumentError("media_ids must be a list of media ids.");
    params.media_ids = media_ids.map((id) => unpackId(id, "media_ids"));
  }
  if (scheduled_at !== undefined) {
    const when = scheduled_at instanceof Date ? scheduled_at : new Date(scheduled_at);
    if (Number.isNaN(when.getTime())) {
      throw new MastodonIllegalArgumentError(
        `scheduled_at must be a Date or an ISO timestamp; got ${String(scheduled_at)}.`,
      );
    }
    params.scheduled_at = when.toISOString();
  }
  // An empty text is left for the server to judge: with media or a poll it is allowed, and the
  // server's 422 names the problem in the account's language.
  return params;
}

/** A fresh key per call (Web Crypto is in Node 20, browsers, Deno and Bun). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
