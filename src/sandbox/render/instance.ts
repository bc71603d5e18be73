/**
 * The instance information (/api/v1/instance and /api/v2/instance) as Mastodon 4.5 gives it, with the
 * sandbox's own limits (status length, upload size) and addresses. The version parses as Mastodon
 * 4.5.0 in mastodon-ts and in Mastodon.py alike: both read what comes before the `+` (Mastodon.py
 * looks after it only when that part is itself a version number).
 */
import { MASTODON_MEDIA_TYPES } from "../../api/media/constants.js";
import { URL_LENGTH } from "../../api/statuses/status-length.js";
import type { Account, Instance, InstanceV2, Rule } from "../../entities/generated.js";
import { DISPLAY_NAME_LIMIT, FIELD_CHARACTER_LIMIT, MAX_FIELDS, NOTE_LIMIT } from "../account-profile.js";
import { findAccountByUsername } from "../accounts-store.js";
import type { SandboxContext } from "../context.js";
import { vapidPublicKey } from "../instance-vapid.js";
import { DESCRIPTION_LIMIT, IMAGE_MATRIX_LIMIT, VIDEO_MATRIX_LIMIT } from "../media-upload.js";
import { MAX_MEDIA } from "../status-input.js";
import {
  MAX_POLL_EXPIRATION_S,
  MAX_POLL_OPTION_CHARS,
  MAX_POLL_OPTIONS,
  MIN_POLL_EXPIRATION_S,
} from "../status-poll.js";
import { renderAccount } from "./account.js";

export const SANDBOX_VERSION = "4.5.0+sandbox";
/** Mastodon 4.5's API level (`api_versions.mastodon`). */
export const MASTODON_API_VERSION = 7;
export const INSTANCE_TITLE = "Mastodon sandbox";
export const INSTANCE_DESCRIPTION =
  "A local Mastodon-compatible server from mastodon-ts for trying bots and apps. Nothing here leaves this machine.";

const SUPPORTED_MIME_TYPES = [...MASTODON_MEDIA_TYPES];

// Mastodon's fixed limits: those the status, poll and media areas enforce come from there.
const MAX_MEDIA_ATTACHMENTS = MAX_MEDIA;
const CHARACTERS_RESERVED_PER_URL = URL_LENGTH;
const POLLS = {
  max_options: MAX_POLL_OPTIONS,
  max_characters_per_option: MAX_POLL_OPTION_CHARS,
  min_expiration: MIN_POLL_EXPIRATION_S,
  max_expiration: MAX_POLL_EXPIRATION_S,
};
const VIDEO_FRAME_RATE_LIMIT = 120;
const ICON_SIZES = [36, 48, 72, 96, 144, 192, 256, 384, 512];

/** The streaming API lives on the same port as everything else, over ws://. */
export function streamingUrl(ctx: SandboxContext): string {
  return ctx.url.replace(/^http/, "ws");
}

export function thumbnailUrl(ctx: SandboxContext): string {
  return `${ctx.url}/packs/images/preview.png`;
}

/** The first seeded user stands in for the server's contact (its admin). */
export function contactAccount(ctx: SandboxContext): Account | null {
  const username = ctx.options.users[0];
  const account = username === undefined ? undefined : findAccountByUsername(ctx, username);
  return account ? renderAccount(ctx, account) : null;
}

/** Rules the server shows; the sandbox has none, as a fresh Mastodon has none. */
export function instanceRules(): Rule[] {
  return [];
}

function statuses(ctx: SandboxContext) {
  return {
    max_characters: ctx.options.max_characters,
    max_media_attachments: MAX_MEDIA_ATTACHMENTS,
    characters_reserved_per_url: CHARACTERS_RESERVED_PER_URL,
  };
}

export function renderInstanceV2(ctx: SandboxContext): InstanceV2 {
  const size = ctx.options.max_upload_bytes;
  return {
    domain: ctx.domain,
    title: INSTANCE_TITLE,
    version: SANDBOX_VERSION,
    source_url: "https://github.com/mastodon/mastodon",
    description: INSTANCE_DESCRIPTION,
    usage: { users: { active_month: ctx.state.accounts.size } },
    thumbnail: { url: thumbnailUrl(ctx), description: INSTANCE_TITLE },
    icon: ICON_SIZES.map((s) => ({
      src: `${ctx.url}/packs/icons/android-chrome-${s}x${s}.png`,
      size: `${s}x${s}`,
    })),
    languages: ["en"],
    configuration: {
      urls: {
        streaming: streamingUrl(ctx),
        status: null,
        about: `${ctx.url}/about`,
        privacy_policy: `${ctx.url}/privacy-policy`,
        terms_of_service: null,
      },
      vapid: { public_key: vapidPublicKey() },
      // The profile limits (fields Mastodon 4.6 added) are those the accounts area enforces.
      accounts: {
        max_featured_tags: 10,
        max_pinned_statuses: 5,
        max_display_name_length: DISPLAY_NAME_LIMIT,
        max_note_length: NOTE_LIMIT,
        max_avatar_description_length: 150,
        max_header_description_length: 150,
        max_profile_fields: MAX_FIELDS,
        profile_field_name_limit: FIELD_CHARACTER_LIMIT,
        profile_field_value_limit: FIELD_CHARACTER_LIMIT,
      },
      statuses: statuses(ctx),
      media_attachments: {
        description_limit: DESCRIPTION_LIMIT,
        image_matrix_limit: IMAGE_MATRIX_LIMIT,
        image_size_limit: size,
        supported_mime_types: SUPPORTED_MIME_TYPES,
        video_frame_rate_limit: VIDEO_FRAME_RATE_LIMIT,
        video_matrix_limit: VIDEO_MATRIX_LIMIT,
        video_size_limit: size,
      },
      polls: { ...POLLS },
      translation: { enabled: false },
      timelines_access: {
        live_feeds: { local: "public", remote: "public" },
        hashtag_feeds: { local: "public", remote: "public" },
        trending_link_feeds: { local: "public", remote: "public" },
      },
      limited_federation: false,
    },
    registrations: {
      enabled: true,
      approval_required: false,
      reason_required: false,
      message: null,
      min_age: null,
      url: null,
    },
    api_versions: { mastodon: MASTODON_API_VERSION },
    wrapstodon: null,
    contact: { email: "", account: contactAccount(ctx) },
    rules: instanceRules(),
  };
}

export function renderInstanceV1(ctx: SandboxContext): Instance {
  const size = ctx.options.max_upload_bytes;
  return {
    uri: ctx.domain,
    title: INSTANCE_TITLE,
    short_description: INSTANCE_DESCRIPTION,
    description: "",
    email: "",
    version: SANDBOX_VERSION,
    urls: { streaming_api: streamingUrl(ctx) },
    stats: {
      user_count: ctx.state.accounts.size,
      status_count: ctx.state.statuses.size,
      domain_count: 0,
    },
    thumbnail: thumbnailUrl(ctx),
    languages: ["en"],
    registrations: true,
    approval_required: false,
    invites_enabled: false,
    configuration: {
      accounts: { max_featured_tags: 10 },
      statuses: statuses(ctx),
      media_attachments: {
        supported_mime_types: SUPPORTED_MIME_TYPES,
        image_size_limit: size,
        image_matrix_limit: IMAGE_MATRIX_LIMIT,
        video_size_limit: size,
        video_frame_rate_limit: VIDEO_FRAME_RATE_LIMIT,
        video_matrix_limit: VIDEO_MATRIX_LIMIT,
      },
      polls: { ...POLLS },
    },
    contact_account: contactAccount(ctx),
    rules: instanceRules(),
  };
}
