/**
 * The logged-in user's relationship to other accounts: reading it, following and unfollowing,
 * removing a follower, and the private note kept about an account.
 * Docs: https://docs.joinmastodon.org/methods/accounts/
 */
import { MastodonIllegalArgumentError, MastodonNotFoundError } from "../../core/errors.js";
import type { FamiliarFollowers, Relationship } from "../../entities/index.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  idList,
  isLanguageCode,
  optionalBoolean,
  requireId,
  requireOptions,
  requireString,
  stringList,
  without,
} from "../validate.js";

type RelationshipChange = { args: [id: IdLike]; options: NoOptions; result: Relationship };

export interface RelationshipEndpointMethods {
  /**
   * Unfollows an account (or withdraws a pending follow request).
   * Mastodon 1.0.0, last changed 1.4.0. https://docs.joinmastodon.org/methods/accounts/#unfollow
   */
  accountUnfollow: RelationshipChange;
  /**
   * Makes an account stop following the logged-in user (a "soft block").
   * Mastodon 3.5.0. https://docs.joinmastodon.org/methods/accounts/#remove_from_followers
   */
  accountRemoveFromFollowers: RelationshipChange;
}

export const relationshipEndpoints = {
  accountUnfollow: {
    route: "POST /api/v1/accounts/:id/unfollow",
    since: "1.0.0",
    changed: "1.4.0",
    docs: "methods/accounts/#unfollow",
  },
  accountRemoveFromFollowers: {
    route: "POST /api/v1/accounts/:id/remove_from_followers",
    since: "3.5.0",
    docs: "methods/accounts/#remove_from_followers",
  },
} as const satisfies EndpointTable<RelationshipEndpointMethods>;

/** Options of accountRelationships. A `with_suspended` that is not a boolean throws MastodonIllegalArgumentError. */
export interface AccountRelationshipsOptions {
  /** Also answer for suspended accounts (Mastodon 4.3.0; before, they are left out). */
  with_suspended?: boolean | undefined;
}

/**
 * Options of accountFollow and follows; following an account already followed changes these
 * settings. reblogs and notify are always sent, with their defaults when not given. A bad value (a
 * flag that is not a boolean, a malformed language code) throws MastodonIllegalArgumentError before
 * any request.
 */
export interface AccountFollowOptions {
  /** Show the account's boosts in the home timeline (default true). */
  reblogs?: boolean | undefined;
  /** Be notified of every new status of the account (default false; Mastodon 3.3.0). */
  notify?: boolean | undefined;
  /**
   * Only show the account's statuses in these languages (ISO 639 codes) in the home timeline;
   * all languages when not given (Mastodon 4.0.0).
   */
  languages?: string[] | undefined;
}

export interface AccountCustomRelationshipMethods {
  /**
   * How the logged-in user relates to one account or to a list of accounts (following, followed
   * by, blocking, muting, requested, note, ...); one Relationship per id, in order.
   * Mastodon 1.0.0, last changed 1.4.0 (`with_suspended`: 4.3.0).
   * https://docs.joinmastodon.org/methods/accounts/#relationships
   */
  accountRelationships: {
    args: [id: IdLike | readonly IdLike[]];
    options: AccountRelationshipsOptions;
    result: Relationship[];
  };
  /**
   * For one account or a list of accounts: which of the user's follows also follow it.
   * Mastodon 3.5.0. https://docs.joinmastodon.org/methods/accounts/#familiar_followers
   */
  accountFamiliarFollowers: {
    args: [id: IdLike | readonly IdLike[]];
    options: NoOptions;
    result: FamiliarFollowers[];
  };
  /**
   * Follows an account (for a locked account: asks to follow it). Following again changes
   * `reblogs`, `notify` and `languages` of an existing follow.
   * Mastodon 1.0.0, last changed 3.3.0 (`languages`: 4.0.0).
   * https://docs.joinmastodon.org/methods/accounts/#follow
   */
  accountFollow: { args: [id: IdLike]; options: AccountFollowOptions; result: Relationship };
  /**
   * Follows an account given by its address (`user@domain`): the first accountSearch result.
   * Throws MastodonNotFoundError when the search finds nobody. Kept for Mastodon.py's old `follows`;
   * prefer accountLookup (or accountSearch with `resolve: true`) and accountFollow.
   * Mastodon 1.0.0, last changed 2.1.0. https://docs.joinmastodon.org/methods/accounts/#follow
   */
  follows: { args: [uri: string]; options: AccountFollowOptions; result: Relationship };
  /**
   * Sets the private note (only the user sees it) about an account; "" removes it. The note comes
   * back in the Relationship's `note`.
   * Mastodon 3.2.0. https://docs.joinmastodon.org/methods/accounts/#note
   */
  accountNoteSet: { args: [id: IdLike, comment: string]; options: NoOptions; result: Relationship };
}

const FOLLOW: EndpointSpec = {
  route: "POST /api/v1/accounts/:id/follow",
  since: "1.0.0",
  changed: "3.3.0",
  docs: "methods/accounts/#follow",
};
const NOTE: EndpointSpec = {
  route: "POST /api/v1/accounts/:id/note",
  since: "3.2.0",
  docs: "methods/accounts/#note",
};

/** One id or a list of ids, at least one. */
function accountIds(method: string, value: unknown): string[] {
  if (Array.isArray(value) && value.length === 0) {
    throw new MastodonIllegalArgumentError(
      `${method}(): id must be an account id or a non-empty list of them.`,
    );
  }
  return idList(method, "id", value as IdLike | IdLike[]);
}

/** The follow parameters, checked; reblogs and notify are always sent, as Mastodon.py does. */
function followParams(method: string, options: AccountFollowOptions | undefined): Record<string, unknown> {
  requireOptions(method, options);
  const params: Record<string, unknown> = without(options, "reblogs", "notify", "languages");
  params.reblogs = optionalBoolean(method, "reblogs", options?.reblogs) ?? true;
  params.notify = optionalBoolean(method, "notify", options?.notify) ?? false;
  const languages = stringList(method, "languages", options?.languages, (code) =>
    isLanguageCode(code) ? undefined : 'must be a language code such as "en" or "de"',
  );
  if (languages !== undefined) params.languages = languages;
  return params;
}

export const relationshipCustom = {
  async accountRelationships(id, options) {
    const method = "accountRelationships";
    const ids = accountIds(method, id);
    requireOptions(method, options);
    const params: Record<string, unknown> = { ...without(options, "with_suspended"), id: ids };
    const withSuspended = optionalBoolean(method, "with_suspended", options?.with_suspended);
    if (withSuspended !== undefined) params.with_suspended = withSuspended;
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "1.0.0", "1.4.0");
    return (await internal.get("/api/v1/accounts/relationships", params)) as Relationship[];
  },
  async accountFamiliarFollowers(id) {
    const method = "accountFamiliarFollowers";
    const ids = accountIds(method, id);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "3.5.0", "3.5.0");
    return (await internal.get("/api/v1/accounts/familiar_followers", { id: ids })) as FamiliarFollowers[];
  },
  async accountFollow(id, options) {
    const method = "accountFollow";
    const accountId = requireId(method, "id", id);
    const params = followParams(method, options);
    return (await this[INTERNAL].call(method, FOLLOW, [accountId, params])) as Relationship;
  },
  async follows(uri, options) {
    const method = "follows";
    const address = requireString(method, "uri", uri).trim();
    const params = followParams(method, options);
    const found = await this.accountSearch(address);
    const account = found[0];
    if (account === undefined) {
      throw new MastodonNotFoundError(`follows(): no account found for ${JSON.stringify(address)}.`);
    }
    return (await this[INTERNAL].call(method, FOLLOW, [account.id, params])) as Relationship;
  },
  async accountNoteSet(id, comment) {
    const method = "accountNoteSet";
    const accountId = requireId(method, "id", id);
    if (typeof comment !== "string") {
      throw new MastodonIllegalArgumentError(
        `${method}() needs comment as a string ("" removes the note); got ${comment === undefined ? "nothing" : typeof comment}.`,
      );
    }
    return (await this[INTERNAL].call(method, NOTE, [accountId, { comment }])) as Relationship;
  },
} satisfies CustomMethods<AccountCustomRelationshipMethods>;
