/**
 * Admin: the dashboard's statistics for a period. Measures are totals with a value per day,
 * dimensions are breakdowns (languages, servers, software), retention follows sign-up cohorts.
 * Each request names the metrics it wants in `keys`; metrics about one hashtag or one remote
 * server carry their subject as `{ id }` or `{ domain }` under their own key, in a JSON body.
 * Docs: https://docs.joinmastodon.org/methods/admin/measures/,
 * https://docs.joinmastodon.org/methods/admin/dimensions/,
 * https://docs.joinmastodon.org/methods/admin/retention/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { AdminDimension, AdminMeasure, AdminRetention } from "../../entities/index.js";
import type { CustomMethods } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  bareDomain,
  isoUtc,
  optionalBoolean,
  optionalInteger,
  requireId,
  requireOneOf,
  requireOptions,
} from "../validate.js";
import {
  ADMIN_DIMENSION_FLAGS,
  ADMIN_DIMENSION_INSTANCE_KEYS,
  ADMIN_DIMENSION_TAG_KEYS,
  ADMIN_MEASURE_FLAGS,
  ADMIN_MEASURE_INSTANCE_KEYS,
  ADMIN_MEASURE_TAG_KEYS,
} from "./constants.js";

/** A point in time: a Date, or an ISO-8601 string such as "2024-01-31" or "2024-01-31T12:00:00Z". */
export type AdminTime = Date | string;

/**
 * Which measures adminMeasures asks for; at least one is needed, else MastodonIllegalArgumentError.
 * Server-wide, set to `true`: active_users, new_users, interactions, opened_reports,
 * resolved_reports. About one hashtag, its id (not its name; adminTags lists the ids):
 * tag_accounts, tag_uses, tag_servers. About one remote server, its domain (a URL is cut to its
 * host): instance_accounts, instance_media_attachments, instance_reports, instance_statuses,
 * instance_follows, instance_followers.
 */
export type AdminMeasuresOptions = { [K in (typeof ADMIN_MEASURE_FLAGS)[number]]?: boolean | undefined } & {
  [K in (typeof ADMIN_MEASURE_TAG_KEYS)[number]]?: IdLike | undefined;
} & { [K in (typeof ADMIN_MEASURE_INSTANCE_KEYS)[number]]?: string | undefined };

/**
 * Which breakdowns adminDimensions asks for; at least one is needed, else
 * MastodonIllegalArgumentError. Server-wide, set to `true`: languages, sources (client apps),
 * servers, space_usage, software_versions. About one hashtag, its id (see adminTags): tag_servers,
 * tag_languages.
 * About one remote server, its domain: instance_accounts, instance_languages. `limit` caps the
 * entries of each breakdown (a whole number of at least 1).
 */
export type AdminDimensionsOptions = {
  [K in (typeof ADMIN_DIMENSION_FLAGS)[number]]?: boolean | undefined;
} & {
  [K in (typeof ADMIN_DIMENSION_TAG_KEYS)[number]]?: IdLike | undefined;
} & { [K in (typeof ADMIN_DIMENSION_INSTANCE_KEYS)[number]]?: string | undefined } & {
  /** How many entries each breakdown may have, where that makes sense. */
  limit?: number | undefined;
};

/** Options of adminRetention. A frequency other than "day" or "month" throws MastodonIllegalArgumentError. */
export interface AdminRetentionOptions {
  /** Cohorts and steps by "day" (the default) or by "month". */
  frequency?: "day" | "month" | undefined;
}

export interface AdminMetricsCustomMethods {
  /**
   * Totals for the period, with a value per day: set the server-wide measures you want to `true`,
   * and give a tag id or a domain for the measures about one hashtag or server; at least one is
   * needed. Expensive on big servers (Mastodon 3.5.0).
   * https://docs.joinmastodon.org/methods/admin/measures/
   */
  adminMeasures: {
    args: [start_at: AdminTime, end_at: AdminTime];
    options: AdminMeasuresOptions;
    result: AdminMeasure[];
  };
  /**
   * Breakdowns for the period (top languages, client apps, servers, space used, software
   * versions, ...): set the ones you want to `true`, or give a tag id or a domain for those about
   * one hashtag or server; at least one is needed (Mastodon 3.5.0).
   * https://docs.joinmastodon.org/methods/admin/dimensions/
   */
  adminDimensions: {
    args: [start_at: AdminTime, end_at: AdminTime];
    options: AdminDimensionsOptions;
    result: AdminDimension[];
  };
  /**
   * How many of the users who signed up in each day or month of the period were active in the
   * days or months after (Mastodon 3.5.0).
   * https://docs.joinmastodon.org/methods/admin/retention/
   */
  adminRetention: {
    args: [start_at: AdminTime, end_at: AdminTime];
    options: AdminRetentionOptions;
    result: AdminRetention[];
  };
}

const specs = {
  measures: { route: "POST /api/v1/admin/measures", since: "3.5.0", docs: "methods/admin/measures/" },
  dimensions: { route: "POST /api/v1/admin/dimensions", since: "3.5.0", docs: "methods/admin/dimensions/" },
  retention: { route: "POST /api/v1/admin/retention", since: "3.5.0", docs: "methods/admin/retention/" },
} as const satisfies Record<string, EndpointSpec>;

/**
 * A period as the ISO-8601 UTC pair the metrics endpoints take; refuses an end before the start,
 * which the server would answer with empty data rather than an error.
 */
function timeRange(method: string, startAt: unknown, endAt: unknown): { start_at: string; end_at: string } {
  const start_at = isoUtc(method, "start_at", startAt);
  const end_at = isoUtc(method, "end_at", endAt);
  if (Date.parse(end_at) < Date.parse(start_at)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): end_at (${end_at}) is before start_at (${start_at}); give the earlier time first.`,
    );
  }
  return { start_at, end_at };
}

/**
 * The `keys` list and the per-subject parameters, in Mastodon.py's order: flags, then tag metrics
 * (`{ id }`), then server metrics (`{ domain }`, reduced to the host as Mastodon.py does).
 */
function metricKeys(
  method: string,
  options: Record<string, unknown>,
  groups: { flags: readonly string[]; tags: readonly string[]; instances: readonly string[] },
  what: string,
): { keys: string[]; params: Record<string, unknown> } {
  const keys: string[] = [];
  const params: Record<string, unknown> = {};
  for (const key of groups.flags) {
    if (optionalBoolean(method, key, options[key])) keys.push(key);
  }
  for (const key of groups.tags) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    keys.push(key);
    params[key] = { id: requireId(method, key, value) };
  }
  for (const key of groups.instances) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    keys.push(key);
    params[key] = { domain: bareDomain(method, key, value) };
  }
  if (keys.length === 0) {
    const known = [...groups.flags, ...groups.tags, ...groups.instances].join(", ");
    throw new MastodonIllegalArgumentError(`${method}() needs at least one ${what} out of: ${known}.`);
  }
  return { keys, params };
}

export const adminMetricsCustom = {
  async adminMeasures(start_at, end_at, options = {}) {
    const name = "adminMeasures";
    requireOptions(name, options);
    const range = timeRange(name, start_at, end_at);
    const { keys, params } = metricKeys(
      name,
      options,
      { flags: ADMIN_MEASURE_FLAGS, tags: ADMIN_MEASURE_TAG_KEYS, instances: ADMIN_MEASURE_INSTANCE_KEYS },
      "measure",
    );
    const body = { keys, ...range, ...params };
    return (await this[INTERNAL].call(name, specs.measures, [body])) as AdminMeasure[];
  },

  async adminDimensions(start_at, end_at, options = {}) {
    const name = "adminDimensions";
    requireOptions(name, options);
    const range = timeRange(name, start_at, end_at);
    const limit = optionalInteger(name, "limit", options.limit, 1);
    const { keys, params } = metricKeys(
      name,
      options,
      {
        flags: ADMIN_DIMENSION_FLAGS,
        tags: ADMIN_DIMENSION_TAG_KEYS,
        instances: ADMIN_DIMENSION_INSTANCE_KEYS,
      },
      "dimension",
    );
    const body = { keys, ...range, ...params, ...(limit === undefined ? {} : { limit }) };
    return (await this[INTERNAL].call(name, specs.dimensions, [body])) as AdminDimension[];
  },

  async adminRetention(start_at, end_at, options = {}) {
    const name = "adminRetention";
    requireOptions(name, options);
    const range = timeRange(name, start_at, end_at);
    const frequency = requireOneOf(name, "frequency", options.frequency ?? "day", ["day", "month"]);
    return (await this[INTERNAL].call(name, specs.retention, [{ ...range, frequency }])) as AdminRetention[];
  },
} satisfies CustomMethods<AdminMetricsCustomMethods>;
