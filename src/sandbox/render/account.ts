/** Account entities as Mastodon shows them, computed from the account record and the current counts. */
import type { Account, CredentialAccountSource } from "../../entities/index.js";
import { renderPlainText } from "../content.js";
import type { SandboxContext } from "../context.js";
import type { AccountRecord } from "../records.js";

/** The picture Mastodon shows for an account with no avatar or header of its own. */
function mediaUrl(ctx: SandboxContext, mediaId: string | null, kind: "avatars" | "headers"): string {
  return mediaId ? `${ctx.url}/system/media/${mediaId}` : `${ctx.url}/${kind}/original/missing.png`;
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
    noindex: !account.indexable,
    emojis: [],
    roles: [],
    fields: account.fields.map((f) => ({
      name: f.name,
      value: renderPlainText(f.value, false),
      verified_at: f.verified_at,
    })),
  };
}

/** The signed-in account's own view, with `source` (what verify_credentials and update_credentials give). */
export function renderCredentialAccount(
  ctx: SandboxContext,
  account: AccountRecord,
): Account & { source: CredentialAccountSource } {
  return {
    ...renderAccount(ctx, account),
    source: {
      privacy: account.privacy,
      sensitive: account.sensitive,
      language: account.language,
      note: account.note,
      fields: account.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verified_at })),
      follow_requests_count: ctx.state.followRequests.count("target", account.id),
      hide_collections: account.hide_collections,
      discoverable: account.discoverable,
      indexable: account.indexable,
      attribution_domains: [],
      quote_policy: "public",
    },
  };
}
