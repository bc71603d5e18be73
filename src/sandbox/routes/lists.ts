/**
 * Lists: CRUD, members, and the lists an account is on. As Mastodon: only accounts the owner follows
 * (or has asked to follow) can be added, the owner may add themselves, at most 50 lists with titles
 * of at most 256 characters, and a member the owner stops following leaves the owner's lists.
 */
import type { SandboxApp } from "../app.js";
import type { SandboxContext } from "../context.js";
import { compareIds } from "../ids.js";
import { cursor, limitParam, pageUrl } from "../paginate.js";
import type { ListRecord } from "../records.js";
import { renderAccount } from "../render/account.js";
import { renderList } from "../render/list.js";
import { notFound, ok, type Reply, validationFailed } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { truthyParam } from "../timeline-params.js";
import { nextSequentialId } from "../timeline-sequence.js";

const LISTS_PER_ACCOUNT = 50;
const TITLE_MAX = 256;
const REPLIES_POLICIES: readonly ListRecord["replies_policy"][] = ["list", "followed", "none"];
const READ = { scopes: ["read:lists"] };
const WRITE = { scopes: ["write:lists"] };

/** Whether `ownerId` may keep `accountId` on a list: themselves, a follow or a pending follow request. */
function mayList(ctx: SandboxContext, ownerId: string, accountId: string): boolean {
  if (ownerId === accountId) return true;
  const { follows, followRequests } = ctx.state;
  return (
    follows.some("account", ownerId, (f) => f.target_account_id === accountId) ||
    followRequests.some("account", ownerId, (f) => f.target_account_id === accountId)
  );
}

/**
 * Takes `accountId` off every list of `ownerId` (Mastodon deletes the list memberships with the
 * follow). The relationship routes call it on unfollow and block; reads also prune, for safety.
 */
export function removeFromLists(ctx: SandboxContext, ownerId: string, accountId: string): void {
  let changed = false;
  for (const list of ctx.state.lists.lookup("account", ownerId)) {
    const kept = list.account_ids.filter((id) => id !== accountId);
    if (kept.length !== list.account_ids.length) {
      list.account_ids = kept;
      changed = true;
    }
  }
  if (changed) ctx.changed();
}

/** The caller's own list named by the path, with members no longer followed taken off. */
function ownList(req: SandboxRequest, param: string): ListRecord {
  const { ctx } = req;
  const list = ctx.state.lists.get(req.route[param] ?? "");
  if (!list || list.account_id !== req.me.id) throw notFound();
  const kept = list.account_ids.filter(
    (id) => ctx.state.accounts.has(id) && mayList(ctx, list.account_id, id),
  );
  if (kept.length !== list.account_ids.length) {
    list.account_ids = kept;
    ctx.changed();
  }
  return list;
}

/** Rails' validations of a list, in the order Mastodon declares them. */
function validate(list: Pick<ListRecord, "title" | "replies_policy">, creating: number | undefined): void {
  const errors: string[] = [];
  if (!REPLIES_POLICIES.includes(list.replies_policy))
    errors.push("Replies policy is not included in the list");
  if (list.title.trim() === "") errors.push("Title can't be blank");
  else if ([...list.title].length > TITLE_MAX) {
    errors.push(`Title is too long (maximum is ${TITLE_MAX} characters)`);
  }
  if (creating !== undefined && creating >= LISTS_PER_ACCOUNT) {
    errors.push("You have reached the maximum number of lists");
  }
  if (errors.length > 0) throw validationFailed(errors.join(", "));
}

/** The permitted attributes given: title and replies_policy as text, exclusive as Rails casts it. */
function listParams(
  req: SandboxRequest,
): Partial<Pick<ListRecord, "title" | "replies_policy" | "exclusive">> {
  const out: Partial<Pick<ListRecord, "title" | "replies_policy" | "exclusive">> = {};
  const title = req.string("title");
  if (title !== undefined) out.title = title;
  else if (req.param("title") === null) out.title = "";
  const policy = req.string("replies_policy");
  if (policy !== undefined) out.replies_policy = policy as ListRecord["replies_policy"];
  if (req.param("exclusive") !== undefined) out.exclusive = truthyParam(req, "exclusive");
  return out;
}

function accountIds(req: SandboxRequest): string[] {
  return req.strings("account_ids");
}

/**
 * The members, newest account first, paged by account id with `max_id`/`since_id` only; `limit=0`
 * gives them all without a Link header. Mastodon's links here: `next` only when the page is full,
 * `prev` with `since_id`.
 */
function membersReply(req: SandboxRequest, list: ListRecord): Reply {
  const { ctx } = req;
  const members = list.account_ids
    .flatMap((id) => ctx.state.accounts.get(id) ?? [])
    .sort((a, b) => compareIds(b.id, a.id));
  const render = (rows: typeof members) => rows.map((a) => renderAccount(ctx, a));
  if (req.string("limit") === "0") return ok(render(members));
  const limit = limitParam(req, 40);
  const maxId = cursor(req, "max_id");
  const sinceId = cursor(req, "since_id");
  const page = members
    .filter(
      (a) =>
        (maxId === undefined || compareIds(a.id, maxId) < 0) &&
        (sinceId === undefined || compareIds(a.id, sinceId) > 0),
    )
    .slice(0, limit);
  const links: string[] = [];
  if (page.length === limit && page.length > 0) {
    links.push(`<${pageUrl(req, "max_id", page[page.length - 1]!.id, ["limit"])}>; rel="next"`);
  }
  if (page.length > 0) links.push(`<${pageUrl(req, "since_id", page[0]!.id, ["limit"])}>; rel="prev"`);
  return links.length > 0 ? ok(render(page), { link: links.join(", ") }) : ok(render(page));
}

export function registerLists(app: SandboxApp): void {
  const { router, ctx } = app;

  router.get(
    "/api/v1/lists",
    (req) => ok(ctx.state.lists.lookup("account", req.me.id).map(renderList)),
    READ,
  );

  router.get("/api/v1/lists/:id", (req) => ok(renderList(ownList(req, "id"))), READ);

  router.post(
    "/api/v1/lists",
    (req) => {
      const given = listParams(req);
      const fields = {
        title: given.title ?? "",
        replies_policy: given.replies_policy ?? "list",
        exclusive: given.exclusive ?? false,
      };
      validate(fields, ctx.state.lists.count("account", req.me.id));
      const list = ctx.state.lists.insert({
        id: nextSequentialId(ctx.state.lists),
        account_id: req.me.id,
        ...fields,
        account_ids: [],
      });
      ctx.changed();
      return ok(renderList(list));
    },
    WRITE,
  );

  const update = (req: SandboxRequest) => {
    const list = ownList(req, "id");
    const changed = { ...list, ...listParams(req) };
    validate(changed, undefined);
    Object.assign(list, changed);
    ctx.changed();
    return ok(renderList(list));
  };
  router.put("/api/v1/lists/:id", update, WRITE);
  router.patch("/api/v1/lists/:id", update, WRITE);

  router.delete(
    "/api/v1/lists/:id",
    (req) => {
      ctx.state.lists.delete(ownList(req, "id").id);
      ctx.changed();
      return ok({});
    },
    WRITE,
  );

  router.get("/api/v1/lists/:list_id/accounts", (req) => membersReply(req, ownList(req, "list_id")), READ);

  router.post(
    "/api/v1/lists/:list_id/accounts",
    (req) => {
      const list = ownList(req, "list_id");
      const ids = [...new Set(accountIds(req))];
      // All or nothing, as Mastodon's transaction: every id must be an account first (else 404).
      for (const id of ids) if (!ctx.state.accounts.has(id)) throw notFound();
      for (const id of ids) {
        if (list.account_ids.includes(id)) throw validationFailed("Account is already on the list");
        if (!mayList(ctx, req.me.id, id)) throw validationFailed("Account must be a followed account");
      }
      list.account_ids.push(...ids);
      ctx.changed();
      return ok({});
    },
    WRITE,
  );

  router.delete(
    "/api/v1/lists/:list_id/accounts",
    (req) => {
      const list = ownList(req, "list_id");
      const gone = new Set(accountIds(req));
      list.account_ids = list.account_ids.filter((id) => !gone.has(id));
      ctx.changed();
      return ok({});
    },
    WRITE,
  );

  router.get(
    "/api/v1/accounts/:id/lists",
    (req) => {
      const id = req.route.id ?? "";
      if (!ctx.state.accounts.has(id)) throw notFound();
      const lists = ctx.state.lists.lookup("account", req.me.id).filter((l) => l.account_ids.includes(id));
      return ok(lists.map(renderList));
    },
    READ,
  );
}
