/**
 * Server-sent events over `fetch` (what Mastodon.py uses; no dependency). SSE carries one stream per
 * HTTP response, so several subscriptions mean several responses, opened and closed together: if
 * one breaks, the whole transport reports closed and the reconnect loop reopens them all.
 */
import { apiErrorFromResponse, describeUrl, errorDetail } from "../core/error-factory.js";
import { MastodonNetworkError } from "../core/errors.js";
import { quoteServer } from "../core/printable.js";
import { redact } from "../core/redact.js";
import { readBodyIfSmall } from "../core/response-body.js";
import { SseParser } from "./sse-parser.js";
import type { CheckedSubscription } from "./stream-names.js";
import {
  type ConnectContext,
  ConnectFailure,
  oversizedEvent,
  sseRequest,
  streamParts,
  type Transport,
  type TransportEvents,
} from "./transport.js";

// Statuses that retrying will not change.
const FATAL_STATUSES = new Set([400, 401, 403, 404, 410, 422]);

/** Opens one SSE response per subscription; resolves when all are flowing. */
export async function connectSse(context: ConnectContext, events: TransportEvents): Promise<Transport> {
  const transport = new SseTransport(context, events);
  try {
    await Promise.all(context.subscriptions.map((s) => transport.open(s)));
  } catch (error) {
    transport.close();
    throw error;
  }
  return transport;
}

class SseTransport implements Transport {
  readonly kind = "sse";
  // SSE has no ping; Mastodon's comment lines (":thump") show that the connection lives.
  readonly ping = undefined;
  readonly probing = false;
  readonly probeAnswered = false;
  readonly #connections = new Map<string, AbortController>();
  #closed = false;

  constructor(
    private readonly context: ConnectContext,
    private readonly events: TransportEvents,
  ) {}

  subscribe(subscription: CheckedSubscription): void {
    if (this.#connections.has(subscription.key)) return;
    this.open(subscription).catch((failure: unknown) => {
      // The other streams keep flowing; this one is reported and retried with the next reconnect.
      this.events.problem(failure instanceof ConnectFailure ? failure.error : (failure as Error));
    });
  }

  unsubscribe(subscription: CheckedSubscription): void {
    this.#connections.get(subscription.key)?.abort();
    this.#connections.delete(subscription.key);
  }

  close(): void {
    this.#closed = true;
    for (const controller of this.#connections.values()) controller.abort();
    this.#connections.clear();
  }

  /** Opens the response of one subscription and starts reading it. */
  async open(subscription: CheckedSubscription): Promise<void> {
    const { context } = this;
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(context.signal.reason);
    context.signal.addEventListener("abort", onOuterAbort, { once: true });
    this.#connections.set(subscription.key, controller);
    const { url, headers } = sseRequest(context, subscription);
    let response: Response;
    let bodyText = "";
    try {
      response = await context.fetch(url, { method: "GET", headers, signal: controller.signal });
      // An error answer's body is read while the attempt's signal still reaches it: the connect
      // timeout and close() end a body that never ends, and no more than max_event_bytes is kept.
      if (!response.ok) {
        bodyText = await readBodyIfSmall(response, { method: "GET", url, maxBytes: context.maxEventBytes });
      }
    } catch (error) {
      throw new ConnectFailure(this.#networkError(url, error), "unreachable");
    } finally {
      // From here on close() reaches an open connection through #connections.
      context.signal.removeEventListener("abort", onOuterAbort);
    }
    if (!response.ok) {
      const error = apiErrorFromResponse({
        status: response.status,
        reason: response.statusText,
        bodyText,
        method: "GET",
        url,
        secrets: [context.token],
      });
      throw new ConnectFailure(error, FATAL_STATUSES.has(response.status) ? "fatal" : "retry");
    }
    const type = response.headers.get("content-type") ?? "";
    if (!/text\/event-stream/i.test(type) || response.body === null) {
      await response.body?.cancel().catch(() => undefined);
      // Typically a web server or proxy answering at an advertised address that is not the streaming server.
      throw new ConnectFailure(
        new MastodonNetworkError(
          `${describeUrl(url)} answered with ${type ? quoteServer(redact(type, [context.token])) : "no content type"} instead of an event stream; ` +
            "it does not look like a Mastodon streaming server.",
        ),
        "unreachable",
      );
    }
    this.#read(subscription, response.body, controller, url);
  }

  async #read(
    subscription: CheckedSubscription,
    body: ReadableStream<Uint8Array>,
    controller: AbortController,
    url: string,
  ): Promise<void> {
    const stream = streamParts(subscription);
    const { events } = this;
    const parser = new SseParser(
      {
        event: (name, data) => events.message(name, data, stream),
        comment: () => events.heartbeat(),
        oversized: (size, limit) => events.problem(oversizedEvent("an event", limit, size)),
      },
      this.context.maxEventBytes,
    );
    const reader = body.getReader();
    let error: Error;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          // Whatever ended with its blank line is out already; an unfinished event is dropped.
          parser.end();
          break;
        }
        // Any byte is a sign of life, even one that completes no event yet.
        if (value.length > 0) events.alive();
        parser.push(value);
      }
      error = new MastodonNetworkError(`The streaming server ended the stream at ${describeUrl(url)}.`);
    } catch (cause) {
      error = this.#networkError(url, cause);
    }
    if (controller.signal.aborted || this.#closed) return;
    this.close();
    events.closed(error);
  }

  #networkError(url: string, cause: unknown): MastodonNetworkError {
    const inner = cause instanceof Error ? ((cause.cause as Error | undefined) ?? cause) : undefined;
    const detail = errorDetail(inner, [this.context.token]);
    return new MastodonNetworkError(
      `The connection to the streaming server at ${describeUrl(url)} failed${detail ? ` (${detail})` : ""}.`,
      { cause },
    );
  }
}
