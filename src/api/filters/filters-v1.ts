/**
 * Keyword filters, v1: one phrase per filter. Deprecated since Mastodon 4.0, where each v1 filter
 * is one keyword of a v2 filter; still served for older apps.
 * Docs: https://docs.joinmastodon.org/methods/filters/#v1
 */
import type { Filter } from "../../entities/index.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalBoolean, requireId, requireOptions, requireString, without } from "../validate.js";
import { expiresIn, type FilterContext, filterContexts, optionalFilterContexts } from "./filter-params.js";

/**
 * Options of filterCreate (and, as far as they go, filterUpdate). A bad value (expires_in under 1 or
 * not whole, a non-boolean flag) throws MastodonIllegalArgumentError before any request.
 */
export interface FilterCreateOptions {
  /** Drop matching statuses on the server instead of hiding them in apps; home and notifications only (default false). */
  irreversible?: boolean | undefined;
  /** Match whole words only (default true). */
  whole_word?: boolean | undefined;
  /** Seconds until the filter stops applying; never when not given. */
  expires_in?: number | undefined;
}

/**
 * Options of filterUpdate: what is not given stays as it is (filterUpdate sends no defaults, unlike
 * filterCreate).
 */
export interface FilterUpdateOptions extends FilterCreateOptions {
  /** The new text to match. */
  phrase?: string | undefined;
  /** Where the filter now applies: one context or a non-empty list ("home", "notifications", "public", "thread", "account"). */
  context?: FilterContext | readonly FilterContext[] | undefined;
}

export interface FilterV1EndpointMethods {
  /** The logged-in user's v1 filters (Mastodon 2.4.3). */
  filters: { args: []; options: NoOptions; result: Filter[] };
  /** One v1 filter (Mastodon 2.4.3). */
  filter: { args: [id: IdLike]; options: NoOptions; result: Filter };
  /**
   * Deletes a v1 filter. Since Mastodon 4.0 this removes only that keyword from its v2 filter
   * (Mastodon 2.4.3).
   */
  filterDelete: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

const docs = "methods/filters/";

export const filterV1Endpoints = {
  filters: { route: "GET /api/v1/filters", since: "2.4.3", docs: `${docs}#get-v1` },
  filter: { route: "GET /api/v1/filters/:id", since: "2.4.3", docs: `${docs}#get-one-v1` },
  filterDelete: { route: "DELETE /api/v1/filters/:id", since: "2.4.3", docs: `${docs}#delete-v1` },
} as const satisfies EndpointTable<FilterV1EndpointMethods>;

export interface FilterV1CustomMethods {
  /**
   * Creates a v1 filter that hides statuses containing `phrase` in the given contexts ("home",
   * "notifications", "public", "thread", "account"; one or a list). Sends Mastodon.py's defaults,
   * irreversible false and whole_word true (Mastodon 2.4.3).
   * https://docs.joinmastodon.org/methods/filters/#create-v1
   */
  filterCreate: {
    args: [phrase: string, context: FilterContext | readonly FilterContext[]];
    options: FilterCreateOptions;
    result: Filter;
  };
  /**
   * Changes a v1 filter; only the options given change. Since Mastodon 4.0 the server refuses to
   * change context, irreversible or expires_in of a filter that shares its v2 filter with other
   * keywords (Mastodon 2.4.3).
   * https://docs.joinmastodon.org/methods/filters/#update-v1
   */
  filterUpdate: { args: [id: IdLike]; options: FilterUpdateOptions; result: Filter };
}

const specs = {
  create: { route: "POST /api/v1/filters", since: "2.4.3", docs: `${docs}#create-v1` },
  update: { route: "PUT /api/v1/filters/:id", since: "2.4.3", docs: `${docs}#update-v1` },
} as const satisfies Record<string, EndpointSpec>;

/** The checked settings; phrase and context are the caller's to check. */
function v1Settings(name: string, options: FilterUpdateOptions): Record<string, unknown> {
  requireOptions(name, options);
  expiresIn(name, options.expires_in);
  optionalBoolean(name, "irreversible", options.irreversible);
  optionalBoolean(name, "whole_word", options.whole_word);
  return without(options, "phrase", "context");
}

export const filterV1Custom = {
  async filterCreate(phrase, context, options = {}) {
    const name = "filterCreate";
    const params = {
      phrase: requireString(name, "phrase", phrase),
      context: filterContexts(name, context),
      irreversible: false,
      whole_word: true,
      ...v1Settings(name, options),
    };
    return (await this[INTERNAL].call(name, specs.create, [params])) as Filter;
  },

  async filterUpdate(id, options = {}) {
    const name = "filterUpdate";
    const filterId = requireId(name, "id", id);
    const params = v1Settings(name, options);
    if (options.phrase !== undefined) params.phrase = requireString(name, "phrase", options.phrase);
    const context = optionalFilterContexts(name, options.context);
    if (context !== undefined) params.context = context;
    return (await this[INTERNAL].call(name, specs.update, [filterId, params])) as Filter;
  },
} satisfies CustomMethods<FilterV1CustomMethods>;
