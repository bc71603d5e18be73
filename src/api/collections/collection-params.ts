/**
 * Options of the collections methods, and their checks: the limits the server enforces on
 * collections made here (name 40 characters, description 100, at most 25 accounts, pages of at most
 * 80) are refused before a request, so a bot learns what is wrong without a round trip.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { hashtagName } from "../accounts/hashtag-name.js";
import type { IdLike } from "../endpoint.js";
import {
  describeValue,
  idList,
  isLanguageCode,
  optionalBoolean,
  optionalInteger,
  optionalText,
  requireOptions,
  requireString,
  without,
} from "../validate.js";
import {
  COLLECTION_DESCRIPTION_MAX_LENGTH,
  COLLECTION_MAX_ITEMS,
  COLLECTION_NAME_MAX_LENGTH,
  COLLECTION_PAGE_MAX_LIMIT,
} from "./constants.js";

/** A page of a collection list: by position, not by id. */
export interface CollectionPageOptions {
  /** How many collections per page, 1 to 80 (the server's default is 40). */
  limit?: number | undefined;
  /** How many collections to skip from the start (default 0). */
  offset?: number | undefined;
}

/** What a collection says about itself; every key is optional on update. */
export interface CollectionUpdateOptions {
  /** A new title: at most 40 characters, taken as plain text. */
  name?: string | undefined;
  /** What the collection is about: at most 100 characters, taken as plain text. */
  description?: string | undefined;
  /** Its main language, a code such as "en" or "pt-BR". */
  language?: string | undefined;
  /** Mark it as containing sensitive content. */
  sensitive?: boolean | undefined;
  /** Show it on the profile, in search and in recommendations. */
  discoverable?: boolean | undefined;
  /** One hashtag that describes it, without "#" (a tag entity also works). */
  tag_name?:
    | string
    | {
        /** The hashtag's name, without "#". */
        name: string;
      }
    | undefined;
}

/** Everything but the name, which collectionCreate takes first. */
export interface CollectionCreateOptions extends Omit<CollectionUpdateOptions, "name"> {
  /** Accounts (ids or entities) to feature from the start; at most 25. */
  account_ids?: IdLike | readonly IdLike[] | undefined;
}

const UPDATE_KEYS = ["name", "description", "language", "sensitive", "discoverable", "tag_name"];

/** Characters as the server counts them (code points, so an emoji is one). */
function length(text: string): number {
  return [...text].length;
}

function collectionName(method: string, value: unknown): string {
  const name = requireString(method, "name", value);
  if (length(name) > COLLECTION_NAME_MAX_LENGTH) {
    throw new MastodonIllegalArgumentError(
      `${method}(): name may have at most ${COLLECTION_NAME_MAX_LENGTH} characters; got ${length(name)}.`,
    );
  }
  return name;
}

function description(method: string, value: unknown): string | undefined {
  const text = optionalText(method, "description", value);
  if (text !== undefined && length(text) > COLLECTION_DESCRIPTION_MAX_LENGTH) {
    throw new MastodonIllegalArgumentError(
      `${method}(): description may have at most ${COLLECTION_DESCRIPTION_MAX_LENGTH} characters; got ${length(text)}.`,
    );
  }
  return text;
}

function language(method: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && isLanguageCode(value)) return value;
  throw new MastodonIllegalArgumentError(
    `${method}(): language must be a language code such as "en" or "pt-BR"; got ${describeValue(value)}.`,
  );
}

/** A hashtag name or a tag entity; a leading "#" is refused, as the tag methods do. */
function tagName(method: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const raw = typeof value === "object" && "name" in value ? (value as { name: unknown }).name : value;
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new MastodonIllegalArgumentError(
      `${method}(): tag_name must be a hashtag name such as "cats", or a tag; got ${describeValue(raw)}.`,
    );
  }
  return hashtagName(method, "tag_name", raw);
}

/** The checked descriptive fields, plus any key this library does not know yet (sent as given). */
function describingParams(method: string, options: CollectionUpdateOptions | undefined) {
  const params: Record<string, unknown> = {};
  const checked: Record<string, unknown> = {
    description: description(method, options?.description),
    language: language(method, options?.language),
    sensitive: optionalBoolean(method, "sensitive", options?.sensitive),
    discoverable: optionalBoolean(method, "discoverable", options?.discoverable),
    tag_name: tagName(method, options?.tag_name),
  };
  for (const [key, value] of Object.entries(checked)) if (value !== undefined) params[key] = value;
  return params;
}

export function createParams(
  method: string,
  name: unknown,
  options: CollectionCreateOptions | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = { name: collectionName(method, name) };
  requireOptions(method, options);
  Object.assign(params, describingParams(method, options));
  const accounts = options?.account_ids;
  if (accounts !== undefined && accounts !== null) {
    const ids = idList(method, "account_ids", accounts);
    if (ids.length > COLLECTION_MAX_ITEMS) {
      throw new MastodonIllegalArgumentError(
        `${method}(): account_ids takes at most ${COLLECTION_MAX_ITEMS} accounts; got ${ids.length}.`,
      );
    }
    if (ids.length > 0) params.account_ids = ids;
  }
  Object.assign(params, without(options, ...UPDATE_KEYS, "account_ids"));
  return params;
}

export function updateParams(
  method: string,
  options: CollectionUpdateOptions | undefined,
): Record<string, unknown> {
  requireOptions(method, options);
  const params: Record<string, unknown> = {};
  if (options?.name !== undefined && options.name !== null)
    params.name = collectionName(method, options.name);
  Object.assign(params, describingParams(method, options));
  Object.assign(params, without(options, ...UPDATE_KEYS));
  if (Object.keys(params).length === 0) {
    throw new MastodonIllegalArgumentError(
      `${method}() has nothing to change: give at least one of ${UPDATE_KEYS.join(", ")}.`,
    );
  }
  return params;
}

export function pageParams(
  method: string,
  options: CollectionPageOptions | undefined,
): Record<string, unknown> {
  requireOptions(method, options);
  const params: Record<string, unknown> = {};
  const limit = optionalInteger(method, "limit", options?.limit, 1);
  if (limit !== undefined) {
    if (limit > COLLECTION_PAGE_MAX_LIMIT) {
      throw new MastodonIllegalArgumentError(
        `${method}(): limit may be at most ${COLLECTION_PAGE_MAX_LIMIT}; got ${limit}.`,
      );
    }
    params.limit = limit;
  }
  const offset = optionalInteger(method, "offset", options?.offset, 0);
  if (offset !== undefined) params.offset = offset;
  Object.assign(params, without(options, "limit", "offset"));
  return params;
}
