/**
 * The parts of the stream engine that a client may leave out. The engine (./engine.ts) loads each
 * from the client's StreamParts when a stream first needs it; a part the client does not offer is
 * never referenced, so its code stays out of an app's bundle. The Mastodon class offers them all
 * (./full-engine.ts); createFetchClient of mastodon-ts/light streams over WebSocket only.
 */
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import type { StreamHost } from "./engine.js";

/** Loaders of the engine's transports and extras: WebSocket always, the rest where the client offers them. */
export interface StreamParts {
  /** The WebSocket transport. */
  readonly webSocket: () => Promise<typeof import("./websocket-transport.js")>;
  /** The SSE transport (transport "sse", and "auto" where no WebSocket is at hand). */
  readonly sse?: (() => Promise<typeof import("./sse-transport.js")>) | undefined;
  /** Backfill after a reconnect (option `backfill`), and with it checkpoints and leases. */
  readonly backfill?: (() => Promise<typeof import("./recovery.js")>) | undefined;
  /** Checkpoints and leases (options `checkpoint`, `exclusive`). */
  readonly durable?: (() => Promise<typeof import("./durable.js")>) | undefined;
}

/** What a handle asks its engine to do (the engine's public face). */
export interface StreamRunner {
  /** Connected (or a first sign of life seen) and not closed. */
  readonly receiving: boolean;
  close(): void;
  flush(): Promise<void>;
  subscribe(subscription: import("./stream-names.js").CheckedSubscription): void;
  unsubscribe(subscription: import("./stream-names.js").CheckedSubscription): void;
  /** Runs the stream until it is closed or stops for good. */
  run(): Promise<void>;
}

/** Makes the engine of one stream; a client's `streamEngine()` resolves to one of these. */
export type StreamEngineMaker = (host: StreamHost) => StreamRunner;

/**
 * A client's `streamEngine`: the engine with these parts. Its code loads when the client's first
 * stream starts, so that an app pays for it then, not at start (and again on the next stream if
 * loading failed).
 */
export function engineWithParts(parts: StreamParts): () => Promise<StreamEngineMaker> {
  return loadOnFirstUse("streaming", async () => {
    const { StreamEngine } = await import("./engine.js");
    return (host) => new StreamEngine(host, parts);
  });
}
