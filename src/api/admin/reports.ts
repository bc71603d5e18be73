/**
 * Admin: reports (listing, one report, assigning, resolving, reopening, re-categorising).
 * Docs: https://docs.joinmastodon.org/methods/admin/reports/
 */
import type { AdminReport } from "../../entities/index.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { REPORT_CATEGORIES } from "../statuses/constants.js";
import type { ReportCategory } from "../statuses/reports.js";
import { idList, optionalBoolean, optionalOneOf, requireId, requireOptions, without } from "../validate.js";

/**
 * Filters of adminReports (Mastodon 2.9.1), plus paging: open reports of any account unless
 * narrowed. A value of the wrong type throws MastodonIllegalArgumentError before any request.
 */
export interface AdminReportsOptions extends PageOptions {
  /** Resolved reports instead of open ones. */
  resolved?: boolean | undefined;
  /** Only reports filed by this account. */
  account_id?: IdLike | undefined;
  /** Only reports about this account. */
  target_account_id?: IdLike | undefined;
}

/**
 * Options of adminUpdateReport (Mastodon 3.5.0): what is not given stays as it is. An unknown
 * category throws MastodonIllegalArgumentError before any request.
 */
export interface AdminUpdateReportOptions {
  /** The kind of problem: "spam", "legal", "violation" (with rule_ids) or "other". */
  category?: ReportCategory | undefined;
  /** The server rules the report says were broken (for "violation"); ids or rules. */
  rule_ids?: IdLike | readonly IdLike[] | undefined;
}

type One = { args: [id: IdLike]; options: NoOptions; result: AdminReport };

export interface AdminReportEndpointMethods {
  /**
   * One report with everything moderators see (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/reports/#get-one
   */
  adminReport: One;
  /**
   * Assigns a report to the logged-in moderator (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/reports/#assign_to_self
   */
  adminReportAssign: One;
  /**
   * Removes the report's assignee (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/reports/#unassign
   */
  adminReportUnassign: One;
  /**
   * Opens a resolved report again (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/reports/#reopen
   */
  adminReportReopen: One;
  /**
   * Closes a report without any further action (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/reports/#resolve
   */
  adminReportResolve: One;
}

const docs = "methods/admin/reports/";

export const adminReportEndpoints = {
  adminReport: { route: "GET /api/v1/admin/reports/:id", since: "2.9.1", docs: `${docs}#get-one` },
  adminReportAssign: {
    route: "POST /api/v1/admin/reports/:id/assign_to_self",
    since: "2.9.1",
    docs: `${docs}#assign_to_self`,
  },
  adminReportUnassign: {
    route: "POST /api/v1/admin/reports/:id/unassign",
    since: "2.9.1",
    docs: `${docs}#unassign`,
  },
  adminReportReopen: {
    route: "POST /api/v1/admin/reports/:id/reopen",
    since: "2.9.1",
    docs: `${docs}#reopen`,
  },
  adminReportResolve: {
    route: "POST /api/v1/admin/reports/:id/resolve",
    since: "2.9.1",
    docs: `${docs}#resolve`,
  },
} as const satisfies EndpointTable<AdminReportEndpointMethods>;

export interface AdminReportCustomMethods {
  /**
   * Reports, open ones unless `resolved` is set; `account_id` and `target_account_id` (ids or
   * accounts) narrow them to those filed by or about one account (Mastodon 2.9.1).
   * https://docs.joinmastodon.org/methods/admin/reports/#get
   */
  adminReports: { args: []; options: AdminReportsOptions; result: AdminReport[] };
  /**
   * Changes a report's category and the rules it cites (Mastodon 3.5.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/admin/reports/#update
   */
  adminUpdateReport: { args: [id: IdLike]; options: AdminUpdateReportOptions; result: AdminReport };
}

const specs = {
  list: { route: "GET /api/v1/admin/reports", since: "2.9.1", docs: `${docs}#get` },
  update: { route: "PUT /api/v1/admin/reports/:id", since: "3.5.0", docs: `${docs}#update` },
} as const satisfies Record<string, EndpointSpec>;

export const adminReportCustom = {
  async adminReports(options = {}) {
    const name = "adminReports";
    requireOptions(name, options);
    const params = without(options, "resolved", "account_id", "target_account_id");
    // As in Mastodon.py, resolved=false is left out: the server's default already lists open reports.
    if (optionalBoolean(name, "resolved", options.resolved)) params.resolved = true;
    if (options.account_id !== undefined)
      params.account_id = requireId(name, "account_id", options.account_id);
    if (options.target_account_id !== undefined)
      params.target_account_id = requireId(name, "target_account_id", options.target_account_id);
    return (await this[INTERNAL].call(name, specs.list, [params])) as AdminReport[];
  },

  async adminUpdateReport(id, options = {}) {
    const name = "adminUpdateReport";
    requireOptions(name, options);
    const reportId = requireId(name, "id", id);
    const params: Record<string, unknown> = {};
    const category = optionalOneOf(name, "category", options.category, REPORT_CATEGORIES);
    if (category !== undefined) params.category = category;
    if (options.rule_ids !== undefined && options.rule_ids !== null)
      params.rule_ids = idList(name, "rule_ids", options.rule_ids);
    return (await this[INTERNAL].call(name, specs.update, [reportId, params])) as AdminReport;
  },
} satisfies CustomMethods<AdminReportCustomMethods>;
