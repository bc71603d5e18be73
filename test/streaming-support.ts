// Listener and client helpers shared by the streaming tests.
import { Mastodon, type ReconnectInfo, type StreamEvent, type StreamListener } from "../src/index.js";

type Cb<K extends keyof StreamListener> = NonNullable<StreamListener[K]>;

export const TOKEN = "streaming-test-token";

export function client(url: string, extra: Record<string, unknown> = {}): Mastodon {
  return new Mastodon({ api_base_url: url, access_token: TOKEN, user_agent: "tests/streaming", ...extra });
}

/** Records everything a stream reports, and lets a test wait for the n-th of anything. */
export class Recorder implements StreamListener {
  readonly events: StreamEvent[] = [];
  readonly errors: Error[] = [];
  readonly aborts: Error[] = [];
  readonly disconnects: Error[] = [];
  readonly reconnects: ReconnectInfo[] = [];
  readonly any: Array<[string, unknown, readonly string[]]> = [];
  heartbeats = 0;
  #waiters: Array<() => void> = [];

  #push(event: StreamEvent): void {
    this.events.push(event);
    this.#wake();
  }
  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
  /** Ids of update events, in delivery order. */
  get updateIds(): string[] {
    return this.events.flatMap((e) => (e.event === "update" ? [e.payload.id] : []));
  }

  onUpdate: Cb<"onUpdate"> = (_s, e) => this.#push(e);
  onDelete: Cb<"onDelete"> = (_id, e) => this.#push(e);
  onNotification: Cb<"onNotification"> = (_n, e) => this.#push(e);
  onFiltersChanged: Cb<"onFiltersChanged"> = (e) => this.#push(e);
  onConversation: Cb<"onConversation"> = (_c, e) => this.#push(e);
  onAnnouncement: Cb<"onAnnouncement"> = (_a, e) => this.#push(e);
  onAnnouncementReaction: Cb<"onAnnouncementReaction"> = (_r, e) => this.#push(e);
  onAnnouncementDelete: Cb<"onAnnouncementDelete"> = (_id, e) => this.#push(e);
  onStatusUpdate: Cb<"onStatusUpdate"> = (_s, e) => this.#push(e);
  onNotificationsMerged: Cb<"onNotificationsMerged"> = (e) => this.#push(e);
  onEncryptedMessage: Cb<"onEncryptedMessage"> = (_d, e) => this.#push(e);
  onUnknownEvent: Cb<"onUnknownEvent"> = (_n, _u, e) => this.#push(e);
  onAnyEvent: Cb<"onAnyEvent"> = (name, data, stream) => {
    this.any.push([name, data, stream]);
  };
  handleHeartbeat: Cb<"handleHeartbeat"> = () => {
    this.heartbeats++;
    this.#wake();
  };
  onError: Cb<"onError"> = (error) => {
    this.errors.push(error);
    this.#wake();
  };
  onAbort: Cb<"onAbort"> = (error) => {
    this.aborts.push(error);
    this.#wake();
  };
  onDisconnect: Cb<"onDisconnect"> = (error) => {
    this.disconnects.push(error);
    this.#wake();
  };
  onReconnect: Cb<"onReconnect"> = (info) => {
    this.reconnects.push(info);
    this.#wake();
  };
}
