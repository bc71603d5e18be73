/**
 * The `Mastodon-Async-Refresh` header (Mastodon 4.4+): a server that is still gathering a result
 * in the background (a home feed being rebuilt, replies being fetched from other servers) says so
 * with `id="…", retry=3, result_count=0`. The hint is remembered beside the result it came with,
 * together with the request, so that awaitAsyncRefresh can ask again once the work is done.
 */
import type { HttpMethod } from "../../core/http.js";

/** What a result remembers of its async refresh, in Mastodon.py's shape. */
export interface AsyncRefreshHint {
  /** The background job's id, to poll with getAsyncRefreshStatus. */
  id: string;
  /** Seconds the server suggests waiting between polls (3 when it does not say). */
  retry: number;
  /** How many results the server had gathered when it answered, where it counts them. */
  result_count?: number | undefined;
  /**
   * The HTTP method of the request the result answered, to ask again once the job is done.
   * @internal Bookkeeping for awaitAsyncRefresh, private by Mastodon.py's underscore convention.
   */
  _method: HttpMethod;
  /**
   * That request's path, such as "/api/v1/statuses/123/context".
   * @internal Bookkeeping for awaitAsyncRefresh.
   */
  _endpoint: string;
  /**
   * That request's parameters, as they were sent.
   * @internal Bookkeeping for awaitAsyncRefresh.
   */
  _params: Record<string, unknown>;
}

const HINTS = new WeakMap<object, AsyncRefreshHint>();

/** Default pause between polls when the server gives no `retry`, as Mastodon.py assumes. */
export const DEFAULT_RETRY_SECONDS = 3;

/** Longest header read; real ones are well under 200 characters. */
const MAX_HEADER = 4096;

/** Reads `id="abc", retry=3, result_count=0`; undefined when there is no usable id. */
export function parseAsyncRefreshHeader(
  header: string | null | undefined,
): { id: string; retry: number; result_count?: number } | undefined {
  if (!header || header.length > MAX_HEADER) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    fields.set(key, value);
  }
  const id = fields.get("id");
  if (!id) return undefined;
  const retry = Number.parseInt(fields.get("retry") ?? "", 10);
  const count = Number.parseInt(fields.get("result_count") ?? "", 10);
  return {
    id,
    retry: Number.isFinite(retry) && retry >= 0 ? retry : DEFAULT_RETRY_SECONDS,
    ...(Number.isFinite(count) ? { result_count: count } : {}),
  };
}

/** Remembers the hint of a response beside its result (nothing happens without the header). */
export function rememberAsyncRefresh(
  result: object,
  header: string | null,
  request: { method: HttpMethod; path: string; params: Record<string, unknown> },
): void {
  const parsed = parseAsyncRefreshHeader(header);
  if (!parsed) return;
  HINTS.set(result, {
    ...parsed,
    _method: request.method,
    _endpoint: request.path,
    _params: { ...request.params },
  });
}

/** The remembered hint of a result, if it came with one. */
export function asyncRefreshHintOf(result: unknown): AsyncRefreshHint | undefined {
  return typeof result === "object" && result !== null ? HINTS.get(result) : undefined;
}

/** Lets an unwrapped entity keep the hint its wrapper arrived with. */
export function moveAsyncRefreshHint(from: object, to: object): void {
  const hint = HINTS.get(from);
  if (hint) HINTS.set(to, hint);
}
