/**
 * Checks shared by this area's paginated methods: cursors (ids, entities or Dates), limits and
 * yes/no flags, refused before any request with an error that names the method and parameter.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { IdLike } from "../endpoint.js";
import { optionalInteger, requireId, requireOptions } from "../validate.js";

/** Page cursors and size. An id, an entity with an id, or a Date (sent as that moment's snowflake). */
export interface CursorOptions {
  max_id?: IdLike | Date;
  min_id?: IdLike | Date;
  since_id?: IdLike | Date;
  limit?: number;
}

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

/** A yes/no option: undefined when not given, refused when not a boolean. */
export function optionalBoolean(method: string, name: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be true or false; got ${JSON.stringify(value)}.`,
  );
}

/** A list of strings (a single string is a list of one), each checked by `check`. */
export function stringList(
  method: string,
  name: string,
  value: unknown,
  check: (item: string) => string | undefined,
  max?: number,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): ${name} must be a list of strings; got ${typeof value}.`,
    );
  }
  if (max !== undefined && list.length > max) {
    throw new MastodonIllegalArgumentError(
      `${method}(): ${name} takes at most ${max} items; got ${list.length}.`,
    );
  }
  return list.map((item) => {
    const problem = typeof item === "string" && item !== "" ? check(item) : "must be a non-empty string";
    if (problem !== undefined) {
      throw new MastodonIllegalArgumentError(
        `${method}(): each item of ${name} ${problem}; got ${JSON.stringify(item)}.`,
      );
    }
    return item as string;
  });
}
