/**
 * The `Link` header of the endpoints whose controllers link `next` only after a full page (Mastodon's
 * `records_continue?`) and `prev` whenever the page has something: notification requests,
 * conversations, followed tags, a group's accounts.
 */
import { pageUrl } from "./paginate.js";
import type { SandboxRequest } from "./request.js";

export function continuingLink(
  req: SandboxRequest,
  cursors: { newest: string; oldest: string } | undefined,
  full: boolean,
  linkParams: readonly string[] = ["limit"],
  prevCursor = "min_id",
): Record<string, string> | undefined {
  if (!cursors) return undefined;
  const links: string[] = [];
  if (full) links.push(`<${pageUrl(req, "max_id", cursors.oldest, linkParams)}>; rel="next"`);
  links.push(`<${pageUrl(req, prevCursor, cursors.newest, linkParams)}>; rel="prev"`);
  return { link: links.join(", ") };
}
