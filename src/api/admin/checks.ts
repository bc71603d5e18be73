/**
 * Input checks the admin area needs beyond ../validate.ts. They are generic; they live here until
 * another area needs them (then they belong in ../validate.ts).
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { isoUtc } from "../validate.js";

/** true, false, or undefined when not given; anything else (e.g. the string "false") is refused. */
export function optionalBoolean(method: string, name: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be true or false; got ${typeof value === "string" ? JSON.stringify(value) : typeof value}.`,
  );
}

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

/** A string (empty allowed, e.g. to clear a comment), or undefined when not given. */
export function optionalText(method: string, name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  throw new MastodonIllegalArgumentError(`${method}(): ${name} must be text; got ${typeof value}.`);
}
