/**
 * Whether a timeline can be read, from the server's `timelines_access` settings (Mastodon 4.5+):
 * each of the live (public/local), hashtag and trending-link feeds is "public", "authenticated"
 * or "disabled", separately for local and remote content.
 */
import { MastodonIllegalArgumentError, MastodonVersionError } from "../../core/errors.js";
import type { InstanceTimelinesAccessConfiguration } from "../../entities/index.js";
import type { Internal } from "../internal.js";
import { type ResolvedTimeline, resolveTimeline } from "./timeline-names.js";

type Access = Partial<InstanceTimelinesAccessConfiguration>;

/** The server's timelines_access settings; undefined when it does not publish them. */
export async function timelinesAccess(internal: Internal): Promise<Access | undefined> {
  const instance = (await internal.sharedInstanceV2()) as {
    configuration?: { timelines_access?: Access };
  } | null;
  const access = instance?.configuration?.timelines_access;
  return access && typeof access === "object" ? access : undefined;
}

/** Mastodon.py's timeline_is_available names for whole feeds, besides the names timeline() takes. */
const FEED_NAMES: Record<string, ResolvedTimeline["feed"]> = {
  hashtag: "hashtag_feeds",
  trending_links: "trending_link_feeds",
};

/**
 * The timeline a name stands for: every name timeline() takes ("public", "local", "tag/x", ...)
 * and Mastodon.py's feed names ("hashtag", "trending_links"). Undefined for a name it does not know.
 */
export function availabilityTimeline(method: string, name: unknown): ResolvedTimeline | undefined {
  if (typeof name === "string" && Object.hasOwn(FEED_NAMES, name)) {
    return { path: "", implied: {}, feed: FEED_NAMES[name] ?? "live_feeds" };
  }
  try {
    return resolveTimeline(method, name);
  } catch (error) {
    if (error instanceof MastodonIllegalArgumentError) return undefined;
    throw error;
  }
}

/** The refusal of an unknown name, with fail_hard (without it the answer is true, as in Mastodon.py). */
export function unknownTimelineName(method: string, name: unknown): MastodonIllegalArgumentError {
  const shown = typeof name === "string" ? JSON.stringify(name.slice(0, 100)) : typeof name;
  return new MastodonIllegalArgumentError(
    `${method}(): unknown timeline ${shown}. Known: "public", "local", "hashtag", "trending_links", "home", ` +
      '"tag/<hashtag>", "list/<list id>", "link?url=<url>".',
  );
}

export interface AvailabilityQuestion {
  timeline: ResolvedTimeline;
  local: boolean;
  remote: boolean;
  withAuth: boolean;
}

/**
 * True, false, or undefined when the settings do not say (servers before 4.5, other software, or
 * a value this library does not know).
 */
export function availabilityFrom(
  access: Access | undefined,
  question: AvailabilityQuestion,
): boolean | undefined {
  const { timeline, withAuth } = question;
  // Home and list timelines are the user's own: readable exactly when logged in.
  if (timeline.feed === "private") return withAuth;
  const feed = access?.[timeline.feed];
  if (!feed || typeof feed !== "object") return undefined;
  const local = question.local || timeline.implied.local === true;
  const remote = question.remote;
  // Neither flag means both kinds of content; local and remote together ask for each.
  const parts: ("local" | "remote")[] = local || remote ? [] : ["local", "remote"];
  if (local) parts.push("local");
  if (remote) parts.push("remote");
  let answer = true;
  for (const part of parts) {
    const value: unknown = feed[part];
    if (value === "public") continue;
    if (value === "authenticated") answer &&= withAuth;
    else if (value === "disabled") answer = false;
    else return undefined;
  }
  return answer;
}

/** Asks the server and answers; `failHard` throws instead of assuming "available" when unsure. */
export async function isTimelineAvailable(
  internal: Internal,
  question: AvailabilityQuestion,
  failHard: boolean,
): Promise<boolean> {
  let access: Access | undefined;
  try {
    access = question.timeline.feed === "private" ? undefined : await timelinesAccess(internal);
  } catch (error) {
    if (failHard) throw error;
    return true;
  }
  const answer = availabilityFrom(access, question);
  if (answer !== undefined) return answer;
  if (failHard) {
    throw new MastodonVersionError(
      "timelineIsAvailable(): the server does not say who may read this timeline (its instance " +
        "information has no configuration.timelines_access, which Mastodon publishes since 4.5.0).",
    );
  }
  return true;
}

/** Emits a warning the way the platform does (process warnings in Node, the console elsewhere). */
export function warn(message: string): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
  if (typeof proc?.emitWarning === "function") proc.emitWarning(message, "MastodonWarning");
  else globalThis.console?.warn?.(`MastodonWarning: ${message}`);
}
