/**
 * Blocking and muting accounts, and the lists of blocked and muted accounts.
 * Docs: https://docs.joinmastodon.org/methods/accounts/#block,
 * https://docs.joinmastodon.org/methods/blocks/, https://docs.joinmastodon.org/methods/mutes/
 */
import type { Account, Relationship } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalBoolean, optionalInteger, requireId, requireOptions, without } from "../validate.js";
import { readPage } from "./paged-list.js";

type RelationshipChange = { args: [id: IdLike]; options: NoOptions; result: Relationship };

export interface BlockMuteEndpointMethods {
  /**
   * Blocks an account: neither side sees the other, and any follow between them ends.
   * Mastodon 1.0.0, last changed 1.4.0. https://docs.joinmastodon.org/methods/accounts/#block
   */
  accountBlock: RelationshipChange;
  /**
   * Lifts a block. Mastodon 1.0.0, last changed 1.4.0.
   * https://docs.joinmastodon.org/methods/accounts/#unblock
   */
  accountUnblock: RelationshipChange;
  /**
   * Lifts a mute. Mastodon 1.1.0, last changed 1.4.0.
   * https://docs.joinmastodon.org/methods/accounts/#unmute
   */
  accountUnmute: RelationshipChange;
}

export const blockMuteEndpoints = {
  accountBlock: {
    route: "POST /api/v1/accounts/:id/block",
    since: "1.0.0",
    changed: "1.4.0",
    docs: "methods/accounts/#block",
  },
  accountUnblock: {
    route: "POST /api/v1/accounts/:id/unblock",
    since: "1.0.0",
    changed: "1.4.0",
    docs: "methods/accounts/#unblock",
  },
  accountUnmute: {
    route: "POST /api/v1/accounts/:id/unmute",
    since: "1.1.0",
    changed: "1.4.0",
    docs: "methods/accounts/#unmute",
  },
} as const satisfies EndpointTable<BlockMuteEndpointMethods>;

/**
 * Options of accountMute; muting an account already muted changes these settings. A bad value (a
 * negative or fractional duration) throws MastodonIllegalArgumentError before any request.
 */
export interface AccountMuteOptions {
  /** Also mute the account's notifications (default true). */
  notifications?: boolean | undefined;
  /** Lift the mute by itself after this many seconds (Mastodon 3.3.0); 0 or absent: never. */
  duration?: number | undefined;
}

export interface BlockMuteCustomMethods {
  /**
   * Mutes an account: its statuses (and, unless `notifications: false`, its notifications) are
   * hidden from the user, without it knowing.
   * Mastodon 1.1.0, last changed 2.4.3 (`duration`: 3.3.0).
   * https://docs.joinmastodon.org/methods/accounts/#mute
   */
  accountMute: { args: [id: IdLike]; options: AccountMuteOptions; result: Relationship };
  /**
   * The accounts the user has muted (each with `mute_expires_at` since Mastodon 3.3.0).
   * Mastodon 1.1.0, last changed 2.6.0. https://docs.joinmastodon.org/methods/mutes/#get
   */
  mutes: { args: []; options: PageOptions; result: Account[] };
  /**
   * The accounts the user has blocked.
   * Mastodon 1.0.0, last changed 2.6.0. https://docs.joinmastodon.org/methods/blocks/#get
   */
  blocks: { args: []; options: PageOptions; result: Account[] };
}

const MUTE: EndpointSpec = {
  route: "POST /api/v1/accounts/:id/mute",
  since: "1.1.0",
  changed: "2.4.3",
  docs: "methods/accounts/#mute",
};

export const blockMuteCustom = {
  async accountMute(id, options) {
    const method = "accountMute";
    const accountId = requireId(method, "id", id);
    requireOptions(method, options);
    const params: Record<string, unknown> = without(options, "notifications", "duration");
    params.notifications = optionalBoolean(method, "notifications", options?.notifications) ?? true;
    const duration = optionalInteger(method, "duration", options?.duration, 0);
    if (duration !== undefined) params.duration = duration;
    return (await this[INTERNAL].call(method, MUTE, [accountId, params])) as Relationship;
  },
  async mutes(this: Mastodon, options) {
    return readPage<Account>(this, "mutes", { since: "1.1.0", changed: "2.6.0" }, "/api/v1/mutes", options);
  },
  async blocks(this: Mastodon, options) {
    return readPage<Account>(this, "blocks", { since: "1.0.0", changed: "2.6.0" }, "/api/v1/blocks", options);
  },
} satisfies CustomMethods<BlockMuteCustomMethods>;
