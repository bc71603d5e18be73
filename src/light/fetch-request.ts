/**
 * One request over plain `fetch`, for createFetchClient: the same URL, headers and body as the
 * Mastodon class's request path (outgoing-request.ts), the same size cap and result reading
 * (response-body.ts, read-result.ts) and the same errors for the same answers (read-result.ts,
 * transport-errors.ts, ratelimit-refusal.ts), but one attempt only: no retries, no rate-limit
 * budget, redirects as fetch follows them.
 */
import type { HttpResult, RequestOptions } from "../core/http.js";
import { outgoingRequest } from "../core/outgoing-request.js";
import { ratelimitRefusal } from "../core/ratelimit-refusal.js";
import { nowSeconds, refusalReset } from "../core/ratelimit-reset.js";
import { answerResult } from "../core/read-result.js";
import { readBodyText } from "../core/response-body.js";
import { timerDelay } from "../core/sleep.js";
import { readTimeout, transportFailure } from "../core/transport-errors.js";
import type { FetchSettings } from "./fetch-options.js";

/** Sends one request through `settings.fetch` and reads its answer, or throws the class's error for it. */
export async function fetchRequest<T>(
  settings: FetchSettings,
  options: RequestOptions,
): Promise<HttpResult<T>> {
  const { method, url, headers, body, token } = outgoingRequest(
    options,
    settings.apiBaseUrl,
    settings.userAgent,
    settings.lang,
    settings.accessToken,
  );
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = body;
  // Listed only when a message needs them.
  const secrets = () => [token, ...(options.secrets ?? [])];

  // One controller per request, for request_timeout and the caller's signal; its timer ends with the request.
  const controller = new AbortController();
  init.signal = controller.signal;
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      controller.abort();
    },
    timerDelay(settings.timeoutSeconds * 1000),
  );
  const userSignal = options.signal;
  const follow = () => controller.abort(userSignal?.reason);
  userSignal?.addEventListener("abort", follow);
  let answered = false;
  try {
    userSignal?.throwIfAborted();
    const response = await settings.fetch(url, init);
    answered = true;
    const status = response.status;
    const finalUrl = response.url || url;
    const text =
      method === "HEAD"
        ? ""
        : await readBodyText(response, { method, url: finalUrl, maxBytes: settings.maxBytes });
    if (status === 429) {
      // Read as the class reads a client's first 429 (ratelimit-reset.ts), worded as it words it.
      const reset = refusalReset(response.headers);
      throw ratelimitRefusal(reset === undefined ? undefined : Math.max(0, reset - nowSeconds()), reset ?? 0);
    }
    return answerResult<T>(options, response, status, response.headers, text, finalUrl, secrets);
  } catch (error) {
    if (timedOut) throw readTimeout(method, url, settings.timeoutSeconds, answered);
    throw transportFailure(error, method, url, secrets());
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener("abort", follow);
  }
}
