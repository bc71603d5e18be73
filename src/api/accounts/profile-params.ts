/**
 * The parameters of a profile update (accountUpdateCredentials and the 4.6 profileUpdate), checked
 * and shaped as Mastodon expects them in a multipart body: images as file parts, `fields` as
 * `fields_attributes[0][name]`/`[value]` pairs (as Mastodon.py sends them), the posting defaults
 * under `source[...]`.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Mastodon } from "../../mastodon.js";
import { INTERNAL } from "../internal.js";
import { readFileInput } from "../media/file-input.js";
import type { MediaFile } from "../media/read-file-input.js";
import { optionalBoolean, requireOptions, stringList, without } from "../validate.js";

/** One profile field: a `[name, value]` pair as in Mastodon.py, or `{ name, value }`. */
export type ProfileField =
  | readonly [name: string, value: string]
  | {
      /** The field's label, such as "Website". */
      name: string;
      /** The field's content, plain text; a link is shown as one (and verified with rel="me"). */
      value: string;
    };

/** What both profile update methods take. */
export interface ProfileUpdateBase {
  /** The name shown on the profile ("" clears it). */
  display_name?: string | undefined;
  /** The bio, as plain text with links, mentions and hashtags ("" clears it). */
  note?: string | undefined;
  /** A new avatar image: a path, a file: URL, a Blob or File, or the bytes. */
  avatar?: MediaFile | undefined;
  /** The avatar's type (e.g. "image/png") when it cannot be told from the content. */
  avatar_mime_type?: string | undefined;
  /** A new header (banner) image, given as for `avatar`. */
  header?: MediaFile | undefined;
  /** The header's type when it cannot be told from the content. */
  header_mime_type?: string | undefined;
  /** A description of the avatar for people who cannot see it (Mastodon 4.6.0). */
  avatar_description?: string | undefined;
  /** A description of the header for people who cannot see it (Mastodon 4.6.0). */
  header_description?: string | undefined;
  /** Approve follow requests by hand. */
  locked?: boolean | undefined;
  /** Mark the account as automated. */
  bot?: boolean | undefined;
  /** List the account in the profile directory and other discovery features. */
  discoverable?: boolean | undefined;
  /** Replace the profile fields (the server allows 4 unless configured otherwise). */
  fields?: readonly ProfileField[] | undefined;
  /** Hide who the account follows and who follows it (Mastodon 4.1.0). */
  hide_collections?: boolean | undefined;
  /** Let anyone search the account's public statuses (Mastodon 4.2.0). */
  indexable?: boolean | undefined;
  /** Websites allowed to credit the account as author of their articles (Mastodon 4.4.0; at most 10). */
  attribution_domains?: string[] | undefined;
}

const FILE_KEYS = ["avatar", "avatar_mime_type", "header", "header_mime_type"];
const TEXT_KEYS = ["display_name", "note", "avatar_description", "header_description"];
const FLAG_KEYS = ["locked", "bot", "discoverable", "hide_collections", "indexable"];
const BASE_KEYS = [...FILE_KEYS, ...TEXT_KEYS, ...FLAG_KEYS, "fields", "attribution_domains"];

function show(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  return value === null ? "null" : typeof value;
}

function fieldsAttributes(method: string, fields: unknown): Array<{ name: string; value: string }> {
  if (!Array.isArray(fields)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): fields must be a list of [name, value] pairs or { name, value } objects; got ${show(fields)}.`,
    );
  }
  return fields.map((field: unknown, index) => {
    const [name, value] = Array.isArray(field)
      ? field.length === 2
        ? field
        : [undefined, undefined]
      : typeof field === "object" && field !== null
        ? [(field as { name?: unknown }).name, (field as { value?: unknown }).value]
        : [undefined, undefined];
    if (typeof name !== "string" || typeof value !== "string") {
      throw new MastodonIllegalArgumentError(
        `${method}(): fields[${index}] must be a [name, value] pair or { name, value } of two strings.`,
      );
    }
    return { name, value };
  });
}

/**
 * Checks the options shared by both profile updates and builds their parameters; `handled` are
 * the caller's own keys, left out here. Image files are read (and their type checked) here, so a
 * bad image is refused before anything is sent.
 */
export async function profileParams(
  client: Mastodon,
  method: string,
  options: ProfileUpdateBase | undefined,
  handled: readonly string[] = [],
): Promise<Record<string, unknown>> {
  requireOptions(method, options);
  const source = (options ?? {}) as Record<string, unknown>;
  const params = without(options, ...BASE_KEYS, ...handled);
  for (const key of TEXT_KEYS) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") {
      throw new MastodonIllegalArgumentError(`${method}(): ${key} must be a string; got ${show(value)}.`);
    }
    params[key] = value;
  }
  for (const key of FLAG_KEYS) {
    const value = optionalBoolean(method, key, source[key]);
    if (value !== undefined) params[key] = value;
  }
  if (source.fields !== undefined && source.fields !== null) {
    params.fields_attributes = fieldsAttributes(method, source.fields);
  }
  const domains = stringList(method, "attribution_domains", source.attribution_domains, (domain) =>
    /\s|\/\//.test(domain) ? 'must be a domain such as "example.com"' : undefined,
  );
  if (domains !== undefined) params.attribution_domains = domains;
  const mastodonTypesOnly = client[INTERNAL].featureSet === "mainline";
  for (const key of ["avatar", "header"] as const) {
    const file = source[key];
    if (file === undefined || file === null) continue;
    params[key] = await readFileInput(file as MediaFile, {
      what: `${method}: ${key}`,
      mime_type: source[`${key}_mime_type`] as string | undefined,
      accept: "image",
      mastodonTypesOnly,
    });
  }
  return params;
}
