/**
 * Which WebSocket implementation a stream uses: the one the user passes; else, on Node, the optional
 * `ws` package when it is installed, else the runtime's global `WebSocket` (browsers, Deno, Bun,
 * Node 22+). `ws` goes first on Node because Node's global WebSocket (undici's) costs 15-25% more
 * CPU per message, hides pings (so silence needs probes) and sends no User-Agent. Either is loaded
 * only when a WebSocket stream is actually opened.
 */

/** The part of a WebSocket (the standard one, or the `ws` package's) that streaming uses. */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed (the standard values). */
  readonly readyState: number;
  /** Sends a text message (subscribe and unsubscribe requests). */
  send(data: string): void;
  /** Closes the connection with an optional close code and reason. */
  close(code?: number, reason?: string): void;
  // Parameters typed `never` so that any implementation's (often overloaded) signature fits; the
  // transport casts to the shape it calls.
  /** The standard event interface ("open", "message", "close", "error"); `ws` has it too. */
  addEventListener?(type: never, listener: never): void;
  /** `ws` only: Node-style events, including "ping" and "pong". */
  on?(event: never, listener: never): unknown;
  /** `ws` only: sends a ping frame; the server answers with a pong. */
  ping?(): void;
  /** `ws` only: drops the connection at once. */
  terminate?(): void;
}

/** A WebSocket constructor: the standard `WebSocket`, `ws`'s, or any compatible one. */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  // Only `ws` reads this (the User-Agent header; maxPayload, so that an oversized message is refused
  // while it arrives instead of buffered whole); the standard constructor ignores it.
  options?: { headers?: Record<string, string>; maxPayload?: number },
) => WebSocketLike;

let wsPackage: Promise<WebSocketConstructor | undefined> | undefined;

/** The `ws` package's WebSocket, or undefined when it is not installed. */
function loadWsPackage(): Promise<WebSocketConstructor | undefined> {
  // A variable specifier keeps bundlers and the type checker from requiring the optional package.
  const specifier = "ws";
  wsPackage ??= import(specifier).then(
    (module: { default?: unknown; WebSocket?: unknown }) =>
      (typeof module.WebSocket === "function" ? module.WebSocket : module.default) as
        | WebSocketConstructor
        | undefined,
    () => undefined,
  );
  return wsPackage;
}

/** Where a stream runs, as far as choosing a WebSocket goes. */
export interface WebSocketEnvironment {
  /** Node itself (not Deno or Bun, which have Node's `process` too but a fast WebSocket of their own). */
  node: boolean;
  /** The global WebSocket constructor, if the runtime has one. */
  global: unknown;
  /** The `ws` package's constructor, or undefined when it is not installed. */
  loadWs: () => Promise<WebSocketConstructor | undefined>;
}

function thisRuntime(): WebSocketEnvironment {
  const scope = globalThis as { process?: { release?: { name?: string } }; WebSocket?: unknown };
  return {
    node: scope.process?.release?.name === "node" && !("Deno" in globalThis) && !("Bun" in globalThis),
    global: scope.WebSocket,
    loadWs: loadWsPackage,
  };
}

/** The implementation to use, or undefined when the runtime has none and `ws` is not installed. */
export async function findWebSocket(
  given: WebSocketConstructor | undefined,
  environment: WebSocketEnvironment = thisRuntime(),
): Promise<WebSocketConstructor | undefined> {
  if (given !== undefined) return given;
  if (environment.node) {
    const ws = await environment.loadWs();
    if (ws !== undefined) return ws;
  }
  if (typeof environment.global === "function") return environment.global as WebSocketConstructor;
  return environment.node ? undefined : environment.loadWs();
}
