/**
 * Reading accounts: one or several by id, by WebFinger address, by search, and what hangs off an
 * account (its statuses, followers, following, featured tags, and the user's lists it is in).
 * Docs: https://docs.joinmastodon.org/methods/accounts/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Account, FeaturedTag, Status, UserList } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  idList,
  optionalBoolean,
  optionalInteger,
  requireId,
  requireOptions,
  requireString,
  without,
} from "../validate.js";
import { hashtagName } from "./hashtag-name.js";
import { readPage } from "./paged-list.js";

export interface AccountEndpointMethods {
  /**
   * One account by id; public accounts can be read without logging in.
   * Mastodon 1.0.0. https://docs.joinmastodon.org/methods/accounts/#get
   */
  account: { args: [id: IdLike]; options: NoOptions; result: Account };
  /**
   * The user's lists that contain this account.
   * Mastodon 2.1.0. https://docs.joinmastodon.org/methods/accounts/#lists
   */
  accountLists: { args: [id: IdLike]; options: NoOptions; result: UserList[] };
  /**
   * The hashtags an account features on its profile.
   * Mastodon 3.3.0. https://docs.joinmastodon.org/methods/accounts/#featured_tags
   */
  accountFeaturedTags: { args: [id: IdLike]; options: NoOptions; result: FeaturedTag[] };
}

export const accountEndpoints = {
  account: {
    route: "GET /api/v1/accounts/:id",
    since: "1.0.0",
    anonymous: true,
    docs: "methods/accounts/#get",
  },
  accountLists: { route: "GET /api/v1/accounts/:id/lists", since: "2.1.0", docs: "methods/accounts/#lists" },
  accountFeaturedTags: {
    route: "GET /api/v1/accounts/:id/featured_tags",
    since: "3.3.0",
    anonymous: true,
    docs: "methods/accounts/#featured_tags",
  },
} as const satisfies EndpointTable<AccountEndpointMethods>;

/**
 * Filters of accountStatuses, plus paging (limit, max_id, min_id, since_id). A flag set to false is
 * not sent, as in Mastodon.py: it means "don't filter", not "exclude". A bad value (a flag that is
 * not a boolean, a tag with its "#") throws MastodonIllegalArgumentError before any request.
 */
export interface AccountStatusesOptions extends PageOptions {
  /** Only statuses with media attached. */
  only_media?: boolean | undefined;
  /** Only the statuses pinned to the profile. */
  pinned?: boolean | undefined;
  /** Leave out replies. */
  exclude_replies?: boolean | undefined;
  /** Leave out boosts. */
  exclude_reblogs?: boolean | undefined;
  /** Only statuses with this hashtag (one tag, without "#"). */
  tagged?: string | undefined;
}

/**
 * Options of accountSearch. A bad value (a limit under 1, a negative offset, a flag that is not a
 * boolean) throws MastodonIllegalArgumentError before any request.
 */
export interface AccountSearchOptions {
  /** How many accounts to answer (default 40, at most 80). */
  limit?: number | undefined;
  /** Only accounts the user follows. */
  following?: boolean | undefined;
  /** Ask remote servers (WebFinger) about a `user@domain` the server does not know yet. */
  resolve?: boolean | undefined;
  /** Skip this many results (the search pages by offset, not by Link header). */
  offset?: number | undefined;
}

export interface AccountCustomMethods {
  /**
   * Several accounts by id in one request; ids the server does not know are left out.
   * Mastodon 4.3.0. https://docs.joinmastodon.org/methods/accounts/#index
   */
  accounts: { args: [ids: readonly IdLike[]]; options: NoOptions; result: Account[] };
  /**
   * An account's statuses, newest first, as the logged-in user may see them (or the public ones
   * when not logged in).
   * Mastodon 1.0.0, last changed 2.8.0. https://docs.joinmastodon.org/methods/accounts/#statuses
   */
  accountStatuses: { args: [id: IdLike]; options: AccountStatusesOptions; result: Status[] };
  /**
   * The accounts an account follows (unless it hides them).
   * Mastodon 1.0.0, last changed 2.6.0. https://docs.joinmastodon.org/methods/accounts/#following
   */
  accountFollowing: { args: [id: IdLike]; options: PageOptions; result: Account[] };
  /**
   * The accounts that follow an account (unless it hides them).
   * Mastodon 1.0.0, last changed 2.6.0. https://docs.joinmastodon.org/methods/accounts/#followers
   */
  accountFollowers: { args: [id: IdLike]; options: PageOptions; result: Account[] };
  /**
   * Accounts matching a name or address; `resolve: true` also asks the account's server about a
   * `user@domain` this server has not seen.
   * Mastodon 1.0.0, last changed 2.8.0. https://docs.joinmastodon.org/methods/accounts/#search
   */
  accountSearch: { args: [q: string]; options: AccountSearchOptions; result: Account[] };
  /**
   * An account by its address (`user` for local accounts, `user@domain` for others), among the
   * accounts this server already knows; no WebFinger request is made (use accountSearch for that).
   * Mastodon 3.4.0. https://docs.joinmastodon.org/methods/accounts/#lookup
   */
  accountLookup: { args: [acct: string]; options: NoOptions; result: Account };
}

const STATUS_FLAGS = ["only_media", "pinned", "exclude_replies", "exclude_reblogs"] as const;

export const accountCustom = {
  async accounts(ids) {
    const method = "accounts";
    if (!Array.isArray(ids) || ids.length === 0) {
      throw new MastodonIllegalArgumentError(`${method}() needs ids as a non-empty list of account ids.`);
    }
    const id = idList(method, "ids", ids);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.3.0", "4.3.0");
    return (await internal.get("/api/v1/accounts", { id })) as Account[];
  },
  async accountStatuses(this: Mastodon, id, options) {
    const method = "accountStatuses";
    const accountId = requireId(method, "id", id);
    requireOptions(method, options);
    const extra: Record<string, unknown> = {};
    // As Mastodon.py: a flag that is false is left out rather than sent.
    for (const flag of STATUS_FLAGS) if (optionalBoolean(method, flag, options?.[flag])) extra[flag] = true;
    if (options?.tagged !== undefined && options.tagged !== null) {
      extra.tagged = hashtagName(method, "tagged", options.tagged);
    }
    const path = `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses`;
    return readPage<Status>(
      this,
      method,
      { since: "1.0.0", changed: "2.8.0" },
      path,
      options,
      extra,
      STATUS_FLAGS,
    );
  },
  async accountFollowing(this: Mastodon, id, options) {
    const path = `/api/v1/accounts/${encodeURIComponent(requireId("accountFollowing", "id", id))}/following`;
    return readPage<Account>(this, "accountFollowing", { since: "1.0.0", changed: "2.6.0" }, path, options);
  },
  async accountFollowers(this: Mastodon, id, options) {
    const path = `/api/v1/accounts/${encodeURIComponent(requireId("accountFollowers", "id", id))}/followers`;
    return readPage<Account>(this, "accountFollowers", { since: "1.0.0", changed: "2.6.0" }, path, options);
  },
  async accountSearch(q, options) {
    const method = "accountSearch";
    const query = requireString(method, "q", q);
    requireOptions(method, options);
    const params: Record<string, unknown> = {
      ...without(options, "limit", "offset", "following", "resolve"),
    };
    params.q = query;
    const limit = optionalInteger(method, "limit", options?.limit, 1);
    if (limit !== undefined) params.limit = limit;
    const offset = optionalInteger(method, "offset", options?.offset, 0);
    if (offset !== undefined) params.offset = offset;
    // As Mastodon.py: `following` only when true; `resolve` as given (false by default).
    if (optionalBoolean(method, "following", options?.following)) params.following = true;
    params.resolve = optionalBoolean(method, "resolve", options?.resolve) ?? false;
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "1.0.0", "2.8.0");
    return (await internal.get("/api/v1/accounts/search", params)) as Account[];
  },
  async accountLookup(acct) {
    const method = "accountLookup";
    const address = requireString(method, "acct", acct).trim();
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "3.4.0", "3.4.0");
    return (await internal.get("/api/v1/accounts/lookup", { acct: address })) as Account;
  },
} satisfies CustomMethods<AccountCustomMethods>;
