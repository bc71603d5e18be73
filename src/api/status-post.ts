/**
 * Posting and editing a status: the parameters, their checks, and the request body. A post gets
 * one `Idempotency-Key` per call, reused on each retry, so a retried post can never appear twice.
 * https://docs.joinmastodon.org/methods/statuses/#create
 */
import type { Params } from "../core/encode.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { FeatureSet } from "../core/options.js";
import type { IdLike } from "./endpoint.js";
import { CONTENT_TYPES } from "./statuses/constants.js";
import { checkPoll, type PollParams } from "./statuses/polls.js";
import { checkQuoteApprovalPolicy, type QuoteApprovalPolicy } from "./statuses/quotes.js";
import { checkVisibility, type Visibility } from "./statuses/visibility.js";
import { describeValue, idList, isoUtc, optionalBoolean, requireId, requireOptions } from "./validate.js";

export type { PollParams } from "./statuses/polls.js";
export type { Visibility } from "./statuses/visibility.js";

/**
 * Options of statusPost (and, less in_reply_to_id, of statusReply). Every option is checked before
 * anything is sent: an unknown option, a value of the wrong type, a poll together with media, or an
 * option the server type in feature_set does not take throws MastodonIllegalArgumentError.
 */
export interface StatusPostOptions {
  /** The status this one answers (see also statusReply, which adds the mentions). */
  in_reply_to_id?: IdLike | undefined;
  /** Uploaded media (ids or the MediaAttachments mediaPost resolved to); a lone id is taken too. */
  media_ids?: IdLike | readonly IdLike[] | undefined;
  /** Hide the media behind a warning; default the account's preference. */
  sensitive?: boolean | undefined;
  /** Who can see it; default the account's setting. Forks add more (see feature_set). */
  visibility?: Visibility | (string & {}) | undefined;
  /** A content warning shown before the text. */
  spoiler_text?: string | undefined;
  /** ISO 639 code of the text's language; default: the server guesses. */
  language?: string | undefined;
  /** Reuse a key to make a repeated call return the status already posted; default: a fresh one per call. */
  idempotency_key?: string | undefined;
  /** MIME type of the text on Pleroma and Akkoma: "text/plain", "text/html", "text/markdown", "text/bbcode". */
  content_type?: string | undefined;
  /** With content_type: refuse it unless feature_set is "pleroma" and the type is a known one. */
  strict_content_type?: boolean | undefined;
  /** Post later: a Date or ISO timestamp at least five minutes ahead. The result is then a ScheduledStatus. */
  scheduled_at?: Date | string | undefined;
  /** A poll (see makePoll); a status has either a poll or media, not both. */
  poll?: PollParams | undefined;
  /** The status to quote (Mastodon 4.5). The server links it if the text does not. */
  quoted_status_id?: IdLike | undefined;
  /** Who may quote this status (Mastodon 4.5); default the account's setting. */
  quote_approval_policy?: QuoteApprovalPolicy | (string & {}) | undefined;
  /** Fedibird's own quote parameter (feature_set "fedibird" only); on Mastodon use quoted_status_id. */
  quote_id?: IdLike | undefined;
}

/** What statusUpdate can change (Mastodon 3.5; `language` 4.0, `quote_approval_policy` 4.5). */
export interface StatusUpdateOptions {
  /**
   * The content warning. Mastodon replaces the edited status as a whole: left out, the warning is
   * removed, so pass the old one to keep it (see statusSource).
   */
  spoiler_text?: string | undefined;
  /** Hide the media behind a warning; left out, Mastodon takes false (true when a spoiler_text is given). */
  sensitive?: boolean | undefined;
  /** The media the status keeps or gains; leaving one out removes it. */
  media_ids?: IdLike | readonly IdLike[] | undefined;
  /** A new poll; changing a poll resets its votes. */
  poll?: PollParams | undefined;
  /**
   * New descriptions, focal points or thumbnails of attached media (see
   * generateMediaEditAttributes). Their ids are added to media_ids.
   */
  media_attributes?: readonly MediaAttribute[] | undefined;
  /** ISO 639 code of the new text's language (Mastodon 4.0). */
  language?: string | undefined;
  /** Who may quote the status from now on: "public", "followers" or "nobody" (Mastodon 4.5). */
  quote_approval_policy?: QuoteApprovalPolicy | (string & {}) | undefined;
}

/** A change to one attached medium in an edit (Mastodon 4.1). */
export interface MediaAttribute {
  /** The attachment's id; the attachment must belong to the status (it is added to media_ids). */
  id: string;
  /** The new alt text, for people who cannot see the medium. */
  description?: string | undefined;
  /** "x,y", each from -1 to 1. */
  focus?: string | undefined;
  /** A data: URL of the new thumbnail image. */
  thumbnail?: string | undefined;
}

const POST_KEYS: readonly (keyof StatusPostOptions)[] = [
  "in_reply_to_id",
  "media_ids",
  "sensitive",
  "visibility",
  "spoiler_text",
  "language",
  "idempotency_key",
  "content_type",
  "strict_content_type",
  "scheduled_at",
  "poll",
  "quoted_status_id",
  "quote_approval_policy",
  "quote_id",
];

const UPDATE_KEYS: readonly (keyof StatusUpdateOptions)[] = [
  "spoiler_text",
  "sensitive",
  "media_ids",
  "poll",
  "media_attributes",
  "language",
  "quote_approval_policy",
];

/** Checks a new status's parameters and builds its body; throws before anything is sent. */
export function buildStatusParams(
  method: string,
  status: unknown,
  options: StatusPostOptions,
  featureSet: FeatureSet,
): Params {
  checkOptionKeys(method, options, POST_KEYS);
  const params = commonParams(method, status, options, featureSet);
  const visibility = checkVisibility(method, options.visibility, featureSet);
  if (visibility !== undefined) params.visibility = visibility;
  if (options.in_reply_to_id != null)
    params.in_reply_to_id = requireId(method, "in_reply_to_id", options.in_reply_to_id);
  if (options.quoted_status_id != null) {
    params.quoted_status_id = requireId(method, "quoted_status_id", options.quoted_status_id);
  }
  if (options.quote_id != null) {
    if (featureSet !== "fedibird") {
      throw new MastodonIllegalArgumentError(
        `${method}(): quote_id is Fedibird's parameter (feature_set "fedibird"); to quote on Mastodon 4.5+, pass quoted_status_id.`,
      );
    }
    params.quote_id = requireId(method, "quote_id", options.quote_id);
  }
  if (options.scheduled_at != null)
    params.scheduled_at = isoUtc(method, "scheduled_at", options.scheduled_at);
  if (options.content_type != null) {
    const type = options.content_type;
    if (options.strict_content_type && featureSet !== "pleroma") {
      throw new MastodonIllegalArgumentError(
        `${method}(): content_type is only understood by Pleroma and Akkoma (feature_set "pleroma"); Mastodon ignores it.`,
      );
    }
    if (options.strict_content_type && !(CONTENT_TYPES as readonly string[]).includes(type)) {
      throw new MastodonIllegalArgumentError(
        `${method}(): content_type must be one of ${CONTENT_TYPES.map((t) => `"${t}"`).join(", ")}; got ${JSON.stringify(type)}.`,
      );
    }
    params.content_type = type;
  }
  return params;
}

/** Checks an edit's parameters and builds its body; throws before anything is sent. */
export function buildStatusUpdateParams(
  method: string,
  status: unknown,
  options: StatusUpdateOptions,
  featureSet: FeatureSet,
): Params {
  checkOptionKeys(method, options, UPDATE_KEYS);
  if (typeof status !== "string") {
    throw new MastodonIllegalArgumentError(
      `${method}(): status (the new text) is required and must be a string; pass the old text to keep it (see statusSource).`,
    );
  }
  const params = commonParams(method, status, options, featureSet);
  if (options.media_attributes != null) {
    if (!Array.isArray(options.media_attributes)) {
      throw new MastodonIllegalArgumentError(
        `${method}(): media_attributes must be a list of objects such as generateMediaEditAttributes() builds.`,
      );
    }
    const attributes = options.media_attributes.map((a: unknown) => checkMediaAttribute(method, a));
    params.media_attributes = attributes;
    // The server edits only media the status keeps, so every edited medium goes into media_ids.
    const ids = (params.media_ids as string[] | undefined) ?? [];
    params.media_ids = [...ids, ...attributes.map((a) => a.id).filter((id) => !ids.includes(id))];
  }
  return params;
}

/** What posting and editing share: text, content warning, sensitivity, language, media, poll, quote policy. */
function commonParams(
  method: string,
  status: unknown,
  options: StatusPostOptions | StatusUpdateOptions,
  featureSet: FeatureSet,
): Params {
  if (typeof status !== "string") {
    throw new MastodonIllegalArgumentError(
      `${method}(): the status text must be a string (it may be empty when media or a poll is attached); got ${describeValue(status)}.`,
    );
  }
  const params: Params = { status };
  if (options.spoiler_text != null)
    params.spoiler_text = stringOption(method, "spoiler_text", options.spoiler_text);
  if (options.language != null) params.language = stringOption(method, "language", options.language);
  const sensitive = optionalBoolean(method, "sensitive", options.sensitive);
  if (sensitive !== undefined) params.sensitive = sensitive;
  if (options.media_ids != null) params.media_ids = idList(method, "media_ids", options.media_ids);
  if (options.poll != null) {
    if (Array.isArray(params.media_ids) && params.media_ids.length > 0) {
      throw new MastodonIllegalArgumentError(
        `${method}(): a status can have media or a poll attached, not both.`,
      );
    }
    params.poll = checkPoll(method, options.poll, featureSet) as unknown as Params;
  }
  const policy = checkQuoteApprovalPolicy(method, options.quote_approval_policy);
  if (policy !== undefined) params.quote_approval_policy = policy;
  return params;
}

function checkOptionKeys(method: string, options: unknown, allowed: readonly string[]): void {
  requireOptions(method, options);
  const unknown = Object.keys(options ?? {}).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new MastodonIllegalArgumentError(
      `${method}(): unknown option(s) ${unknown.join(", ")}; allowed: ${allowed.join(", ")}.`,
    );
  }
}

function checkMediaAttribute(method: string, value: unknown): MediaAttribute {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): each media_attributes entry must be an object with an id (see generateMediaEditAttributes).`,
    );
  }
  const { id, description, focus, thumbnail, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw new MastodonIllegalArgumentError(
      `${method}(): media_attributes entries take id, description, focus and thumbnail; got also ${extra.join(", ")}.`,
    );
  }
  const out: MediaAttribute = { id: requireId(method, "media_attributes[].id", id) };
  if (description != null)
    out.description = stringOption(method, "media_attributes[].description", description);
  if (focus != null) out.focus = stringOption(method, "media_attributes[].focus", focus);
  if (thumbnail != null) out.thumbnail = stringOption(method, "media_attributes[].thumbnail", thumbnail);
  return out;
}

function stringOption(method: string, name: string, value: unknown): string {
  if (typeof value === "string") return value;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be a string; got ${describeValue(value)}.`,
  );
}

/** A fresh key per call (Web Crypto is in Node 20, browsers, Deno and Bun). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
