/**
 * Follow suggestions: accounts the server thinks the user may want to follow.
 * Docs: https://docs.joinmastodon.org/methods/suggestions/
 */
import type { Account, Suggestion } from "../../entities/index.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalInteger, requireOptions, without } from "../validate.js";

/** Options of suggestions, suggestionsV1 and suggestionsV2. A limit under 1 throws MastodonIllegalArgumentError. */
export interface SuggestionsOptions {
  /** How many suggestions to answer (default 40, at most 80). */
  limit?: number | undefined;
}

export interface SuggestionEndpointMethods {
  /**
   * Removes an account from the user's follow suggestions.
   * Mastodon 2.4.3. https://docs.joinmastodon.org/methods/suggestions/#remove
   */
  suggestionDelete: { args: [account_id: IdLike]; options: NoOptions; result: EmptyObject };
}

export const suggestionEndpoints = {
  suggestionDelete: {
    route: "DELETE /api/v1/suggestions/:account_id",
    since: "2.4.3",
    docs: "methods/suggestions/#remove",
  },
} as const satisfies EndpointTable<SuggestionEndpointMethods>;

export interface SuggestionCustomMethods {
  /**
   * Follow suggestions as plain accounts (the older endpoint, deprecated since 3.4.0).
   * Mastodon 2.4.3. https://docs.joinmastodon.org/methods/suggestions/#v1
   */
  suggestionsV1: { args: []; options: SuggestionsOptions; result: Account[] };
  /**
   * Follow suggestions, each with its account and why it is suggested (`sources`).
   * Mastodon 3.4.0. https://docs.joinmastodon.org/methods/suggestions/#v2
   */
  suggestionsV2: { args: []; options: SuggestionsOptions; result: Suggestion[] };
  /**
   * Follow suggestions as accounts, from the v2 endpoint when the server has it (3.4.0+), else v1.
   * https://docs.joinmastodon.org/methods/suggestions/
   */
  suggestions: { args: []; options: SuggestionsOptions; result: Account[] };
}

const V1: EndpointSpec = {
  route: "GET /api/v1/suggestions",
  since: "2.4.3",
  docs: "methods/suggestions/#v1",
};
const V2: EndpointSpec = {
  route: "GET /api/v2/suggestions",
  since: "3.4.0",
  docs: "methods/suggestions/#v2",
};

function limitParams(method: string, options: SuggestionsOptions | undefined): Record<string, unknown> {
  requireOptions(method, options);
  const params = without(options, "limit");
  const limit = optionalInteger(method, "limit", options?.limit, 1);
  if (limit !== undefined) params.limit = limit;
  return params;
}

export const suggestionCustom = {
  async suggestionsV1(options) {
    return (await this[INTERNAL].call("suggestionsV1", V1, [
      limitParams("suggestionsV1", options),
    ])) as Account[];
  },
  async suggestionsV2(options) {
    return (await this[INTERNAL].call("suggestionsV2", V2, [
      limitParams("suggestionsV2", options),
    ])) as Suggestion[];
  },
  async suggestions(options) {
    const params = limitParams("suggestions", options);
    if (await this.verifyMinimumVersion("3.4.0", { cached: true })) {
      const found = (await this[INTERNAL].call("suggestions", V2, [params])) as Suggestion[];
      return found.map((suggestion) => suggestion.account);
    }
    return (await this[INTERNAL].call("suggestions", V1, [params])) as Account[];
  },
} satisfies CustomMethods<SuggestionCustomMethods>;
