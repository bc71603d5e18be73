/**
 * What ends one attempt early: its request_timeout, or the caller's own AbortSignal. Made once per
 * attempt, so it is kept small: an AbortController costs microseconds to make on Node (its signal
 * is an EventTarget), and more with each listener. The undici transport listens to it directly;
 * the fetch transport, whose fetch takes nothing but a real AbortSignal, asks for one with
 * `standard()`.
 */

/** Why an attempt was cut short by request_timeout (see Deadlines). */
export class TimeoutMarker {
  constructor(
    readonly seconds: number,
    /** Whether the server had begun answering (headers arrived) when time ran out. */
    readonly answered: boolean,
  ) {}
}

type Listener = (this: AttemptSignal) => void;

export class AttemptSignal {
  aborted = false;
  reason: unknown = undefined;
  /** Whether the server has begun answering (its headers arrived). */
  answered = false;
  /** Set when request_timeout ran out (whether or not the caller had aborted first). */
  timeout: TimeoutMarker | undefined;
  /** When request_timeout runs out, in `performance.now()` milliseconds. */
  readonly deadline: number;
  /** Whether the attempt is over (see Deadlines.end). */
  ended = false;
  #listeners: Listener[] | undefined;
  #controller: AbortController | undefined;

  constructor(deadline: number) {
    this.deadline = deadline;
  }

  /** As an AbortSignal's: `listener` is called once, when the attempt is aborted. */
  addEventListener(_type: "abort", listener: Listener): void {
    if (this.aborted) return;
    this.#listeners ??= [];
    this.#listeners.push(listener);
  }

  removeEventListener(_type: "abort", listener: Listener): void {
    const listeners = this.#listeners;
    const at = listeners ? listeners.indexOf(listener) : -1;
    if (at !== -1) listeners!.splice(at, 1);
  }

  /** A standard AbortSignal that aborts with this one (made on demand: fetch needs one). */
  standard(): AbortSignal {
    this.#controller ??= new AbortController();
    if (this.aborted) this.#controller.abort(this.reason);
    return this.#controller.signal;
  }

  /** Aborts the attempt (once; later calls change nothing), telling every listener. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        listener.call(this);
      } catch (error) {
        // As an EventTarget does: a failing listener is reported, and the others still run.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** request_timeout has run out: aborts with the marker (unless the caller aborted first). */
  expire(seconds: number): void {
    this.timeout = new TimeoutMarker(seconds, this.answered);
    this.abort(this.timeout);
  }

  /** The caller's signal aborts this attempt too; returns what stops listening to it. */
  follow(signal: AbortSignal): (() => void) | undefined {
    if (signal.aborted) {
      this.abort(signal.reason);
      return undefined;
    }
    const onAbort = () => this.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    return () => signal.removeEventListener("abort", onAbort);
  }

  /** Lets go of the listeners once the attempt is over (it may stay queued in Deadlines a while). */
  release(): void {
    this.ended = true;
    this.#listeners = undefined;
  }
}
