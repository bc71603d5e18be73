/**
 * Poll entities, with the viewer's own votes. As Mastodon shows them: the author counts as having
 * voted (with no choices), and `hide_totals` hides the per-option counts from everyone but the author
 * until the poll ends.
 */
import type { Poll } from "../../entities/index.js";
import type { SandboxContext } from "../context.js";
import type { PollRecord } from "../records.js";

export function isExpired(ctx: SandboxContext, poll: PollRecord): boolean {
  return poll.expires_at !== null && Date.parse(poll.expires_at) <= ctx.now();
}

/** The poll's author: the author of the status it belongs to. */
export function pollAuthorId(ctx: SandboxContext, poll: PollRecord): string | undefined {
  return ctx.state.statuses.get(poll.status_id)?.account_id;
}

export function renderPoll(
  ctx: SandboxContext,
  poll: PollRecord,
  viewerId: string | undefined,
  authorId: string | undefined = pollAuthorId(ctx, poll),
): Poll {
  const counts = poll.options.map(() => 0);
  let votesCount = 0;
  for (const choices of Object.values(poll.votes)) {
    for (const c of choices) {
      if (c >= 0 && c < counts.length) {
        counts[c] = (counts[c] ?? 0) + 1;
        votesCount++;
      }
    }
  }
  const own = viewerId === undefined ? undefined : poll.votes[viewerId];
  const expired = isExpired(ctx, poll);
  const isAuthor = viewerId !== undefined && viewerId === authorId;
  const showTotals = !poll.hide_totals || expired || isAuthor;
  return {
    id: poll.id,
    expires_at: poll.expires_at,
    expired,
    multiple: poll.multiple,
    votes_count: votesCount,
    voters_count: Object.keys(poll.votes).length,
    ...(viewerId === undefined ? {} : { voted: isAuthor || own !== undefined, own_votes: own ?? [] }),
    options: poll.options.map((title, i) => ({ title, votes_count: showTotals ? (counts[i] ?? 0) : null })),
    emojis: [],
  };
}
