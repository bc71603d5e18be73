/**
 * The cursor and size parameters of paginated methods, checked before any request: an id, an
 * entity with an id, or a Date (sent as that moment's snowflake id).
 */
import { MastodonIllegalArgumentError } from "../core/errors.js";
import { optionalInteger, requireId, requireOptions } from "./validate.js";

const CURSORS = ["max_id", "min_id", "since_id"] as const;

/** The cursor and limit parameters of `options`, checked; Dates stay Dates (the client converts them). */
export function cursorParams(method: string, options: object | undefined): Record<string, unknown> {
  requireOptions(method, options);
  const source = (options ?? {}) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const key of CURSORS) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) {
        throw new MastodonIllegalArgumentError(`${method}(): ${key} is an invalid Date.`);
      }
      params[key] = value;
    } else {
      params[key] = requireId(method, key, value);
    }
  }
  const limit = optionalInteger(method, "limit", source.limit, 1);
  if (limit !== undefined) params.limit = limit;
  return params;
}
