/**
 * Posting a status so that a retry never hides or doubles a post, as servers really behave:
 *   - some Mastodon versions answer a reused Idempotency-Key with a 500 instead of the status
 *     the first attempt created;
 *   - Mastodon ignores the key for scheduled statuses, so a blind retry schedules the post twice.
 * So after a 5xx answer to a retry, and before every retry of a scheduled post, the client looks
 * for the post among the account's newest statuses (or its scheduled statuses): one with the same
 * text, created after this call's first attempt, is the post, and is returned.
 */
import type { Params } from "../../core/encode.js";
import { MastodonAPIError, MastodonServerError } from "../../core/errors.js";
import { readDate } from "../../core/header-values.js";
import type { RequestOptions } from "../../core/http.js";
import type { HeaderReader } from "../../core/transport.js";
import type { ScheduledStatus, Status, StatusSource } from "../../entities/index.js";
import type { Internal } from "../internal.js";

/** How many of the newest statuses are searched: a post made seconds ago is among them. */
const NEWEST = 20;
/** The server's Date header has whole seconds; a post may carry a time up to this much earlier. */
const CLOCK_SLACK_MS = 2000;

/** A status post's request, as statusPost builds it (./post-status.ts). */
export interface StatusPostRequest extends RequestOptions {
  params: Params;
  idempotencyKey: string;
}

/** Sends the post; after a failed retry, returns the post the server made all the same, if it finds it. */
export async function postStatusOnce(
  internal: Internal,
  request: StatusPostRequest,
): Promise<Status | ScheduledStatus> {
  const firstAttempt = Date.now();
  const { params } = request;
  const scheduled = params.scheduled_at !== undefined;
  let retried = false;
  const find = () =>
    scheduled
      ? findScheduled(internal, params, firstAttempt)
      : findPosted(internal, String(params.status), firstAttempt);
  try {
    const { data } = await internal.request<Status | ScheduledStatus>({
      ...request,
      beforeRetry: async () => {
        retried = true;
        // The key protects an ordinary post; a scheduled one is looked for before it is sent again.
        if (!scheduled) return undefined;
        const found = await find();
        return found ? { data: found } : undefined;
      },
    });
    return data;
  } catch (error) {
    if (!retried || !(error instanceof MastodonServerError)) throw error;
    const found = await find().catch(() => undefined);
    if (found) return found;
    throw error;
  }
}

/**
 * The objects of a list the server answered while looking for the post. Anything else there is no
 * telling whether the post was made: the caller is told so, rather than with a TypeError.
 */
function entries<T>(data: unknown, what: string): T[] {
  if (!Array.isArray(data)) throw unreadable(`${what} is not a list`);
  return data.filter((item): item is T => item !== null && typeof item === "object");
}

function unreadable(what: string): MastodonAPIError {
  return new MastodonAPIError(
    `statusPost(): an attempt failed, and the server's ${what}, so whether the post was made ` +
      "cannot be checked. Look at the account's statuses (or scheduled statuses) before posting again.",
  );
}

/** The server's clock minus ours, from an answer's Date header (0 when it has none). */
function skewOf(headers: HeaderReader): number {
  const serverNow = readDate(headers.get("date"));
  return serverNow === undefined ? 0 : serverNow - Date.now();
}

/** The account's newest status with this text, created after `since` (local clock), if any. */
async function findPosted(internal: Internal, text: string, since: number): Promise<Status | undefined> {
  const me = await internal.request<{ id: string }>({
    method: "GET",
    path: "/api/v1/accounts/verify_credentials",
  });
  const after = since + skewOf(me.headers) - CLOCK_SLACK_MS;
  if (typeof me.data?.id !== "string") throw unreadable("account (verify_credentials) has no id");
  const { data } = await internal.request<unknown>({
    method: "GET",
    path: `/api/v1/accounts/${encodeURIComponent(me.data.id)}/statuses`,
    params: { limit: NEWEST, exclude_reblogs: true },
  });
  for (const status of entries<Status>(data, "list of the account's statuses")) {
    const created = Date.parse(status.created_at);
    if (Number.isNaN(created) || created < after) continue;
    // A Status carries rendered HTML; its source is the text as it was sent.
    const { data: source } = await internal.request<StatusSource>({
      method: "GET",
      path: `/api/v1/statuses/${encodeURIComponent(status.id)}/source`,
    });
    if (source?.text === text) return status;
  }
  return undefined;
}

/** Snowflakes made after 2001 are above this; smaller numeric ids are plain sequence numbers. */
const FIRST_SNOWFLAKE = 1_000_000_000_000n << 16n;

/** A Mastodon id's creation time (a snowflake holds milliseconds above its low 16 bits), if it is one. */
function snowflakeTime(id: string): number | undefined {
  if (!/^\d{1,30}$/.test(id)) return undefined;
  const value = BigInt(id);
  return value >= FIRST_SNOWFLAKE ? Number(value >> 16n) : undefined;
}

/** The scheduled status with this text and time, created after `since`, if any. */
async function findScheduled(
  internal: Internal,
  params: Params,
  since: number,
): Promise<ScheduledStatus | undefined> {
  const { data, headers } = await internal.request<unknown>({
    method: "GET",
    path: "/api/v1/scheduled_statuses",
    params: { limit: 40 },
  });
  const scheduled = entries<ScheduledStatus>(data, "list of scheduled statuses");
  const after = since + skewOf(headers) - CLOCK_SLACK_MS;
  const wanted = Date.parse(String(params.scheduled_at));
  return scheduled.find((candidate) => {
    if (candidate.params?.text !== params.status) return false;
    if (Date.parse(candidate.scheduled_at) !== wanted) return false;
    // Servers whose ids are not snowflakes: the text and the time must do.
    const created = snowflakeTime(candidate.id);
    return created === undefined || created >= after;
  });
}
