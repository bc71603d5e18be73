/**
 * The switchboard between what happens in the sandbox and the open streams: each open stream listens
 * to channels (see stream-channels.ts), and the fan-out publishes events on channels. A payload is
 * made only when someone listens, and once per viewer, because statuses look different to each
 * (`favourited`, `bookmarked`, ...).
 */

export interface StreamListener {
  /** The account the stream belongs to; payloads are rendered from its point of view. */
  readonly viewerId: string;
  /** Public statuses pass through `accepts` before delivery (blocks and mutes of the viewer). */
  readonly filtered: boolean;
  /** Sends one event; `payload` is the JSON text (or the bare id, or undefined for no payload). */
  deliver(event: string, payload: string | undefined): void;
}

/** One event for one channel: its name, its payload per viewer, and who may not receive it. */
export interface Publication {
  event: string;
  /** The payload as the given viewer sees it; undefined when the event has none. */
  payload: (viewerId: string) => string | undefined;
  /** For filtered listeners: whether this viewer gets it at all. */
  accepts?: (viewerId: string) => boolean;
  /** The payload is the same for everyone (public streams render statuses as a visitor sees them). */
  shared?: boolean;
}

export class StreamHub {
  readonly #channels = new Map<string, Set<StreamListener>>();
  /** Everything that ends an open stream, so that close and reset can end them all. */
  readonly #enders = new Set<() => void>();

  /** Starts listening; returns the function that stops. */
  listen(channels: readonly string[], listener: StreamListener): () => void {
    for (const channel of channels) {
      let set = this.#channels.get(channel);
      if (!set) {
        set = new Set();
        this.#channels.set(channel, set);
      }
      set.add(listener);
    }
    return () => {
      for (const channel of channels) {
        const set = this.#channels.get(channel);
        set?.delete(listener);
        if (set?.size === 0) this.#channels.delete(channel);
      }
    };
  }

  hasListeners(channel: string): boolean {
    return this.#channels.has(channel);
  }

  /** The channels with listeners whose names start with `prefix` (few: only those someone streams). */
  channelsStartingWith(prefix: string): string[] {
    return [...this.#channels.keys()].filter((channel) => channel.startsWith(prefix));
  }

  /** Delivers to every listener of the channel; `rendered` shares payloads between channels of one event. */
  publish(channel: string, publication: Publication, rendered: Map<string, string | undefined>): void {
    const listeners = this.#channels.get(channel);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      if (listener.filtered && publication.accepts && !publication.accepts(listener.viewerId)) continue;
      const key = publication.shared ? publication.event : `${publication.event}\u0000${listener.viewerId}`;
      let payload: string | undefined;
      if (rendered.has(key)) payload = rendered.get(key);
      else {
        payload = publication.payload(listener.viewerId);
        rendered.set(key, payload);
      }
      try {
        listener.deliver(publication.event, payload);
      } catch {
        // A stream whose socket broke mid-write is ended by its own close handler.
      }
    }
  }

  /** Registers how to end an open stream (its socket or response); returns the unregistration. */
  track(end: () => void): () => void {
    this.#enders.add(end);
    return () => this.#enders.delete(end);
  }

  /** Ends every open stream (the sandbox closes or resets). */
  endAll(): void {
    for (const end of [...this.#enders]) {
      try {
        end();
      } catch {
        // Already gone.
      }
    }
    this.#enders.clear();
    this.#channels.clear();
  }
}
