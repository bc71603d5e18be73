/**
 * Reports: telling the server's moderators about an account and, optionally, some of its statuses.
 * (Handling reports is the admin area's business.) Docs: https://docs.joinmastodon.org/methods/reports/
 */
import { MastodonIllegalArgumentError, MastodonVersionError } from "../../core/errors.js";
import { compareVersions, parseRequiredVersion } from "../../core/versions.js";
import type { Report } from "../../entities/index.js";
import type { CustomMethods, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  bareDomain,
  idList,
  optionalBoolean,
  optionalOneOf,
  requireId,
  requireOptions,
} from "../validate.js";
import { REPORT_CATEGORIES } from "./constants.js";

/** Why an account is reported. "legal" needs Mastodon 4.2; "violation" goes with `rule_ids`. */
export type ReportCategory = "spam" | "legal" | "violation" | "other";

/**
 * Options of report. An unknown option, an unknown category, rule_ids with a category other than
 * "violation", or a value of the wrong type throws MastodonIllegalArgumentError before any request.
 */
export interface ReportOptions {
  /** Statuses of the account that show the problem (ids or statuses). */
  status_ids?: IdLike | readonly IdLike[] | undefined;
  /** What the moderators should know; Mastodon takes up to 1000 characters. */
  comment?: string | undefined;
  /** Also send the report (anonymously) to the moderators of a remote account's server. */
  forward?: boolean | undefined;
  /** The reason (Mastodon 3.5); omitted with `rule_ids`, Mastodon 4.0+ takes "violation". */
  category?: ReportCategory | (string & {}) | undefined;
  /** Ids of the server rules broken (see instanceRules), for the "violation" category (Mastodon 3.5). */
  rule_ids?: IdLike | readonly IdLike[] | undefined;
  /**
   * With `forward`, which remote servers get the report: the reported account's and those of the
   * accounts its reported statuses reply to (Mastodon 4.2). Default: the reported account's only.
   */
  forward_to_domains?: readonly string[] | undefined;
  /** Collections (featured lists of accounts) of the account that show the problem (Mastodon 4.6). */
  collection_ids?: IdLike | readonly IdLike[] | undefined;
}

export interface ReportCustomMethods {
  /**
   * The reports you filed. Mastodon removed this in 2.5.0, so on newer (or assumed newer) servers
   * it raises MastodonVersionError without asking, as Mastodon.py does. Mastodon 1.1.0.
   * https://docs.joinmastodon.org/methods/reports/
   */
  reports: { args: []; options: NoOptions; result: Report[] };
  /**
   * Reports an account to the moderators of your server; answers the report filed.
   * Mastodon 1.1.0, last changed 3.5.0 (categories and rules; `legal` in 4.2, `forward_to_domains`
   * in 4.2, `collection_ids` in 4.6). https://docs.joinmastodon.org/methods/reports/#post
   */
  report: { args: [account_id: IdLike]; options: ReportOptions; result: Report };
}

const REPORT_LIST_REMOVED = parseRequiredVersion("2.5.0");
const REPORT_KEYS = [
  "status_ids",
  "comment",
  "forward",
  "category",
  "rule_ids",
  "forward_to_domains",
  "collection_ids",
];

export const reportCustom = {
  async reports(options) {
    const name = "reports";
    requireOptions(name, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "1.1.0", "1.1.0");
    const version = await internal.serverVersion();
    if (version?.comparable && compareVersions(version, REPORT_LIST_REMOVED) >= 0) {
      throw new MastodonVersionError(
        "reports(): Mastodon removed the list of your own reports in 2.5.0; this server reports " +
          `version ${version.raw}. Moderators see reports in the admin API (adminReports).`,
      );
    }
    return (await internal.get("/api/v1/reports", {})) as Report[];
  },

  async report(account_id, options = {}) {
    const name = "report";
    requireOptions(name, options);
    const unknown = Object.keys(options).filter((key) => !REPORT_KEYS.includes(key));
    if (unknown.length > 0) {
      throw new MastodonIllegalArgumentError(
        `${name}(): unknown option(s) ${unknown.join(", ")}; allowed: ${REPORT_KEYS.join(", ")}.`,
      );
    }
    const params: Record<string, unknown> = { account_id: requireId(name, "account_id", account_id) };
    if (options.status_ids != null) params.status_ids = idList(name, "status_ids", options.status_ids);
    if (options.comment != null) {
      if (typeof options.comment !== "string") {
        throw new MastodonIllegalArgumentError(`${name}(): comment must be a string.`);
      }
      params.comment = options.comment;
    }
    const forward = optionalBoolean(name, "forward", options.forward);
    if (forward !== undefined) params.forward = forward;
    const category = optionalOneOf(name, "category", options.category, REPORT_CATEGORIES);
    if (category !== undefined) params.category = category;
    if (options.rule_ids != null) {
      if (category !== undefined && category !== "violation") {
        throw new MastodonIllegalArgumentError(
          `${name}(): rule_ids name broken server rules and go with category "violation" (or no category); got category "${category}".`,
        );
      }
      params.rule_ids = idList(name, "rule_ids", options.rule_ids);
    }
    if (options.forward_to_domains != null) {
      if (options.forward !== true) {
        throw new MastodonIllegalArgumentError(
          `${name}(): forward_to_domains is only used when forward is true; set forward: true or leave the domains out.`,
        );
      }
      if (!Array.isArray(options.forward_to_domains)) {
        throw new MastodonIllegalArgumentError(`${name}(): forward_to_domains must be a list of domains.`);
      }
      params.forward_to_domains = options.forward_to_domains.map((d: unknown) =>
        bareDomain(name, "forward_to_domains", d),
      );
    }
    if (options.collection_ids != null) {
      params.collection_ids = idList(name, "collection_ids", options.collection_ids);
    }
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "1.1.0", "3.5.0");
    const { data } = await internal.request<Report>({ method: "POST", path: "/api/v1/reports", params });
    return data;
  },
} satisfies CustomMethods<ReportCustomMethods>;
