/**
 * An incremental parser of server-sent events (the WHATWG event-stream format): text goes in as it
 * arrives, in chunks cut anywhere; complete events and comment lines come out. Written for speed:
 * it scans with indexOf and keeps only the unfinished line between chunks.
 */

export interface SseSink {
  /** A complete event: its name ("message" when the server gave none) and its data lines joined. */
  event(name: string, data: string): void;
  /** A comment line (":thump"): Mastodon's heartbeat. */
  comment(): void;
}

export class SseParser {
  #pending = "";
  #name = "";
  #data: string | undefined;

  constructor(private readonly sink: SseSink) {}

  /** Feeds decoded text. */
  push(chunk: string): void {
    let text = this.#pending === "" ? chunk : this.#pending + chunk;
    let tail = "";
    if (text.includes("\r")) {
      // A CR at the very end may be the first half of a CRLF cut by the chunking: keep it for later.
      if (text.endsWith("\r")) {
        tail = "\r";
        text = text.slice(0, -1);
      }
      text = text.replace(/\r\n?/g, "\n");
    }
    this.#pending = this.#scan(text) + tail;
  }

  /** Handles every complete line of `text`; returns the unfinished rest. */
  #scan(text: string): string {
    let start = 0;
    for (;;) {
      const end = text.indexOf("\n", start);
      if (end < 0) break;
      if (end === start) this.#dispatch();
      else this.#line(text, start, end);
      start = end + 1;
    }
    return start === 0 ? text : text.slice(start);
  }

  #line(text: string, start: number, end: number): void {
    if (text.charCodeAt(start) === 58 /* ":" */) {
      this.sink.comment();
      return;
    }
    const colon = text.indexOf(":", start);
    let field: string;
    let value: string;
    if (colon < 0 || colon > end) {
      field = text.slice(start, end);
      value = "";
    } else {
      field = text.slice(start, colon);
      const from = text.charCodeAt(colon + 1) === 32 /* " " */ ? colon + 2 : colon + 1;
      value = from >= end ? "" : text.slice(from, end);
    }
    if (field === "data") this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    else if (field === "event") this.#name = value;
    // "id" and "retry" are not used by Mastodon; other fields are ignored, as the format says.
  }

  #dispatch(): void {
    const data = this.#data;
    const name = this.#name;
    this.#data = undefined;
    this.#name = "";
    // An event without data lines is not dispatched (the format's rule).
    if (data !== undefined) this.sink.event(name === "" ? "message" : name, data);
  }
}
