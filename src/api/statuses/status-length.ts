/**
 * How many characters a status counts as against the server's limit (500 on a stock Mastodon; see
 * instanceV2's configuration.statuses.max_characters), computed as Mastodon's StatusLengthValidator
 * does:
 *   - characters are grapheme clusters (an emoji with skin tone, a flag, "é" as e + accent: one each);
 *   - every link with a scheme Mastodon links (http, https, dat, dweb, ipfs, ipns, ssb, gopher,
 *     gemini) counts as 23 characters, however long it is; bare domains and other schemes count
 *     as typed;
 *   - a mention of a remote account counts only its local part: "@alice@example.social" is "@alice";
 *   - the content warning counts in full.
 * The link and mention patterns follow Mastodon's (twitter-text with Mastodon's changes), with two
 * approximations:
 *   - Mastodon accepts a link only when its top-level domain is on twitter-text's list of real TLDs;
 *     here any alphabetic TLD of two letters or more (or an xn-- one) is accepted, so a link to a
 *     made-up TLD such as "http://host.invalidtld/" counts 23 here but in full on the server;
 *   - a link glued to the end of a bare domain's path ("example.com/http://x.org") is counted as a
 *     link here, while twitter-text swallows it into the bare domain and counts it in full.
 * Both keep the search linear in the text's length, whatever the text.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { CustomMethods } from "../define.js";
import { requireOptions } from "../validate.js";

/** What a link counts as, however long it is. */
export const URL_LENGTH = 23;

const PROTOCOL = "(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://";
// Anything but ASCII punctuation, spaces, control and direction-override characters.
const DOMAIN_CHAR =
  "[^\\p{White_Space}!-\\/:-@\\[-`{-~\\u0000-\\u001F\\u007F\\u180E\\u202A-\\u202E\\uFEFF\\uFFFE\\uFFFF]";
const SUBDOMAIN = `(?:(?:${DOMAIN_CHAR}(?:[_-]|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\\.)`;
const DOMAIN_NAME = `(?:(?:${DOMAIN_CHAR}(?:-|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\\.)`;
const TLD = "(?:xn--[0-9a-z]+|\\p{L}{2,63})(?=[^0-9a-z@+-]|$)";
const DOMAIN = `${SUBDOMAIN}*${DOMAIN_NAME}${TLD}`;
// Path characters as Mastodon redefines them: anything but spaces, angle brackets, parentheses, "?".
const PATH_CHAR = "[^\\p{White_Space}<>()?]";
const BALANCED_PARENS = `\\((?:${PATH_CHAR}+|(?:${PATH_CHAR}*\\(${PATH_CHAR}+\\)${PATH_CHAR}*))\\)`;
// A path does not end in punctuation that usually belongs to the sentence around the link.
const PATH_END = `(?:[^\\p{White_Space}()?!*"'「」<>;:=,.$%\\[\\]~&|@]|${BALANCED_PARENS})`;
const PATH_SEGMENT = `(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_END}|${PATH_CHAR}+\\/)`;
const QUERY = "\\?[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]*[a-z0-9\\-_&=#/]";
// Only links with a scheme count (Mastodon extracts no scheme-less URLs for this), so the scheme is
// required here, which also keeps the search linear on long dotted text without links.
const URL_RE = new RegExp(
  `(?<![a-z0-9@＠$#＃\\u202A-\\u202E])${PROTOCOL}${DOMAIN}(?::[0-9]+)?(?:\\/${PATH_SEGMENT}*)?(?:${QUERY})?`,
  "giu",
);

// Mastodon's Account::MENTION_RE: "@user" or "@user@domain", not inside a word or a URL path.
const WORD = "[\\p{L}\\p{M}\\p{N}\\p{Pc}]";
const MENTION_RE = new RegExp(
  `(?<![=/${WORD.slice(1, -1)}])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[${WORD.slice(1, -1)}.-]+${WORD}+)?`,
  "giu",
);
// A mention directly followed by another "@", an accented Latin letter or "://" is not one.
const MENTION_END =
  /^(?:[@＠\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u1E00-\u1EFF]|[\u0300-\u036F]|:\/\/)/;

interface Entity {
  start: number;
  end: number;
  /** What the entity counts as. */
  replacement: string;
}

function entities(text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(URL_RE)) {
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      replacement: "x".repeat(URL_LENGTH),
    });
  }
  for (const match of text.matchAll(MENTION_RE)) {
    const end = match.index + match[0].length;
    if (MENTION_END.test(text.slice(end))) continue;
    found.push({ start: match.index, end, replacement: `@${match[1]}` });
  }
  // As twitter-text's remove_overlapping_entities: by position, an entity overlapping the one
  // before it is dropped (so a mention-like "@x" inside a link stays part of the link).
  found.sort((a, b) => a.start - b.start);
  const kept: Entity[] = [];
  for (const entity of found) {
    const last = kept[kept.length - 1];
    if (last === undefined || entity.start >= last.end) kept.push(entity);
  }
  return kept;
}

/** The text as Mastodon counts it: links replaced by 23 characters, remote mentions shortened. */
export function countableText(text: string): string {
  let out = "";
  let at = 0;
  for (const entity of entities(text)) {
    out += text.slice(at, entity.start) + entity.replacement;
    at = entity.end;
  }
  return out + text.slice(at);
}

let segmenter: Intl.Segmenter | undefined;
const NON_ASCII = /\P{ASCII}/u;
const CRLF = /\r\n/g;

/** The number of grapheme clusters (user-perceived characters); code points where Intl.Segmenter is missing. */
export function graphemeLength(text: string): number {
  // Plain ASCII needs no segmenter: one cluster per character, except CR LF, which is one.
  if (!NON_ASCII.test(text)) return text.length - (text.match(CRLF)?.length ?? 0);
  if (typeof Intl === "undefined" || typeof Intl.Segmenter !== "function") return [...text].length;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** Options of getStatusLength. A spoiler_text that is not a string throws MastodonIllegalArgumentError. */
export interface StatusLengthOptions {
  /** The content warning, which counts against the same limit. */
  spoiler_text?: string | undefined;
}

/**
 * How many characters a status with this text and content warning counts as against the server's
 * limit. A local computation; nothing is sent.
 */
export function getStatusLength(text: string, options: StatusLengthOptions = {}): number {
  const name = "getStatusLength";
  if (typeof text !== "string") {
    throw new MastodonIllegalArgumentError(`${name}(): text must be a string; got ${typeof text}.`);
  }
  if (typeof options === "string") {
    throw new MastodonIllegalArgumentError(
      `${name}(): pass the content warning as an option: getStatusLength(text, { spoiler_text }).`,
    );
  }
  requireOptions(name, options);
  const spoiler = options.spoiler_text ?? "";
  if (typeof spoiler !== "string") {
    throw new MastodonIllegalArgumentError(
      `${name}(): spoiler_text must be a string; got ${typeof spoiler}.`,
    );
  }
  // Mastodon counts the content warning and the text as one string.
  return graphemeLength(spoiler + countableText(text));
}

export interface StatusLengthCustomMethods {
  /**
   * How many characters a status counts as against the server's character limit, as Mastodon
   * counts them: links are 23 characters each, a remote mention counts only its "@user" part, and
   * the content warning (`spoiler_text`) counts too. Compare with
   * instanceV2().configuration.statuses.max_characters. A local computation; nothing is sent.
   * Mastodon.py's static get_status_length (also exported as a plain function).
   * https://docs.joinmastodon.org/user/posting/#text
   */
  getStatusLength: {
    sync: true;
    args: [text: string];
    options: StatusLengthOptions;
    result: number;
  };
}

export const statusLengthCustom = { getStatusLength } satisfies CustomMethods<StatusLengthCustomMethods>;
