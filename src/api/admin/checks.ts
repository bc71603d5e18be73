/**
 * The time range the admin metrics endpoints take.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { isoUtc } from "../validate.js";

/**
 * A period as the ISO-8601 UTC pair the metrics endpoints take; refuses an end before the start,
 * which the server would answer with empty data rather than an error.
 */
export function timeRange(
  method: string,
  startAt: unknown,
  endAt: unknown,
): { start_at: string; end_at: string } {
  const start_at = isoUtc(method, "start_at", startAt);
  const end_at = isoUtc(method, "end_at", endAt);
  if (Date.parse(end_at) < Date.parse(start_at)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): end_at (${end_at}) is before start_at (${start_at}); give the earlier time first.`,
    );
  }
  return { start_at, end_at };
}
