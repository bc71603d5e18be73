/**
 * Annual reports ("Wrapstodon"): the logged-in user's yearly summary of their activity. Mastodon.py
 * has no methods for these, so the names follow its style (`annual_report_state` -> annualReportState).
 * Docs: https://docs.joinmastodon.org/methods/annual_reports/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Account, Status } from "../../entities/index.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, NoOptions } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL, type Internal } from "../internal.js";
import { describeValue, requireOptions } from "../validate.js";
import type { ANNUAL_REPORT_STATES } from "./constants.js";

/**
 * One of ANNUAL_REPORT_STATES: the report is "available", being generated ("generating"), can be
 * generated with annualReportGenerate() ("eligible"), or cannot be ("ineligible").
 */
export type AnnualReportState = (typeof ANNUAL_REPORT_STATES)[number];

/** The playful label a report gives to the user's posting habits. */
export type AnnualReportArchetype = "lurker" | "booster" | "pollster" | "replier" | "oracle";

/**
 * What a report found. Its shape depends on the report's `schema_version`: some fields exist only
 * in version 1, others only from version 2; unknown fields are kept as the server sent them.
 * @see https://docs.joinmastodon.org/entities/AnnualReport/#data
 */
export interface AnnualReportData {
  /** The playful label the report gives to the user's posting habits, such as "booster". */
  archetype?: AnnualReportArchetype | undefined;
  /** The user's most boosted, favourited and replied-to status of the year (ids; null where none). */
  top_statuses?: {
    /** The id of the status boosted most often. */
    by_reblogs?: string | null | undefined;
    /** The id of the status favourited most often. */
    by_favourites?: string | null | undefined;
    /** The id of the status that drew the most replies. */
    by_replies?: string | null | undefined;
  } | null;
  /** Month by month: counts of new statuses, follows and followers. */
  time_series?: Array<{
    /** The month the counts beside it are for, 1 (January) to 12. */
    month: number;
    [count: string]: number;
  }> | null;
  /** The hashtags the user used most, with how often. */
  top_hashtags?: Array<{
    /** The hashtag, without its leading #. */
    name: string;
    /** How many of the user's statuses that year carried it. */
    count: number;
  }> | null;
  /** Schema version 1 only: the user's statuses broken down by kind. */
  type_distribution?: Record<string, number> | undefined;
  /** Schema version 1 only: the apps the user posted from most. */
  most_used_apps?: Array<Record<string, unknown>> | undefined;
  /** Schema version 1 only: the accounts the user replied to most. */
  commonly_interacted_with_accounts?: Array<Record<string, unknown>> | undefined;
  /** Schema version 1 only: the accounts the user boosted most. */
  most_reblogged_accounts?: Array<Record<string, unknown>> | undefined;
  /** Schema version 1 only: where the user ranks among this server's most prolific posters. */
  percentiles?: unknown | undefined;
  [field: string]: unknown;
}

/**
 * One year's report. Not in Mastodon.py's entities nor in the generated ones, so described here.
 * @see https://docs.joinmastodon.org/entities/AnnualReport/
 */
export interface AnnualReport {
  /** The year the report covers. */
  year: number;
  /** The account the report is about. */
  account_id?: string | null | undefined;
  /** The findings, shaped by `schema_version` (null while there are none). */
  data: AnnualReportData | null;
  /** Which schema `data` follows (1 or 2 so far). */
  schema_version: number | null;
  /** A link to a shareable page of the report, when the server offers one. */
  share_url?: string | null | undefined;
}

/**
 * What the report look-ups answer: the reports, plus the accounts and statuses they mention, so
 * that ids in `data` can be shown without further requests.
 */
export interface AnnualReports {
  /** The reports: all generated ones for annualReports(), the one asked for by annualReport(). */
  annual_reports: AnnualReport[];
  /** The accounts whose ids the reports' `data` mentions. */
  accounts: Account[];
  /** The statuses whose ids the reports' `data` mentions (its top statuses). */
  statuses: Status[];
}

/** What annualReportState() answers. */
export interface AnnualReportStateResult {
  /** Where the year's report stands: "available", "generating", "eligible" or "ineligible". */
  state: AnnualReportState;
}

/** A year as Mastodon takes it in these routes: exactly four digits, e.g. 2025 or "2025". */
function requireYear(method: string, value: unknown): string {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  if (typeof text === "string" && /^\d{4}$/.test(text)) return text;
  throw new MastodonIllegalArgumentError(
    `${method}() needs year as a four-digit whole number such as 2025; got ${describeValue(value)}.`,
  );
}

const docs = "methods/annual_reports/";

const SPECS = {
  annualReports: { route: "GET /api/v1/annual_reports", since: "4.3.0", docs: `${docs}#index` },
  annualReport: { route: "GET /api/v1/annual_reports/:year", since: "4.4.0", docs: `${docs}#get` },
  annualReportState: {
    route: "GET /api/v1/annual_reports/:year/state",
    since: "4.6.0",
    docs: `${docs}#get-state`,
  },
  annualReportRead: { route: "POST /api/v1/annual_reports/:year/read", since: "4.3.0", docs: `${docs}#read` },
  annualReportGenerate: {
    route: "POST /api/v1/annual_reports/:year/generate",
    since: "4.6.0",
    docs: `${docs}#generate-a-new-annual-report-generate`,
  },
} as const satisfies Record<keyof AnnualReportCustomMethods, EndpointSpec>;

export interface AnnualReportCustomMethods {
  /**
   * All of the logged-in user's annual reports that have been generated, with the accounts and
   * statuses they mention (Mastodon 4.3.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/annual_reports/#index
   */
  annualReports: { args: []; options: NoOptions; result: AnnualReports };
  /**
   * The logged-in user's report for one year (a list of one), with the accounts and statuses it
   * mentions; 404 (MastodonNotFoundError) when there is none (Mastodon 4.4.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/annual_reports/#get
   */
  annualReport: { args: [year: number | string]; options: NoOptions; result: AnnualReports };
  /**
   * Whether the logged-in user's report for a year is `available`, being generated (`generating`),
   * can be generated (`eligible`) or not (`ineligible`) (Mastodon 4.6.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/annual_reports/#get-state
   */
  annualReportState: {
    args: [year: number | string];
    options: NoOptions;
    result: AnnualReportStateResult;
  };
  /**
   * Marks the logged-in user's report for a year as seen, so that apps stop announcing it
   * (Mastodon 4.3.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/annual_reports/#read
   */
  annualReportRead: { args: [year: number | string]; options: NoOptions; result: EmptyObject };
  /**
   * Asks the server to generate the logged-in user's report for a year in the background; poll
   * annualReportState() until it is `available`. Answers {} when the work was started (or is
   * already running), and null (an empty 204 answer) when there is nothing to do: the report exists
   * already, or the year is not the server's current campaign (Mastodon 4.6.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/annual_reports/#generate-a-new-annual-report-generate
   */
  annualReportGenerate: {
    args: [year: number | string];
    options: NoOptions;
    result: EmptyObject | null;
  };
}

export const annualReportCustom = {
  async annualReports(options) {
    requireOptions("annualReports", options);
    return (await this[INTERNAL].call("annualReports", SPECS.annualReports, [])) as AnnualReports;
  },
  async annualReport(year, options) {
    return (await callForYear(this[INTERNAL], "annualReport", year, options)) as AnnualReports;
  },
  async annualReportState(year, options) {
    const answer = await callForYear(this[INTERNAL], "annualReportState", year, options);
    // The docs promise { state }; some versions of Mastodon's controller render the bare string.
    return (typeof answer === "string" ? { state: answer } : answer) as AnnualReportStateResult;
  },
  async annualReportRead(year, options) {
    return (await callForYear(this[INTERNAL], "annualReportRead", year, options)) as EmptyObject;
  },
  async annualReportGenerate(year, options) {
    return (await callForYear(this[INTERNAL], "annualReportGenerate", year, options)) as EmptyObject | null;
  },
} satisfies CustomMethods<AnnualReportCustomMethods>;

/** Checks the year and the options, then calls the method's route for that year. */
function callForYear(
  internal: Internal,
  method: Exclude<keyof AnnualReportCustomMethods, "annualReports">,
  year: unknown,
  options: unknown,
): Promise<unknown> {
  const checked = requireYear(method, year);
  requireOptions(method, options);
  return internal.call(method, SPECS[method], [checked]);
}
