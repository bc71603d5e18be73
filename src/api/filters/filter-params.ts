/**
 * Checks for the parameters both filter APIs share: where a filter applies, what it does on a
 * match, and when it expires. Each refuses a bad value before any request is sent.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { describeValue, optionalInteger, requireOneOf } from "../validate.js";
import { type FILTER_ACTIONS, FILTER_CONTEXTS } from "./constants.js";

/** One of FILTER_CONTEXTS: "home", "notifications", "public", "thread" or "account". */
export type FilterContext = (typeof FILTER_CONTEXTS)[number];

/** One of FILTER_ACTIONS: "warn", "hide" or "blur" (Mastodon 4.4.0). */
export type FilterAction = (typeof FILTER_ACTIONS)[number];

/** One context or a list of them, as a non-empty list of known contexts. */
export function filterContexts(method: string, value: unknown): FilterContext[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw new MastodonIllegalArgumentError(
      `${method}(): context must be a list of one or more of ${FILTER_CONTEXTS.map((c) => `"${c}"`).join(", ")}; got ${
        Array.isArray(list) ? "an empty list" : describeValue(value)
      }.`,
    );
  }
  return list.map((item) => requireOneOf(method, "context", item, FILTER_CONTEXTS));
}

/** Like filterContexts, for an optional value. */
export function optionalFilterContexts(method: string, value: unknown): FilterContext[] | undefined {
  return value === undefined || value === null ? undefined : filterContexts(method, value);
}

/** Seconds until the filter expires: a whole number of at least 1, or undefined for never. */
export function expiresIn(method: string, value: unknown): number | undefined {
  return optionalInteger(method, "expires_in", value, 1);
}
