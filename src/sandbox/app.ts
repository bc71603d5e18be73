/** What an area of the sandbox (OAuth, statuses, streaming, ...) plugs into when it registers. */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { SandboxContext } from "./context.js";
import type { Router } from "./router.js";

export interface SandboxApp {
  readonly router: Router;
  readonly ctx: SandboxContext;
  /** Takes WebSocket upgrade requests (the streaming area sets it). */
  upgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => void) | undefined;
  /** Run when the sandbox closes or resets: end open streams, stop timers. */
  readonly closers: (() => void)[];
}
