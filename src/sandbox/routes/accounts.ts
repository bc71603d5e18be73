/**
 * Reading and editing accounts: the signed-in account (verify_credentials, update_credentials, profile
 * pictures), look-ups by id, address and search, an account's statuses, followers and following.
 * Scopes are those Mastodon's controllers declare.
 */

import { ACCOUNT_LIST, type ListPageOptions, listPage } from "../account-pages.js";
import { removePicture, updateProfile } from "../account-profile.js";
import { activeMute, findRelation } from "../account-relations.js";
import { signUp } from "../account-signup.js";
import { findAccountByUsername } from "../accounts-store.js";
import type { SandboxApp } from "../app.js";
import type { SandboxContext } from "../context.js";
import { compareIds } from "../ids.js";
import { arraySource, limitParam, pageReply, rubyToInteger } from "../paginate.js";
import type { AccountRecord, StatusRecord } from "../records.js";
import { renderAccount, renderCredentialAccount } from "../render/account.js";
import { renderStatus } from "../render/status.js";
import { ApiError, notFound, ok } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { canSee, isBlocked } from "../visibility.js";

/** Mastodon's cap on `GET /api/v1/accounts?id[]=` (DEFAULT_ACCOUNTS_LIMIT). */
const MANY_ACCOUNTS_LIMIT = 40;

/** The account named by the path's `:id`; 404 as Mastodon's `Account.find` gives it. */
export function pathAccount(req: SandboxRequest): AccountRecord {
  const account = req.ctx.state.accounts.get(req.route.id ?? "");
  if (!account) throw notFound();
  return account;
}

/** `user`, `@user` or `user@this-domain` to the local account; anything on another domain is unknown. */
export function accountByAddress(ctx: SandboxContext, address: string): AccountRecord | undefined {
  const [username, domain, ...rest] = address.trim().replace(/^@/, "").split("@");
  if (!username || rest.length > 0) return undefined;
  if (domain !== undefined && domain.toLowerCase() !== ctx.domain.toLowerCase()) return undefined;
  return findAccountByUsername(ctx, username);
}

/** Hidden from the viewer in lists of accounts: those it blocks or mutes, and those blocking it. */
function excludedFor(ctx: SandboxContext, viewerId: string | undefined, ownerId: string) {
  return (accountId: string): boolean =>
    viewerId !== undefined &&
    viewerId !== ownerId &&
    (isBlocked(ctx, viewerId, accountId) || activeMute(ctx, viewerId, accountId) !== undefined);
}

const STATUS_LIST: ListPageOptions = {
  defaultLimit: 20,
  prev: "min_id",
  linkParams: ["limit", "pinned", "tagged", "only_media", "exclude_replies", "exclude_reblogs"],
};

function accountStatuses(req: SandboxRequest) {
  const { ctx } = req;
  const { state } = ctx;
  const account = pathAccount(req);
  const viewerId = req.account?.id;
  const pinned = req.boolean("pinned") === true;
  const onlyMedia = req.boolean("only_media") === true;
  const excludeReplies = req.boolean("exclude_replies") === true;
  const excludeReblogs = req.boolean("exclude_reblogs") === true;
  const tagged = req.string("tagged")?.replace(/^#/, "").toLowerCase();
  const pinnedIds = pinned
    ? new Set(state.pins.lookup("account", account.id).map((p) => p.status_id))
    : undefined;
  const keep = (s: StatusRecord): boolean =>
    (pinnedIds === undefined || pinnedIds.has(s.id)) &&
    (!onlyMedia || s.media_ids.length > 0) &&
    // Mastodon keeps self-replies (threads) when replies are left out.
    (!excludeReplies || s.in_reply_to_id === null || s.in_reply_to_account_id === account.id) &&
    (!excludeReblogs || s.reblog_of_id === null) &&
    (tagged === undefined || tagged === "" || s.tags.includes(tagged)) &&
    canSee(ctx, viewerId, s);
  const page = listPage(req, arraySource(state.statuses.lookup("account", account.id)), keep, STATUS_LIST);
  return pageReply(
    page,
    page.items.map((s) => renderStatus(ctx, s, viewerId)),
  );
}

/** Followers (`direction` "target") or following ("account") of the path's account, paged by the follow's id. */
function followList(req: SandboxRequest, side: "followers" | "following") {
  const { ctx } = req;
  const account = pathAccount(req);
  const viewerId = req.account?.id;
  const hidden =
    (account.hide_collections && viewerId !== account.id) ||
    (viewerId !== undefined && findRelation(ctx.state.blocks, account.id, viewerId) !== undefined);
  if (hidden) return ok([]);
  const follows = ctx.state.follows.lookup(side === "followers" ? "target" : "account", account.id);
  const other = (f: { account_id: string; target_account_id: string }) =>
    side === "followers" ? f.account_id : f.target_account_id;
  const excluded = excludedFor(ctx, viewerId, account.id);
  const page = listPage(req, arraySource(follows), (f) => !excluded(other(f)), ACCOUNT_LIST);
  return pageReply(
    page,
    page.items.flatMap((f) => {
      const shown = ctx.state.accounts.get(other(f));
      return shown ? [renderAccount(ctx, shown)] : [];
    }),
  );
}

/**
 * Local account search: the exact username first, then usernames and display names starting with the
 * query; never accounts blocking the viewer; `followingOnly` keeps the accounts the viewer follows.
 * The search API (routes/search.ts) uses it too.
 */
export function findAccounts(
  ctx: SandboxContext,
  viewerId: string | undefined,
  q: string,
  followingOnly: boolean,
): AccountRecord[] {
  const raw = q.trim().replace(/^@/, "");
  const [name = "", domain] = raw.split("@");
  if (name === "" || (domain !== undefined && domain.toLowerCase() !== ctx.domain.toLowerCase())) return [];
  const query = name.toLowerCase();
  const matches = (a: AccountRecord): boolean =>
    a.username.toLowerCase().startsWith(query) ||
    a.display_name
      .toLowerCase()
      .split(/\s+/)
      .some((word) => word.startsWith(query));
  return ctx.state.accounts
    .filter(
      (a) =>
        matches(a) &&
        (viewerId === undefined || !findRelation(ctx.state.blocks, a.id, viewerId)) &&
        (!followingOnly ||
          (viewerId !== undefined && findRelation(ctx.state.follows, viewerId, a.id) !== undefined)),
    )
    .sort((a, b) => {
      const exact = Number(b.username.toLowerCase() === query) - Number(a.username.toLowerCase() === query);
      return exact !== 0 ? exact : compareIds(a.id, b.id);
    });
}

function searchAccounts(req: SandboxRequest) {
  const { ctx } = req;
  const found = findAccounts(ctx, req.me.id, req.string("q") ?? "", req.boolean("following") === true);
  const limit = limitParam(req, 40);
  const offset = Math.max(0, rubyToInteger(req.string("offset") ?? "0"));
  return ok(found.slice(offset, offset + limit).map((a) => renderAccount(ctx, a)));
}

export function registerAccounts(app: SandboxApp): void {
  const { router, ctx } = app;
  const readAccounts = { scopes: ["read:accounts"] };
  const maybeReadAccounts = { auth: "optional" as const, scopes: ["read:accounts"] };
  const writeAccounts = { scopes: ["write:accounts"] };

  router.get(
    "/api/v1/accounts/verify_credentials",
    (req) => ok(renderCredentialAccount(ctx, req.me)),
    readAccounts,
  );
  router.patch(
    "/api/v1/accounts/update_credentials",
    (req) => {
      updateProfile(req, req.me);
      return ok(renderCredentialAccount(ctx, req.me));
    },
    { ...writeAccounts, upload: true },
  );
  for (const which of ["avatar", "header"] as const) {
    router.delete(
      `/api/v1/profile/${which}`,
      (req) => {
        removePicture(ctx, req.me, which);
        return ok(renderCredentialAccount(ctx, req.me));
      },
      writeAccounts,
    );
  }

  router.get(
    "/api/v1/accounts/lookup",
    (req) => {
      const account = accountByAddress(ctx, req.string("acct") ?? "");
      if (!account) throw notFound();
      return ok(renderAccount(ctx, account));
    },
    maybeReadAccounts,
  );
  router.get("/api/v1/accounts/search", searchAccounts, readAccounts);
  router.get(
    "/api/v1/accounts",
    (req) => {
      const ids = [...new Set(req.strings("id"))];
      // Mastodon raises a bare Mastodon::ValidationError, whose message is its class name.
      if (ids.length > MANY_ACCOUNTS_LIMIT) throw new ApiError(422, { error: "Mastodon::ValidationError" });
      return ok(
        ids.flatMap((id) => {
          const account = ctx.state.accounts.get(id);
          return account ? [renderAccount(ctx, account)] : [];
        }),
      );
    },
    maybeReadAccounts,
  );
  // Sign-up with an app token (client_credentials); the token answered is the new account's.
  router.post(
    "/api/v1/accounts",
    (req) => {
      const app = req.token;
      if (!app) throw notFound();
      const token = signUp(req, app);
      return ok({
        access_token: token.token,
        token_type: "Bearer",
        scope: token.scopes.join(" "),
        created_at: Math.floor(Date.parse(token.created_at) / 1000),
      });
    },
    { auth: "app", scopes: ["write:accounts"] },
  );
  router.get("/api/v1/accounts/:id", (req) => ok(renderAccount(ctx, pathAccount(req))), maybeReadAccounts);
  router.get("/api/v1/accounts/:id/statuses", accountStatuses, {
    auth: "optional",
    scopes: ["read:statuses"],
  });
  router.get("/api/v1/accounts/:id/followers", (req) => followList(req, "followers"), maybeReadAccounts);
  router.get("/api/v1/accounts/:id/following", (req) => followList(req, "following"), maybeReadAccounts);
}
