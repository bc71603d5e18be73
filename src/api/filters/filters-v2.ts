/**
 * Filters, v2 (Mastodon 4.0): a filter group has a title, contexts, an action (warn, hide, blur)
 * and any number of keywords and single statuses. The server applies them and marks matching
 * statuses with `filtered`.
 * Docs: https://docs.joinmastodon.org/methods/filters/
 */

import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { FilterKeyword, FilterStatus, FilterV2 } from "../../entities/index.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  optionalBoolean,
  requireId,
  requireOneOf,
  requireOptions,
  requireString,
  without,
} from "../validate.js";
import { FILTER_ACTIONS } from "./constants.js";
import {
  expiresIn,
  type FilterAction,
  type FilterContext,
  filterContexts,
  optionalFilterContexts,
} from "./filter-params.js";

/** A keyword to add with a new filter. */
export interface FilterKeywordAttributes {
  /** The text to match in a status's content, spoiler text, poll options and media descriptions. */
  keyword: string;
  /** Match whole words only (server default false). */
  whole_word?: boolean | undefined;
}

/**
 * A change to a filter's keywords in updateFilterV2: with `id`, changes (or with `_destroy: true`
 * removes) that keyword; without, adds a new one.
 */
export interface FilterKeywordChange {
  /** The keyword to change or remove (its id or the FilterKeyword itself); leave out to add a new keyword. */
  id?: IdLike | undefined;
  /** The keyword's text: needed for a new keyword; for an existing one, left as it is when not given. */
  keyword?: string | undefined;
  /** Match whole words only; left to the server (default false) for a new keyword, unchanged for an existing one. */
  whole_word?: boolean | undefined;
  /** With `id`: true removes that keyword from the filter. */
  _destroy?: boolean | undefined;
}

/**
 * Options of createFilterV2. A bad value (expires_in under 1 or not whole, a keyword without text, a
 * keyword with an `id` or `_destroy`) throws MastodonIllegalArgumentError before any request.
 */
export interface CreateFilterV2Options {
  /** Seconds until the filter stops applying; never when not given. */
  expires_in?: number | undefined;
  /** Keywords to create with the filter. */
  keywords_attributes?: readonly FilterKeywordAttributes[] | undefined;
}

/**
 * Options of updateFilterV2: what is not given stays as it is. A bad value throws
 * MastodonIllegalArgumentError before any request.
 */
export interface UpdateFilterV2Options {
  /** The filter's new name, as shown where it hides or warns about a status. */
  title?: string | undefined;
  /** Where the filter now applies: one context or a non-empty list ("home", "notifications", "public", "thread", "account"). */
  context?: FilterContext | readonly FilterContext[] | undefined;
  /** What the filter does on a match: "warn", "hide", or "blur" (Mastodon 4.4.0). */
  filter_action?: FilterAction | undefined;
  /**
   * Seconds from now until the filter stops applying (a whole number of at least 1). Leaving it out
   * keeps the current expiry.
   */
  expires_in?: number | undefined;
  /** Keywords to add (no `id`), change (`id`) or remove (`id` and `_destroy: true`). */
  keywords_attributes?: readonly FilterKeywordChange[] | undefined;
}

/** Options of addFilterKeywordV2. */
export interface FilterKeywordOptions {
  /** Match whole words only (default false, as Mastodon.py sends). */
  whole_word?: boolean | undefined;
}

export interface FilterV2EndpointMethods {
  /** The logged-in user's filters, with their keywords and statuses (Mastodon 4.0.0). */
  filtersV2: { args: []; options: NoOptions; result: FilterV2[] };
  /** One filter (Mastodon 4.0.0). */
  filterV2: { args: [filter_id: IdLike]; options: NoOptions; result: FilterV2 };
  /** Deletes a filter with its keywords and statuses (Mastodon 4.0.0). */
  deleteFilterV2: { args: [filter_id: IdLike]; options: NoOptions; result: EmptyObject };
  /** A filter's keywords (Mastodon 4.0.0). */
  filterKeywordsV2: { args: [filter_id: IdLike]; options: NoOptions; result: FilterKeyword[] };
  /** Removes one keyword from whichever filter has it (Mastodon 4.0.0). */
  deleteFilterKeywordV2: { args: [keyword_id: IdLike]; options: NoOptions; result: EmptyObject };
  /** One keyword, by its id (Mastodon 4.0.0; not in Mastodon.py). */
  filterKeywordV2: { args: [keyword_id: IdLike]; options: NoOptions; result: FilterKeyword };
  /** A filter's single-status entries (Mastodon 4.0.0). */
  filterStatusesV2: { args: [filter_id: IdLike]; options: NoOptions; result: FilterStatus[] };
  /** One single-status entry, by its id (Mastodon 4.0.0). */
  filterStatusV2: { args: [filter_status_id: IdLike]; options: NoOptions; result: FilterStatus };
  /** Removes a single-status entry from its filter; answers the removed entry (Mastodon 4.0.0). */
  deleteFilterStatusV2: { args: [filter_status_id: IdLike]; options: NoOptions; result: FilterStatus };
}

const docs = "methods/filters/";

export const filterV2Endpoints = {
  filtersV2: { route: "GET /api/v2/filters", since: "4.0.0", docs: `${docs}#get` },
  filterV2: { route: "GET /api/v2/filters/:filter_id", since: "4.0.0", docs: `${docs}#get-one` },
  deleteFilterV2: { route: "DELETE /api/v2/filters/:filter_id", since: "4.0.0", docs: `${docs}#delete` },
  filterKeywordsV2: {
    route: "GET /api/v2/filters/:filter_id/keywords",
    since: "4.0.0",
    docs: `${docs}#keywords-get`,
  },
  deleteFilterKeywordV2: {
    route: "DELETE /api/v2/filters/keywords/:keyword_id",
    since: "4.0.0",
    docs: `${docs}#keywords-delete`,
  },
  filterKeywordV2: {
    route: "GET /api/v2/filters/keywords/:keyword_id",
    since: "4.0.0",
    docs: `${docs}#keywords-get-one`,
  },
  filterStatusesV2: {
    route: "GET /api/v2/filters/:filter_id/statuses",
    since: "4.0.0",
    docs: `${docs}#statuses-get`,
  },
  filterStatusV2: {
    route: "GET /api/v2/filters/statuses/:filter_status_id",
    since: "4.0.0",
    docs: `${docs}#statuses-get-one`,
  },
  deleteFilterStatusV2: {
    route: "DELETE /api/v2/filters/statuses/:filter_status_id",
    since: "4.0.0",
    docs: `${docs}#statuses-remove`,
  },
} as const satisfies EndpointTable<FilterV2EndpointMethods>;

export interface FilterV2CustomMethods {
  /**
   * Creates a filter: its `title`, where it applies (`context`: "home", "notifications", "public",
   * "thread", "account"; one or a list), what it does on a match (`filter_action`: "warn", "hide",
   * or "blur" from Mastodon 4.4), and optionally its first keywords (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/filters/#create
   */
  createFilterV2: {
    args: [title: string, context: FilterContext | readonly FilterContext[], filter_action: FilterAction];
    options: CreateFilterV2Options;
    result: FilterV2;
  };
  /**
   * Changes a filter; only the options given change. `keywords_attributes` adds keywords (no
   * `id`), changes them (`id`), or removes them (`id` and `_destroy: true`) (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/filters/#update
   */
  updateFilterV2: { args: [filter_id: IdLike]; options: UpdateFilterV2Options; result: FilterV2 };
  /**
   * Adds a keyword to a filter (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/filters/#keywords-create
   */
  addFilterKeywordV2: {
    args: [filter_id: IdLike, keyword: string];
    options: FilterKeywordOptions;
    result: FilterKeyword;
  };
  /**
   * Changes a keyword: its text and whether it matches whole words only (Mastodon 4.0.0; not in
   * Mastodon.py). https://docs.joinmastodon.org/methods/filters/#keywords-update
   */
  updateFilterKeywordV2: {
    args: [keyword_id: IdLike];
    options: { keyword?: string | undefined; whole_word?: boolean | undefined };
    result: FilterKeyword;
  };
  /**
   * Adds a single status to a filter, so that it matches that status (and its boosts) besides its
   * keywords (Mastodon 4.0.0). https://docs.joinmastodon.org/methods/filters/#statuses-add
   */
  addFilterStatusV2: {
    args: [filter_id: IdLike, status_id: IdLike];
    options: NoOptions;
    result: FilterStatus;
  };
}

const specs = {
  create: { route: "POST /api/v2/filters", since: "4.0.0", docs: `${docs}#create` },
  update: { route: "PUT /api/v2/filters/:filter_id", since: "4.0.0", docs: `${docs}#update` },
  addKeyword: {
    route: "POST /api/v2/filters/:filter_id/keywords",
    since: "4.0.0",
    docs: `${docs}#keywords-create`,
  },
  updateKeyword: {
    route: "PUT /api/v2/filters/keywords/:keyword_id",
    since: "4.0.0",
    docs: `${docs}#keywords-update`,
  },
  addStatus: {
    route: "POST /api/v2/filters/:filter_id/statuses",
    since: "4.0.0",
    docs: `${docs}#statuses-add`,
  },
} as const satisfies Record<string, EndpointSpec>;

/**
 * Checks keywords_attributes entry by entry. New keywords need their text; with `allowChanges`
 * (updates), entries may name an existing keyword by `id`, entity or not, and may remove it.
 */
function keywordAttributes(
  method: string,
  value: unknown,
  allowChanges: boolean,
): Record<string, unknown>[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): keywords_attributes must be a list of objects such as { keyword: "spoiler", whole_word: true }.`,
    );
  }
  return value.map((entry: unknown, index) => {
    const where = `keywords_attributes[${index}]`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      throw new MastodonIllegalArgumentError(
        `${method}(): ${where} must be an object such as { keyword: "spoiler", whole_word: true }.`,
      );
    }
    const e = entry as FilterKeywordChange;
    const out: Record<string, unknown> = {};
    const changesExisting = e.id !== undefined && e.id !== null;
    if (changesExisting && !allowChanges) {
      throw new MastodonIllegalArgumentError(
        `${method}(): ${where} has an id, but a new filter has no keywords to change yet; give only keyword and whole_word.`,
      );
    }
    if (changesExisting) out.id = requireId(method, `${where}.id`, e.id);
    // A new keyword needs its text; a change to an existing one may leave the text as it is.
    if (e.keyword !== undefined || !changesExisting) {
      out.keyword = requireString(method, `${where}.keyword`, e.keyword);
    }
    const wholeWord = optionalBoolean(method, `${where}.whole_word`, e.whole_word);
    if (wholeWord !== undefined) out.whole_word = wholeWord;
    if (allowChanges) {
      const destroy = optionalBoolean(method, `${where}._destroy`, e._destroy);
      if (destroy !== undefined) out._destroy = destroy;
    } else if (e._destroy !== undefined) {
      throw new MastodonIllegalArgumentError(`${method}(): ${where}._destroy is only for updateFilterV2.`);
    }
    return out;
  });
}

export const filterV2Custom = {
  async createFilterV2(title, context, filter_action, options = {}) {
    const name = "createFilterV2";
    requireOptions(name, options);
    const params: Record<string, unknown> = {
      title: requireString(name, "title", title),
      context: filterContexts(name, context),
      filter_action: requireOneOf(name, "filter_action", filter_action, FILTER_ACTIONS),
    };
    const expires = expiresIn(name, options.expires_in);
    if (expires !== undefined) params.expires_in = expires;
    const keywords = keywordAttributes(name, options.keywords_attributes, false);
    if (keywords !== undefined) params.keywords_attributes = keywords;
    return (await this[INTERNAL].call(name, specs.create, [params])) as FilterV2;
  },

  async updateFilterV2(filter_id, options = {}) {
    const name = "updateFilterV2";
    const filterId = requireId(name, "filter_id", filter_id);
    requireOptions(name, options);
    const params = without(options, "title", "context", "filter_action", "expires_in", "keywords_attributes");
    if (options.title !== undefined) params.title = requireString(name, "title", options.title);
    const context = optionalFilterContexts(name, options.context);
    if (context !== undefined) params.context = context;
    if (options.filter_action !== undefined) {
      params.filter_action = requireOneOf(name, "filter_action", options.filter_action, FILTER_ACTIONS);
    }
    const expires = expiresIn(name, options.expires_in);
    if (expires !== undefined) params.expires_in = expires;
    const keywords = keywordAttributes(name, options.keywords_attributes, true);
    if (keywords !== undefined) params.keywords_attributes = keywords;
    return (await this[INTERNAL].call(name, specs.update, [filterId, params])) as FilterV2;
  },

  async addFilterKeywordV2(filter_id, keyword, options = {}) {
    const name = "addFilterKeywordV2";
    const filterId = requireId(name, "filter_id", filter_id);
    requireOptions(name, options);
    const params = {
      keyword: requireString(name, "keyword", keyword),
      whole_word: optionalBoolean(name, "whole_word", options.whole_word) ?? false,
    };
    return (await this[INTERNAL].call(name, specs.addKeyword, [filterId, params])) as FilterKeyword;
  },

  async updateFilterKeywordV2(keyword_id, options = {}) {
    const name = "updateFilterKeywordV2";
    const keywordId = requireId(name, "keyword_id", keyword_id);
    requireOptions(name, options);
    const params: Record<string, unknown> = {};
    if (options.keyword !== undefined) params.keyword = requireString(name, "keyword", options.keyword);
    const wholeWord = optionalBoolean(name, "whole_word", options.whole_word);
    if (wholeWord !== undefined) params.whole_word = wholeWord;
    return (await this[INTERNAL].call(name, specs.updateKeyword, [keywordId, params])) as FilterKeyword;
  },

  async addFilterStatusV2(filter_id, status_id, options?: NoOptions) {
    const name = "addFilterStatusV2";
    const filterId = requireId(name, "filter_id", filter_id);
    const statusId = requireId(name, "status_id", status_id);
    requireOptions(name, options);
    return (await this[INTERNAL].call(name, specs.addStatus, [
      filterId,
      { status_id: statusId },
    ])) as FilterStatus;
  },
} satisfies CustomMethods<FilterV2CustomMethods>;
