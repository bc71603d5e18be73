/**
 * An incremental parser of server-sent events (the WHATWG event-stream format): bytes go in as they
 * arrive, in chunks cut anywhere; complete events and comment lines come out.
 *
 * It works on bytes, not text, for three reasons: line ends (CR, LF, CRLF) are single bytes that never
 * occur inside a UTF-8 sequence, so a chunk cut in the middle of a character needs no special care;
 * sizes are counted in bytes, as the `max_event_bytes` cap is; and each byte is looked at a bounded
 * number of times (no re-scan of held text per chunk), so the time is linear in the input whatever
 * the chunking. A CR is acted on at once (a LF right after it, even in the next chunk, is skipped),
 * so a stream with CR-only line ends delivers each event as soon as its blank line arrives.
 */

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;

export interface SseSink {
  /** A complete event: its name ("message" when the server gave none) and its data lines joined. */
  event(name: string, data: string): void;
  /** A comment line (":thump"): Mastodon's heartbeat. */
  comment(): void;
  /**
   * An event (or a single line) grew past the size cap; it is skipped up to the next blank line and
   * nothing of it is kept. `size` is how many bytes had arrived when it was cut off.
   */
  oversized?(size: number, limit: number): void;
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

export class SseParser {
  /** Pieces of the line not yet ended, and their total size. */
  #parts: Uint8Array[] = [];
  #lineBytes = 0;
  /** The last byte seen was a CR: a LF first thing in the next chunk belongs to it. */
  #afterCR = false;
  #atStart = true;
  #name = "";
  #data: string[] = [];
  #hasData = false;
  /** Bytes of field lines in the event so far. */
  #eventBytes = 0;
  /** Skipping an oversized event until its blank line. */
  #skipping = false;

  constructor(
    private readonly sink: SseSink,
    /** The largest event (all its lines) or comment line kept, in bytes. */
    private readonly maxEventBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** Feeds the next chunk (bytes, or text for tests and callers that already decoded). */
  push(input: Uint8Array | string): void {
    let chunk = typeof input === "string" ? encoder.encode(input) : input;
    if (this.#atStart) {
      if (chunk.length === 0) return;
      this.#atStart = false;
      // A byte-order mark at the very start of the stream is not part of the first line.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let start = 0;
    if (this.#afterCR) {
      this.#afterCR = false;
      if (chunk[0] === LF) start = 1;
    }
    const length = chunk.length;
    // Next CR and LF at or after `start`; each is searched again only once passed, so every byte is
    // scanned at most twice in all (a naive "search both each time" is quadratic on LF-only input).
    let nextCR = -1;
    let nextLF = -1;
    while (start < length) {
      if (nextCR !== length && nextCR < start) nextCR = indexOrEnd(chunk, CR, start);
      if (nextLF !== length && nextLF < start) nextLF = indexOrEnd(chunk, LF, start);
      const end = nextCR < nextLF ? nextCR : nextLF;
      if (end === length) {
        this.#keep(chunk.subarray(start));
        return;
      }
      this.#endLine(chunk.subarray(start, end));
      start = end + 1;
      if (end === nextCR) {
        if (start === length) this.#afterCR = true;
        else if (chunk[start] === LF) start++;
      }
    }
  }

  /**
   * The stream has ended. An event whose blank line did not arrive is dropped (the format's rule);
   * one whose blank line did has already been delivered, whatever the line ends.
   */
  end(): void {
    this.#parts = [];
    this.#lineBytes = 0;
    this.#afterCR = false;
    this.#resetEvent();
  }

  /** Holds the start of an unfinished line, unless it makes the event too large. */
  #keep(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.#lineBytes += piece.length;
    if (this.#skipping) return;
    if (this.#eventBytes + this.#lineBytes > this.maxEventBytes) {
      this.#cut(this.#eventBytes + this.#lineBytes);
      return;
    }
    // A copy: the caller's buffer may be reused for the next chunk.
    this.#parts.push(piece.slice());
  }

  #endLine(tail: Uint8Array): void {
    const lineBytes = this.#lineBytes + tail.length;
    if (lineBytes === 0) {
      // A blank line ends the event (or the skipped oversized one).
      if (this.#skipping) this.#skipping = false;
      else this.#dispatch();
      this.#resetEvent();
      return;
    }
    if (this.#skipping) {
      this.#lineBytes = 0;
      return;
    }
    if (this.#eventBytes + lineBytes > this.maxEventBytes) {
      this.#cut(this.#eventBytes + lineBytes);
      this.#lineBytes = 0;
      return;
    }
    const line = this.#parts.length === 0 ? tail : concat(this.#parts, tail, lineBytes);
    this.#parts = [];
    this.#lineBytes = 0;
    this.#line(line);
  }

  #line(line: Uint8Array): void {
    if (line[0] === COLON) {
      this.sink.comment();
      return;
    }
    this.#eventBytes += line.length;
    const colon = line.indexOf(COLON);
    const field = utf8.decode(colon < 0 ? line : line.subarray(0, colon));
    let value = "";
    if (colon >= 0) {
      const from = line[colon + 1] === SPACE ? colon + 2 : colon + 1;
      value = utf8.decode(line.subarray(from));
    }
    if (field === "data") {
      this.#data.push(value);
      this.#hasData = true;
    } else if (field === "event") this.#name = value;
    // "id" and "retry" are not used by Mastodon; other fields are ignored, as the format says.
  }

  /** Drops what was held of an oversized event and skips the rest of it. */
  #cut(size: number): void {
    this.#skipping = true;
    this.#parts = [];
    this.#resetEvent();
    this.sink.oversized?.(size, this.maxEventBytes);
  }

  #dispatch(): void {
    // An event without data lines is not dispatched (the format's rule).
    if (!this.#hasData) return;
    this.sink.event(this.#name === "" ? "message" : this.#name, this.#data.join("\n"));
  }

  #resetEvent(): void {
    this.#name = "";
    this.#data = [];
    this.#hasData = false;
    this.#eventBytes = 0;
  }
}

function indexOrEnd(chunk: Uint8Array, byte: number, from: number): number {
  const index = chunk.indexOf(byte, from);
  return index < 0 ? chunk.length : index;
}

function concat(parts: readonly Uint8Array[], tail: Uint8Array, total: number): Uint8Array {
  const line = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    line.set(part, offset);
    offset += part.length;
  }
  line.set(tail, offset);
  return line;
}
