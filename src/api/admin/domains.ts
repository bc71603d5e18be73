/**
 * Admin: federation by domain. Domain blocks limit or suspend whole servers; domain allows list
 * the servers a server in allow-list mode federates with.
 * Docs: https://docs.joinmastodon.org/methods/admin/domain_blocks/ and
 * https://docs.joinmastodon.org/methods/admin/domain_allows/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { AdminDomainAllow, AdminDomainBlock } from "../../entities/index.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  optionalBoolean,
  optionalOneOf,
  optionalText,
  plainDomain,
  requireId,
  requireOptions,
  without,
} from "../validate.js";
import { DOMAIN_BLOCK_SEVERITIES } from "./constants.js";

/** One of DOMAIN_BLOCK_SEVERITIES: "silence" (limit), "suspend" or "noop". */
export type DomainBlockSeverity = (typeof DOMAIN_BLOCK_SEVERITIES)[number];

/**
 * The settings of a domain block, for adminCreateDomainBlock and adminUpdateDomainBlock (Mastodon
 * 4.0.0); in an update, what is not given stays as it is. A bad value (an unknown severity, "limit"
 * for "silence") throws MastodonIllegalArgumentError before any request.
 */
export interface AdminDomainBlockSettings {
  /** "silence" (limit; the server's default), "suspend", or "noop" (only the reject_* flags apply). */
  severity?: DomainBlockSeverity | undefined;
  /** Don't store media files from the domain. */
  reject_media?: boolean | undefined;
  /** Ignore reports from the domain. */
  reject_reports?: boolean | undefined;
  /** A note only moderators see. */
  private_comment?: string | undefined;
  /** A reason shown to everyone who may see the server's domain blocks. */
  public_comment?: string | undefined;
  /** Hide part of the domain in the public list of blocks. */
  obfuscate?: boolean | undefined;
}

/** Options of adminDomainBlocks: paging, or the `id` of one block to fetch instead of the list. */
export interface AdminDomainBlocksOptions extends PageOptions {
  /** One block by id instead of the list (as Mastodon.py's `id` parameter). */
  id?: IdLike | undefined;
}

export interface AdminDomainEndpointMethods {
  /**
   * Removes a domain block (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/domain_blocks/#delete
   */
  adminDeleteDomainBlock: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
  /**
   * Servers allowed to federate, for servers in allow-list mode; paginated (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/domain_allows/#get
   */
  adminDomainAllows: { args: []; options: PageOptions; result: AdminDomainAllow[] };
  /**
   * One allowed domain (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/domain_allows/#get-one
   */
  adminDomainAllow: { args: [id: IdLike]; options: NoOptions; result: AdminDomainAllow };
  /**
   * Removes a domain from the allow-list (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/domain_allows/#delete
   */
  adminDeleteDomainAllow: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

const blockDocs = "methods/admin/domain_blocks/";
const allowDocs = "methods/admin/domain_allows/";

export const adminDomainEndpoints = {
  adminDeleteDomainBlock: {
    route: "DELETE /api/v1/admin/domain_blocks/:id",
    since: "4.0.0",
    docs: `${blockDocs}#delete`,
  },
  adminDomainAllows: { route: "GET /api/v1/admin/domain_allows", since: "4.0.0", docs: `${allowDocs}#get` },
  adminDomainAllow: {
    route: "GET /api/v1/admin/domain_allows/:id",
    since: "4.0.0",
    docs: `${allowDocs}#get-one`,
  },
  adminDeleteDomainAllow: {
    route: "DELETE /api/v1/admin/domain_allows/:id",
    since: "4.0.0",
    docs: `${allowDocs}#delete`,
  },
} as const satisfies EndpointTable<AdminDomainEndpointMethods>;

export interface AdminDomainCustomMethods {
  /**
   * The blocked domains, paginated; with `id`, that one block instead (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/domain_blocks/#get
   */
  adminDomainBlocks: {
    args: [];
    options: AdminDomainBlocksOptions;
    result: AdminDomainBlock | AdminDomainBlock[];
    signature: {
      (options: AdminDomainBlocksOptions & { id: IdLike }): Promise<AdminDomainBlock>;
      (options?: PageOptions): Promise<AdminDomainBlock[]>;
    };
  };
  /**
   * Blocks a domain: limits it unless `severity` says otherwise (Mastodon 4.0.0). The domain must
   * be bare ("example.com", no scheme, as Mastodon.py requires); blocking it also covers its
   * subdomains.
   * https://docs.joinmastodon.org/methods/admin/domain_blocks/#create
   */
  adminCreateDomainBlock: {
    args: [domain: string];
    options: AdminDomainBlockSettings;
    result: AdminDomainBlock;
  };
  /**
   * Changes a domain block's settings; only the settings given change (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/domain_blocks/#update
   */
  adminUpdateDomainBlock: { args: [id: IdLike]; options: AdminDomainBlockSettings; result: AdminDomainBlock };
  /**
   * Allows a bare domain ("example.com") to federate; answers the existing entry if it is already
   * allowed (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/domain_allows/#create
   */
  adminCreateDomainAllow: { args: [domain: string]; options: NoOptions; result: AdminDomainAllow };
}

const specs = {
  list: { route: "GET /api/v1/admin/domain_blocks", since: "4.0.0", docs: `${blockDocs}#get` },
  one: { route: "GET /api/v1/admin/domain_blocks/:id", since: "4.0.0", docs: `${blockDocs}#get-one` },
  create: { route: "POST /api/v1/admin/domain_blocks", since: "4.0.0", docs: `${blockDocs}#create` },
  update: { route: "PUT /api/v1/admin/domain_blocks/:id", since: "4.0.0", docs: `${blockDocs}#update` },
  allow: { route: "POST /api/v1/admin/domain_allows", since: "4.0.0", docs: `${allowDocs}#create` },
} as const satisfies Record<string, EndpointSpec>;

function blockSettings(name: string, options: AdminDomainBlockSettings): Record<string, unknown> {
  requireOptions(name, options);
  // Mastodon.py's docs call the mildest level "limit"; the API's word for it is "silence".
  if (options.severity === ("limit" as string)) {
    throw new MastodonIllegalArgumentError(
      `${name}(): severity "limit" is called "silence" in the API; use "silence", "suspend" or "noop".`,
    );
  }
  optionalOneOf(name, "severity", options.severity, DOMAIN_BLOCK_SEVERITIES);
  for (const key of ["reject_media", "reject_reports", "obfuscate"] as const) {
    optionalBoolean(name, key, options[key]);
  }
  // An empty comment is allowed: it clears the comment on update.
  optionalText(name, "private_comment", options.private_comment);
  optionalText(name, "public_comment", options.public_comment);
  return without(options);
}

export const adminDomainCustom = {
  async adminDomainBlocks(options: AdminDomainBlocksOptions = {}) {
    const name = "adminDomainBlocks";
    requireOptions(name, options);
    if (options.id !== undefined) {
      const id = requireId(name, "id", options.id);
      return (await this[INTERNAL].call(name, specs.one, [id])) as AdminDomainBlock;
    }
    return (await this[INTERNAL].call(name, specs.list, [without(options, "id")])) as AdminDomainBlock[];
  },

  async adminCreateDomainBlock(domain, options = {}) {
    const name = "adminCreateDomainBlock";
    const params = { domain: plainDomain(name, "domain", domain), ...blockSettings(name, options) };
    return (await this[INTERNAL].call(name, specs.create, [params])) as AdminDomainBlock;
  },

  async adminUpdateDomainBlock(id, options = {}) {
    const name = "adminUpdateDomainBlock";
    const blockId = requireId(name, "id", id);
    const params = blockSettings(name, options);
    return (await this[INTERNAL].call(name, specs.update, [blockId, params])) as AdminDomainBlock;
  },

  async adminCreateDomainAllow(domain, options) {
    const name = "adminCreateDomainAllow";
    requireOptions(name, options);
    const params = { domain: plainDomain(name, "domain", domain) };
    return (await this[INTERNAL].call(name, specs.allow, [params])) as AdminDomainAllow;
  },
} satisfies CustomMethods<AdminDomainCustomMethods>;
