/** Human-readable renderings of accounts and statuses for the terminal. */
import type { Account, Status } from "../entities/index.js";

/**
 * The bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069), which printable()
 * leaves alone as they are not terminal controls. Put in a display name, content warning or status,
 * an override reorders what follows it on the line, the CLI's own text included: a name ending in
 * U+202E shows "@alice (x) · 2024-..." mirrored, and can make one account's handle or a link read as
 * another's. Directional marks (U+200E, U+200F, U+061C) only nudge neutral characters, and
 * right-to-left text needs no control to show, so those stay.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/** Server text with its bidi controls shown as U+FFFD (the mark printable() uses for controls). */
export function unbidi(text: string): string {
  return text.replace(BIDI_CONTROL, "\ufffd");
}

/** @user@host for any account (local accounts' acct has no host). */
export function handle(account: Pick<Account, "acct">, apiBaseUrl: string): string {
  const acct = unbidi(account.acct);
  return acct.includes("@") ? `@${acct}` : `@${acct}@${new URL(apiBaseUrl).host}`;
}

export function accountLine(account: Pick<Account, "acct" | "display_name">, apiBaseUrl: string): string {
  const name = account.display_name === undefined ? undefined : unbidi(account.display_name).trim();
  return name ? `${handle(account, apiBaseUrl)} (${name})` : handle(account, apiBaseUrl);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * The character of a numeric reference, as HTML reads one: U+FFFD for 0, a surrogate, or a number
 * past U+10FFFF (String.fromCodePoint throws on those, and a status from a server that is not
 * Mastodon may hold one: `&#99999999;` stopped `timeline` and `stream` with a RangeError).
 */
function characterFor(code: number): string {
  if (!Number.isInteger(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    return "\ufffd";
  return String.fromCodePoint(code);
}

/**
 * `pattern` (a tag, so ending in ">") replaced in `html`, looked for only before the last ">": no
 * tag begins after it. There each "<" it tries has a ">" to end on, and a match takes the text it
 * scanned, so it runs in linear time. On "<<<<...", with no ">" after, every "<" was a scan to the
 * end: 100 KB of content took 13 s, and a 10 MB status would stop `timeline` and `stream`. Each
 * step looks again, as the one before may have taken the last ">" ("</p><p</p><p...").
 */
function replaceTags(html: string, pattern: RegExp, replacement: string): string {
  const end = html.lastIndexOf(">") + 1;
  return html.slice(0, end).replace(pattern, replacement) + html.slice(end);
}

/** Mastodon's status HTML as plain text: paragraphs and line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  const tagless = replaceTags(
    replaceTags(replaceTags(html, /<br\s*\/?>/gi, "\n"), /<\/p>\s*<p[^>]*>/gi, "\n\n"),
    /<[^>]*>/g,
    "",
  );
  const text = tagless
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity[0] === "#") {
        const code =
          entity[1] === "x" || entity[1] === "X"
            ? Number.parseInt(entity.slice(2), 16)
            : Number(entity.slice(1));
        return characterFor(code);
      }
      return ENTITIES[entity.toLowerCase()] ?? whole;
    })
    .trim();
  // After decoding: a control may come as a reference (`&#x202E;`).
  return unbidi(text);
}

/** A status as a few lines: who and when, the content (behind its content warning), media, link. */
export function statusLines(status: Status, apiBaseUrl: string): string[] {
  const shown = status.reblog ?? status;
  const lines = [
    `${accountLine(shown.account, apiBaseUrl)} · ${shown.created_at}` +
      (status.reblog ? ` · boosted by ${handle(status.account, apiBaseUrl)}` : ""),
  ];
  if (shown.spoiler_text) lines.push(`CW: ${unbidi(shown.spoiler_text)}`);
  const text = htmlToText(shown.content ?? "");
  if (text) lines.push(...text.split("\n").map((line) => `  ${line}`));
  for (const media of shown.media_attachments ?? []) {
    const about = `[${media.type}] ${media.description ?? "(no description)"} ${media.url ?? ""}`;
    lines.push(`  ${unbidi(about)}`.trimEnd());
  }
  lines.push(`  ${unbidi(`${shown.url ?? shown.uri} (id ${shown.id})`)}`);
  return lines;
}
