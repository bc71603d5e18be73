/**
 * Polls attached to statuses: reading `poll[...]` parameters, Mastodon's checks on them (2 to 4
 * options of at most 50 characters, no duplicates, 5 minutes to a month), making the record, and the
 * "poll ended" notifications sent to the author and every voter when one expires.
 */
import { graphemeLength } from "../api/statuses/status-length.js";
import type { SandboxContext } from "./context.js";
import { compareIds } from "./ids.js";
import { notify } from "./notify.js";
import type { ParamObject } from "./params.js";
import type { PollRecord } from "./records.js";
import { isConversationMuted } from "./render/status.js";
import type { SandboxRequest } from "./request.js";

export const MAX_POLL_OPTIONS = 4;
export const MAX_POLL_OPTION_CHARS = 50;
export const MIN_POLL_EXPIRATION_S = 300;
export const MAX_POLL_EXPIRATION_S = 2_629_746;

/** A poll as asked for: `poll[options][]`, `poll[expires_in]`, `poll[multiple]`, `poll[hide_totals]`. */
export interface PollInput {
  options: string[];
  /** Seconds; undefined when missing or not a whole number. */
  expires_in: number | undefined;
  multiple: boolean;
  hide_totals: boolean;
}

/** The `poll` parameter, or undefined when none was given (or it is not an object, as Rails drops it). */
export function readPollInput(req: SandboxRequest, from: ParamObject = req.params): PollInput | undefined {
  const poll = req.object("poll", from);
  if (!poll) return undefined;
  return {
    options: req.strings("options", poll),
    expires_in: req.integer("expires_in", poll),
    multiple: req.boolean("multiple", poll) ?? false,
    hide_totals: req.boolean("hide_totals", poll) ?? false,
  };
}

/** Mastodon's validation messages for a poll (`Poll options ...`, `Poll expires at ...`), in its order. */
export function pollErrors(poll: PollInput): string[] {
  const errors: string[] = [];
  if (poll.options.length < 2) errors.push("Poll options must have more than one item");
  if (poll.options.length > MAX_POLL_OPTIONS) {
    errors.push(`Poll options can't contain more than ${MAX_POLL_OPTIONS} items`);
  }
  if (poll.options.some((o) => graphemeLength(o) > MAX_POLL_OPTION_CHARS)) {
    errors.push(`Poll options cannot be longer than ${MAX_POLL_OPTION_CHARS} characters each`);
  }
  if (new Set(poll.options).size !== poll.options.length) errors.push("Poll options contain duplicate items");
  if (poll.expires_in === undefined) errors.push("Poll expires at can't be blank");
  else if (poll.expires_in > MAX_POLL_EXPIRATION_S) errors.push("Poll expires at is too far into the future");
  else if (poll.expires_in < MIN_POLL_EXPIRATION_S) errors.push("Poll expires at is too soon");
  return errors;
}

/** Poll ids are small serial numbers, as Mastodon's are (`"1"`, `"2"`, ...). */
export function nextSerialId(table: { newestFirst(): Iterable<{ id: string }> }): string {
  for (const row of table.newestFirst()) {
    if (/^\d{1,15}$/.test(row.id)) return String(Number(row.id) + 1);
  }
  return "1";
}

/** Makes the poll record for a status (the input already passed pollErrors). */
export function createPoll(ctx: SandboxContext, statusId: string, poll: PollInput): PollRecord {
  const record: PollRecord = {
    id: nextSerialId(ctx.state.polls),
    status_id: statusId,
    options: [...poll.options],
    multiple: poll.multiple,
    hide_totals: poll.hide_totals,
    expires_at: new Date(ctx.now() + (poll.expires_in ?? MIN_POLL_EXPIRATION_S) * 1000).toISOString(),
    votes: {},
  };
  return ctx.state.polls.insert(record);
}

/**
 * Sends "poll" notifications for polls that ended since the last look: to the author and to each voter.
 * Polls that ended while the sandbox was stopped are not announced when it starts again.
 */
export function watchPollExpiry(ctx: SandboxContext): void {
  let lastLook = ctx.now();
  ctx.onTick(() => {
    const now = ctx.now();
    if (now <= lastLook) return;
    const ended: PollRecord[] = [];
    for (const poll of ctx.state.polls.oldestFirst()) {
      if (poll.expires_at === null) continue;
      const at = Date.parse(poll.expires_at);
      if (at > lastLook && at <= now) ended.push(poll);
    }
    lastLook = now;
    for (const poll of ended.sort((a, b) => compareIds(a.id, b.id))) announcePollEnd(ctx, poll);
  });
}

function announcePollEnd(ctx: SandboxContext, poll: PollRecord): void {
  const status = ctx.state.statuses.get(poll.status_id);
  if (!status) return;
  for (const recipient of [status.account_id, ...Object.keys(poll.votes)]) {
    if (isConversationMuted(ctx, recipient, status)) continue;
    notify(ctx, recipient, "poll", status.account_id, status.id);
  }
}
