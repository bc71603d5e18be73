/**
 * One request over plain `fetch`, for createFetchClient: the same URL, headers and body as the
 * Mastodon class's request path (encode.ts), the same size cap and result reading
 * (response-body.ts, read-result.ts) and the same errors for the same answers (error-factory.ts),
 * but one attempt only: no retries, no rate-limit budget, redirects as fetch follows them.
 */
import { compact, encodeBody, toQueryString } from "../core/encode.js";
import { apiErrorFromResponse, describeUrl, errorDetail } from "../core/error-factory.js";
import {
  MastodonError,
  MastodonIllegalArgumentError,
  MastodonNetworkError,
  MastodonReadTimeout,
} from "../core/errors.js";
import type { HttpResult, RequestOptions } from "../core/http.js";
import { readResult } from "../core/read-result.js";
import { BodyBrokeOff, readBodyText } from "../core/response-body.js";
import type { FetchSettings } from "./fetch-options.js";
import { ratelimitRefusal } from "./ratelimit-refusal.js";

/** The absolute URL of a request, as the class builds it: a path below the base, or a URL on the same server. */
function urlOf(base: string, path: string, query: Record<string, unknown> | undefined): string {
  let url = base + (path.startsWith("/") ? path : `/${path}`);
  if (/^https?:\/\//i.test(path)) {
    let origin: string;
    try {
      origin = new URL(path).origin;
    } catch (cause) {
      throw new MastodonIllegalArgumentError(`"${describeUrl(path)}" is not a valid address.`, { cause });
    }
    if (origin !== new URL(base).origin) {
      throw new MastodonError(
        `Refusing to send the access token to ${origin}, which is not the configured server.`,
      );
    }
    url = path;
  }
  const search = query ? toQueryString(query) : "";
  return search ? url + (url.includes("?") ? "&" : "?") + search : url;
}

/** Sends one request through `settings.fetch` and reads its answer, or throws the class's error for it. */
export async function fetchRequest<T>(
  settings: FetchSettings,
  options: RequestOptions,
): Promise<HttpResult<T>> {
  const method = options.method;
  const params = compact(options.params);
  const encoding =
    options.encoding ?? (method === "GET" || method === "HEAD" || method === "DELETE" ? "query" : "json");
  const lang = settings.lang;
  // As the class: Mastodon takes the locale from a `lang` parameter; a per-call one wins.
  const query = encoding === "query" ? params : lang ? {} : undefined;
  if (lang && query && query.lang === undefined) query.lang = lang;
  const url = urlOf(settings.apiBaseUrl, options.path, query);
  const headers: Record<string, string> = { Accept: "application/json", "User-Agent": settings.userAgent };
  const token =
    options.auth === false
      ? undefined
      : typeof options.auth === "string"
        ? options.auth
        : settings.accessToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (lang) headers["Accept-Language"] = lang;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  const init: RequestInit = { method, headers };
  if (encoding !== "query" && Object.keys(params).length > 0) {
    const encoded = encodeBody(encoding, params);
    init.body = encoded.body;
    if (encoded.contentType) headers["Content-Type"] = encoded.contentType;
  }
  const secrets = [token, ...(options.secrets ?? [])];
  const where = `${method} ${describeUrl(url)}`;

  // One controller per request, for request_timeout and the caller's signal; its timer ends with the request.
  const controller = new AbortController();
  init.signal = controller.signal;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
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
    if (status === 429) throw ratelimitRefusal(response.headers);
    if (status < 200 || status > 299) {
      throw apiErrorFromResponse({
        status,
        reason: response.statusText,
        bodyText: text,
        method,
        url: finalUrl,
        secrets,
      });
    }
    const data =
      options.responseType === "text"
        ? text
        : method === "HEAD"
          ? null
          : readResult(text, method, finalUrl, status, options.result, options.expected);
    return { data: data as T, status, headers: response.headers, url: finalUrl };
  } catch (error) {
    if (timedOut) {
      const seconds = settings.timeoutMs / 1000;
      throw new MastodonReadTimeout(
        answered
          ? `The server began answering ${where} but did not finish within ${seconds} s (request_timeout). ` +
              "It may be overloaded; try again later, or raise request_timeout."
          : `No answer to ${where} within ${seconds} s (request_timeout). ` +
              "The server may be overloaded or unreachable; try again later, or raise request_timeout.",
      );
    }
    throw networkFailure(error, where, url, secrets);
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener("abort", follow);
  }
}

/** A failure that is not the server's answer, as the class reports it; the caller's own abort passes through. */
function networkFailure(
  error: unknown,
  where: string,
  url: string,
  secrets: readonly (string | undefined)[],
): unknown {
  if (error instanceof MastodonError || (error instanceof Error && error.name === "AbortError")) return error;
  if (error instanceof BodyBrokeOff) {
    const detail = errorDetail(causeOf(error.cause), secrets);
    return new MastodonNetworkError(
      `The server's answer to ${where} broke off after ${error.bytes} bytes${detail ? ` (${detail})` : ""}. ` +
        "The connection failed part-way; try again.",
      { cause: error.cause },
    );
  }
  const detail = errorDetail(causeOf(error), secrets);
  return new MastodonNetworkError(
    `Could not reach ${describeUrl(url)}${detail ? ` (${detail})` : ""}. ` +
      "Check the server address, that the server is up, and your network connection.",
    { cause: error },
  );
}

function causeOf(error: unknown): Error | undefined {
  return error instanceof Error ? ((error.cause as Error | undefined) ?? error) : undefined;
}
