/**
 * Relationships between accounts: follow (with follow requests for locked accounts), block, mute,
 * private notes, endorsements, and the lists of each (follow requests, blocks, mutes, endorsements,
 * familiar followers). Every change answers the Relationship as Mastodon does.
 */
import { isLanguageCode } from "../../api/validate.js";
import { ACCOUNT_LIST, listPage } from "../account-pages.js";
import { railsBoolean } from "../account-profile.js";
import {
  authorizeFollowRequest,
  block,
  findRelation,
  follow,
  isExpired,
  mute,
  rejectFollowRequest,
  unblock,
  unfollow,
  unmute,
} from "../account-relations.js";
import type { SandboxApp } from "../app.js";
import { compareIds } from "../ids.js";
import { arraySource, pageReply, rubyToInteger } from "../paginate.js";
import type { AccountRecord } from "../records.js";
import { renderAccount, renderMutedAccount } from "../render/account.js";
import { renderRelationship } from "../render/relationship.js";
import { ApiError, forbidden, notFound, ok, validationFailed } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { isBlocked } from "../visibility.js";
import { pathAccount } from "./accounts.js";

/** Mastodon's AccountNote limit. */
const NOTE_COMMENT_LIMIT = 2000;

/** `languages[]` of a follow: null for all; 422 as Mastodon's LanguageValidator for a code it does not know. */
function followLanguages(req: SandboxRequest): string[] | null | undefined {
  if (req.param("languages") === undefined) return undefined;
  const languages = req.strings("languages").filter((l) => l !== "");
  if (languages.some((l) => l.length > 16 || !isLanguageCode(l))) {
    throw validationFailed("Languages is invalid", {
      languages: [{ error: "ERR_INVALID", description: "is invalid" }],
    });
  }
  return languages.length > 0 ? [...new Set(languages)] : null;
}

/** A relation the account keeps with someone else; itself is refused (a sandbox rule, see the report). */
function otherAccount(req: SandboxRequest): AccountRecord {
  const target = pathAccount(req);
  if (target.id === req.me.id) throw forbidden();
  return target;
}

export function registerRelationships(app: SandboxApp): void {
  const { router, ctx } = app;
  const { state } = ctx;
  const relationshipTo = (req: SandboxRequest, target: AccountRecord) =>
    ok(renderRelationship(ctx, req.me.id, target.id));
  const writeFollows = { scopes: ["write:follows"] };
  const renderAccounts = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const account = state.accounts.get(id);
      return account ? [renderAccount(ctx, account)] : [];
    });

  router.get(
    "/api/v1/accounts/relationships",
    (req) => {
      const ids = [...new Set(req.strings("id"))].filter((id) => state.accounts.has(id));
      return ok(ids.map((id) => renderRelationship(ctx, req.me.id, id)));
    },
    { scopes: ["read:follows"] },
  );

  router.post(
    "/api/v1/accounts/:id/follow",
    (req) => {
      const target = pathAccount(req);
      if (target.id === req.me.id) {
        throw new ApiError(403, { error: "Following your own account is not allowed" });
      }
      if (isBlocked(ctx, req.me.id, target.id)) throw forbidden();
      const reblogs = railsBoolean(req.param("reblogs"));
      const notify = railsBoolean(req.param("notify"));
      follow(ctx, req.me.id, target.id, { reblogs, notify, languages: followLanguages(req) });
      return relationshipTo(req, target);
    },
    writeFollows,
  );
  router.post(
    "/api/v1/accounts/:id/unfollow",
    (req) => {
      const target = pathAccount(req);
      unfollow(ctx, req.me.id, target.id);
      return relationshipTo(req, target);
    },
    writeFollows,
  );
  router.post(
    "/api/v1/accounts/:id/remove_from_followers",
    (req) => {
      const target = pathAccount(req);
      const record = findRelation(state.follows, target.id, req.me.id);
      if (record) {
        state.follows.delete(record.id);
        ctx.changed();
      }
      return relationshipTo(req, target);
    },
    writeFollows,
  );

  router.post(
    "/api/v1/accounts/:id/block",
    (req) => {
      const target = otherAccount(req);
      block(ctx, req.me.id, target.id);
      return relationshipTo(req, target);
    },
    { scopes: ["write:blocks"] },
  );
  router.post(
    "/api/v1/accounts/:id/unblock",
    (req) => {
      const target = pathAccount(req);
      unblock(ctx, req.me.id, target.id);
      return relationshipTo(req, target);
    },
    { scopes: ["write:blocks"] },
  );
  router.post(
    "/api/v1/accounts/:id/mute",
    (req) => {
      const target = otherAccount(req);
      // Mastodon: notifications default to muted too; duration is seconds, 0 for ever.
      const notifications = railsBoolean(req.param("notifications")) ?? true;
      const duration = Math.min(Math.abs(rubyToInteger(req.string("duration") ?? "0")), 10 * 365 * 86400);
      mute(ctx, req.me.id, target.id, notifications, duration);
      return relationshipTo(req, target);
    },
    { scopes: ["write:mutes"] },
  );
  router.post(
    "/api/v1/accounts/:id/unmute",
    (req) => {
      const target = pathAccount(req);
      unmute(ctx, req.me.id, target.id);
      return relationshipTo(req, target);
    },
    { scopes: ["write:mutes"] },
  );

  router.post(
    "/api/v1/accounts/:id/note",
    (req) => {
      const target = pathAccount(req);
      const comment = req.string("comment") ?? "";
      if ([...comment].length > NOTE_COMMENT_LIMIT) {
        throw validationFailed(`Comment is too long (maximum is ${NOTE_COMMENT_LIMIT} characters)`, {
          comment: [
            {
              error: "ERR_TOO_LONG",
              description: `is too long (maximum is ${NOTE_COMMENT_LIMIT} characters)`,
            },
          ],
        });
      }
      const existing = findRelation(state.accountNotes, req.me.id, target.id);
      if (comment === "") {
        if (existing) state.accountNotes.delete(existing.id);
      } else if (existing) existing.comment = comment;
      else {
        state.accountNotes.insert({
          id: ctx.newId(),
          account_id: req.me.id,
          target_account_id: target.id,
          created_at: ctx.nowIso(),
          comment,
        });
      }
      ctx.changed();
      return relationshipTo(req, target);
    },
    { scopes: ["write:accounts"] },
  );

  // `pin` and `unpin` are the names Mastodon had for these before 4.4, and still answers to.
  for (const [endorse, unendorse] of [
    ["endorse", "unendorse"],
    ["pin", "unpin"],
  ]) {
    router.post(
      `/api/v1/accounts/:id/${endorse}`,
      (req) => {
        const target = pathAccount(req);
        if (!findRelation(state.follows, req.me.id, target.id)) {
          throw validationFailed("You must be already following the person you want to endorse");
        }
        if (!findRelation(state.endorsements, req.me.id, target.id)) {
          state.endorsements.insert({
            id: ctx.newId(),
            account_id: req.me.id,
            target_account_id: target.id,
            created_at: ctx.nowIso(),
          });
          ctx.changed();
        }
        return relationshipTo(req, target);
      },
      { scopes: ["write:accounts"] },
    );
    router.post(
      `/api/v1/accounts/:id/${unendorse}`,
      (req) => {
        const target = pathAccount(req);
        const record = findRelation(state.endorsements, req.me.id, target.id);
        if (record) {
          state.endorsements.delete(record.id);
          ctx.changed();
        }
        return relationshipTo(req, target);
      },
      { scopes: ["write:accounts"] },
    );
  }
  // Endorsed accounts page by the account's own id (as Mastodon's endorsements do).
  const endorsedBy = (req: SandboxRequest, ownerId: string) => {
    const accounts = state.endorsements
      .lookup("account", ownerId)
      .flatMap((e) => state.accounts.get(e.target_account_id) ?? [])
      .sort((a, b) => compareIds(a.id, b.id));
    const page = listPage(req, arraySource(accounts), () => true, ACCOUNT_LIST);
    return pageReply(
      page,
      page.items.map((a) => renderAccount(ctx, a)),
    );
  };
  router.get("/api/v1/endorsements", (req) => endorsedBy(req, req.me.id), { scopes: ["read:accounts"] });
  router.get("/api/v1/accounts/:id/endorsements", (req) => endorsedBy(req, pathAccount(req).id), {
    auth: "optional",
    scopes: ["read:accounts"],
  });

  router.get(
    "/api/v1/follow_requests",
    (req) => {
      const page = listPage(
        req,
        arraySource(state.followRequests.lookup("target", req.me.id)),
        () => true,
        ACCOUNT_LIST,
      );
      return pageReply(page, renderAccounts(page.items.map((r) => r.account_id)));
    },
    { scopes: ["read:follows"] },
  );
  router.post(
    "/api/v1/follow_requests/:id/authorize",
    (req) => {
      const requester = pathAccount(req);
      if (!authorizeFollowRequest(ctx, req.me.id, requester.id)) throw notFound();
      return relationshipTo(req, requester);
    },
    writeFollows,
  );
  router.post(
    "/api/v1/follow_requests/:id/reject",
    (req) => {
      const requester = pathAccount(req);
      if (!rejectFollowRequest(ctx, req.me.id, requester.id)) throw notFound();
      return relationshipTo(req, requester);
    },
    writeFollows,
  );

  router.get(
    "/api/v1/blocks",
    (req) => {
      const page = listPage(
        req,
        arraySource(state.blocks.lookup("account", req.me.id)),
        () => true,
        ACCOUNT_LIST,
      );
      return pageReply(page, renderAccounts(page.items.map((b) => b.target_account_id)));
    },
    { scopes: ["read:blocks"] },
  );
  router.get(
    "/api/v1/mutes",
    (req) => {
      const mutes = state.mutes.lookup("account", req.me.id);
      const page = listPage(req, arraySource(mutes), (m) => !isExpired(ctx, m), ACCOUNT_LIST);
      return pageReply(
        page,
        page.items.flatMap((m) => {
          const account = state.accounts.get(m.target_account_id);
          return account ? [renderMutedAccount(ctx, account, m)] : [];
        }),
      );
    },
    { scopes: ["read:mutes"] },
  );

  router.get(
    "/api/v1/accounts/familiar_followers",
    (req) => {
      const ids = [...new Set(req.strings("id"))].filter((id) => state.accounts.has(id));
      return ok(
        ids.map((id) => ({
          id,
          // Accounts the viewer follows that follow this one.
          accounts: renderAccounts(
            state.follows
              .lookup("target", id)
              .map((f) => f.account_id)
              .filter(
                (followerId) =>
                  followerId !== req.me.id && findRelation(state.follows, req.me.id, followerId),
              ),
          ),
        })),
      );
    },
    { scopes: ["read:follows"] },
  );
}
