/** What every handler shares: the state, the settings, the event bus, the clock and the public address. */
import type { SandboxEvents } from "./events.js";
import type { ResolvedSandboxOptions } from "./options.js";
import type { State } from "./state.js";

export interface SandboxContext {
  readonly state: State;
  readonly options: ResolvedSandboxOptions;
  readonly events: SandboxEvents;
  /** `http://127.0.0.1:PORT`, no trailing slash; known once the server listens. */
  readonly url: string;
  /** `127.0.0.1:PORT`: the instance's domain, as in `acct` and `uri`. */
  readonly domain: string;
  now(): number;
  nowIso(): string;
  /** A new snowflake id for a record made now. */
  newId(): string;
  /** Records changed: schedules a save when the state is kept in a file, and bumps `generation`. */
  changed(): void;
  /** Goes up with every `changed()` (and reset): a cached answer made at another generation is stale. */
  readonly generation: number;
  /** Runs `fn` about once a second while the sandbox runs (scheduled statuses, expiries). */
  onTick(fn: () => void): void;
}
