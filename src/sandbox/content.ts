/**
 * Text to HTML as Mastodon renders a local status: paragraphs split on blank lines, `<br />` for single
 * line breaks, URLs linked, `@user` mentions of known accounts and `#tags` linked, everything else
 * escaped. It also gives back what it found, for the status's `mentions` and `tags`. The length limit
 * is checked with the library's own getStatusLength, which counts as Mastodon counts.
 */
import type { AccountRecord } from "./records.js";

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

// One linear pass finds URLs, mentions and hashtags: each alternative starts with a fixed prefix or a
// character class with bounded repetition after it, so nothing backtracks on long input. A URL may end
// in ")" only when it opened one (Wikipedia links); a hashtag needs one character that is not a digit,
// as Mastodon's does ("#1" is no tag).
const TOKENS =
  /(https?:\/\/(?:[^\s<>"'()]|\([^\s<>"'()]*\))*(?:[^\s<>"'.,;:!?()\]]|\([^\s<>"'()]*\)))|(?<![\w@/=])@([a-z0-9_]{1,30})(?:@([a-z0-9.-]{1,253}))?(?![\w@])|(?<![\w#&/=)])#([\p{L}\p{N}_]{0,100}[\p{L}_][\p{L}\p{N}_]{0,100})(?![\p{L}\p{N}_])/giu;

export interface RenderedText {
  html: string;
  /** Accounts mentioned, first mention first, each once. */
  mentions: AccountRecord[];
  /** Hashtags, lower case, each once. */
  tags: string[];
}

export interface RenderSettings {
  /** The sandbox's address, for links to profiles and tags. */
  baseUrl: string;
  /** The sandbox's domain (`127.0.0.1:3000`): `@alice@127.0.0.1:3000` is a local mention too. */
  domain: string;
  /** Finds a local account by username (case-insensitive). */
  findAccount(username: string): AccountRecord | undefined;
}

/** Renders a status's text: paragraphs, links, mentions and hashtags. */
export function renderStatusText(text: string, settings: RenderSettings): RenderedText {
  const mentions: AccountRecord[] = [];
  const tags: string[] = [];
  const inline = (line: string): string => {
    let out = "";
    let last = 0;
    for (const m of line.matchAll(TOKENS)) {
      out += escapeHtml(line.slice(last, m.index));
      last = m.index + m[0].length;
      const [whole, url, user, domain, tag] = m;
      if (url) {
        out += linkHtml(url);
      } else if (user) {
        const local = domain === undefined || domain.toLowerCase() === settings.domain.toLowerCase();
        const account = local ? settings.findAccount(user) : undefined;
        if (account) {
          if (!mentions.includes(account)) mentions.push(account);
          out += `<span class="h-card" translate="no"><a href="${settings.baseUrl}/@${account.username}" class="u-url mention">@<span>${escapeHtml(account.username)}</span></a></span>`;
        } else {
          out += escapeHtml(whole);
        }
      } else if (tag) {
        const name = tag.toLowerCase();
        if (!tags.includes(name)) tags.push(name);
        // The link keeps the tag as written; the status's `tags` list has it in lower case.
        out += `<a href="${settings.baseUrl}/tags/${encodeURIComponent(tag)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
      }
    }
    return out + escapeHtml(line.slice(last));
  };
  const html = paragraphs(text)
    .map((p) => `<p>${p.map(inline).join("<br />")}</p>`)
    .join("");
  return { html, mentions, tags };
}

/** Plain text (a bio, a profile field) with links but no mentions or tags resolved. */
export function renderPlainText(text: string, asParagraphs = true): string {
  const inline = (line: string) => {
    let out = "";
    let last = 0;
    for (const m of line.matchAll(TOKENS)) {
      if (!m[1]) continue;
      out += escapeHtml(line.slice(last, m.index)) + linkHtml(m[1]);
      last = m.index + m[0].length;
    }
    return out + escapeHtml(line.slice(last));
  };
  if (!asParagraphs) return inline(text);
  return paragraphs(text)
    .map((p) => `<p>${p.map(inline).join("<br />")}</p>`)
    .join("");
}

/** Lines grouped into paragraphs: a blank line ends one; a text with nothing in it has none. */
function paragraphs(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of text.replaceAll("\r\n", "\n").split("\n")) {
    if (line.trim() === "") {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A link as Mastodon writes it: the scheme hidden, long URLs shortened with an ellipsis. */
function linkHtml(url: string): string {
  const m = /^(https?:\/\/(?:www\.)?)(.*)$/.exec(url);
  const invisible = m?.[1] ?? "";
  const rest = m?.[2] ?? url;
  const visible = rest.slice(0, 30);
  const tail = rest.slice(30);
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(invisible)}</span>` +
    `<span class="${tail ? "ellipsis" : ""}">${escapeHtml(visible)}</span>` +
    `<span class="invisible">${escapeHtml(tail)}</span></a>`
  );
}
