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
  const [before, after] = boundaries(phrase, wholeWord);
  return `${before}${escapeRegExp(phrase)}${after}`;
}

/** The word boundaries phrasePattern puts before and after a phrase ("" where none is needed). */
function boundaries(phrase: string, wholeWord: boolean): [before: string, after: string] {
  if (!wholeWord) return ["", ""];
  return [
    STARTS_WITH_WORD.test(phrase) ? `(?<!${WORD})` : "",
    ENDS_WITH_WORD.test(phrase) ? `(?!${WORD})` : "",
  ];
}

/**
 * At most this many phrases share one regular expression. The keywords come from the server, and
 * one expression for all of them fails for a long list: V8 refuses a source that large with a
 * SyntaxError (100,000 keywords), and compiling slows down faster than the list grows.
 */
const PHRASES_PER_PATTERN = 1000;

/**
 * The expressions that match any of the phrases. Phrases with the same boundaries are grouped
 * under one copy of them (each copy of the Unicode word class is costly to compile with /iu: 10,000
 * whole-word keywords took seconds), duplicates are dropped, and each group is cut into chunks of
 * PHRASES_PER_PATTERN. A failing lookaround backtracks into the alternation, so the grouped form
 * matches exactly what the phrases' own patterns match.
 */
function phrasesPatterns(phrases: readonly { phrase: string; wholeWord: boolean }[]): RegExp[] {
  const groups = new Map<string, Set<string>>();
  for (const { phrase, wholeWord } of phrases) {
    const [before, after] = boundaries(phrase, wholeWord);
    const key = `${before}\0${after}`;
    const group = groups.get(key) ?? new Set<string>();
    groups.set(key, group);
    group.add(escapeRegExp(phrase));
  }
  const patterns: RegExp[] = [];
  for (const [key, group] of groups) {
    const [before, after] = key.split("\0") as [string, string];
    let chunk: string[] = [];
    let length = 0;
    const flush = () => {
      if (chunk.length > 0) patterns.push(compile(`${before}(?:${chunk.join("|")})${after}`));
      chunk = [];
      length = 0;
    };
    for (const escaped of group) {
      if (chunk.length >= PHRASES_PER_PATTERN || length + escaped.length > CHARS_PER_PATTERN) flush();
      chunk.push(escaped);
      length += escaped.length + 1;
    }
    flush();
  }
  return patterns;
}

/** Also a limit per expression: a few long keywords make as large a source as many short ones. */
const CHARS_PER_PATTERN = 50_000;

/**
 * A phrase alone can still be too long for V8 (a keyword of 100 KB): refused by name, not as a
 * SyntaxError. V8 compiles an expression on its first use, so it is used once here, where the
 * failure can be told apart from anything else.
 */
function compile(source: string): RegExp {
  try {
    const pattern = new RegExp(source, "iu");
    pattern.test("");
    return pattern;
  } catch (cause) {
    throw new MastodonIllegalArgumentError(
      `filtersApply(): a filter keyword is too long to match (${source.length} characters in all); ` +
        "shorten or remove it on the server (updateFilterV2).",
      { cause },
    );
  }
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Status HTML as Mastodon.py reads it: tags become spaces, runs of white space one space. */
export function plainText(html: string): string {
  return stripTags(html)
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

const LINE_BREAK = /[\n\r\u2028\u2029]/g;

/**
 * Replaces each tag with a space, as `html.replace(/<.*?>/g, " ")` (Mastodon.py's re.sub): a tag
 * runs from "<" to the first ">" on the same line. Done by a scan, not that expression: for a "<"
 * with no ">" after it, the expression reads to the end at every "<", so a status of 100,000 "<"
 * took seconds (quadratic). Here each character is read a bounded number of times: the next ">"
 * and the next line break are remembered until the scan passes them.
 */
function stripTags(html: string): string {
  let out = "";
  let copied = 0;
  let from = 0;
  let close = -1;
  let lineBreak = -1;
  for (;;) {
    const open = html.indexOf("<", from);
    if (open === -1) break;
    if (close <= open) {
      close = html.indexOf(">", open + 1);
      if (close === -1) break; // no ">" after this "<", so after no later "<" either
    }
    if (lineBreak <= open) {
      LINE_BREAK.lastIndex = open;
      lineBreak = LINE_BREAK.exec(html)?.index ?? html.length;
    }
    if (lineBreak < close) {
      // The line ends before the ">": no "<" before the line break starts a tag.
      from = lineBreak + 1;
      continue;
    }
    out += `${html.slice(copied, open)} `;
    copied = close + 1;
    from = close + 1;
  }
  return out + html.slice(copied);
}

interface Matcher {
  patterns: RegExp[];
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
  const phrases: { phrase: string; wholeWord: boolean }[] = [];
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
    // The server writes these lists; one that is there but no list would fail below as a bare
    // TypeError ("5 is not iterable"), so it is refused by name here.
    for (const list of ["keywords", "statuses"] as const) {
      if (f[list] !== undefined && f[list] !== null && !Array.isArray(f[list])) {
        throw new MastodonIllegalArgumentError(
          `${name}(): filters[${index}].${list} is not a list; pass filters as filtersV2() returns them.`,
        );
      }
    }
    if (!f.context?.includes(context) || isExpired(f, now)) return;
    if (typeof f.phrase === "string" && f.phrase !== "")
      phrases.push({ phrase: f.phrase, wholeWord: f.whole_word !== false });
    for (const keyword of f.keywords ?? []) {
      if (typeof keyword?.keyword === "string" && keyword.keyword !== "") {
        phrases.push({ phrase: keyword.keyword, wholeWord: keyword.whole_word === true });
      }
    }
    for (const entry of f.statuses ?? []) {
      if (entry?.status_id !== undefined) statusIds.add(String(entry.status_id));
    }
  });
  return { patterns: phrasesPatterns(phrases), statusIds };
}

function matches(matcher: Matcher, object: object): boolean {
  // A notification is judged by its status; one without (a follow, say) has nothing to match.
  const status = ("status" in object ? object.status : object) as Partial<Status> | null | undefined;
  if (status === null || typeof status !== "object") return false;
  const proper = status.reblog ?? status;
  if (matcher.statusIds.has(String(proper.id)) || matcher.statusIds.has(String(status.id))) return true;
  if (matcher.patterns.length === 0) return false;
  const texts = [proper.content, proper.spoiler_text].filter((t): t is string => typeof t === "string");
  return texts.some((text) => {
    const plain = plainText(text);
    return matcher.patterns.some((pattern) => pattern.test(plain));
  });
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
