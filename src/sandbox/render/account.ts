/**
 * Account entities as Mastodon 4.5 shows them, computed from the account record and the current counts
 * (each an index count, so rendering stays cheap on timelines). Keys come in the order a real server
 * writes them.
 */
import type { Account, CredentialAccountSource, Role } from "../../entities/index.js";
import { renderPlainText } from "../content.js";
import type { SandboxContext } from "../context.js";
import type { AccountRecord, MuteRecord, ProfileField } from "../records.js";

/** The uploaded picture, or the picture Mastodon shows for an account with none of its own. */
function mediaUrl(ctx: SandboxContext, mediaId: string | null, kind: "avatars" | "headers"): string {
  return mediaId && ctx.state.media.has(mediaId)
    ? `${ctx.url}/system/media/${mediaId}`
    : `${ctx.url}/${kind}/original/missing.png`;
}

/** The role every account without a staff role has (what a real server gives an ordinary user). */
const EVERYONE_ROLE: Role = {
  id: "-99",
  name: "",
  permissions: "65536",
  color: "",
  highlighted: false,
  collection_limit: 10,
};

function renderFields(fields: readonly ProfileField[], html: boolean): Account["fields"] {
  return fields.map((f) => ({
    name: f.name,
    value: html ? renderPlainText(f.value, false) : f.value,
    verified_at: f.verified_at,
  }));
}

export function renderAccount(ctx: SandboxContext, account: AccountRecord): Account {
  const { state } = ctx;
  const avatar = mediaUrl(ctx, account.avatar_media_id, "avatars");
  const header = mediaUrl(ctx, account.header_media_id, "headers");
  return {
    id: account.id,
    username: account.username,
    acct: account.username,
    display_name: account.display_name,
    locked: account.locked,
    bot: account.bot,
    discoverable: account.discoverable,
    indexable: account.indexable,
    group: false,
    // Mastodon shows only the day an account was made.
    created_at: `${account.created_at.slice(0, 10)}T00:00:00.000Z`,
    note: account.note === "" ? "" : renderPlainText(account.note),
    url: `${ctx.url}/@${account.username}`,
    uri: `${ctx.url}/users/${account.username}`,
    avatar,
    avatar_static: avatar,
    avatar_description: "",
    header,
    header_static: header,
    header_description: "",
    followers_count: state.follows.count("target", account.id),
    following_count: state.follows.count("account", account.id),
    statuses_count: state.statuses.count("account", account.id),
    last_status_at: account.last_status_at ? account.last_status_at.slice(0, 10) : null,
    hide_collections: account.hide_collections,
    show_media: true,
    show_media_replies: true,
    show_featured: true,
    // The "hide from search engines" preference, which the sandbox does not offer: always off.
    noindex: false,
    feature_approval: { automatic: [], manual: [], current_user: "denied" },
    emojis: [],
    roles: [],
    fields: renderFields(account.fields, true),
  };
}

export type CredentialAccount = Account & { source: CredentialAccountSource; role: Role };

/** The signed-in account's own view, with `source` and `role` (verify_credentials, update_credentials). */
export function renderCredentialAccount(ctx: SandboxContext, account: AccountRecord): CredentialAccount {
  const { emojis, roles, fields, ...head } = renderAccount(ctx, account) as Account & {
    emojis: Account["emojis"];
    roles: unknown[];
  };
  return {
    ...head,
    source: {
      privacy: account.privacy,
      sensitive: account.sensitive,
      language: account.language,
      note: account.note,
      fields: renderFields(account.fields, false),
      follow_requests_count: ctx.state.followRequests.count("target", account.id),
      hide_collections: account.hide_collections,
      discoverable: account.discoverable,
      indexable: account.indexable,
      attribution_domains: [],
      quote_policy: "public",
    },
    emojis,
    roles,
    fields,
    role: EVERYONE_ROLE,
  };
}

/** An account in the list of mutes: with when the mute ends (null: never). */
export function renderMutedAccount(ctx: SandboxContext, account: AccountRecord, mute: MuteRecord): Account {
  return { ...renderAccount(ctx, account), mute_expires_at: mute.expires_at };
}
