/**
 * Reading the small values servers put in headers (counts, seconds, dates). Each reader looks at a
 * bounded length and uses only anchored, non-nested patterns, so a broken or hostile server cannot
 * make it slow, and a value too long to be real is treated as absent.
 */

/** Longer than any count, epoch or HTTP date a server sends ("Sun, 06 Nov 1994 08:49:37 GMT" is 29). */
export const MAX_HEADER_VALUE_LENGTH = 64;

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

function bounded(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value.length > MAX_HEADER_VALUE_LENGTH) return undefined;
  return value.trim();
}

/** A non-negative whole number ("299"), or undefined when the value is anything else. */
export function readWholeNumber(value: string | null | undefined): number | undefined {
  const text = bounded(value);
  return text !== undefined && WHOLE_NUMBER.test(text) ? Number(text) : undefined;
}

/** A non-negative number, fractions allowed ("1712345678.5"), or undefined. */
export function readDecimal(value: string | null | undefined): number | undefined {
  const text = bounded(value);
  return text !== undefined && DECIMAL.test(text) ? Number(text) : undefined;
}

/** A date (HTTP date or ISO 8601) as milliseconds since the epoch, or undefined. */
export function readDate(value: string | null | undefined): number | undefined {
  const text = bounded(value);
  if (text === undefined || text === "") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
