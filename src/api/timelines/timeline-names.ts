/**
 * Mastodon.py's timeline names ("home", "local", "public", "tag/<hashtag>", "list/<id>",
 * "link?url=<url>") turned into the route and parameters they stand for.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";

export interface ResolvedTimeline {
  /** Path below the base URL. */
  path: string;
  /** Parameters the name implies (`local` for "local", `url` for link timelines). */
  implied: Record<string, unknown>;
  /** Which access setting of the server governs it (Mastodon 4.5 `timelines_access`). */
  feed: "live_feeds" | "hashtag_feeds" | "trending_link_feeds" | "private";
}

/** "home": the logged-in user's own feed, readable exactly when logged in. */
export const HOME_TIMELINE: ResolvedTimeline = Object.freeze({
  path: "/api/v1/timelines/home",
  implied: Object.freeze({}),
  feed: "private",
});

const FORMS = '"home", "local", "public", "tag/<hashtag>", "list/<list id>" or "link?url=<url>"';

export function resolveTimeline(method: string, name: unknown): ResolvedTimeline {
  if (typeof name !== "string" || name.trim() === "") {
    throw new MastodonIllegalArgumentError(
      `${method}(): timeline must be one of ${FORMS}; got ${show(name)}.`,
    );
  }
  if (name === "home") return HOME_TIMELINE;
  if (name === "public") return { path: "/api/v1/timelines/public", implied: {}, feed: "live_feeds" };
  // Mastodon.py sends the local timeline as the public one with local=true.
  if (name === "local") {
    return { path: "/api/v1/timelines/public", implied: { local: true }, feed: "live_feeds" };
  }
  const slash = name.indexOf("/");
  const kind = slash === -1 ? name : name.slice(0, slash);
  const rest = slash === -1 ? "" : name.slice(slash + 1);
  if (kind === "tag" && rest !== "") {
    return { path: `/api/v1/timelines/tag/${encodeURIComponent(rest)}`, implied: {}, feed: "hashtag_feeds" };
  }
  if (kind === "list" && rest !== "" && !rest.includes("/")) {
    return { path: `/api/v1/timelines/list/${encodeURIComponent(rest)}`, implied: {}, feed: "private" };
  }
  if (name.startsWith("link?url=") || (kind === "link" && rest !== "")) {
    const url = name.startsWith("link?url=") ? name.slice("link?url=".length) : rest;
    return { path: "/api/v1/timelines/link", implied: { url }, feed: "trending_link_feeds" };
  }
  throw new MastodonIllegalArgumentError(`${method}(): timeline must be one of ${FORMS}; got ${show(name)}.`);
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  return typeof value === "string" ? JSON.stringify(value) : typeof value;
}
