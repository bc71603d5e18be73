/**
 * Async refreshes (Mastodon 4.4): some results come back while the server is still gathering more
 * in the background (a rebuilt home feed, replies fetched from other servers). Such a result
 * carries a Mastodon-Async-Refresh hint; these methods read it, poll the job, and fetch the
 * result again once the job is done.
 * Docs: https://docs.joinmastodon.org/methods/async_refreshes/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { sleep } from "../../core/sleep.js";
import type { AsyncRefresh } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { CustomMethods, NoOptions, SyncMethodTypes } from "../define.js";
import { INTERNAL } from "../internal.js";
import { requestRemembered } from "../pagination.js";
import { requireOptions } from "../validate.js";
import { asyncRefreshHintOf, moveAsyncRefreshHint } from "./async-refresh-header.js";
import { getAsyncRefreshInfo } from "./async-refresh-info.js";

/**
 * Options of awaitAsyncRefresh: when to stop waiting (it then resolves to null). A negative or
 * non-number timeout, or a max_attempts that is not whole, throws MastodonIllegalArgumentError.
 */
export interface AwaitAsyncRefreshOptions {
  /** Give up after this many seconds (0, the default: no time limit). */
  timeout?: number | undefined;
  /** Give up after this many polls (0 or less, the default -1: no limit). */
  max_attempts?: number | undefined;
}

/** Never wait longer than this between two polls, whatever the server suggests (as Mastodon.py). */
const MAX_WAIT_SECONDS = 300;

export interface AsyncRefreshCustomMethods {
  /**
   * The async refresh a result announced: `[refresh, retrySeconds]`, where the refresh has the
   * job's `id`, `status` "running" and, where the server counts, `result_count`, and
   * retrySeconds is the pause the server suggests between polls. undefined when the result came
   * without a Mastodon-Async-Refresh header. No request is made.
   */
  getAsyncRefreshInfo: SyncMethodTypes & {
    args: [result: unknown];
    options: NoOptions;
    result: [AsyncRefresh, number] | undefined;
  };
  /**
   * The state of an async refresh, given its id, an AsyncRefresh, or a result that announced one.
   * (Mastodon 4.4.0) https://docs.joinmastodon.org/methods/async_refreshes/#show
   */
  getAsyncRefreshStatus: {
    args: [resultOrId: string | number | AsyncRefresh | object];
    options: NoOptions;
    result: AsyncRefresh;
  };
  /**
   * Waits for the refresh a result announced, polling at the pace the server suggests, then asks
   * for the result again and resolves to the fresh one. A result without a refresh resolves to
   * itself at once; running out of `timeout` seconds or `max_attempts` polls resolves to null.
   * (Mastodon 4.4.0)
   * https://docs.joinmastodon.org/methods/async_refreshes/
   */
  awaitAsyncRefresh: {
    args: [result: object];
    options: AwaitAsyncRefreshOptions;
    result: unknown;
    signature: <T extends object>(result: T, options?: AwaitAsyncRefreshOptions) => Promise<T | null>;
  };
}

function isAsyncRefreshEntity(value: object): value is AsyncRefresh {
  const candidate = value as Partial<AsyncRefresh>;
  return (
    (typeof candidate.id === "string" || typeof candidate.id === "number") &&
    typeof candidate.status === "string"
  );
}

function refreshId(method: string, resultOrId: unknown): string {
  if (typeof resultOrId === "string" && resultOrId !== "") return resultOrId;
  if (typeof resultOrId === "number" && Number.isFinite(resultOrId)) return String(resultOrId);
  if (typeof resultOrId === "object" && resultOrId !== null) {
    const hint = asyncRefreshHintOf(resultOrId);
    if (hint) return hint.id;
    if (isAsyncRefreshEntity(resultOrId)) return String(resultOrId.id);
  }
  throw new MastodonIllegalArgumentError(
    `${method}(): pass an async refresh id, an AsyncRefresh, or a result that came with a Mastodon-Async-Refresh header.`,
  );
}

function nonNegativeNumber(method: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${name} must be a number of seconds of at least 0; got ${JSON.stringify(value)}.`,
  );
}

export const asyncRefreshCustom = {
  getAsyncRefreshInfo,

  async getAsyncRefreshStatus(
    this: Mastodon,
    resultOrId: string | number | AsyncRefresh | object,
    options?: NoOptions,
  ) {
    const method = "getAsyncRefreshStatus";
    const id = refreshId(method, resultOrId);
    requireOptions(method, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.4.0", "4.4.0");
    const answer = (await requestRemembered(internal, {
      method: "GET",
      path: `/api/v1_alpha/async_refreshes/${encodeURIComponent(id)}`,
      params: {},
    })) as { async_refresh?: AsyncRefresh } | AsyncRefresh;
    // The server wraps the entity as { async_refresh: {...} }; the poll's own hint goes with it.
    const inner = (answer as { async_refresh?: AsyncRefresh }).async_refresh;
    if (inner === undefined || inner === null) return answer as AsyncRefresh;
    moveAsyncRefreshHint(answer, inner);
    return inner;
  },

  async awaitAsyncRefresh(this: Mastodon, result: object, options?: AwaitAsyncRefreshOptions) {
    const method = "awaitAsyncRefresh";
    if (typeof result !== "object" || result === null) {
      throw new MastodonIllegalArgumentError(`${method}() expects a result returned by an API method.`);
    }
    requireOptions(method, options);
    const timeout = nonNegativeNumber(method, "timeout", options?.timeout, 0);
    const maxAttempts = options?.max_attempts ?? -1;
    if (typeof maxAttempts !== "number" || !Number.isInteger(maxAttempts)) {
      throw new MastodonIllegalArgumentError(
        `${method}(): max_attempts must be a whole number; got ${JSON.stringify(maxAttempts)}.`,
      );
    }
    const hint = asyncRefreshHintOf(result);
    if (!hint) return result;
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.4.0", "4.4.0");
    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    let retry = hint.retry;
    for (let attempts = 0; maxAttempts <= 0 || attempts < maxAttempts; attempts++) {
      if (timeout > 0 && elapsed() >= timeout) break;
      if (attempts > 0) {
        const wait = Math.min(timeout > 0 ? Math.min(retry, timeout - elapsed()) : retry, MAX_WAIT_SECONDS);
        if (wait > 0) await sleep(wait);
      }
      const state = await asyncRefreshCustom.getAsyncRefreshStatus.call(this, hint.id);
      if (state.status === "finished") {
        return requestRemembered(internal, {
          method: hint._method,
          path: hint._endpoint,
          params: structuredClone(hint._params),
        });
      }
      retry = asyncRefreshHintOf(state)?.retry ?? retry;
    }
    return null;
  },
} satisfies CustomMethods<AsyncRefreshCustomMethods>;
