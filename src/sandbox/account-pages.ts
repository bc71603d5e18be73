/**
 * Pages of accounts (followers, blocks, mutes, follow requests, ...) and of an account's statuses, with
 * the `Link` header these Mastodon controllers write: `next` only when the page came back full, `prev`
 * (with `since_id`, or `min_id` for statuses) whenever it has anything, keeping only the parameters the
 * controller permits. The cursor is the id of the record paged over (the follow, the block, ...).
 */
import { limitParam, type Page, pageUrl, paginate, type Source } from "./paginate.js";
import type { SandboxRequest } from "./request.js";

export interface ListPageOptions {
  /** Mastodon's DEFAULT_ACCOUNTS_LIMIT (40) or DEFAULT_STATUSES_LIMIT (20); the cap is twice that. */
  defaultLimit: number;
  /** The cursor the `prev` link carries. */
  prev: "since_id" | "min_id";
  /** The parameters the links keep besides the cursor. */
  linkParams: readonly string[];
}

export const ACCOUNT_LIST: ListPageOptions = { defaultLimit: 40, prev: "since_id", linkParams: ["limit"] };

export function listPage<T extends { id: string }>(
  req: SandboxRequest,
  source: Source<T>,
  keep: (row: T) => boolean,
  options: ListPageOptions,
): Page<T> {
  const { items } = paginate(req, source, keep, {
    defaultLimit: options.defaultLimit,
    linkParams: options.linkParams,
  });
  const newest = items[0];
  const oldest = items[items.length - 1];
  if (!newest || !oldest) return { items, link: undefined };
  const links: string[] = [];
  if (items.length === limitParam(req, options.defaultLimit)) {
    links.push(`<${pageUrl(req, "max_id", oldest.id, options.linkParams)}>; rel="next"`);
  }
  links.push(`<${pageUrl(req, options.prev, newest.id, options.linkParams)}>; rel="prev"`);
  return { items, link: links.join(", ") };
}
