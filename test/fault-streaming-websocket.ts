// A standard WebSocket for the streaming tests on Node 20, which has none (without a flag).
import { WebSocket as WsWebSocket } from "ws";

/**
 * A standard WebSocket's surface over `ws` (addEventListener, send, close; no ping, no on()), and
 * its failure mode: a connection that fails before `open` fires `error` (which says nothing, not even
 * a refused upgrade's status) and never `close`.
 */
export class StandardWebSocket {
  readonly #socket: WsWebSocket;
  #opened = false;
  constructor(url: string, protocols?: string | string[]) {
    this.#socket = new WsWebSocket(url, protocols);
    this.#socket.on("open", () => {
      this.#opened = true;
    });
    // `ws` throws on an unhandled error event; the standard one does not.
    this.#socket.on("error", () => undefined);
  }
  get readyState(): number {
    return this.#socket.readyState;
  }
  send(data: string): void {
    this.#socket.send(data);
  }
  close(code?: number, reason?: string): void {
    this.#socket.close(code, reason);
  }
  addEventListener(type: "open" | "message" | "error" | "close", listener: (event: never) => void): void {
    const call = listener as (event: unknown) => void;
    if (type === "close") {
      this.#socket.addEventListener("close", (event) => {
        if (this.#opened) call(event);
      });
      return;
    }
    if (type === "error") {
      // A standard WebSocket's error event says nothing: no refused upgrade's status, no reason.
      this.#socket.addEventListener("error", () => call({ type: "error" }));
      return;
    }
    this.#socket.addEventListener(type, call as () => void);
  }
}
