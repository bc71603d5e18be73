/**
 * `GET /api/v1/statuses/:id/history`: every version of a status, the original first and the current one
 * last; a status never edited has one entry. Each version is rendered from its own source text.
 */
import type { StatusEdit } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import type { StatusEditRecord, StatusRecord } from "./records.js";
import { renderAccount } from "./render/account.js";
import { renderMedia } from "./render/media.js";
import { renderContent } from "./status-create.js";

export function renderStatusHistory(ctx: SandboxContext, status: StatusRecord): StatusEdit[] {
  const author = ctx.state.accounts.get(status.account_id);
  if (!author) return [];
  const account = renderAccount(ctx, author);
  const poll = status.poll_id ? ctx.state.polls.get(status.poll_id) : undefined;
  const current: StatusEditRecord = {
    text: status.text,
    spoiler_text: status.spoiler_text,
    sensitive: status.sensitive,
    media_ids: status.media_ids,
    poll_options: poll ? poll.options : null,
    created_at: status.edited_at ?? status.created_at,
  };
  return [...status.edits, current].map((version) => ({
    content: version.text === "" ? "" : renderContent(ctx, version.text).html,
    spoiler_text: version.spoiler_text,
    sensitive: version.sensitive,
    created_at: version.created_at,
    account,
    ...(version.poll_options ? { poll: { options: version.poll_options.map((title) => ({ title })) } } : {}),
    media_attachments: version.media_ids.flatMap((id) => {
      const media = ctx.state.media.get(id);
      return media ? [renderMedia(ctx, media)] : [];
    }),
    emojis: [],
  }));
}
