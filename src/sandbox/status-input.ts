/**
 * What a new status is made from, read from a request (or from a scheduled status's saved parameters),
 * and Mastodon's checks on it, in Mastodon's order: the status replied to (404), the media (422 with
 * Mastodon's own texts), then the record's validations (`Validation failed: Text can't be blank`, the
 * length limit, the poll).
 */
import { getStatusLength } from "../api/statuses/status-length.js";
import { isLanguageCode } from "../api/validate.js";
import type { SandboxContext } from "./context.js";
import type { AccountRecord, MediaRecord, StatusRecord, Visibility } from "./records.js";
import { isProcessed } from "./render/media.js";
import { ApiError, unprocessable, validationFailed } from "./reply.js";
import type { SandboxRequest } from "./request.js";
import { type PollInput, pollErrors, readPollInput } from "./status-poll.js";
import { canSee } from "./visibility.js";

export const MAX_MEDIA = 4;
const VISIBILITIES: readonly Visibility[] = ["public", "unlisted", "private", "direct"];

export interface StatusInput {
  text: string;
  /** Undefined: not given (the account's default applies). */
  spoiler_text: string | undefined;
  visibility: string | undefined;
  sensitive: boolean | undefined;
  language: string | undefined;
  in_reply_to_id: string | undefined;
  media_ids: string[];
  poll: PollInput | undefined;
}

/** Reads `status`, `spoiler_text`, `visibility`, ... as Rails' strong parameters would keep them. */
export function readStatusInput(req: SandboxRequest): StatusInput {
  const inReplyTo = req.string("in_reply_to_id");
  return {
    text: req.string("status") ?? "",
    spoiler_text: req.string("spoiler_text"),
    visibility: nonEmpty(req.string("visibility")),
    sensitive: req.boolean("sensitive"),
    language: nonEmpty(req.string("language")),
    in_reply_to_id: nonEmpty(inReplyTo),
    media_ids: req.strings("media_ids"),
    poll: readPollInput(req),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** What the checks settled: the values the status is stored with. */
export interface CheckedStatus {
  text: string;
  spoiler_text: string;
  visibility: Visibility;
  sensitive: boolean;
  language: string;
  thread: StatusRecord | undefined;
  media: MediaRecord[];
  poll: PollInput | undefined;
}

/** The status replied to, or Mastodon's 404 when it is unknown or hidden from the author. */
export function findThread(
  ctx: SandboxContext,
  author: AccountRecord,
  id: string | undefined,
): StatusRecord | undefined {
  if (id === undefined) return undefined;
  const thread = ctx.state.statuses.get(id);
  if (!thread || thread.reblog_of_id !== null || !canSee(ctx, author.id, thread)) {
    throw new ApiError(404, { error: "The post you are trying to reply to does not appear to exist." });
  }
  return thread;
}

/**
 * The media to attach: the author's own, not attached anywhere else (`allowedStatusId` is the status
 * being edited, whose media may stay), at most 4, no video among several files, none beside a poll.
 */
export function checkMedia(
  ctx: SandboxContext,
  author: AccountRecord,
  ids: readonly string[],
  hasPoll: boolean,
  allowedStatusId: string | null = null,
): MediaRecord[] {
  if (ids.length === 0) return [];
  if (ids.length > MAX_MEDIA || hasPoll) throw unprocessable("Cannot attach more than 4 files");
  const wanted = [...new Set(ids)];
  const reserved = scheduledMediaIds(ctx, author.id);
  const found: MediaRecord[] = [];
  const missing: string[] = [];
  for (const id of wanted) {
    const media = ctx.state.media.get(id);
    // An avatar or header is kept as a media record too, but it is no attachment Mastodon knows of.
    const isPicture = id === author.avatar_media_id || id === author.header_media_id;
    const usable =
      media !== undefined &&
      !isPicture &&
      media.account_id === author.id &&
      (media.status_id === null || media.status_id === allowedStatusId) &&
      !reserved.has(id);
    if (usable) found.push(media);
    else missing.push(id);
  }
  if (missing.length > 0) {
    throw unprocessable(`Media ${missing.join(", ")} not found or already attached to another post`);
  }
  // Mastodon's `audio_or_video?`: a gifv is an image here.
  if (found.length > 1 && found.some((m) => m.type === "video" || m.type === "audio")) {
    throw unprocessable("Cannot attach a video to a post that already contains images");
  }
  if (found.some((m) => !isProcessed(ctx, m))) {
    throw unprocessable("Cannot attach files that have not finished processing. Try again in a moment!");
  }
  return found;
}

/** Media waiting in the author's scheduled statuses, which no other post may take. */
function scheduledMediaIds(ctx: SandboxContext, accountId: string): Set<string> {
  return new Set(ctx.state.scheduled.lookup("account", accountId).flatMap((s) => s.media_ids));
}

/** The record's own validations, joined as Rails joins them. */
export function recordErrors(
  ctx: SandboxContext,
  text: string,
  spoilerText: string,
  hasMedia: boolean,
  poll: PollInput | undefined,
): string[] {
  const errors: string[] = [];
  if (text.trim() === "" && !hasMedia) errors.push("Text can't be blank");
  const max = ctx.options.max_characters;
  if (getStatusLength(text, { spoiler_text: spoilerText }) > max) {
    errors.push(`Text character limit of ${max} exceeded`);
  }
  if (poll) errors.push(...pollErrors(poll));
  return errors;
}

/** Runs every check for a new status and settles its values; throws Mastodon's error for the first failure. */
export function checkNewStatus(
  ctx: SandboxContext,
  author: AccountRecord,
  input: StatusInput,
): CheckedStatus {
  const thread = findThread(ctx, author, input.in_reply_to_id);
  const media = checkMedia(ctx, author, input.media_ids, input.poll !== undefined);
  let text = input.text.trim();
  let spoiler = (input.spoiler_text ?? "").trim();
  const sensitive = (input.sensitive ?? author.sensitive) || spoiler !== "";
  // Mastodon posts a content warning with no text as the text itself.
  if (text === "" && spoiler !== "") {
    text = spoiler;
    spoiler = "";
  }
  const visibility = input.visibility ?? author.privacy;
  const errors = recordErrors(ctx, text, spoiler, media.length > 0, input.poll);
  if (!VISIBILITIES.includes(visibility as Visibility)) errors.push("Visibility is not included in the list");
  if (errors.length > 0) throw validationFailed(errors.join(", "));
  return {
    text,
    spoiler_text: spoiler,
    visibility: visibility as Visibility,
    sensitive,
    language: chooseLanguage(input.language, author.language),
    thread,
    media,
    poll: input.poll,
  };
}

/** A valid language code as given, else the author's default, else English (Mastodon's default locale). */
export function chooseLanguage(
  given: string | undefined,
  ...fallbacks: (string | null | undefined)[]
): string {
  for (const lang of [given, ...fallbacks]) {
    if (typeof lang === "string" && isLanguageCode(lang)) return lang;
  }
  return "en";
}
