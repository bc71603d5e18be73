/**
 * Admin: accounts (v1 and v2 listings, one account, moderation actions).
 * Docs: https://docs.joinmastodon.org/methods/admin/accounts/
 */
import type { AdminAccount } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  bareDomain,
  idList,
  optionalBoolean,
  optionalOneOf,
  requireId,
  requireOneOf,
  requireOptions,
  requireString,
  without,
} from "../validate.js";
import { ADMIN_ACCOUNT_ACTIONS, ADMIN_ACCOUNT_STATUSES } from "./constants.js";

/**
 * One of ADMIN_ACCOUNT_STATUSES: "active", "pending" (awaiting approval), "disabled" (login
 * disabled), "silenced" (limited) or "suspended".
 */
export type AdminAccountStatus = (typeof ADMIN_ACCOUNT_STATUSES)[number];

/**
 * One of ADMIN_ACCOUNT_ACTIONS: "none" (a warning only), "disable" (no more login), "sensitive"
 * (its media marked sensitive; Mastodon 3.3.0), "silence" (limited) or "suspend".
 */
export type AdminAccountAction = (typeof ADMIN_ACCOUNT_ACTIONS)[number];

/** The filters both account listings take. */
interface AdminAccountFilters extends PageOptions {
  /** Only accounts of this domain (a URL such as `https://example.com/` is cut to its host). */
  by_domain?: string | undefined;
  /** Only accounts whose username contains this text. */
  username?: string | undefined;
  /** Only accounts whose display name contains this text. */
  display_name?: string | undefined;
  /** Only the account with this email address (local accounts only). */
  email?: string | undefined;
  /** Only accounts last seen at this IP address (local accounts only). */
  ip?: string | undefined;
}

/**
 * Filters of adminAccounts and adminAccountsV1 (Mastodon 2.9.1), plus paging. A bad value (an
 * unknown status, a filter that is not text) throws MastodonIllegalArgumentError before any request.
 */
export interface AdminAccountsV1Options extends AdminAccountFilters {
  /** Remote accounts instead of local ones. */
  remote?: boolean | undefined;
  /** Only accounts in this moderation state (default "active"). */
  status?: AdminAccountStatus | undefined;
  /** Only staff accounts (local accounts only). */
  staff_only?: boolean | undefined;
}

/**
 * Filters of adminAccountsV2 (Mastodon 3.5.0), plus paging. A bad value (an unknown origin, status
 * or permissions, a filter that is not text) throws MastodonIllegalArgumentError before any request.
 */
export interface AdminAccountsV2Options extends AdminAccountFilters {
  /** Local or remote accounts (both when absent). */
  origin?: "local" | "remote" | undefined;
  /** Only accounts in this moderation state (any when absent). */
  status?: AdminAccountStatus | undefined;
  /** "staff": only accounts with staff permissions. */
  permissions?: "staff" | undefined;
  /** Only accounts invited by this account (an id or an account). */
  invited_by?: IdLike | undefined;
  /** Only accounts with one of these roles (Mastodon 4.0.0). */
  role_ids?: IdLike | readonly IdLike[] | undefined;
}

/**
 * Options of adminAccountModerate: the action, its reason and whether the user is told. A bad value
 * throws MastodonIllegalArgumentError before any request.
 */
export interface AdminAccountModerateOptions {
  /** What to do; without it ("none") the user only gets a warning. */
  action?: AdminAccountAction | undefined;
  /** A report this action resolves (an id or a report). */
  report_id?: IdLike | undefined;
  /** A warning preset whose text is sent to the user (before `text`, if both are given). */
  warning_preset_id?: IdLike | undefined;
  /** The warning text for the user. */
  text?: string | undefined;
  /** Whether the user gets an email about the action (the server's default: true). */
  send_email_notification?: boolean | undefined;
}

type One = { args: [id: IdLike]; options: NoOptions; result: AdminAccount };

export interface AdminAccountEndpointMethods {
  /**
   * One account with everything moderators see: email, IPs, moderation state (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/accounts/#get-one
   */
  adminAccount: One;
  /**
   * Lets a disabled local account log in again (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/accounts/#enable
   */
  adminAccountEnable: One;
  /**
   * Approves a pending sign-up (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/accounts/#approve
   */
  adminAccountApprove: One;
  /**
   * Rejects a pending sign-up and deletes it; the result is the deleted account (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/accounts/#reject
   */
  adminAccountReject: One;
  /**
   * Lifts a limit (silence) from an account (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/accounts/#unsilence
   */
  adminAccountUnsilence: One;
  /**
   * Lifts a suspension (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/accounts/#unsuspend
   */
  adminAccountUnsuspend: One;
  /**
   * Deletes the data of a suspended local account for good (Mastodon 3.3.0).
   * https://docs.joinmastodon.org/methods/admin/accounts/#delete
   */
  adminAccountDelete: One;
  /**
   * Stops forcing an account's media to be marked sensitive (Mastodon 3.3.0).
   * https://docs.joinmastodon.org/methods/admin/accounts/#unsensitive
   */
  adminAccountUnsensitive: One;
}

const docs = "methods/admin/accounts/";

export const adminAccountEndpoints = {
  adminAccount: { route: "GET /api/v1/admin/accounts/:id", since: "2.9.1", docs: `${docs}#get-one` },
  adminAccountEnable: {
    route: "POST /api/v1/admin/accounts/:id/enable",
    since: "2.9.1",
    docs: `${docs}#enable`,
  },
  adminAccountApprove: {
    route: "POST /api/v1/admin/accounts/:id/approve",
    since: "2.9.1",
    docs: `${docs}#approve`,
  },
  adminAccountReject: {
    route: "POST /api/v1/admin/accounts/:id/reject",
    since: "2.9.1",
    docs: `${docs}#reject`,
  },
  adminAccountUnsilence: {
    route: "POST /api/v1/admin/accounts/:id/unsilence",
    since: "2.9.1",
    docs: `${docs}#unsilence`,
  },
  adminAccountUnsuspend: {
    route: "POST /api/v1/admin/accounts/:id/unsuspend",
    since: "2.9.1",
    docs: `${docs}#unsuspend`,
  },
  adminAccountDelete: { route: "DELETE /api/v1/admin/accounts/:id", since: "3.3.0", docs: `${docs}#delete` },
  adminAccountUnsensitive: {
    route: "POST /api/v1/admin/accounts/:id/unsensitive",
    since: "3.3.0",
    docs: `${docs}#unsensitive`,
  },
} as const satisfies EndpointTable<AdminAccountEndpointMethods>;

export interface AdminAccountCustomMethods {
  /**
   * Accounts matching the filters. As in Mastodon.py, a synonym of adminAccountsV1 (the v1
   * listing, Mastodon 2.9.1), so a ported bot gets the same requests and answers; prefer
   * adminAccountsV2 on Mastodon 3.5 and later.
   * https://docs.joinmastodon.org/methods/admin/accounts/#v1
   */
  adminAccounts: { args: []; options: AdminAccountsV1Options; result: AdminAccount[] };
  /**
   * Accounts matching the filters, through the v1 listing (Mastodon 2.9.1): local accounts in the
   * "active" state unless told otherwise. A false flag means "don't care", not "exclude".
   * https://docs.joinmastodon.org/methods/admin/accounts/#v1
   */
  adminAccountsV1: { args: []; options: AdminAccountsV1Options; result: AdminAccount[] };
  /**
   * Accounts matching the filters, through the v2 listing (Mastodon 3.5.0; roles since 4.0.0):
   * local and remote accounts in any state unless narrowed.
   * https://docs.joinmastodon.org/methods/admin/accounts/#v2
   */
  adminAccountsV2: { args: []; options: AdminAccountsV2Options; result: AdminAccount[] };
  /**
   * Takes a moderation action against an account: disable its login, force its media sensitive,
   * limit (silence) or suspend it, or only warn it (the default). Can resolve a report at the
   * same time (Mastodon 2.9.1; "sensitive" since 3.3.0). Unlike Mastodon.py, which drops a false
   * `send_email_notification` (so the server's default, true, applies), false is sent as false.
   * https://docs.joinmastodon.org/methods/admin/accounts/#action
   */
  adminAccountModerate: { args: [id: IdLike]; options: AdminAccountModerateOptions; result: EmptyObject };
}

const specs = {
  v1: { route: "GET /api/v1/admin/accounts", since: "2.9.1", docs: `${docs}#v1` },
  // Mastodon.py declares 2.9.1 for v2, but the endpoint came with 3.5.0.
  v2: { route: "GET /api/v2/admin/accounts", since: "3.5.0", changed: "4.0.0", docs: `${docs}#v2` },
  action: { route: "POST /api/v1/admin/accounts/:id/action", since: "2.9.1", docs: `${docs}#action` },
} as const satisfies Record<string, EndpointSpec>;

/** Text filters are sent as given, but must be text. */
const TEXT_FILTERS = ["username", "display_name", "email", "ip"] as const;

function textFilters(name: string, options: AdminAccountFilters): void {
  for (const key of TEXT_FILTERS) {
    if (options[key] !== undefined && options[key] !== null) requireString(name, key, options[key]);
  }
}

function accountsV1(this: Mastodon, name: string, options: AdminAccountsV1Options = {}): Promise<unknown> {
  requireOptions(name, options);
  const status = requireOneOf(name, "status", options.status ?? "active", ADMIN_ACCOUNT_STATUSES);
  textFilters(name, options);
  const params = without(options, "remote", "status", "staff_only", "by_domain");
  // v1 takes each filter as its own flag: `remote=true`, `active=true`, `staff=true`; a false flag
  // is left out, because sending it would not mean "exclude" to the server either.
  if (optionalBoolean(name, "remote", options.remote)) params.remote = true;
  params[status] = true;
  if (optionalBoolean(name, "staff_only", options.staff_only)) params.staff = true;
  if (options.by_domain !== undefined) params.by_domain = bareDomain(name, "by_domain", options.by_domain);
  return this[INTERNAL].call(name, specs.v1, [params]);
}

export const adminAccountCustom = {
  async adminAccounts(options) {
    return (await accountsV1.call(this, "adminAccounts", options)) as AdminAccount[];
  },

  async adminAccountsV1(options) {
    return (await accountsV1.call(this, "adminAccountsV1", options)) as AdminAccount[];
  },

  async adminAccountsV2(options = {}) {
    const name = "adminAccountsV2";
    requireOptions(name, options);
    optionalOneOf(name, "origin", options.origin, ["local", "remote"]);
    optionalOneOf(name, "status", options.status, ADMIN_ACCOUNT_STATUSES);
    optionalOneOf(name, "permissions", options.permissions, ["staff"]);
    textFilters(name, options);
    const params = without(options, "invited_by", "role_ids", "by_domain");
    if (options.by_domain !== undefined) params.by_domain = bareDomain(name, "by_domain", options.by_domain);
    if (options.invited_by !== undefined)
      params.invited_by = requireId(name, "invited_by", options.invited_by);
    if (options.role_ids !== undefined) params.role_ids = idList(name, "role_ids", options.role_ids);
    return (await this[INTERNAL].call(name, specs.v2, [params])) as AdminAccount[];
  },

  async adminAccountModerate(id, options = {}) {
    const name = "adminAccountModerate";
    requireOptions(name, options);
    const accountId = requireId(name, "id", id);
    const params: Record<string, unknown> = {
      type: requireOneOf(name, "action", options.action ?? "none", ADMIN_ACCOUNT_ACTIONS),
    };
    if (options.report_id !== undefined) params.report_id = requireId(name, "report_id", options.report_id);
    if (options.warning_preset_id !== undefined)
      params.warning_preset_id = requireId(name, "warning_preset_id", options.warning_preset_id);
    if (options.text !== undefined) params.text = requireString(name, "text", options.text);
    const notify = optionalBoolean(name, "send_email_notification", options.send_email_notification);
    if (notify !== undefined) params.send_email_notification = notify;
    return (await this[INTERNAL].call(name, specs.action, [accountId, params])) as EmptyObject;
  },
} satisfies CustomMethods<AdminAccountCustomMethods>;
