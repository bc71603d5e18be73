/** Poll entities, with the viewer's own votes. */
import type { Poll } from "../../entities/index.js";
import type { SandboxContext } from "../context.js";
import type { PollRecord } from "../records.js";

export function isExpired(ctx: SandboxContext, poll: PollRecord): boolean {
  return poll.expires_at !== null && Date.parse(poll.expires_at) <= ctx.now();
}

export function renderPoll(ctx: SandboxContext, poll: PollRecord, viewerId: string | undefined): Poll {
  const counts = poll.options.map(() => 0);
  for (const choices of Object.values(poll.votes)) for (const c of choices) counts[c] = (counts[c] ?? 0) + 1;
  const own = viewerId === undefined ? undefined : poll.votes[viewerId];
  const votesCount = counts.reduce((a, b) => a + b, 0);
  const expired = isExpired(ctx, poll);
  const showTotals = !poll.hide_totals || expired;
  return {
    id: poll.id,
    expires_at: poll.expires_at,
    expired,
    multiple: poll.multiple,
    votes_count: votesCount,
    voters_count: poll.multiple ? Object.keys(poll.votes).length : votesCount,
    ...(viewerId === undefined ? {} : { voted: own !== undefined, own_votes: own ?? [] }),
    options: poll.options.map((title, i) => ({ title, votes_count: showTotals ? (counts[i] ?? 0) : null })),
    emojis: [],
  } as Poll;
}
