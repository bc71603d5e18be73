/**
 * Admin: sign-up blocks by email. Email domain blocks refuse every address at a domain; canonical
 * email blocks refuse one address in all its spellings (the server lower-cases it, drops dots and
 * anything after a "+" in the local part, and stores only the SHA-256 of the result).
 * Docs: https://docs.joinmastodon.org/methods/admin/email_domain_blocks/ and
 * https://docs.joinmastodon.org/methods/admin/canonical_email_blocks/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { AdminCanonicalEmailBlock, AdminEmailDomainBlock } from "../../entities/index.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { plainDomain, requireOptions, requireString } from "../validate.js";

export interface AdminEmailBlockEndpointMethods {
  /**
   * Email domains refused at sign-up, paginated (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/email_domain_blocks/#get
   */
  adminEmailDomainBlocks: { args: []; options: PageOptions; result: AdminEmailDomainBlock[] };
  /**
   * One blocked email domain (Mastodon 4.1.0).
   * https://docs.joinmastodon.org/methods/admin/email_domain_blocks/#get-one
   */
  adminEmailDomainBlock: { args: [id: IdLike]; options: NoOptions; result: AdminEmailDomainBlock };
  /**
   * Removes an email domain block (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/email_domain_blocks/#delete
   */
  adminDeleteEmailDomainBlock: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
  /**
   * Blocked canonical email addresses, as hashes, paginated (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/canonical_email_blocks/#get
   */
  adminCanonicalEmailBlocks: { args: []; options: PageOptions; result: AdminCanonicalEmailBlock[] };
  /**
   * One canonical email block (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/canonical_email_blocks/#get-one
   */
  adminCanonicalEmailBlock: { args: [id: IdLike]; options: NoOptions; result: AdminCanonicalEmailBlock };
  /**
   * Removes a canonical email block (Mastodon 4.0.0). The server answers an empty object, although
   * its docs and Mastodon.py announce the removed block.
   * https://docs.joinmastodon.org/methods/admin/canonical_email_blocks/#delete
   */
  adminDeleteCanonicalEmailBlock: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

const domainDocs = "methods/admin/email_domain_blocks/";
const canonicalDocs = "methods/admin/canonical_email_blocks/";

export const adminEmailBlockEndpoints = {
  adminEmailDomainBlocks: {
    route: "GET /api/v1/admin/email_domain_blocks",
    since: "4.0.0",
    docs: `${domainDocs}#get`,
  },
  adminEmailDomainBlock: {
    route: "GET /api/v1/admin/email_domain_blocks/:id",
    since: "4.1.0",
    docs: `${domainDocs}#get-one`,
  },
  adminDeleteEmailDomainBlock: {
    route: "DELETE /api/v1/admin/email_domain_blocks/:id",
    since: "4.0.0",
    docs: `${domainDocs}#delete`,
  },
  adminCanonicalEmailBlocks: {
    route: "GET /api/v1/admin/canonical_email_blocks",
    since: "4.0.0",
    docs: `${canonicalDocs}#get`,
  },
  adminCanonicalEmailBlock: {
    route: "GET /api/v1/admin/canonical_email_blocks/:id",
    since: "4.0.0",
    docs: `${canonicalDocs}#get-one`,
  },
  adminDeleteCanonicalEmailBlock: {
    route: "DELETE /api/v1/admin/canonical_email_blocks/:id",
    since: "4.0.0",
    docs: `${canonicalDocs}#delete`,
  },
} as const satisfies EndpointTable<AdminEmailBlockEndpointMethods>;

/**
 * Options of adminCreateCanonicalEmailBlock: exactly one of `email` or `canonical_email_hash`.
 * Neither, both, a malformed address or a hash that is not 64 hex digits throws
 * MastodonIllegalArgumentError before any request.
 */
export interface AdminCreateCanonicalEmailBlockOptions {
  /** The address to block; the server canonicalises and hashes it. */
  email?: string | undefined;
  /** Or the hash itself: the SHA-256 of the canonical address, as 64 hex digits. */
  canonical_email_hash?: string | undefined;
}

export interface AdminEmailBlockCustomMethods {
  /**
   * Refuses sign-ups with addresses at a bare domain ("example.com") (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/email_domain_blocks/#create
   */
  adminCreateEmailDomainBlock: { args: [domain: string]; options: NoOptions; result: AdminEmailDomainBlock };
  /**
   * The canonical email blocks an address would hit (the server canonicalises it first); empty
   * when it may sign up (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/canonical_email_blocks/#test
   */
  adminTestCanonicalEmailBlock: {
    args: [email: string];
    options: NoOptions;
    result: AdminCanonicalEmailBlock[];
  };
  /**
   * Blocks an address in all its spellings, given either as `email` or as `canonical_email_hash`
   * (exactly one of the two) (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/canonical_email_blocks/#create
   */
  adminCreateCanonicalEmailBlock: {
    args: [];
    options: AdminCreateCanonicalEmailBlockOptions;
    result: AdminCanonicalEmailBlock;
  };
}

const specs = {
  createDomain: {
    route: "POST /api/v1/admin/email_domain_blocks",
    since: "4.0.0",
    docs: `${domainDocs}#create`,
  },
  test: {
    route: "POST /api/v1/admin/canonical_email_blocks/test",
    since: "4.0.0",
    docs: `${canonicalDocs}#test`,
  },
  createCanonical: {
    route: "POST /api/v1/admin/canonical_email_blocks",
    since: "4.0.0",
    docs: `${canonicalDocs}#create`,
  },
} as const satisfies Record<string, EndpointSpec>;

/** An address as text with an "@"; the server would canonicalise anything else into a useless hash. */
function emailAddress(method: string, value: unknown): string {
  const email = requireString(method, "email", value).trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): email must be an address such as "someone@example.com"; got ${JSON.stringify(email)}.`,
    );
  }
  return email;
}

export const adminEmailBlockCustom = {
  async adminCreateEmailDomainBlock(domain, options) {
    const name = "adminCreateEmailDomainBlock";
    requireOptions(name, options);
    const params = { domain: plainDomain(name, "domain", domain) };
    return (await this[INTERNAL].call(name, specs.createDomain, [params])) as AdminEmailDomainBlock;
  },

  async adminTestCanonicalEmailBlock(email, options) {
    const name = "adminTestCanonicalEmailBlock";
    requireOptions(name, options);
    const params = { email: emailAddress(name, email) };
    return (await this[INTERNAL].call(name, specs.test, [params])) as AdminCanonicalEmailBlock[];
  },

  async adminCreateCanonicalEmailBlock(options = {}) {
    const name = "adminCreateCanonicalEmailBlock";
    requireOptions(name, options);
    const { email, canonical_email_hash: hash } = options;
    const given = [email, hash].filter((value) => value !== undefined && value !== null).length;
    if (given !== 1) {
      throw new MastodonIllegalArgumentError(
        `${name}() needs exactly one of email (an address) or canonical_email_hash (its SHA-256); got ${given === 0 ? "neither" : "both"}.`,
      );
    }
    let params: Record<string, string>;
    if (hash !== undefined && hash !== null) {
      if (typeof hash !== "string" || !/^[0-9a-f]{64}$/i.test(hash)) {
        throw new MastodonIllegalArgumentError(
          `${name}(): canonical_email_hash must be a SHA-256 hash as 64 hexadecimal digits.`,
        );
      }
      // The server compares lower-case hex digests, so an upper-case hash would never match.
      params = { canonical_email_hash: hash.toLowerCase() };
    } else {
      params = { email: emailAddress(name, email) };
    }
    return (await this[INTERNAL].call(name, specs.createCanonical, [params])) as AdminCanonicalEmailBlock;
  },
} satisfies CustomMethods<AdminEmailBlockCustomMethods>;
