/**
 * filtersApply: applies keyword filters on the client, to a page of statuses or notifications.
 * Servers before Mastodon 4.0 left v1 filtering to apps; from 4.0 the server marks matches
 * itself (`status.filtered`), but a bot may still want to drop them from what it reads.
 */

import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Filter, FilterV2, Notification, Status } from "../../entities/index.js";
import type { CustomMethods, SyncMethodTypes } from "../define.js";
import { linksOf, rememberLinks } from "../pagination-links.js";
import { requireOneOf } from "../validate.js";
import { FILTER_CONTEXTS } from "./constants.js";
import type { FilterContext } from "./filter-params.js";

/** What filtersApply can filter: statuses, or notifications (by the status they carry). */
export type Filterable = Status | Notification;

export interface FiltersApplyTypes extends SyncMethodTypes {
  args: [objects: readonly Filterable[], filters: readonly (Filter | FilterV2)[], context: FilterContext];
  options: Record<string, never>;
  result: Filterable[];
  signature: <T extends Filterable>(
    objects: readonly T[],
    filters: readonly (Filter | FilterV2)[],
    context: FilterContext,
  ) => T[];
}

export interface ApplyFiltersCustomMethods {
  /**
   * The statuses (or notifications) that none of the filters for `context` matches, in their
   * order, as Mastodon.py's filters_apply: a filter's phrase matches the status text without HTML,
   * ignoring case; with `whole_word`, only as a whole word. Computed locally, no request. Takes v1
   * filters (`filters()`) and v2 filters (`filtersV2()`: their keywords and filtered statuses).
   * Beyond Mastodon.py: a boost is judged by the boosted status and the content warning counts too
   * (as the server does), HTML entities are decoded, expired filters are skipped, a notification
   * without a status is kept, no filter for the context keeps everything, and the result keeps the
   * page's cursors, so fetchNext works on it (Mastodon 2.4.3).
   * https://docs.joinmastodon.org/methods/filters/#get-v1
   */
  filtersApply: FiltersApplyTypes;
}

// A Unicode word character, as Python's (and Ruby's) regular expressions define one.
const WORD = "[\\p{L}\\p{N}_]";
const STARTS_WITH_WORD = new RegExp(`^${WORD}`, "u");
const ENDS_WITH_WORD = new RegExp(`${WORD}$`, "u");

/** Escapes a phrase for a /u regular expression (where escaping other characters is an error). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * The pattern of one phrase. A whole-word phrase gets a word boundary on each side that starts or
 * ends with a word character (as Mastodon itself matches): a plain \b before "#tag" would demand a
 * word character in front of the "#", so " #tag" would never match.
 */
export function phrasePattern(phrase: string, wholeWord: boolean): string {
  const escaped = escapeRegExp(phrase);
  if (!wholeWord) return escaped;
  const before = STARTS_WITH_WORD.test(phrase) ? `(?<!${WORD})` : "";
  const after = ENDS_WITH_WORD.test(phrase) ? `(?!${WORD})` : "";
  return `${before}${escaped}${after}`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Status HTML as Mastodon.py reads it: tags become spaces, runs of white space one space. */
export function plainText(html: string): string {
  return html
    .replace(/<.*?>/g, " ")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

interface Matcher {
  pattern: RegExp | undefined;
  statusIds: Set<string>;
}

function isExpired(filter: { expires_at?: string | null }, now: number): boolean {
  if (typeof filter.expires_at !== "string") return false;
  const end = Date.parse(filter.expires_at);
  return !Number.isNaN(end) && end <= now;
}

function buildMatcher(name: string, filters: unknown, context: FilterContext): Matcher {
  if (!Array.isArray(filters)) {
    throw new MastodonIllegalArgumentError(
      `${name}(): filters must be a list of filters, as filters() or filtersV2() return.`,
    );
  }
  const now = Date.now();
  const patterns: string[] = [];
  const statusIds = new Set<string>();
  filters.forEach((filter: unknown, index) => {
    const f = filter as Partial<Filter & FilterV2> | null;
    const isFilter =
      f !== null &&
      typeof f === "object" &&
      Array.isArray(f.context) &&
      (typeof f.phrase === "string" || Array.isArray(f.keywords) || Array.isArray(f.statuses));
    if (!isFilter) {
      throw new MastodonIllegalArgumentError(
        `${name}(): filters[${index}] is not a filter (it needs context and a phrase, keywords or statuses).`,
      );
    }
    if (!f.context?.includes(context) || isExpired(f, now)) return;
    if (typeof f.phrase === "string" && f.phrase !== "")
      patterns.push(phrasePattern(f.phrase, f.whole_word !== false));
    for (const keyword of f.keywords ?? []) {
      if (typeof keyword?.keyword === "string" && keyword.keyword !== "") {
        patterns.push(phrasePattern(keyword.keyword, keyword.whole_word === true));
      }
    }
    for (const entry of f.statuses ?? []) {
      if (entry?.status_id !== undefined) statusIds.add(String(entry.status_id));
    }
  });
  return {
    pattern: patterns.length > 0 ? new RegExp(patterns.join("|"), "iu") : undefined,
    statusIds,
  };
}

function matches(matcher: Matcher, object: object): boolean {
  // A notification is judged by its status; one without (a follow, say) has nothing to match.
  const status = ("status" in object ? object.status : object) as Partial<Status> | null | undefined;
  if (status === null || typeof status !== "object") return false;
  const proper = status.reblog ?? status;
  if (matcher.statusIds.has(String(proper.id)) || matcher.statusIds.has(String(status.id))) return true;
  if (matcher.pattern === undefined) return false;
  const texts = [proper.content, proper.spoiler_text].filter((t): t is string => typeof t === "string");
  return texts.some((text) => matcher.pattern?.test(plainText(text)));
}

export const applyFiltersCustom = {
  filtersApply(objects, filters, context) {
    const name = "filtersApply";
    if (!Array.isArray(objects)) {
      throw new MastodonIllegalArgumentError(
        `${name}(): objects must be a list of statuses or notifications; got ${typeof objects}.`,
      );
    }
    const matcher = buildMatcher(name, filters, requireOneOf(name, "context", context, FILTER_CONTEXTS));
    const kept = objects.filter((object: unknown, index) => {
      if (object === null || typeof object !== "object") {
        throw new MastodonIllegalArgumentError(
          `${name}(): objects[${index}] is not a status or notification.`,
        );
      }
      return !matches(matcher, object);
    });
    // The page boundaries are the server's, so the cursors of the page still lead on from it.
    const links = linksOf(objects);
    if (links) rememberLinks(kept, links);
    return kept;
  },
} satisfies CustomMethods<ApplyFiltersCustomMethods>;
