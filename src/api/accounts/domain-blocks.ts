/**
 * The user's own domain blocks: hiding everything from a whole server (not the server-wide
 * moderation of the admin API).
 * Docs: https://docs.joinmastodon.org/methods/domain_blocks/
 */
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, NoOptions } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { bareDomain, plainDomain } from "../validate.js";
import { readPage } from "./paged-list.js";

/** What blocking a domain would cost: the follows with accounts there that would end. */
export interface DomainBlockPreview {
  /** How many accounts on that domain the user follows. */
  following_count: number;
  /** How many accounts on that domain follow the user. */
  followers_count: number;
}

export interface DomainBlockCustomMethods {
  /**
   * The domains the user has blocked, as plain strings ("example.com").
   * Mastodon 1.4.0, last changed 2.6.0. https://docs.joinmastodon.org/methods/domain_blocks/#get
   */
  domainBlocks: { args: []; options: PageOptions; result: string[] };
  /**
   * Blocks a domain for the user: hides its accounts' statuses and notifications, and removes
   * the user's followers there. Give the domain alone ("example.com"); a URL is refused.
   * Mastodon 1.4.0. https://docs.joinmastodon.org/methods/domain_blocks/#block
   */
  domainBlock: { args: [domain: string]; options: NoOptions; result: EmptyObject };
  /**
   * Lifts a domain block. A URL is reduced to its host.
   * Mastodon 1.4.0. https://docs.joinmastodon.org/methods/domain_blocks/#unblock
   */
  domainUnblock: { args: [domain: string]; options: NoOptions; result: EmptyObject };
  /**
   * How many follows in each direction blocking a domain would end, to show before blocking it.
   * Needs the `write:blocks` scope (not `read:blocks`). Not in Mastodon.py nor in the Mastodon docs,
   * so its first version is uncertain (taken as 4.3.0); a server without the route answers
   * MastodonNotFoundError.
   */
  domainBlockPreview: { args: [domain: string]; options: NoOptions; result: DomainBlockPreview };
}

const BLOCK: EndpointSpec = {
  route: "POST /api/v1/domain_blocks",
  since: "1.4.0",
  args: ["domain"],
  docs: "methods/domain_blocks/#block",
};
const UNBLOCK: EndpointSpec = {
  route: "DELETE /api/v1/domain_blocks",
  since: "1.4.0",
  args: ["domain"],
  docs: "methods/domain_blocks/#unblock",
};

export const domainBlockCustom = {
  async domainBlocks(this: Mastodon, options) {
    const versions = { since: "1.4.0", changed: "2.6.0" };
    return readPage<string>(this, "domainBlocks", versions, "/api/v1/domain_blocks", options);
  },
  async domainBlock(domain) {
    const host = plainDomain("domainBlock", "domain", domain);
    return (await this[INTERNAL].call("domainBlock", BLOCK, [host])) as EmptyObject;
  },
  async domainUnblock(domain) {
    const host = bareDomain("domainUnblock", "domain", domain);
    return (await this[INTERNAL].call("domainUnblock", UNBLOCK, [host])) as EmptyObject;
  },
  async domainBlockPreview(domain) {
    const method = "domainBlockPreview";
    const host = bareDomain(method, "domain", domain);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.3.0");
    return (await internal.get("/api/v1/domain_blocks/preview", { domain: host })) as DomainBlockPreview;
  },
} satisfies CustomMethods<DomainBlockCustomMethods>;
