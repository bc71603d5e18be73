/**
 * Why a standard WebSocket failed before `open`. A standard WebSocket (browsers, Deno, Bun, Node 22+)
 * reports a refused upgrade as a bare `error` event: no HTTP status, so a refused token looks like a
 * network that is down, and retrying forever would follow. One SSE request of the same subscription,
 * with the token where the WebSocket sent it, asks the same server the question again over plain
 * HTTP, where the answer has a status: Mastodon's streaming server authenticates both the same way.
 * Loaded only on that failure path.
 */
import { apiErrorFromResponse, describeUrl } from "../core/error-factory.js";
import { MastodonNetworkError, MastodonUnauthorizedError } from "../core/errors.js";
import { readBodyIfSmall } from "../core/response-body.js";
import { type ConnectContext, ConnectFailure, sseRequest } from "./transport.js";

/**
 * The failure of a WebSocket attempt whose `error` said nothing (`unknown`: the failure to report when
 * the SSE request tells nothing more). 401 or 403: the token is refused, retrying cannot help. An
 * event stream: the server takes the token but not the WebSocket upgrade, so SSE is the way
 * ("unsupported": "auto" falls back to it). A network failure or any other answer: as before, the
 * address is taken for unreachable.
 */
export async function explainRefusal(
  context: ConnectContext,
  webSocketUrl: string,
  unknown: Error,
): Promise<ConnectFailure> {
  const subscription = context.subscriptions[0];
  if (subscription === undefined || context.signal.aborted) return new ConnectFailure(unknown, "unreachable");
  const { url, headers } = sseRequest(context, subscription);
  let response: Response;
  try {
    response = await context.fetch(url, { method: "GET", headers, signal: context.signal });
  } catch {
    return new ConnectFailure(unknown, "unreachable");
  }
  const type = response.headers.get("content-type") ?? "";
  // Only a 403's body says more (which scope is missing); an event stream is not read at all.
  const bodyText =
    response.status === 403
      ? await readBodyIfSmall(response, { method: "GET", url, maxBytes: context.maxEventBytes })
      : "";
  if (response.status !== 403) await response.body?.cancel().catch(() => undefined);
  if (response.status === 401) {
    return new ConnectFailure(
      new MastodonUnauthorizedError(
        `The streaming server at ${describeUrl(webSocketUrl)} refused the access token (401). ` +
          "Log in again, or check the token's read scope.",
        { status: 401, cause: unknown },
      ),
      "fatal",
    );
  }
  if (response.status === 403) {
    const refused = apiErrorFromResponse({
      status: 403,
      reason: response.statusText,
      bodyText,
      method: "GET",
      url,
      secrets: [context.token],
    });
    return new ConnectFailure(refused, "fatal");
  }
  if (response.ok && /text\/event-stream/i.test(type)) {
    return new ConnectFailure(
      new MastodonNetworkError(
        `The WebSocket to the streaming server at ${describeUrl(webSocketUrl)} failed before it opened ` +
          `(a standard WebSocket does not say why) while SSE at ${describeUrl(url)} works: the server ` +
          'may not take WebSocket connections; transport "auto" or "sse" streams over SSE.',
        { cause: unknown },
      ),
      "unsupported",
    );
  }
  return new ConnectFailure(unknown, "unreachable");
}
