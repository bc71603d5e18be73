/** Human-readable renderings of accounts and statuses for the terminal. */
import type { Account, Status } from "../entities/index.js";

/** @user@host for any account (local accounts' acct has no host). */
export function handle(account: Pick<Account, "acct">, apiBaseUrl: string): string {
  return account.acct.includes("@") ? `@${account.acct}` : `@${account.acct}@${new URL(apiBaseUrl).host}`;
}

export function accountLine(account: Pick<Account, "acct" | "display_name">, apiBaseUrl: string): string {
  const name = account.display_name?.trim();
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

/** Mastodon's status HTML as plain text: paragraphs and line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
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
}

/** A status as a few lines: who and when, the content (behind its content warning), media, link. */
export function statusLines(status: Status, apiBaseUrl: string): string[] {
  const shown = status.reblog ?? status;
  const lines = [
    `${accountLine(shown.account, apiBaseUrl)} · ${shown.created_at}` +
      (status.reblog ? ` · boosted by ${handle(status.account, apiBaseUrl)}` : ""),
  ];
  if (shown.spoiler_text) lines.push(`CW: ${shown.spoiler_text}`);
  const text = htmlToText(shown.content ?? "");
  if (text) lines.push(...text.split("\n").map((line) => `  ${line}`));
  for (const media of shown.media_attachments ?? []) {
    lines.push(`  [${media.type}] ${media.description ?? "(no description)"} ${media.url ?? ""}`.trimEnd());
  }
  lines.push(`  ${shown.url ?? shown.uri} (id ${shown.id})`);
  return lines;
}
