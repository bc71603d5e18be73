/**
 * The longest delay a timer honours: 2^31 - 1 ms, about 24.8 days. setTimeout and setInterval
 * treat a longer one (or Infinity) as 1 ms, with a warning, so that a wait meant to be long
 * (a huge request_timeout, a rate-limit reset in the year 9999, a stream's timeout of a month)
 * would fire at once, over and over.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `ms` as a timer's delay: at most MAX_TIMER_MS (a wait that long is as good as for ever here;
 * whoever waits checks again when it ends), and 0 for a negative or NaN one.
 */
export function timerDelay(ms: number): number {
  return ms > MAX_TIMER_MS ? MAX_TIMER_MS : ms > 0 ? ms : 0;
}

/** A timer-based pause that an AbortSignal can cut short (rejecting with the signal's reason). */
export function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  if (!(seconds > 0)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      timerDelay(seconds * 1000),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
