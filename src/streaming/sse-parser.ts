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
  /**
   * The data lines' values as byte ranges (buffer, start, end), decoded once when the event is
   * complete; ranges rather than subarrays, which cost an object each.
   */
  #data: Uint8Array[] = [];
  #dataStarts: number[] = [];
  #dataEnds: number[] = [];
  #dataBytes = 0;
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
        this.#keep(start === 0 ? chunk : chunk.subarray(start));
        return;
      }
      this.#endLine(chunk, start, end);
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
    // Kept as is, not copied: a fetch body hands out a fresh buffer per chunk.
    this.#parts.push(piece);
  }

  /** A line ended: what was kept of it, then chunk[start, end). */
  #endLine(chunk: Uint8Array, start: number, end: number): void {
    const lineBytes = this.#lineBytes + end - start;
    if (lineBytes === 0) {
      // A blank line ends the event (or the skipped oversized one).
      if (this.#skipping) this.#skipping = false;
      else this.#dispatch();
      this.#resetEvent();
      return;
    }
    this.#lineBytes = 0;
    if (this.#skipping) return;
    if (this.#eventBytes + lineBytes > this.maxEventBytes) {
      this.#cut(this.#eventBytes + lineBytes);
      return;
    }
    if (this.#parts.length === 0) {
      this.#line(chunk, start, end);
      return;
    }
    const line = concat(this.#parts, chunk.subarray(start, end), lineBytes);
    this.#parts = [];
    this.#line(line, 0, line.length);
  }

  /** One non-blank line, buf[start, end). Fields are matched as bytes; only values are decoded. */
  #line(buf: Uint8Array, start: number, end: number): void {
    if (buf[start] === COLON) {
      this.sink.comment();
      return;
    }
    this.#eventBytes += end - start;
    // The colon is searched within the line only: indexOf would scan the rest of the chunk each time.
    let colon = start;
    while (colon < end && buf[colon] !== COLON) colon++;
    let from = colon < end ? colon + 1 : end;
    if (from < end && buf[from] === SPACE) from++;
    const fieldLength = colon - start;
    if (fieldLength === 4 && isField(buf, start, DATA)) {
      this.#data.push(buf);
      this.#dataStarts.push(from);
      this.#dataEnds.push(end);
      this.#dataBytes += end - from;
    } else if (fieldLength === 5 && isField(buf, start, EVENT)) {
      this.#name = utf8.decode(buf.subarray(from, end));
    }
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
    const lines = this.#data;
    // An event without data lines is not dispatched (the format's rule).
    if (lines.length === 0) return;
    const starts = this.#dataStarts;
    const ends = this.#dataEnds;
    let bytes: Uint8Array;
    if (lines.length === 1) bytes = (lines[0] as Uint8Array).subarray(starts[0], ends[0]);
    else {
      // The lines joined with LF, decoded once.
      bytes = new Uint8Array(this.#dataBytes + lines.length - 1);
      let offset = 0;
      for (let i = 0; i < lines.length; i++) {
        if (i > 0) bytes[offset++] = LF;
        const from = starts[i] as number;
        const to = ends[i] as number;
        const line = lines[i] as Uint8Array;
        for (let j = from; j < to; j++) bytes[offset++] = line[j] as number;
      }
    }
    this.sink.event(this.#name === "" ? "message" : this.#name, utf8.decode(bytes));
  }

  #resetEvent(): void {
    this.#name = "";
    this.#data = [];
    this.#dataStarts = [];
    this.#dataEnds = [];
    this.#dataBytes = 0;
    this.#eventBytes = 0;
  }
}

const DATA = [100, 97, 116, 97]; // "data"
const EVENT = [101, 118, 101, 110, 116]; // "event"

function isField(buf: Uint8Array, start: number, name: readonly number[]): boolean {
  for (let i = 0; i < name.length; i++) if (buf[start + i] !== name[i]) return false;
  return true;
}

/**
 * The byte search: Node's Buffer.prototype.indexOf (memchr, several times faster than the typed
 * array's element loop; fetch bodies hand out plain Uint8Arrays) where it works on a Uint8Array,
 * else the standard one (browsers, Deno). Chosen once, by trying it.
 */
const indexOfByte = pickIndexOf();

function pickIndexOf(): (chunk: Uint8Array, byte: number, from: number) => number {
  const nodeIndexOf = (globalThis as { Buffer?: { prototype?: { indexOf?: unknown } } }).Buffer?.prototype
    ?.indexOf;
  if (typeof nodeIndexOf === "function") {
    const search = nodeIndexOf as (this: Uint8Array, byte: number, from: number) => number;
    try {
      const probe = new Uint8Array([LF, CR, SPACE, LF, CR]);
      if (
        search.call(probe, LF, 1) === 3 &&
        search.call(probe, CR, 2) === 4 &&
        search.call(probe, COLON, 0) === -1
      )
        return (chunk, byte, from) => search.call(chunk, byte, from);
    } catch {
      // Not usable on a plain Uint8Array here: the standard search below.
    }
  }
  return (chunk, byte, from) => chunk.indexOf(byte, from);
}

function indexOrEnd(chunk: Uint8Array, byte: number, from: number): number {
  const index = indexOfByte(chunk, byte, from);
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
