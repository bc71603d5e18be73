/**
 * Searching the servers this one knows of, by the start of their domain: what Mastodon's web UI
 * uses to suggest a server as a visitor types one. Mastodon.py has no method for it.
 */
import type { CustomMethods, NoOptions } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireOptions, requireString } from "../validate.js";

const PEERS_SEARCH: EndpointSpec = {
  // Undocumented. The earliest version we can justify is 4.2.0: it came with that release's new
  // interaction modal, which suggests servers as one types (mastodon/mastodon#26075).
  route: "GET /api/v1/peers/search",
  since: "4.2.0",
  anonymous: true,
  // No page of its own; the peers list it searches is documented here.
  docs: "methods/instance/#peers",
  // Mastodon answers null instead of a list when it finds no usable query (mapped to [] below).
  result: "nullable",
};

export interface PeersSearchCustomMethods {
  /**
   * Up to 10 known server domains that start with `q` (e.g. "mast" -> "mastodon.social", ...),
   * busiest first when the server has full-text search. Readable without logging in. 404
   * (MastodonNotFoundError) when the server does not publish its peers or limits federation.
   * Undocumented; Mastodon 4.2.0; not in Mastodon.py.
   * https://docs.joinmastodon.org/methods/instance/#peers (the closest page)
   */
  peersSearch: { args: [q: string]; options: NoOptions; result: string[] };
}

export const peersSearchCustom = {
  async peersSearch(q, options) {
    const method = "peersSearch";
    const query = requireString(method, "q", q);
    requireOptions(method, options);
    const found = await this[INTERNAL].call(method, PEERS_SEARCH, [{ q: query }]);
    // Mastodon answers null instead of a list when it finds no usable query.
    return (found ?? []) as string[];
  },
} satisfies CustomMethods<PeersSearchCustomMethods>;
