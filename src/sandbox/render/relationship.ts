/** The Relationship entity: how the viewer and another account stand, in the order Mastodon writes it. */
import type { Relationship } from "../../entities/index.js";
import { activeMute, findRelation } from "../account-relations.js";
import type { SandboxContext } from "../context.js";

export function renderRelationship(ctx: SandboxContext, viewerId: string, targetId: string): Relationship {
  const { state } = ctx;
  const follow = findRelation(state.follows, viewerId, targetId);
  const request = follow ? undefined : findRelation(state.followRequests, viewerId, targetId);
  // A pending request already carries its options, and Mastodon shows them.
  const mine = follow ?? request;
  const mute = activeMute(ctx, viewerId, targetId);
  return {
    id: targetId,
    following: follow !== undefined,
    showing_reblogs: mine?.show_reblogs ?? false,
    notifying: mine?.notify ?? false,
    languages: mine?.languages ?? null,
    followed_by: findRelation(state.follows, targetId, viewerId) !== undefined,
    blocking: findRelation(state.blocks, viewerId, targetId) !== undefined,
    blocked_by: findRelation(state.blocks, targetId, viewerId) !== undefined,
    muting: mute !== undefined,
    muting_notifications: mute?.notifications ?? false,
    muting_expires_at: mute?.expires_at ?? null,
    requested: request !== undefined,
    requested_by: findRelation(state.followRequests, targetId, viewerId) !== undefined,
    domain_blocking: false,
    endorsed: findRelation(state.endorsements, viewerId, targetId) !== undefined,
    note: findRelation(state.accountNotes, viewerId, targetId)?.comment ?? "",
  };
}
