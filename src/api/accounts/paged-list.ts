/**
 * Reading one page of a list that Mastodon paginates with Link headers (mutes, blocks, followers,
 * bookmarks, ...): the cursors and limit are checked before anything is sent, the version is
 * checked, and the page remembers the request's own parameters beside its Link header, because
 * Mastodon's Link URLs leave some filters out (e.g. `tagged` on account statuses).
 */
import type { Mastodon } from "../../mastodon.js";
import { INTERNAL } from "../internal.js";
import { cursorParams } from "../page-params.js";
import { without } from "../validate.js";

/** When an endpoint appeared and last changed, as in its table row. */
export interface Versions {
  since: string;
  changed?: string | undefined;
}

const PAGE_KEYS = ["max_id", "min_id", "since_id", "limit"];

/**
 * GETs `path` with checked cursors from `options`, the method's own parameters (`extra`, already
 * checked), and any further option the caller gave (kept, so that newer server filters work).
 */
export async function readPage<T>(
  client: Mastodon,
  method: string,
  versions: Versions,
  path: string,
  options: object | undefined,
  extra: Record<string, unknown> = {},
  handled: readonly string[] = [],
): Promise<T[]> {
  const cursors = cursorParams(method, options);
  const params = {
    ...without(options, ...PAGE_KEYS, ...handled, ...Object.keys(extra)),
    ...cursors,
    ...extra,
  };
  const internal = client[INTERNAL];
  await internal.checkVersion(method, versions.since, versions.changed);
  return (await internal.get(path, params)) as T[];
}
