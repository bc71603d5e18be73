/**
 * request_timeout for every attempt of one client, with one timer rather than one per attempt.
 * Every attempt of a client gets the same timeout, so their deadlines come in the order they
 * began: a queue in that order, and a timer for the oldest, is all it takes. Node keeps a list per
 * timer duration and drops it whenever its last timer is cleared, so a timer per attempt set up and
 * tore down that list (and the process's reference to it) on every sequential request; here the
 * timer stays, unreferenced while nothing is in flight, so it never keeps a process alive that
 * has nothing else to do.
 */
import { AttemptSignal } from "./attempt-signal.js";
import { timerDelay } from "./sleep.js";

/** What setTimeout returns: a number in browsers and Deno, an object with ref/unref on Node and Bun. */
type Timer = ReturnType<typeof setTimeout> & { ref?: () => unknown; unref?: () => unknown };

/** Ended attempts are dropped from the queue in bulk once they outnumber the live ones by this much. */
const SLACK = 64;

const now: () => number = () => performance.now();

export class Deadlines {
  /** The attempts in the order they began (all from `#head` on). */
  #queue: AttemptSignal[] = [];
  #head = 0;
  /** Attempts begun and not ended. */
  #live = 0;
  #timer: Timer | undefined;
  /** The timeout in ms. One past what a timer holds is waited out in steps (timerDelay). */
  readonly #ms: number;

  constructor(readonly seconds: number) {
    this.#ms = seconds * 1000;
  }

  /** Starts timing one attempt; `end()` it when it is over, however it ends. */
  begin(): AttemptSignal {
    const attempt = new AttemptSignal(now() + this.#ms);
    this.#queue.push(attempt);
    const wasIdle = this.#live++ === 0;
    const timer = this.#timer;
    // Without a timer, nothing before this attempt is waiting for one: it is the first in the queue.
    if (timer === undefined) this.#arm(this.#ms);
    // An idle timer (see end) keeps the process alive again while attempts are in flight.
    else if (wasIdle) timer.ref?.();
    return attempt;
  }

  end(attempt: AttemptSignal): void {
    if (attempt.ended) return;
    attempt.release();
    const queue = this.#queue;
    while (this.#head < queue.length && queue[this.#head]!.ended) this.#head++;
    if (this.#head === queue.length) {
      queue.length = 0;
      this.#head = 0;
    } else if (queue.length - this.#head > 2 * this.#live + SLACK) {
      // A long attempt at the head keeps the ones that ended after it queued: drop those now and then.
      this.#queue = queue.filter((queued, index) => index >= this.#head && !queued.ended);
      this.#head = 0;
    }
    if (--this.#live > 0) return;
    const timer = this.#timer;
    if (timer?.unref) timer.unref();
    else if (timer !== undefined) {
      // Where timers cannot be unreferenced, an idle one would keep a Deno process alive: stop it.
      clearTimeout(timer);
      this.#timer = undefined;
    }
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(() => this.#fire(), timerDelay(ms)) as Timer;
    if (this.#live === 0) this.#timer.unref?.();
  }

  /** Times out every attempt whose deadline has passed, then waits for the next one. */
  #fire(): void {
    this.#timer = undefined;
    const queue = this.#queue;
    // A timer may fire up to a millisecond before the clock read here says it is due.
    const due = now() + 1;
    while (this.#head < queue.length) {
      const attempt = queue[this.#head]!;
      if (!attempt.ended) {
        if (attempt.deadline > due) break;
        attempt.expire(this.seconds);
      }
      this.#head++;
    }
    if (this.#head === queue.length) {
      queue.length = 0;
      this.#head = 0;
      return;
    }
    const next = queue[this.#head]!.deadline - now();
    this.#arm(Math.max(next, 1));
  }
}
