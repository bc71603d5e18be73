/**
 * What goes on the wire for a request: URL, headers and body, from the method's RequestOptions and
 * the client's settings. The class's request path (http.ts) and createFetchClient's
 * (../light/fetch-request.ts) both send exactly this.
 */
import { compact, encodeBody, type Params } from "./encode.js";
import type { HttpMethod, RequestOptions } from "./http.js";
import type { Hop } from "./redirects.js";
import { requestUrl } from "./request-url.js";

/**
 * A request as it first goes out (the first hop of a redirect chain), with what its sender needs
 * besides: the token it carries (to mask in messages) and its parameters (for the debug log).
 */
export interface OutgoingRequest extends Hop {
  method: HttpMethod;
  /** The parameters without empty values, sent in the query or the body. */
  params: Params;
  /** The token in the Authorization header, if any. */
  token: string | undefined;
}

/**
 * Builds the request. `lang` (the client's language) goes as Accept-Language and as a `lang`
 * parameter unless the call gives its own; `storedToken` is the client's token, sent unless the
 * call says otherwise (`auth`).
 */
export function outgoingRequest(
  options: RequestOptions,
  baseUrl: string,
  userAgent: string,
  lang: string | undefined,
  storedToken: string | undefined,
): OutgoingRequest {
  const method = options.method;
  const params = compact(options.params);
  const encoding =
    options.encoding ?? (method === "GET" || method === "HEAD" || method === "DELETE" ? "query" : "json");
  // Mastodon takes the locale from a `lang` parameter before the user's own setting (as Mastodon.py sends it).
  const query = encoding === "query" ? params : lang ? {} : undefined;
  // A per-call `lang` parameter wins over the client's language.
  if (lang && query && query.lang === undefined) query.lang = lang;
  const url = requestUrl(baseUrl, options.path, query);
  const headers: Record<string, string> = { Accept: "application/json", "User-Agent": userAgent };
  const token =
    options.auth === false ? undefined : typeof options.auth === "string" ? options.auth : storedToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (lang) headers["Accept-Language"] = lang;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let body: string | FormData | undefined;
  if (encoding !== "query" && Object.keys(params).length > 0) {
    const encoded = encodeBody(encoding, params);
    body = encoded.body;
    if (encoded.contentType) headers["Content-Type"] = encoded.contentType;
  }
  // One object, which the class sends as the first hop: no more allocation than before it was shared.
  return { url, method, headers, body, params, token };
}
