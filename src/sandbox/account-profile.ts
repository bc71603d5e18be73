/**
 * `PATCH /api/v1/accounts/update_credentials`: reads the profile changes as Rails permits and casts them,
 * checks them as Mastodon's Account model does (422 "Validation failed: ..." with per-field details, and
 * nothing saved), then applies them. Avatar and header uploads become media records, which the media
 * area serves at /system/media/:id.
 */
import { countableText, graphemeLength } from "../api/statuses/status-length.js";
import { failOnProblems, type Problem } from "./account-validation.js";
import type { SandboxContext } from "./context.js";
import { readImageSize } from "./image-size.js";
import { createMedia } from "./media-store.js";
import { isObject, type ParamObject, type ParamValue, type UploadedFile } from "./params.js";
import type { AccountRecord, ProfileField, Visibility } from "./records.js";
import type { SandboxRequest } from "./request.js";

export const DISPLAY_NAME_LIMIT = 30;
export const NOTE_LIMIT = 500;
export const MAX_FIELDS = 4;
/** Mastodon cuts a local field's name and value to this many characters (it does not refuse them). */
export const FIELD_CHARACTER_LIMIT = 255;
export const PICTURE_LIMIT_BYTES = 8 * 1024 * 1024;
const PICTURE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"]);
const POSTING_PRIVACY: ReadonlySet<string> = new Set(["public", "unlisted", "private"]);

// ActiveModel::Type::Boolean: these are false, "" is nil, and every other value is true.
const RAILS_FALSE = new Set(["0", "f", "F", "false", "FALSE", "off", "OFF"]);

/** A boolean as Rails casts a permitted scalar; undefined when absent, empty or not a scalar. */
export function railsBoolean(value: ParamValue | undefined): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value !== "string" || value === "") return undefined;
  return !RAILS_FALSE.has(value);
}

/** A scalar as the string Rails would store; undefined for anything else (Rails drops it unpermitted). */
function scalarText(value: ParamValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function tooLong(attribute: string, label: string, maximum: number): Problem {
  return {
    attribute,
    label,
    error: "ERR_TOO_LONG",
    description: `is too long (maximum is ${maximum} characters)`,
  };
}

/** Mastodon's `fields_attributes`: a list, or a hash indexed "0", "1", ...; rows blank in both halves are dropped. */
function readFields(
  value: ParamValue | undefined,
  before: readonly ProfileField[],
): ProfileField[] | undefined {
  const rows = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : undefined;
  if (rows === undefined) return undefined;
  const fields: ProfileField[] = [];
  for (const row of rows) {
    if (!isObject(row)) continue;
    const name = (scalarText(row.name) ?? "").trim().slice(0, FIELD_CHARACTER_LIMIT);
    const value = (scalarText(row.value) ?? "").trim().slice(0, FIELD_CHARACTER_LIMIT);
    if (name === "" && value === "") continue;
    // A verified link stays verified while its value is unchanged.
    const verified_at = before.find((f) => f.value === value)?.verified_at ?? null;
    fields.push({ name, value, verified_at });
  }
  return fields;
}

function readPicture(
  file: UploadedFile | undefined,
  attribute: "avatar" | "header",
  problems: Problem[],
): UploadedFile | undefined {
  if (!file) return undefined;
  const label = attribute === "avatar" ? "Avatar" : "Header";
  if (!PICTURE_TYPES.has(file.contentType.toLowerCase())) {
    problems.push({ attribute, label, error: "ERR_INVALID", description: "content type is invalid" });
  } else if (file.size > PICTURE_LIMIT_BYTES) {
    problems.push({
      attribute,
      label,
      error: "ERR_INVALID",
      description: "file size must be less than 8 MB",
    });
  }
  return file;
}

function storePicture(
  ctx: SandboxContext,
  account: AccountRecord,
  file: UploadedFile,
  previous: string | null,
): string {
  if (previous) ctx.state.media.delete(previous);
  const size = readImageSize(file.data);
  const media = createMedia(ctx, account.id, {
    file: {
      type: "image",
      content_type: file.contentType,
      data: file.data,
      width: size?.width ?? null,
      height: size?.height ?? null,
      duration: null,
    },
    filename: file.filename,
    delayed: false,
  });
  return media.id;
}

/** The posting defaults from `source[...]`; Mastodon saves none of them when the privacy is not one it knows. */
function readSource(source: ParamObject | undefined): Partial<AccountRecord> {
  if (!source) return {};
  const out: Partial<AccountRecord> = {};
  const privacy = scalarText(source.privacy);
  if (privacy !== undefined) {
    if (!POSTING_PRIVACY.has(privacy)) return {};
    out.privacy = privacy as Visibility;
  }
  const sensitive = railsBoolean(source.sensitive);
  if (sensitive !== undefined) out.sensitive = sensitive;
  const language = scalarText(source.language);
  if (language !== undefined) out.language = language.trim() === "" ? null : language.trim().slice(0, 16);
  return out;
}

/** Checks and applies the request's profile changes to `account`; throws Mastodon's 422 and changes nothing when invalid. */
export function updateProfile(req: SandboxRequest, account: AccountRecord): void {
  const { ctx, params } = req;
  const problems: Problem[] = [];
  const changes: Partial<AccountRecord> = {};
  const avatar = readPicture(req.file("avatar"), "avatar", problems);
  const header = readPicture(req.file("header"), "header", problems);

  const displayName = scalarText(params.display_name);
  if (displayName !== undefined) {
    if ([...displayName].length > DISPLAY_NAME_LIMIT) {
      problems.push(tooLong("display_name", "Display name", DISPLAY_NAME_LIMIT));
    }
    changes.display_name = displayName;
  }
  const note = scalarText(params.note);
  if (note !== undefined) {
    // As Mastodon's NoteLengthValidator: links count 23, remote mentions as their local part.
    if (graphemeLength(countableText(note)) > NOTE_LIMIT) problems.push(tooLong("note", "Note", NOTE_LIMIT));
    changes.note = note;
  }
  const fields = readFields(params.fields_attributes, account.fields);
  if (fields !== undefined) {
    // Mastodon measures the list with a length validator, hence "characters" in its message.
    if (fields.length > MAX_FIELDS) problems.push(tooLong("fields", "Fields", MAX_FIELDS));
    else if (fields.some((f) => f.name === "")) {
      problems.push({
        attribute: "fields",
        label: "Fields",
        error: "ERR_FIELDS_WITH_VALUES_MISSING_LABELS",
        description: "contains values with missing labels",
      });
    }
    changes.fields = fields;
  }
  for (const flag of ["locked", "bot", "discoverable", "indexable", "hide_collections"] as const) {
    const value = railsBoolean(params[flag]);
    if (value !== undefined) changes[flag] = value;
  }

  failOnProblems(problems);

  Object.assign(account, changes, readSource(req.object("source")));
  if (avatar) account.avatar_media_id = storePicture(ctx, account, avatar, account.avatar_media_id);
  if (header) account.header_media_id = storePicture(ctx, account, header, account.header_media_id);
  ctx.changed();
}

/** `DELETE /api/v1/profile/avatar|header`: back to the default picture. */
export function removePicture(ctx: SandboxContext, account: AccountRecord, which: "avatar" | "header"): void {
  const key = which === "avatar" ? "avatar_media_id" : "header_media_id";
  const id = account[key];
  if (id === null) return;
  ctx.state.media.delete(id);
  account[key] = null;
  ctx.changed();
}
