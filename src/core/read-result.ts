/**
 * Turning an answer into the result: an error answer into its error class, a successful one's body
 * into the result (JSON parsed, and an empty body or JSON null refused where the method's result
 * may not be empty, so that a caller never receives null against the declared type). The class's
 * request path and createFetchClient's both end here.
 */
import { apiErrorFromResponse, describeUrl } from "./error-factory.js";
import { MastodonAPIError } from "./errors.js";
import type { HttpResult, RequestOptions, ResultKind } from "./http.js";
import type { Answer, HeaderReader } from "./transport.js";

/**
 * The result of the final answer to a request (`status` and `headers` as already read from
 * `answer`, its body `text`, from `url`): the HttpResult of a 2xx, or throws the error for any
 * other status, `secrets` masked out of it.
 */
export function answerResult<T>(
  options: RequestOptions,
  answer: Answer,
  status: number,
  headers: HeaderReader,
  text: string,
  url: string,
  secrets: () => Iterable<string | undefined>,
): HttpResult<T> {
  const method = options.method;
  if (status < 200 || status > 299) {
    // statusText is read only here: a fetch Response checks its receiver on every read.
    throw apiErrorFromResponse({
      status,
      reason: answer.statusText,
      bodyText: text,
      method,
      url,
      secrets: secrets(),
    });
  }
  const data =
    options.responseType === "text"
      ? text
      : method === "HEAD"
        ? null
        : readResult(text, method, url, status, options.result, options.expected);
  return { data: data as T, status, headers, url };
}

/**
 * The result of a successful answer's body `text` (to `method` `url`, with `status`), where an
 * empty one means what `result` says; `expected` names the result for the message.
 */
export function readResult(
  text: string,
  method: string,
  url: string,
  status: number,
  result: ResultKind | undefined,
  expected: string | undefined,
): unknown {
  let data: unknown = null;
  if (!isBlank(text)) {
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new MastodonAPIError(
        `The server answered ${method} ${describeUrl(url)} with something that is not JSON; ` +
          "is api_base_url the address of a Mastodon-compatible server?",
        { cause, method, url: describeUrl(url), status },
      );
    }
  }
  if (data !== null) return data;
  const kind = result ?? "value";
  if (kind === "nullable") return null;
  if (kind === "empty") return {};
  const what = text.trim() === "" ? "an empty body" : "JSON null";
  throw new MastodonAPIError(
    `The server answered ${method} ${describeUrl(url)} with ${status} and ${what}, where ${expected ?? "a JSON result"} was expected. ` +
      "The server (or a proxy in front of it) may be misbehaving; try again later.",
    { method, url: describeUrl(url), status },
  );
}

/** Whether a body is empty or only whitespace, without copying it (a JSON answer starts with `[`, `{` or `"`). */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x5b || first === 0x7b || first === 0x22) return false;
  return text.trim() === "";
}
