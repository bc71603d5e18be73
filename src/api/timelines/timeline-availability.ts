/**
 * Whether a timeline can be read, from the server's `timelines_access` settings (Mastodon 4.5+):
 * each of the live (public/local), hashtag and trending-link feeds is "public", "authenticated"
 * or "disabled", separately for local and remote content.
 */
import { MastodonVersionError } from "../../core/errors.js";
import type { InstanceTimelinesAccessConfiguration } from "../../entities/index.js";
import type { Internal } from "../internal.js";
import type { ResolvedTimeline } from "./timeline-names.js";

type Access = Partial<InstanceTimelinesAccessConfiguration>;

/** The server's timelines_access settings; undefined when it does not publish them. */
export async function timelinesAccess(internal: Internal): Promise<Access | undefined> {
  const instance = (await internal.sharedInstanceV2()) as {
    configuration?: { timelines_access?: Access };
  } | null;
  const access = instance?.configuration?.timelines_access;
  return access && typeof access === "object" ? access : undefined;
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
