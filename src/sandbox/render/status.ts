/**
 * Status entities from the viewer's point of view (`favourited`, `bookmarked`, ... are the viewer's own),
 * with the author, media, poll, mentions and tags filled in, and the reblogged status nested.
 */
import type { Status } from "../../entities/index.js";
import type { SandboxContext } from "../context.js";
import type { StatusRecord } from "../records.js";
import { renderAccount } from "./account.js";
import { renderMedia } from "./media.js";
import { renderPoll } from "./poll.js";

function marked(
  ctx: SandboxContext,
  table: "favourites" | "bookmarks" | "pins" | "statusMutes",
  viewerId: string,
  statusId: string,
): boolean {
  return ctx.state[table].lookup("status", statusId).some((m) => m.account_id === viewerId);
}

export function statusUrl(ctx: SandboxContext, status: StatusRecord): string {
  const author = ctx.state.accounts.get(status.account_id);
  return `${ctx.url}/@${author?.username ?? "unknown"}/${status.id}`;
}

export function renderStatus(
  ctx: SandboxContext,
  status: StatusRecord,
  viewerId: string | undefined,
): Status {
  const { state } = ctx;
  const author = state.accounts.get(status.account_id);
  if (!author) throw new Error(`status ${status.id} has no author ${status.account_id}`);
  const reblogOf = status.reblog_of_id ? state.statuses.get(status.reblog_of_id) : undefined;
  const poll = status.poll_id ? state.polls.get(status.poll_id) : undefined;
  const client = status.client_id ? state.apps.lookup("client", status.client_id)[0] : undefined;
  const mine =
    viewerId === undefined
      ? {}
      : {
          favourited: marked(ctx, "favourites", viewerId, status.id),
          reblogged: state.statuses.lookup("reblog", status.id).some((r) => r.account_id === viewerId),
          muted: marked(ctx, "statusMutes", viewerId, status.id),
          bookmarked: marked(ctx, "bookmarks", viewerId, status.id),
          ...(viewerId === status.account_id ? { pinned: marked(ctx, "pins", viewerId, status.id) } : {}),
        };
  return {
    id: status.id,
    created_at: status.created_at,
    in_reply_to_id: status.in_reply_to_id,
    in_reply_to_account_id: status.in_reply_to_account_id,
    sensitive: status.sensitive,
    spoiler_text: status.spoiler_text,
    visibility: status.visibility,
    language: status.language,
    uri: `${ctx.url}/users/${author.username}/statuses/${status.id}`,
    url: statusUrl(ctx, status),
    replies_count: state.statuses.count("reply", status.id),
    reblogs_count: state.statuses.count("reblog", status.id),
    favourites_count: state.favourites.count("status", status.id),
    quotes_count: 0,
    edited_at: status.edited_at,
    ...mine,
    content: status.content,
    filtered: [],
    reblog: reblogOf ? renderStatus(ctx, reblogOf, viewerId) : null,
    application: client ? { name: client.name, website: client.website } : null,
    account: renderAccount(ctx, author),
    media_attachments: status.media_ids.flatMap((id) => {
      const media = state.media.get(id);
      return media ? [renderMedia(ctx, media)] : [];
    }),
    mentions: status.mention_ids.flatMap((id) => {
      const account = state.accounts.get(id);
      return account
        ? [
            {
              id: account.id,
              username: account.username,
              acct: account.username,
              url: `${ctx.url}/@${account.username}`,
            },
          ]
        : [];
    }),
    tags: status.tags.map((name) => ({ name, url: `${ctx.url}/tags/${encodeURIComponent(name)}` })),
    emojis: [],
    quote: null,
    card: null,
    poll: poll ? renderPoll(ctx, poll, viewerId) : null,
    quote_approval: { automatic: ["public"], manual: [], current_user: "automatic" },
  } as Status;
}
