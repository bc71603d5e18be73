/**
 * Scheduled statuses: a post with `scheduled_at` at least 5 minutes ahead is checked like any other,
 * then kept (with its media reserved) and published by a timer when the sandbox's clock reaches its
 * time. A time already past publishes at once, as Mastodon does. The entity's `params` are kept in the
 * shape Mastodon shows them.
 */
import type { ScheduledStatus, ScheduledStatusParams } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import type { AccountRecord, ScheduledStatusRecord } from "./records.js";
import { renderMedia } from "./render/media.js";
import { validationFailed } from "./reply.js";
import { createStatus } from "./status-create.js";
import { type CheckedStatus, checkNewStatus, type StatusInput } from "./status-input.js";
import { nextSerialId, type PollInput } from "./status-poll.js";

/** How far ahead a scheduled status must be. */
export const MIN_SCHEDULE_OFFSET_MS = 5 * 60_000;
export const TOTAL_SCHEDULED_LIMIT = 300;
export const DAILY_SCHEDULED_LIMIT = 25;

/** `scheduled_at` as epoch ms; undefined when it is not a date. */
export function parseScheduledAt(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? ms : undefined;
}

/** Mastodon's checks on the time: far enough ahead, and within the per-day and total limits. */
export function checkScheduledAt(
  ctx: SandboxContext,
  accountId: string,
  at: number | undefined,
  ignoreId?: string,
): void {
  if (at === undefined) throw validationFailed("Scheduled at is invalid");
  if (at <= ctx.now() + MIN_SCHEDULE_OFFSET_MS)
    throw validationFailed("Scheduled at date must be in the future");
  const mine = ctx.state.scheduled.lookup("account", accountId).filter((s) => s.id !== ignoreId);
  if (mine.length >= TOTAL_SCHEDULED_LIMIT) {
    throw validationFailed(`You have exceeded the limit of ${TOTAL_SCHEDULED_LIMIT} scheduled posts`);
  }
  const day = new Date(at).toISOString().slice(0, 10);
  if (mine.filter((s) => s.scheduled_at.slice(0, 10) === day).length >= DAILY_SCHEDULED_LIMIT) {
    throw validationFailed(
      `You have exceeded the limit of ${DAILY_SCHEDULED_LIMIT} scheduled posts for today`,
    );
  }
}

function pollParams(poll: PollInput | undefined): Record<string, unknown> | null {
  return poll
    ? {
        options: poll.options,
        expires_in: poll.expires_in,
        multiple: poll.multiple,
        hide_totals: poll.hide_totals,
      }
    : null;
}

/** Keeps a checked status for later; the caller has checked the time. */
export function scheduleStatus(
  ctx: SandboxContext,
  author: AccountRecord,
  input: StatusInput,
  checked: CheckedStatus,
  at: number,
  clientId: string | null,
  idempotencyKey: string | undefined,
): ScheduledStatusRecord {
  const app = clientId ? ctx.state.apps.lookup("client", clientId)[0] : undefined;
  const params: Omit<ScheduledStatusParams, "poll"> & { poll: Record<string, unknown> | null } = {
    text: input.text,
    quote_approval_policy: "public",
    media_ids: input.media_ids.length > 0 ? checked.media.map((m) => m.id) : null,
    sensitive: input.sensitive ?? null,
    spoiler_text: input.spoiler_text ?? null,
    visibility: input.visibility ?? null,
    language: input.language ?? null,
    scheduled_at: null,
    poll: pollParams(input.poll),
    allowed_mentions: null,
    idempotency: idempotencyKey ?? null,
    with_rate_limit: false,
    in_reply_to_id: input.in_reply_to_id ?? null,
    application_id: app ? Number(app.id) : 0,
    quoted_status_id: null,
  };
  const record: ScheduledStatusRecord = {
    id: nextSerialId(ctx.state.scheduled),
    account_id: author.id,
    client_id: clientId,
    scheduled_at: new Date(at).toISOString(),
    params,
    media_ids: checked.media.map((m) => m.id),
  };
  ctx.state.scheduled.insert(record);
  ctx.changed();
  return record;
}

export function renderScheduledStatus(ctx: SandboxContext, record: ScheduledStatusRecord): ScheduledStatus {
  return {
    id: record.id,
    scheduled_at: record.scheduled_at,
    params: record.params as unknown as ScheduledStatusParams,
    media_attachments: record.media_ids.flatMap((id) => {
      const media = ctx.state.media.get(id);
      return media ? [renderMedia(ctx, media)] : [];
    }),
  };
}

/** The input a scheduled status is published with, read back from its saved params. */
function inputFromParams(record: ScheduledStatusRecord): StatusInput {
  const p = record.params;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const poll = p.poll as Record<string, unknown> | null | undefined;
  return {
    text: str(p.text) ?? "",
    spoiler_text: str(p.spoiler_text),
    visibility: str(p.visibility),
    sensitive: typeof p.sensitive === "boolean" ? p.sensitive : undefined,
    language: str(p.language),
    in_reply_to_id: str(p.in_reply_to_id),
    media_ids: record.media_ids,
    poll: poll
      ? {
          options: Array.isArray(poll.options) ? poll.options.filter((o) => typeof o === "string") : [],
          expires_in: typeof poll.expires_in === "number" ? poll.expires_in : undefined,
          multiple: poll.multiple === true,
          hide_totals: poll.hide_totals === true,
        }
      : undefined,
  };
}

/**
 * Publishes a scheduled status now. It is removed first (which frees its media); a status that no
 * longer passes the checks (the reply target was deleted, ...) is dropped, as Mastodon drops it.
 */
export function publishScheduled(ctx: SandboxContext, record: ScheduledStatusRecord): void {
  ctx.state.scheduled.delete(record.id);
  ctx.changed();
  const author = ctx.state.accounts.get(record.account_id);
  if (!author) return;
  try {
    const checked = checkNewStatus(ctx, author, inputFromParams(record));
    createStatus(ctx, author, checked, record.client_id);
  } catch {
    // Dropped: Mastodon's worker gives up on a scheduled status that fails validation.
  }
}

export function watchScheduledStatuses(ctx: SandboxContext): void {
  ctx.onTick(() => {
    const now = ctx.now();
    const due = ctx.state.scheduled.all().filter((s) => Date.parse(s.scheduled_at) <= now);
    due.sort((a, b) => Date.parse(a.scheduled_at) - Date.parse(b.scheduled_at));
    for (const record of due) publishScheduled(ctx, record);
  });
}
