/**
 * Status entities from the viewer's point of view (`favourited`, `bookmarked`, ... are the viewer's own),
 * with the author, media, poll, mentions and tags filled in, and the reblogged status nested. The
 * fields and their order are those of a Mastodon 4.5 answer.
 */
import type { QuoteApproval, Status } from "../../entities/index.js";
import type { SandboxContext } from "../context.js";
import type { StatusRecord } from "../records.js";
import { renderAccount } from "./account.js";
import { renderMedia } from "./media.js";
import { renderPoll } from "./poll.js";

/** Replies deeper than this are not walked to find a thread's first status (a loop guard). */
const MAX_THREAD_DEPTH = 256;

function marked(
  ctx: SandboxContext,
  table: "favourites" | "bookmarks" | "pins" | "statusMutes",
  viewerId: string,
  statusId: string,
): boolean {
  // Walk the viewer's marks or the status's marks, whichever list is shorter.
  const t = ctx.state[table];
  if (t.count("account", viewerId) <= t.count("status", statusId)) {
    return t.some("account", viewerId, (m) => m.status_id === statusId);
  }
  return t.some("status", statusId, (m) => m.account_id === viewerId);
}

/**
 * The first status of the thread `status` belongs to: Mastodon mutes whole conversations, and the
 * sandbox keeps a conversation mute on the thread's first status.
 */
export function threadRoot(ctx: SandboxContext, status: StatusRecord): StatusRecord {
  let current = status;
  for (let depth = 0; depth < MAX_THREAD_DEPTH && current.in_reply_to_id !== null; depth++) {
    const parent = ctx.state.statuses.get(current.in_reply_to_id);
    if (!parent) break;
    current = parent;
  }
  return current;
}

/** Whether `accountId` muted the conversation `status` is part of. */
export function isConversationMuted(ctx: SandboxContext, accountId: string, status: StatusRecord): boolean {
  if (ctx.state.statusMutes.count("account", accountId) === 0) return false;
  return marked(ctx, "statusMutes", accountId, threadRoot(ctx, status).id);
}

export function statusUrl(ctx: SandboxContext, status: StatusRecord): string {
  const author = ctx.state.accounts.get(status.account_id);
  return `${ctx.url}/@${author?.username ?? "unknown"}/${status.id}`;
}

/** Mastodon shows `pinned` only where the viewer could pin: their own status, not a reblog, not direct. */
function isPinnable(status: StatusRecord, viewerId: string): boolean {
  return viewerId === status.account_id && status.reblog_of_id === null && status.visibility !== "direct";
}

/** Who may quote the status: everyone for public and unlisted ones; nobody else for the others. */
function quoteApproval(status: StatusRecord, viewerId: string | undefined): QuoteApproval {
  const open = status.visibility === "public" || status.visibility === "unlisted";
  const mayQuote =
    viewerId !== undefined && status.visibility !== "direct" && (open || viewerId === status.account_id);
  return {
    automatic: open ? ["public"] : [],
    manual: [],
    current_user: mayQuote ? "automatic" : "denied",
  };
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
  // A reblog answers favourited, reblogged and bookmarked for the status it reblogs, as Mastodon's do.
  const proper = reblogOf ?? status;
  const mine =
    viewerId === undefined
      ? {}
      : {
          favourited: marked(ctx, "favourites", viewerId, proper.id),
          reblogged: state.statuses.some("reblog", proper.id, (r) => r.account_id === viewerId),
          muted: isConversationMuted(ctx, viewerId, status),
          bookmarked: marked(ctx, "bookmarks", viewerId, proper.id),
          ...(isPinnable(status, viewerId) ? { pinned: marked(ctx, "pins", viewerId, status.id) } : {}),
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
    // Mastodon 4.6's collections; the sandbox has none, but clients reading 4.6 answers expect the list.
    tagged_collections: [],
    quote: null,
    card: null,
    poll: poll ? renderPoll(ctx, poll, viewerId, status.account_id) : null,
    quote_approval: quoteApproval(status, viewerId),
  } as Status;
}

/**
 * What `DELETE /api/v1/statuses/:id` answers: the status as it was, with its source `text` where
 * `content` was (for delete-and-redraft), its poll and media still in it.
 */
export function renderDeletedStatus(
  ctx: SandboxContext,
  status: StatusRecord,
  viewerId: string | undefined,
): Omit<Status, "content"> & { text: string } {
  const entries = Object.entries(renderStatus(ctx, status, viewerId)).map(([key, value]) =>
    key === "content" ? ["text", status.text] : [key, value],
  );
  return Object.fromEntries(entries) as Omit<Status, "content"> & { text: string };
}
