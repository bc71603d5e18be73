/**
 * Input checks shared by the API areas: each refuses a bad argument before any request is sent,
 * with a message that names the method, the parameter and what is allowed.
 */
import { MastodonIllegalArgumentError } from "../core/errors.js";
import { type IdLike, unpackId } from "./endpoint.js";

/** Refuses a value that is not one of `allowed`, naming what is allowed. */
export function requireOneOf<T extends string>(
  method: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}; got ${describeValue(value)}.`,
  );
}

/** Like requireOneOf, for an optional value: undefined and null pass as undefined. */
export function optionalOneOf<T extends string>(
  method: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  return value === undefined || value === null ? undefined : requireOneOf(method, name, value, allowed);
}

/** A non-empty string, or an error that names the parameter. */
export function requireString(method: string, name: string, value: unknown): string {
  if (typeof value === "string" && value.trim() !== "") return value;
  throw new MastodonIllegalArgumentError(
    `${method}() needs ${name} as a non-empty string; got ${describeValue(value)}.`,
  );
}

/** An id from a string, number or entity, with the method's name in the error. */
export function requireId(method: string, name: string, value: unknown): string {
  return unpackId(value, name, method);
}

/** One id or a list of ids (entities allowed), as a list of id strings. */
export function idList(method: string, name: string, value: IdLike | readonly IdLike[]): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => requireId(method, name, item));
}

/** `https://example.com/` -> `example.com/`: Mastodon.py strips the scheme of domain parameters. */
export function deprotocolize(domain: string): string {
  return domain.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
}

/** The bare host of a domain or URL: no scheme, no path. */
export function bareDomain(method: string, name: string, value: unknown): string {
  const host = deprotocolize(requireString(method, name, value)).split("/")[0] ?? "";
  if (host === "") {
    throw new MastodonIllegalArgumentError(`${method}(): ${name} must be a domain such as "example.com".`);
  }
  return host;
}

/**
 * A domain given to a create call must be the domain alone: a scheme is refused (as Mastodon.py
 * does), because the server would store it literally and the block or allow would never match.
 */
export function plainDomain(method: string, name: string, value: unknown): string {
  const domain = requireString(method, name, value).trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain) || domain.includes("/")) {
    throw new MastodonIllegalArgumentError(
      `${method}(): ${name} must be a bare domain such as "example.com", without scheme or path; got ${describeValue(value)}.`,
    );
  }
  return domain;
}

/** A point in time as the ISO-8601 UTC string the metrics endpoints take. */
export function isoUtc(method: string, name: string, value: unknown): string {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new MastodonIllegalArgumentError(
      `${method}(): ${name} must be a Date or an ISO-8601 date string such as "2024-01-31"; got ${describeValue(value)}.`,
    );
  }
  return date.toISOString();
}

/** A whole number of at least `min`, or undefined when not given. */
export function optionalInteger(
  method: string,
  name: string,
  value: unknown,
  min: number,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= min) return value;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be a whole number of at least ${min}; got ${describeValue(value)}.`,
  );
}

/** Copies `options` without undefined/null values and without the keys in `omit`. */
export function without(options: object | undefined, ...omit: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined && value !== null && !omit.includes(key)) out[key] = value;
  }
  return out;
}

/** Refuses an options argument that is not a plain object (e.g. a stray positional argument). */
export function requireOptions(method: string, options: unknown): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): the last argument must be an options object; got ${describeValue(options)}.`,
    );
  }
}

/** A bad value as an error message shows it: short, and never the contents of an object. */
/** What kind of value a server sent where another was due, for a message: "null", "a list", "a number"... */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (typeof value === "object") return Array.isArray(value) ? "a list" : "an object";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** true, false, or undefined when not given; anything else (e.g. the string "false") is refused. */
export function optionalBoolean(method: string, name: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be true or false; got ${typeof value === "string" ? JSON.stringify(value) : typeof value}.`,
  );
}

/** A string (empty allowed, e.g. to clear a comment), or undefined when not given. */
export function optionalText(method: string, name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  throw new MastodonIllegalArgumentError(`${method}(): ${name} must be text; got ${typeof value}.`);
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

/** An ISO 639 language code, optionally with a region or script ("en", "pt-BR", "zh-Hant"). */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(code);
}
