/**
 * The errors for a request that got no usable answer (timeout, refused or broken connection, an
 * answer that broke off), worded the same on the class's request path and on createFetchClient's.
 */
import { describeUrl, errorDetail } from "./error-factory.js";
import { MastodonError, MastodonNetworkError, MastodonReadTimeout } from "./errors.js";
import { BodyBrokeOff } from "./response-body.js";

/** request_timeout ran out: before the answer began (`answered` false), or while it was arriving. */
export function readTimeout(
  method: string,
  url: string,
  seconds: number,
  answered: boolean,
): MastodonReadTimeout {
  const where = `${method} ${describeUrl(url)}`;
  return new MastodonReadTimeout(
    answered
      ? `The server began answering ${where} but did not finish within ${seconds} s (request_timeout). ` +
          "It may be overloaded; try again later, or raise request_timeout."
      : `No answer to ${where} within ${seconds} s (request_timeout). ` +
          "The server may be overloaded or unreachable; try again later, or raise request_timeout.",
  );
}

/**
 * Maps what sending threw to an error class; the library's own errors and the caller's abort pass
 * through. `secrets` are masked out of the cause's text.
 */
export function transportFailure(
  error: unknown,
  method: string,
  url: string,
  secrets: Iterable<string | undefined>,
): Error {
  if (error instanceof MastodonError) return error;
  if (error instanceof Error && error.name === "AbortError") return error;
  if (error instanceof BodyBrokeOff) {
    const detail = errorDetail(causeOf(error.cause), secrets);
    return new MastodonNetworkError(
      `The server's answer to ${method} ${describeUrl(url)} broke off ${error.extent}${detail ? ` (${detail})` : ""}. ` +
        "The connection failed part-way; try again.",
      { cause: error.cause },
    );
  }
  const cause = causeOf(error);
  const detail = errorDetail(cause, secrets);
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && CONNECTION_BROKE.has(code)) {
    return new MastodonNetworkError(
      `The connection to ${describeUrl(url)} broke before an answer to ${method} arrived (${detail}). ` +
        "The server or something in between closed it; try again.",
      { cause: error },
    );
  }
  return new MastodonNetworkError(
    `Could not reach ${describeUrl(url)}${detail ? ` (${detail})` : ""}. ` +
      "Check the server address, that the server is up, and your network connection.",
    { cause: error },
  );
}

/** Connection failures after the server accepted the connection: it was reached, it did not answer. */
const CONNECTION_BROKE: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

function causeOf(error: unknown): Error | undefined {
  return error instanceof Error ? ((error.cause as Error | undefined) ?? error) : undefined;
}
