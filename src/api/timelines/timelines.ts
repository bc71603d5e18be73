/**
 * Timelines: home, local, public, hashtag, list and link, and Mastodon.py's generic `timeline`.
 * Hand-written because they share checks, the name-to-route mapping, and the availability warning
 * Mastodon.py gives for timelines the server does not open to this client.
 * Docs: https://docs.joinmastodon.org/methods/timelines/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Status } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL, type MethodHost } from "../internal.js";
import { cursorParams } from "../page-params.js";
import { requestRemembered } from "../pagination.js";
import { optionalBoolean, requireId, requireString, stringList } from "../validate.js";
import {
  availabilityTimeline,
  isTimelineAvailable,
  unknownTimelineName,
  warn,
} from "./timeline-availability.js";
import { HOME_TIMELINE, type ResolvedTimeline, resolveTimeline } from "./timeline-names.js";

/**
 * Options of the timeline methods: paging (limit, max_id, min_id, since_id) and filters. A flag set
 * to false is not sent, as in Mastodon.py. A value of the wrong type throws
 * MastodonIllegalArgumentError before any request.
 */
export interface TimelineOptions extends PageOptions {
  /** Only statuses with media attached. */
  only_media?: boolean | undefined;
  /** Only statuses from this server. */
  local?: boolean | undefined;
  /** Only statuses from other servers (Mastodon 3.1.4). */
  remote?: boolean | undefined;
}

/** Options of timeline() when the timeline's name is given among them rather than first. */
export interface GenericTimelineOptions extends TimelineOptions {
  /** "home" (default), "local", "public", "tag/<hashtag>", "list/<list id>" or "link?url=<url>". */
  timeline?: string | undefined;
}

/** Options of timelineLocal: TimelineOptions without `local` and `remote`, which it sets itself. */
export type LocalTimelineOptions = Omit<TimelineOptions, "local" | "remote">;

/**
 * Options of timelineHashtag: TimelineOptions and more hashtags. A tag with its "#", or more than 4
 * in a list, throws MastodonIllegalArgumentError before any request.
 */
export interface HashtagTimelineOptions extends TimelineOptions {
  /** Also statuses with any of these hashtags (at most 4, without "#"; Mastodon 2.7.0). */
  any?: string[] | undefined;
  /** Only statuses that also have all of these hashtags (at most 4; Mastodon 2.7.0). */
  all?: string[] | undefined;
  /** No statuses with any of these hashtags (at most 4; Mastodon 2.7.0). */
  none?: string[] | undefined;
}

/**
 * Options of timelineIsAvailable: which timeline, which part of it, and for whom. The answer comes
 * from the server's description (instanceV2), shared with the client's other uses of it.
 */
export interface TimelineAvailabilityOptions {
  /** Which timeline, named as for timeline(); default "public". */
  timeline?: string | undefined;
  /** Ask about the part from this server only. */
  local?: boolean | undefined;
  /** Ask about the part from other servers only. */
  remote?: boolean | undefined;
  /** Ask for a logged-in user (true) or for anyone (false, the default). */
  with_auth?: boolean | undefined;
  /** Throw when the server does not say, instead of assuming the timeline is available. */
  fail_hard?: boolean | undefined;
}

type TimelineResult = Promise<Status[]>;

export interface TimelineCustomMethods {
  /**
   * A timeline by name, newest first: "home" (default), "local", "public", "tag/<hashtag>",
   * "list/<list id>" or "link?url=<url>". Takes the name first or as `timeline` in the options.
   * (Mastodon 1.0.0; changed in 3.1.4) https://docs.joinmastodon.org/methods/timelines/
   */
  timeline: {
    args: [timelineOrOptions?: string | GenericTimelineOptions];
    options: TimelineOptions;
    result: Status[];
    signature: {
      (options?: GenericTimelineOptions): TimelineResult;
      (timeline: string, options?: TimelineOptions): TimelineResult;
    };
  };
  /**
   * The logged-in user's home timeline: the accounts and hashtags they follow, and themselves.
   * (Mastodon 1.0.0; changed in 3.1.4) https://docs.joinmastodon.org/methods/timelines/#home
   */
  timelineHome: { args: []; options: TimelineOptions; result: Status[] };
  /**
   * Statuses from this server's users (the public timeline with `local: true`).
   * (Mastodon 1.0.0; changed in 3.1.4) https://docs.joinmastodon.org/methods/timelines/#public
   */
  timelineLocal: { args: []; options: LocalTimelineOptions; result: Status[] };
  /**
   * The public ("federated") timeline: public statuses this server knows, from here and elsewhere.
   * (Mastodon 1.0.0; changed in 3.1.4) https://docs.joinmastodon.org/methods/timelines/#public
   */
  timelinePublic: { args: []; options: TimelineOptions; result: Status[] };
  /**
   * Public statuses with a hashtag (given without "#"); `any`, `all` and `none` combine more tags.
   * (Mastodon 1.0.0; changed in 3.1.4) https://docs.joinmastodon.org/methods/timelines/#tag
   */
  timelineHashtag: {
    args: [hashtag: string | { name: string }];
    options: HashtagTimelineOptions;
    result: Status[];
  };
  /**
   * Statuses from the accounts in one of the user's lists.
   * (Mastodon 2.1.0; changed in 3.1.4) https://docs.joinmastodon.org/methods/timelines/#list
   */
  timelineList: { args: [id: IdLike]; options: TimelineOptions; result: Status[] };
  /**
   * Statuses that share a trending link; `url` must be exactly as trendingLinks() gives it. The
   * server answers 404 (MastodonNotFoundError) for a link that is not trending.
   * (Mastodon 4.3.0) https://docs.joinmastodon.org/methods/timelines/#link
   */
  timelineLink: { args: [url: string]; options: TimelineOptions; result: Status[] };
  /**
   * Whether a timeline can be read, from the server's `timelines_access` settings (Mastodon 4.5+):
   * for anyone, or with `with_auth: true` for a logged-in user. Home and list timelines are
   * readable exactly when logged in. When the server does not say (before 4.5, other software),
   * answers true, or throws MastodonVersionError with `fail_hard: true`. Takes the name first or
   * as `timeline` in the options (default "public"): any name timeline() takes, or Mastodon.py's
   * "hashtag" and "trending_links". An unknown name answers true (as Mastodon.py), or throws
   * MastodonIllegalArgumentError with `fail_hard: true`. Without `local` or `remote`, both parts
   * must be readable (the timeline mixes both); Mastodon.py answers true when either is.
   */
  timelineIsAvailable: {
    args: [timelineOrOptions?: string | TimelineAvailabilityOptions];
    options: Omit<TimelineAvailabilityOptions, "timeline">;
    result: boolean;
    signature: {
      (options?: TimelineAvailabilityOptions): Promise<boolean>;
      (timeline: string, options?: Omit<TimelineAvailabilityOptions, "timeline">): Promise<boolean>;
    };
  };
}

const FLAGS = ["only_media", "local", "remote"] as const;
/** The options read above the rest, which are sent as they are. */
const KNOWN: ReadonlySet<string> = new Set(["timeline", "max_id", "min_id", "since_id", "limit", ...FLAGS]);
const NO_EXTRA: Readonly<Record<string, unknown>> = Object.freeze({});

/** Splits (name, options) or (options with `timeline`) into the two. */
function nameAndOptions<O extends { timeline?: string | undefined }>(
  first: unknown,
  second: unknown,
  fallback: string,
): [unknown, O | undefined] {
  if (typeof first === "string") return [first, second as O | undefined];
  if (first === undefined || first === null) return [fallback, second as O | undefined];
  const options = first as O;
  return [options.timeline ?? fallback, options];
}

/** The parameters of one timeline read, checked: paging, flags, what the name implies, the rest as given. */
function timelineParams(
  method: string,
  timeline: ResolvedTimeline,
  options: object | undefined,
  extra: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const params = cursorParams(method, options);
  const source = (options ?? {}) as Record<string, unknown>;
  for (const flag of FLAGS) {
    // Mastodon.py sends these flags only when set, so a false one is left out.
    if (optionalBoolean(method, flag, source[flag])) params[flag] = true;
  }
  Object.assign(params, timeline.implied, extra);
  // Every other option is sent as it is (unless it is empty, or given by `extra`).
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== undefined && value !== null && !KNOWN.has(key) && !Object.hasOwn(extra, key)) {
      params[key] = value;
    }
  }
  return params;
}

/** Reads one timeline: checks, the availability warning, the request. */
async function readTimeline(
  client: MethodHost,
  method: string,
  versions: { since: string; changed?: string },
  timeline: ResolvedTimeline,
  options: object | undefined,
  extra: Readonly<Record<string, unknown>> = NO_EXTRA,
): Promise<Status[]> {
  const params = timelineParams(method, timeline, options, extra);
  const internal = client[INTERNAL];
  // Skipped outright when checks are off (the default): no await on every read.
  if (client.versionCheckMode !== "none") {
    await internal.checkVersion(method, versions.since, versions.changed);
  }
  if (timeline.feed !== "private") {
    const question = {
      timeline,
      local: params.local === true,
      remote: params.remote === true,
      withAuth: client.accessToken !== undefined,
    };
    // As Mastodon.py: a warning, not an error, since the settings may be stale or the server lenient.
    if (!(await isTimelineAvailable(internal, question, false))) {
      warn(
        `${method}(): the server says this timeline is not open to ${question.withAuth ? "this user" : "clients that are not logged in"}; expect an error or an empty list.`,
      );
    }
  }
  return (await requestRemembered(internal, { method: "GET", path: timeline.path, params })) as Status[];
}

const STATUS_TIMELINE = { since: "1.0.0", changed: "3.1.4" };

/** A method reading one fixed timeline (home, local, public). */
function namedTimeline<O extends object = TimelineOptions>(method: string, name: string) {
  return function (this: MethodHost, options?: O): Promise<Status[]> {
    return readTimeline(this, method, STATUS_TIMELINE, resolveTimeline(method, name), options);
  };
}

/**
 * The home timeline, as its own export so that mastodon-ts/light can take it alone (the class's
 * timelineHome is this same function). It is readable exactly when logged in, so there is no
 * availability to ask about, and that code stays out of a light app's bundle.
 */
export async function timelineHome(this: MethodHost, options?: TimelineOptions): Promise<Status[]> {
  const params = timelineParams("timelineHome", HOME_TIMELINE, options, NO_EXTRA);
  const internal = this[INTERNAL];
  if (this.versionCheckMode !== "none")
    await internal.checkVersion("timelineHome", STATUS_TIMELINE.since, STATUS_TIMELINE.changed);
  return (await requestRemembered(internal, { method: "GET", path: HOME_TIMELINE.path, params })) as Status[];
}

export const timelineCustom = {
  timeline(this: Mastodon, first?: string | GenericTimelineOptions, second?: TimelineOptions) {
    const [name, options] = nameAndOptions<GenericTimelineOptions>(first, second, "home");
    return readTimeline(this, "timeline", STATUS_TIMELINE, resolveTimeline("timeline", name), options);
  },
  timelineHome,
  timelineLocal: /* @__PURE__ */ namedTimeline<LocalTimelineOptions>("timelineLocal", "local"),
  timelinePublic: /* @__PURE__ */ namedTimeline("timelinePublic", "public"),
  timelineHashtag(this: Mastodon, hashtag: string | { name: string }, options?: HashtagTimelineOptions) {
    const method = "timelineHashtag";
    const raw = typeof hashtag === "object" && hashtag !== null ? hashtag.name : hashtag;
    const name = requireString(method, "hashtag", raw);
    if (name.startsWith("#")) {
      throw new MastodonIllegalArgumentError(
        `${method}(): give the hashtag without its leading "#" (e.g. "cats", not "#cats").`,
      );
    }
    const noHash = (tag: string) => (tag.startsWith("#") ? 'must not start with "#"' : undefined);
    const extra: Record<string, unknown> = {};
    for (const key of ["any", "all", "none"] as const) {
      const list = stringList(method, key, options?.[key], noHash, 4);
      if (list !== undefined) extra[key] = list;
    }
    const timeline = resolveTimeline(method, `tag/${name}`);
    return readTimeline(this, method, STATUS_TIMELINE, timeline, options, extra);
  },
  timelineList(this: Mastodon, id: IdLike, options?: TimelineOptions) {
    const listId = requireId("timelineList", "id", id);
    const timeline = resolveTimeline("timelineList", `list/${listId}`);
    return readTimeline(this, "timelineList", { since: "2.1.0", changed: "3.1.4" }, timeline, options);
  },
  timelineLink(this: Mastodon, url: string, options?: TimelineOptions) {
    const link = requireString("timelineLink", "url", url);
    const timeline = resolveTimeline("timelineLink", `link?url=${link}`);
    return readTimeline(this, "timelineLink", { since: "4.3.0" }, timeline, options);
  },
  async timelineIsAvailable(
    this: Mastodon,
    first?: string | TimelineAvailabilityOptions,
    second?: Omit<TimelineAvailabilityOptions, "timeline">,
  ) {
    const method = "timelineIsAvailable";
    const [name, options] = nameAndOptions<TimelineAvailabilityOptions>(first, second, "public");
    const failHard = optionalBoolean(method, "fail_hard", options?.fail_hard) ?? false;
    const timeline = availabilityTimeline(method, name);
    if (!timeline) {
      // Mastodon.py answers true for a name it does not know, unless asked to fail hard.
      if (failHard) throw unknownTimelineName(method, name);
      return true;
    }
    const question = {
      timeline,
      local: optionalBoolean(method, "local", options?.local) ?? false,
      remote: optionalBoolean(method, "remote", options?.remote) ?? false,
      withAuth: optionalBoolean(method, "with_auth", options?.with_auth) ?? false,
    };
    return isTimelineAvailable(this[INTERNAL], question, failHard);
  },
} satisfies CustomMethods<TimelineCustomMethods>;
