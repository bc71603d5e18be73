/**
 * Dead-connection detection: a connection that shows no sign of life (no byte of an event, no
 * heartbeat, no pong or probe answer) for `timeout` is declared dead within a few milliseconds of
 * that moment, not at the next tick of a coarse interval. Halfway through a silence the server is
 * asked for a sign of life (a ping frame, or a probe on a standard WebSocket) where the transport
 * can, so that a quiet but living connection answers in time.
 */

import { timerDelay } from "../core/sleep.js";
import type { Transport } from "./transport.js";

export interface SilenceWatch {
  /** A sign of life arrived. Cheap: called for every message. */
  alive(): void;
  stop(): void;
}

export function watchSilence(
  transport: Transport,
  timeoutMs: number,
  onSilent: (quietMs: number) => void,
): SilenceWatch {
  let last = Date.now();
  // The `last` value for which the server was already asked, so that it is asked once per silence.
  let askedAt = Number.NaN;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const half = timeoutMs / 2;
  const wake = () => {
    const quiet = Date.now() - last;
    if (quiet >= timeoutMs) {
      timer = undefined;
      onSilent(quiet);
      return;
    }
    if (quiet >= half && askedAt !== last) {
      askedAt = last;
      transport.ping?.();
    }
    // Sleep until the next moment that matters for the latest sign of life: halfway, or the deadline.
    timer = setTimeout(wake, timerDelay(Math.max(1, (quiet < half ? half : timeoutMs) - quiet)));
  };
  timer = setTimeout(wake, timerDelay(half));
  return {
    alive() {
      last = Date.now();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
