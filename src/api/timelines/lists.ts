/**
 * Lists: the user's own groupings of accounts, each with its timeline (see timelineList).
 * Docs: https://docs.joinmastodon.org/methods/lists/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Account, UserList } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { cursorParams } from "../page-params.js";
import { requestRemembered } from "../pagination.js";
import {
  idList,
  optionalBoolean,
  optionalInteger,
  optionalOneOf,
  requireId,
  requireOptions,
  requireString,
  without,
} from "../validate.js";
import { LIST_REPLIES_POLICIES } from "./constants.js";

/**
 * One of LIST_REPLIES_POLICIES: "followed" (replies to anyone the user follows), "list" (replies to
 * list members) or "none".
 */
export type ListRepliesPolicy = (typeof LIST_REPLIES_POLICIES)[number];

/**
 * Options of listCreate and listUpdate; left out, they are sent as their defaults (also on update).
 * An unknown replies_policy or a non-boolean exclusive throws MastodonIllegalArgumentError before
 * any request.
 */
export interface ListOptions {
  /** Default "list", as Mastodon.py (Mastodon 3.3.0). */
  replies_policy?: ListRepliesPolicy | undefined;
  /** Take the members' statuses out of the home timeline (Mastodon 4.2.0). Default false. */
  exclusive?: boolean | undefined;
}

export interface ListEndpointMethods {
  /** All of the user's lists. (Mastodon 2.1.0) https://docs.joinmastodon.org/methods/lists/#get */
  lists: { args: []; options: NoOptions; result: UserList[] };
  /** One list. (Mastodon 2.1.0) https://docs.joinmastodon.org/methods/lists/#get-one */
  list: { args: [id: IdLike]; options: NoOptions; result: UserList };
  /** Deletes a list. (Mastodon 2.1.0) https://docs.joinmastodon.org/methods/lists/#delete */
  listDelete: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

export const listEndpoints = {
  lists: { route: "GET /api/v1/lists", since: "2.1.0", changed: "2.1.0", docs: "methods/lists/#get" },
  list: { route: "GET /api/v1/lists/:id", since: "2.1.0", changed: "2.1.0", docs: "methods/lists/#get-one" },
  listDelete: {
    route: "DELETE /api/v1/lists/:id",
    since: "2.1.0",
    changed: "2.1.0",
    docs: "methods/lists/#delete",
  },
} as const satisfies EndpointTable<ListEndpointMethods>;

export interface ListCustomMethods {
  /**
   * The accounts on a list; `limit: 0` asks for all of them at once.
   * (Mastodon 2.1.0; changed in 2.6.0) https://docs.joinmastodon.org/methods/lists/#accounts
   */
  listAccounts: { args: [id: IdLike]; options: PageOptions; result: Account[] };
  /**
   * Creates a list. As in Mastodon.py, replies_policy ("followed", "list" or "none") defaults to
   * "list" and exclusive to false. (Mastodon 2.1.0; changed in 4.2.0)
   * https://docs.joinmastodon.org/methods/lists/#create
   */
  listCreate: { args: [title: string]; options: ListOptions; result: UserList };
  /**
   * Renames a list and sets its replies policy and exclusivity. As in Mastodon.py, options left
   * out are sent as their defaults ("list", false), not kept. (Mastodon 2.1.0; changed in 4.2.0)
   * https://docs.joinmastodon.org/methods/lists/#update
   */
  listUpdate: { args: [id: IdLike, title: string]; options: ListOptions; result: UserList };
  /**
   * Adds accounts (one, or a list; ids or entities) to a list. The user must follow them.
   * (Mastodon 2.1.0) https://docs.joinmastodon.org/methods/lists/#accounts-add
   */
  listAccountsAdd: {
    args: [id: IdLike, account_ids: IdLike | readonly IdLike[]];
    options: NoOptions;
    result: EmptyObject;
  };
  /**
   * Removes accounts (one, or a list) from a list. (Mastodon 2.1.0)
   * https://docs.joinmastodon.org/methods/lists/#accounts-remove
   */
  listAccountsDelete: {
    args: [id: IdLike, account_ids: IdLike | readonly IdLike[]];
    options: NoOptions;
    result: EmptyObject;
  };
}

function listParams(method: string, title: unknown, options: ListOptions | undefined) {
  const params: Record<string, unknown> = { title: requireString(method, "title", title) };
  requireOptions(method, options);
  params.replies_policy =
    optionalOneOf(method, "replies_policy", options?.replies_policy, LIST_REPLIES_POLICIES) ?? "list";
  params.exclusive = optionalBoolean(method, "exclusive", options?.exclusive) ?? false;
  Object.assign(params, without(options, "replies_policy", "exclusive"));
  return params;
}

function accountIds(method: string, value: unknown): string[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    throw new MastodonIllegalArgumentError(`${method}() needs account_ids: one account or a list of them.`);
  }
  return idList(method, "account_ids", value as IdLike | readonly IdLike[]);
}

async function changeMembers(
  client: Mastodon,
  method: string,
  httpMethod: "POST" | "DELETE",
  id: IdLike,
  accounts: IdLike | readonly IdLike[],
  options: NoOptions | undefined,
) {
  const listId = requireId(method, "id", id);
  const account_ids = accountIds(method, accounts);
  requireOptions(method, options);
  const internal = client[INTERNAL];
  await internal.checkVersion(method, "2.1.0", "2.1.0");
  const { data } = await internal.request<EmptyObject>({
    method: httpMethod,
    path: `/api/v1/lists/${encodeURIComponent(listId)}/accounts`,
    params: { account_ids },
  });
  return data;
}

export const listCustom = {
  async listAccounts(this: Mastodon, id: IdLike, options?: PageOptions) {
    const method = "listAccounts";
    const listId = requireId(method, "id", id);
    const params = cursorParams(method, { ...options, limit: undefined });
    // 0 is meaningful here: every account at once.
    const limit = optionalInteger(method, "limit", options?.limit, 0);
    if (limit !== undefined) params.limit = limit;
    Object.assign(params, without(options, "max_id", "min_id", "since_id", "limit"));
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "2.1.0", "2.6.0");
    return (await requestRemembered(internal, {
      method: "GET",
      path: `/api/v1/lists/${encodeURIComponent(listId)}/accounts`,
      params,
    })) as Account[];
  },
  async listCreate(this: Mastodon, title: string, options?: ListOptions) {
    const method = "listCreate";
    const params = listParams(method, title, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "2.1.0", "4.2.0");
    const { data } = await internal.request<UserList>({ method: "POST", path: "/api/v1/lists", params });
    return data;
  },
  async listUpdate(this: Mastodon, id: IdLike, title: string, options?: ListOptions) {
    const method = "listUpdate";
    const listId = requireId(method, "id", id);
    const params = listParams(method, title, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "2.1.0", "4.2.0");
    const { data } = await internal.request<UserList>({
      method: "PUT",
      path: `/api/v1/lists/${encodeURIComponent(listId)}`,
      params,
    });
    return data;
  },
  listAccountsAdd(this: Mastodon, id: IdLike, account_ids: IdLike | readonly IdLike[], options?: NoOptions) {
    return changeMembers(this, "listAccountsAdd", "POST", id, account_ids, options);
  },
  listAccountsDelete(
    this: Mastodon,
    id: IdLike,
    account_ids: IdLike | readonly IdLike[],
    options?: NoOptions,
  ) {
    return changeMembers(this, "listAccountsDelete", "DELETE", id, account_ids, options);
  },
} satisfies CustomMethods<ListCustomMethods>;
