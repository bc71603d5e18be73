/**
 * The profile directory: accounts that opted in to being listed.
 * Docs: https://docs.joinmastodon.org/methods/directory/
 */
import type { Account } from "../../entities/index.js";
import type { CustomMethods } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalBoolean, optionalInteger, optionalOneOf, requireOptions, without } from "../validate.js";
import { DIRECTORY_ORDERS } from "./constants.js";

/**
 * Options of directory. A bad value (a limit under 1, a negative offset, an unknown order) throws
 * MastodonIllegalArgumentError before any request.
 */
export interface DirectoryOptions {
  /** Skip this many accounts (the directory pages by offset, not by Link header). */
  offset?: number | undefined;
  /** How many accounts to answer (default 40, at most 80). */
  limit?: number | undefined;
  /** "active": most recently posting first (the default); "new": newest accounts first. */
  order?: (typeof DIRECTORY_ORDERS)[number] | undefined;
  /** Only accounts of this server. */
  local?: boolean | undefined;
}

export interface DirectoryCustomMethods {
  /**
   * Accounts listed in the server's profile directory; readable without logging in.
   * Mastodon 3.0.0. https://docs.joinmastodon.org/methods/directory/#get
   */
  directory: { args: []; options: DirectoryOptions; result: Account[] };
}

const DIRECTORY: EndpointSpec = {
  route: "GET /api/v1/directory",
  since: "3.0.0",
  anonymous: true,
  docs: "methods/directory/#get",
};

export const directoryCustom = {
  async directory(options) {
    const method = "directory";
    requireOptions(method, options);
    const params = without(options, "offset", "limit", "order", "local");
    const offset = optionalInteger(method, "offset", options?.offset, 0);
    if (offset !== undefined) params.offset = offset;
    const limit = optionalInteger(method, "limit", options?.limit, 1);
    if (limit !== undefined) params.limit = limit;
    const order = optionalOneOf(method, "order", options?.order, DIRECTORY_ORDERS);
    if (order !== undefined) params.order = order;
    const local = optionalBoolean(method, "local", options?.local);
    if (local !== undefined) params.local = local;
    return (await this[INTERNAL].call(method, DIRECTORY, [params])) as Account[];
  },
} satisfies CustomMethods<DirectoryCustomMethods>;
