/**
 * A calendar day as "YYYY-MM-DD", the form the terms-of-service endpoint takes (Mastodon.py passes
 * a datetime.date; a JavaScript Date has no date-only form, so its UTC day is used).
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Date (its UTC day) or a real "YYYY-MM-DD" day; anything else is refused before a request. */
export function calendarDate(method: string, name: string, value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === "string") {
    const match = DAY.exec(value);
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      // Date.UTC rolls "2025-02-30" over into March; a real day survives the round trip.
      if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
        return value;
      }
    }
  }
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be a Date or a calendar day as "YYYY-MM-DD" (such as "2025-03-01"); got ${
      value instanceof Date ? "an invalid Date" : (JSON.stringify(value) ?? String(value))
    }.`,
  );
}
