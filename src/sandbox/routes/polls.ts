/**
 * Polls: `GET /api/v1/polls/:id` (as visible as its status) and `POST /api/v1/polls/:id/votes` with
 * Mastodon's refusals: the poll ended, a choice out of range, one's own poll, voting twice on a
 * single-choice poll or twice for the same option of a multiple-choice one. A vote is all or nothing.
 */
import type { SandboxApp } from "../app.js";
import type { PollRecord } from "../records.js";
import { isExpired, renderPoll } from "../render/poll.js";
import { badRequest, notFound, ok, type Reply, validationFailed } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { watchPollExpiry } from "../status-poll.js";
import { canSee } from "../visibility.js";

function visiblePoll(req: SandboxRequest): { poll: PollRecord; authorId: string } {
  const poll = req.ctx.state.polls.get(req.route.id ?? "");
  const status = poll ? req.ctx.state.statuses.get(poll.status_id) : undefined;
  if (!poll || !status || !canSee(req.ctx, req.account?.id, status)) throw notFound();
  return { poll, authorId: status.account_id };
}

/** The reasons Mastodon refuses one choice, given the choices already counted. */
function choiceErrors(
  req: SandboxRequest,
  poll: PollRecord,
  authorId: string,
  choice: number,
  taken: readonly number[],
): string[] {
  const errors: string[] = [];
  if (isExpired(req.ctx, poll)) errors.push("The poll has already ended");
  if (!Number.isInteger(choice) || choice < 0 || choice >= poll.options.length) {
    errors.push("The chosen vote option does not exist");
  }
  if (authorId === req.me.id) errors.push("You cannot vote in your own polls");
  if (poll.multiple ? taken.includes(choice) : taken.length > 0)
    errors.push("You have already voted on this poll");
  return errors;
}

function vote(req: SandboxRequest): Reply {
  const { ctx } = req;
  const { poll, authorId } = visiblePoll(req);
  const given = req.strings("choices");
  if (given.length === 0) throw badRequest("param is missing or the value is empty or invalid: choices");
  const taken = [...(poll.votes[req.me.id] ?? [])];
  for (const text of given) {
    const choice = /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN;
    const errors = choiceErrors(req, poll, authorId, choice, taken);
    if (errors.length > 0) throw validationFailed(errors.join(", "));
    taken.push(choice);
  }
  poll.votes[req.me.id] = taken;
  ctx.changed();
  return ok(renderPoll(ctx, poll, req.me.id, authorId));
}

export function registerPolls(app: SandboxApp): void {
  const { router, ctx } = app;
  router.get(
    "/api/v1/polls/:id",
    (req) => {
      const { poll, authorId } = visiblePoll(req);
      return ok(renderPoll(ctx, poll, req.account?.id, authorId));
    },
    { auth: "optional", scopes: ["read", "read:statuses"] },
  );
  router.post("/api/v1/polls/:id/votes", vote, { scopes: ["write", "write:statuses"] });
  watchPollExpiry(ctx);
}
