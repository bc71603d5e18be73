/**
 * `GET /api/v1/statuses/:id/context`: the statuses above (oldest first) and the replies below (depth
 * first, each level in posting order) that the viewer may see, without those of accounts the viewer
 * mutes. Limits are Mastodon's: 40 ancestors and 60 descendants for an anonymous caller.
 */
import type { Context } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import type { StatusRecord } from "./records.js";
import { renderStatus } from "./render/status.js";
import { canSee, isMuted } from "./visibility.js";

const ANONYMOUS_ANCESTORS = 40;
const ANONYMOUS_DESCENDANTS = 60;
const SIGNED_IN_LIMIT = 4096;

export function threadContext(
  ctx: SandboxContext,
  status: StatusRecord,
  viewerId: string | undefined,
): Context {
  const { statuses } = ctx.state;
  const shown = (s: StatusRecord) =>
    canSee(ctx, viewerId, s) &&
    (viewerId === undefined || viewerId === s.account_id || !isMuted(ctx, viewerId, s.account_id));
  const maxAncestors = viewerId === undefined ? ANONYMOUS_ANCESTORS : SIGNED_IN_LIMIT;
  const maxDescendants = viewerId === undefined ? ANONYMOUS_DESCENDANTS : SIGNED_IN_LIMIT;

  const ancestors: StatusRecord[] = [];
  const visited = new Set<string>([status.id]);
  let parentId = status.in_reply_to_id;
  while (parentId !== null && ancestors.length < maxAncestors && !visited.has(parentId)) {
    visited.add(parentId);
    const parent = statuses.get(parentId);
    if (!parent) break;
    if (shown(parent)) ancestors.push(parent);
    parentId = parent.in_reply_to_id;
  }
  ancestors.reverse();

  const descendants: StatusRecord[] = [];
  // Depth first with an explicit stack, children pushed newest first so the oldest comes out first.
  const stack = statuses.lookup("reply", status.id).reverse();
  while (stack.length > 0 && descendants.length < maxDescendants) {
    const next = stack.pop() as StatusRecord;
    if (visited.has(next.id)) continue;
    visited.add(next.id);
    if (shown(next)) descendants.push(next);
    stack.push(...statuses.lookup("reply", next.id).reverse());
  }
  return {
    ancestors: ancestors.map((s) => renderStatus(ctx, s, viewerId)),
    descendants: descendants.map((s) => renderStatus(ctx, s, viewerId)),
  };
}
