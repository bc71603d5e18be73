/**
 * Admin: IP blocks. An address or range (CIDR) whose sign-ups need approval, are refused, or that
 * may not reach the server at all, until an optional expiry.
 * Docs: https://docs.joinmastodon.org/methods/admin/ip_blocks/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { AdminIpBlock } from "../../entities/index.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  optionalInteger,
  optionalText,
  requireId,
  requireOneOf,
  requireOptions,
  requireString,
} from "../validate.js";
import { IP_BLOCK_SEVERITIES } from "./constants.js";

/** One of IP_BLOCK_SEVERITIES: "sign_up_requires_approval", "sign_up_block" or "no_access". */
export type IpBlockSeverity = (typeof IP_BLOCK_SEVERITIES)[number];

/**
 * Options of adminCreateIpBlock (Mastodon 4.0.0). A bad value (an expires_in that is not a whole
 * number of at least 1, a comment that is not text) throws MastodonIllegalArgumentError before any
 * request.
 */
export interface AdminCreateIpBlockOptions {
  /** Why the address is blocked (moderators see it). */
  comment?: string | undefined;
  /** Seconds until the block ends; without it the block is permanent. */
  expires_in?: number | undefined;
}

/**
 * Options of adminUpdateIpBlock (Mastodon 4.0.0): what is not given stays as it is. Checked as
 * adminCreateIpBlock's are, before any request.
 */
export interface AdminUpdateIpBlockOptions extends AdminCreateIpBlockOptions {
  /** A new address or range, such as "192.0.2.0/24". */
  ip?: string | undefined;
  /** A new severity. */
  severity?: IpBlockSeverity | undefined;
}

export interface AdminIpBlockEndpointMethods {
  /**
   * Blocked IP addresses and ranges, paginated (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/ip_blocks/#get
   */
  adminIpBlocks: { args: []; options: PageOptions; result: AdminIpBlock[] };
  /**
   * One IP block (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/ip_blocks/#get-one
   */
  adminIpBlock: { args: [id: IdLike]; options: NoOptions; result: AdminIpBlock };
  /**
   * Removes an IP block (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/ip_blocks/#delete
   */
  adminDeleteIpBlock: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

const docs = "methods/admin/ip_blocks/";

export const adminIpBlockEndpoints = {
  adminIpBlocks: { route: "GET /api/v1/admin/ip_blocks", since: "4.0.0", docs: `${docs}#get` },
  adminIpBlock: { route: "GET /api/v1/admin/ip_blocks/:id", since: "4.0.0", docs: `${docs}#get-one` },
  adminDeleteIpBlock: { route: "DELETE /api/v1/admin/ip_blocks/:id", since: "4.0.0", docs: `${docs}#delete` },
} as const satisfies EndpointTable<AdminIpBlockEndpointMethods>;

export interface AdminIpBlockCustomMethods {
  /**
   * Blocks an address or a CIDR range ("192.0.2.7", "192.0.2.0/24", "2001:db8::/32") with a
   * severity: "sign_up_requires_approval", "sign_up_block" or "no_access" (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/ip_blocks/#create
   */
  adminCreateIpBlock: {
    args: [ip: string, severity: IpBlockSeverity];
    options: AdminCreateIpBlockOptions;
    result: AdminIpBlock;
  };
  /**
   * Changes an IP block; only the settings given change (Mastodon 4.0.0).
   * https://docs.joinmastodon.org/methods/admin/ip_blocks/#update
   */
  adminUpdateIpBlock: { args: [id: IdLike]; options: AdminUpdateIpBlockOptions; result: AdminIpBlock };
}

const specs = {
  create: { route: "POST /api/v1/admin/ip_blocks", since: "4.0.0", docs: `${docs}#create` },
  update: { route: "PUT /api/v1/admin/ip_blocks/:id", since: "4.0.0", docs: `${docs}#update` },
} as const satisfies Record<string, EndpointSpec>;

// An IPv4 or IPv6 address, optionally with a prefix length; the server checks the details.
const IP_OR_RANGE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

function ipOrRange(method: string, value: unknown): string {
  const ip = requireString(method, "ip", value).trim();
  if (!IP_OR_RANGE.test(ip)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): ip must be an IP address or CIDR range such as "192.0.2.0/24" or "2001:db8::/32"; got ${JSON.stringify(ip)}.`,
    );
  }
  return ip;
}

/** comment and expires_in, checked; shared by create and update. */
function blockDetails(method: string, options: AdminCreateIpBlockOptions): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const comment = optionalText(method, "comment", options.comment);
  if (comment !== undefined) params.comment = comment;
  const expiresIn = optionalInteger(method, "expires_in", options.expires_in, 1);
  if (expiresIn !== undefined) params.expires_in = expiresIn;
  return params;
}

export const adminIpBlockCustom = {
  async adminCreateIpBlock(ip, severity, options = {}) {
    const name = "adminCreateIpBlock";
    requireOptions(name, options);
    const params = {
      ip: ipOrRange(name, ip),
      severity: requireOneOf(name, "severity", severity, IP_BLOCK_SEVERITIES),
      ...blockDetails(name, options),
    };
    return (await this[INTERNAL].call(name, specs.create, [params])) as AdminIpBlock;
  },

  async adminUpdateIpBlock(id, options = {}) {
    const name = "adminUpdateIpBlock";
    requireOptions(name, options);
    const blockId = requireId(name, "id", id);
    const params = blockDetails(name, options);
    if (options.ip !== undefined && options.ip !== null) params.ip = ipOrRange(name, options.ip);
    if (options.severity !== undefined && options.severity !== null)
      params.severity = requireOneOf(name, "severity", options.severity, IP_BLOCK_SEVERITIES);
    return (await this[INTERNAL].call(name, specs.update, [blockId, params])) as AdminIpBlock;
  },
} satisfies CustomMethods<AdminIpBlockCustomMethods>;
