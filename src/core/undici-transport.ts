/**
 * The undici transport (Node.js): each request goes straight to an undici Dispatcher through its
 * `dispatch()` method, the low-level interface that fetch itself runs on, so none of fetch's
 * WHATWG layers (Request, Response, Headers, web streams, an AbortController per request) are
 * built. The dispatcher is the user's (the `dispatcher` option) or the global one that Node's own
 * fetch uses (see node-transport.ts): no package needs installing. Loaded by a dynamic import, so
 * the main entry stays free of Node-only code. What it hands back to the core behaves as a fetch
 * answer does: the same headers, status text, body size cap, compression and failure shapes.
 */
import type { AttemptSignal } from "./attempt-signal.js";
import type { MastodonResponseTooLargeError } from "./errors.js";
import { nodeBuiltin } from "./node-fs.js";
import type { Hop } from "./redirects.js";
import {
  BodyBrokeOff,
  contentCoding,
  declaredSize,
  decodeChunks,
  type Exchange,
  responseTooLarge,
  tooLarge,
} from "./response-body.js";
import type { Answer, HeaderReader, Transport } from "./transport.js";

/** What `dispatch()` is given to send (the same in undici 6 and 7, and in Node's own copies of them). */
interface DispatchOptions {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** 0: a dispatcher made to follow redirects (undici 6's Agent option, 7's interceptor) does not. */
  maxRedirections: 0;
}

/** An undici Dispatcher: an Agent, Pool, ProxyAgent, MockAgent, ... */
export interface Dispatcher {
  dispatch(options: DispatchOptions, handler: object): unknown;
}

/** A header's raw value as undici reports it: bytes, or (undici 7, repeated headers) a list of them. */
type RawValue = Uint8Array | string | readonly (Uint8Array | string)[];

type Zlib = typeof import("node:zlib");

/** Lower-case names; a repeated header's values joined by ", " as in `Headers.get`. */
class RawHeaders implements HeaderReader {
  readonly values: Record<string, string> = Object.create(null);

  /** Header bytes are read as Latin-1, as fetch's Headers reads them. */
  add(name: RawValue, value: RawValue): void {
    const key = latin1(name).toLowerCase();
    const text = Array.isArray(value) ? value.map(latin1).join(", ") : latin1(value as Uint8Array | string);
    const before = this.values[key];
    this.values[key] = before === undefined ? text : `${before}, ${text}`;
  }

  get(name: string): string | null {
    return this.values[name.toLowerCase()] ?? null;
  }
}

/** Node's Buffer method that reads bytes as Latin-1 without the checks of `toString("latin1")`. */
type Latin1Bytes = Uint8Array & { latin1Slice?: (start: number, end: number) => string };

function latin1(value: RawValue): string {
  if (typeof value === "string") return value;
  const bytes = value as Latin1Bytes;
  return bytes.latin1Slice ? bytes.latin1Slice(0, bytes.length) : String.fromCharCode(...bytes);
}

/**
 * The compressions fetch accepts, asked for the same way so that servers answer alike (a
 * 40-status page is a tenth of its size gzipped). Like fetch, brotli only over https: proxies on
 * plain http have been known to mangle it.
 */
const ACCEPT_ENCODING_HTTPS = "br, gzip, deflate";
const ACCEPT_ENCODING_HTTP = "gzip, deflate";

/** A body that will not be read is let through to keep the connection, up to this size; then cut off. */
const DISCARD_LIMIT = 128 * 1024;

/** Why this transport cut a connection itself (a body over the cap, or a discarded large one). */
const CUT_OFF = Symbol("cut off by the undici transport");

type Phase = "headers" | "body" | "complete" | "failed";

/** Statuses whose answers have no body, whatever their headers say (fetch's "null body statuses"). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * One request in flight: the handler undici calls back (the legacy handler interface, which undici
 * 6 and 7 both take), and the answer handed to the core once its headers are in. Its body is
 * gathered as it arrives, since undici pushes it; the core asks for it at once.
 */
export class Dispatched implements Answer {
  status = 0;
  statusText = "";
  readonly headers = new RawHeaders();
  #phase: Phase = "headers";
  #abort: ((reason: unknown) => void) | undefined;
  #chunks: Uint8Array[] = [];
  #received = 0;
  #failure: unknown;
  /** Set by read(): the cap, and what waits for the whole body. */
  #exchange: Exchange | undefined;
  #reader: { resolve(text: string): void; reject(error: unknown): void } | undefined;
  #discarded = false;

  constructor(
    readonly signal: AttemptSignal,
    private readonly method: string,
    private readonly answered: (answer: Dispatched) => void,
    private readonly failed: (error: unknown) => void,
  ) {
    signal.addEventListener("abort", () => this.#cancel(signal.reason));
  }

  // The handler undici calls.

  onConnect(abort: (reason: unknown) => void): void {
    this.#abort = abort;
    // Aborted while waiting for a connection: the request was already refused (see #cancel).
    if (this.signal.aborted || this.#phase === "failed") abort(this.signal.reason ?? CUT_OFF);
  }

  onHeaders(status: number, raw: readonly RawValue[], _resume: unknown, statusText: unknown): boolean {
    // 1xx answers (100 Continue, 103 Early Hints) come before the real one, as fetch skips them.
    if (status < 200 || this.#phase !== "headers") return true;
    this.status = status;
    // The reason phrase as the server sent it, as fetch shows it ("" from HTTP/2, which has none).
    this.statusText = typeof statusText === "string" ? statusText : "";
    for (let i = 0; i + 1 < raw.length; i += 2) this.headers.add(raw[i]!, raw[i + 1]!);
    // fetch refuses a long Content-Encoding list as it reads the headers, as a failure to reach the
    // server (any status with a body, even an empty one), so this does too, with fetch's words.
    const codings = this.headers.get("content-encoding");
    if (codings && this.method !== "HEAD" && !NULL_BODY_STATUSES.has(status)) {
      const count = codings.split(",").length;
      if (count > MAX_CODINGS) {
        const cause = new Error(
          `too many content-encodings in response: ${count}, maximum allowed is ${MAX_CODINGS}`,
        );
        this.#phase = "failed";
        this.#abort?.(CUT_OFF);
        this.failed(new TypeError("fetch failed", { cause }));
        return false;
      }
    }
    this.#phase = "body";
    this.answered(this);
    return true;
  }

  onData(chunk: Uint8Array): boolean {
    this.#received += chunk.byteLength;
    if (this.#discarded) {
      if (this.#received > DISCARD_LIMIT) this.#cancel(CUT_OFF);
      return true;
    }
    const exchange = this.#exchange;
    // Compressed bytes are counted too: they are never more than what they expand to, in practice.
    if (exchange !== undefined && this.#received > exchange.maxBytes) {
      this.#reader?.reject(this.#overflow(exchange, undefined));
      return false;
    }
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.#phase !== "body") return;
    this.#phase = "complete";
    const reader = this.#reader;
    if (reader) this.#finish(reader);
  }

  onError(error: unknown): void {
    const phase = this.#phase;
    if (phase === "complete" || phase === "failed") return;
    this.#phase = "failed";
    this.#failure = error;
    if (phase === "headers") {
      // fetch wraps every network failure as TypeError("fetch failed", { cause }); so does this,
      // so that the core (and a program inspecting error.cause) sees the same shape.
      this.failed(this.signal.aborted ? this.signal.reason : new TypeError("fetch failed", { cause: error }));
    } else this.#reader?.reject(this.#brokeOff(error));
  }

  onUpgrade(): void {}

  onBodySent(): void {}

  // What the transport asks of the answer.

  /** The whole body as text, within the cap; decompressed as fetch would, the cap applying to what comes out. */
  read(exchange: Exchange): Promise<string> {
    const declared = declaredSize(this);
    // As on the fetch path: the declared size (of what travels, compressed or not) is checked first.
    if (declared !== undefined && declared > exchange.maxBytes) {
      return Promise.reject(this.#overflow(exchange, declared));
    }
    if (this.#received > exchange.maxBytes) return Promise.reject(this.#overflow(exchange, undefined));
    this.#exchange = exchange;
    if (this.#phase === "failed") return Promise.reject(this.#brokeOff(this.#failure));
    return new Promise((resolve, reject) => {
      this.#reader = { resolve, reject };
      if (this.#phase === "complete") this.#finish(this.#reader);
    });
  }

  /** Lets the rest of the body go by: a small one keeps the connection, a large one is cut off. */
  discard(): void {
    this.#discarded = true;
    this.#chunks = [];
    if (this.#received > DISCARD_LIMIT) this.#cancel(CUT_OFF);
  }

  /**
   * A body that broke off, told as fetch tells it: its cause wrapped as TypeError("terminated"), as
   * fetch's body stream fails; and when fetch reads it in one call (a declared size, no coding),
   * the declared size rather than a count of what arrived (see readBodyText).
   */
  #brokeOff(error: unknown): BodyBrokeOff {
    const cause = new TypeError("terminated", { cause: error });
    const declared = declaredSize(this);
    return declared !== undefined && contentCoding(this.headers) === undefined
      ? new BodyBrokeOff(undefined, cause, declared)
      : new BodyBrokeOff(this.#received, cause);
  }

  #finish(reader: { resolve(text: string): void; reject(error: unknown): void }): void {
    try {
      reader.resolve(this.#decode());
    } catch (error) {
      reader.reject(error);
    }
  }

  #decode(): string {
    const encoding = contentCoding(this.headers);
    const chunks = this.#chunks;
    this.#chunks = [];
    // As fetch: no decoding of an empty body, nor of a status that has none (a 204 from a proxy
    // that labels every answer gzip).
    // fetch gives a null-body status no body at all, whatever bytes a server sends after it.
    if (NULL_BODY_STATUSES.has(this.status)) return "";
    if (encoding === undefined || this.#received === 0) {
      return decodeChunks(chunks, this.#received);
    }
    return decompress(this, this.#exchange!, encoding, chunks, this.#received);
  }

  /** The refusal of an answer past the cap (`declared`: its declared size), once its connection is cut. */
  #overflow(exchange: Exchange, declared: number | undefined): MastodonResponseTooLargeError {
    // Failed first, so that the abort's own report (onError) is not taken for a broken connection.
    this.#phase = "failed";
    this.#abort?.(CUT_OFF);
    return responseTooLarge(this, exchange, declared);
  }

  /** Stops the request: at once when it is under way, or as soon as undici connects it. */
  #cancel(reason: unknown): void {
    if (this.#phase === "headers") {
      this.#phase = "failed";
      // As fetch does: an abort refuses the request at once, even while it still waits to connect.
      this.failed(reason);
    }
    this.#abort?.(reason);
  }
}

/** Sends requests with `dispatch()` of the dispatcher `current` gives at the time. */
export function undiciTransport(current: () => Dispatcher): Transport<Dispatched> {
  return {
    send(hop: Hop, signal: AttemptSignal): Promise<Dispatched> {
      const headers: Record<string, string> = {};
      for (const name in hop.headers) headers[name] = headerValue(hop.headers[name]!);
      if (headers["Accept-Encoding"] === undefined) {
        headers["Accept-Encoding"] = hop.url.startsWith("https:")
          ? ACCEPT_ENCODING_HTTPS
          : ACCEPT_ENCODING_HTTP;
      }
      const body = hop.body;
      if (body !== undefined && typeof body !== "string") {
        return multipart(body, headers).then((encoded) => dispatched(current(), hop, encoded, signal));
      }
      return dispatched(current(), hop, { headers, body }, signal);
    },
    text: (answer, exchange) => answer.read(exchange),
    discard: (answer) => answer.discard(),
  };
}

/**
 * A header value as fetch sends it: without leading or trailing whitespace (a token read from a
 * file ends in a newline), which undici's dispatch() would refuse where fetch trims it.
 */
function headerValue(value: string): string {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first > 0x20 && last > 0x20) return value;
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
}

/** What goes out: the headers, and the body as a string or bytes. */
interface Outgoing {
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/**
 * A FormData body as bytes, with its content type (and so its boundary), encoded by the runtime's
 * own fetch Response. Each undici (Node's own copy, the undici 6 and 7 packages) has its own FormData
 * code, and undici 7 cannot send another copy's FormData ("action is not a function"): bytes go
 * through any dispatcher, with a declared length as fetch sends. Only uploads take this path.
 */
async function multipart(form: FormData, headers: Record<string, string>): Promise<Outgoing> {
  const encoded = new Response(form);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const withType = Object.assign({}, headers);
  withType["Content-Type"] = encoded.headers.get("content-type") ?? "multipart/form-data";
  return { headers: withType, body: bytes };
}

/** Hands one request to the dispatcher; resolves with its answer once the headers are in. */
function dispatched(
  dispatcher: Dispatcher,
  hop: Hop,
  outgoing: Outgoing,
  signal: AttemptSignal,
): Promise<Dispatched> {
  return new Promise<Dispatched>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    // A fragment is not sent, as fetch does not send one (a redirect's Location may carry one).
    const hash = hop.url.indexOf("#");
    const url = hash === -1 ? hop.url : hop.url.slice(0, hash);
    const at = url.indexOf("/", url.indexOf("//") + 2);
    const origin = at === -1 ? url : url.slice(0, at);
    const path = at === -1 ? "/" : url.slice(at);
    const answer = new Dispatched(signal, hop.method, resolve, reject);
    try {
      dispatcher.dispatch(
        {
          origin,
          path,
          method: hop.method,
          headers: outgoing.headers,
          body: outgoing.body,
          maxRedirections: 0,
        },
        answer,
      );
    } catch (error) {
      answer.onError(error);
    }
  });
}

/** Whether an answer came from this transport (the default transport mixes it with fetch's). */
export function isDispatched(answer: Answer): answer is Dispatched {
  return answer instanceof Dispatched;
}

/** More codings than this on one answer are refused, as fetch refuses them. */
const MAX_CODINGS = 5;

/**
 * Expands a compressed body as fetch does: gzip, deflate or br, several in the order they were
 * applied ("gzip, br" is undone br first), refusing output past the cap. A coding it does not know
 * leaves the body as it came, as fetch leaves it.
 */
function decompress(
  answer: Dispatched,
  exchange: Exchange,
  encoding: string,
  chunks: readonly Uint8Array[],
  size: number,
): string {
  // (More than MAX_CODINGS were refused with the headers.)
  const codings = encoding.split(",").map((coding) => coding.trim());
  const decoders = codings.map((coding) => DECODERS.get(coding));
  if (decoders.includes(undefined)) return decodeChunks(chunks, size);
  const zlib = nodeBuiltin<Zlib>("node:zlib")!;
  // zlib refuses a maxOutputLength past the largest Buffer (2^32 bytes on Node 20), which a
  // max_response_bytes meant as "no cap" can be; no answer can be larger than that anyway.
  const max = Math.min(
    exchange.maxBytes,
    nodeBuiltin<typeof import("node:buffer")>("node:buffer")!.constants.MAX_LENGTH,
  );
  let data: Buffer = Buffer.concat(chunks, size);
  try {
    for (let i = decoders.length - 1; i >= 0; i--) data = decoders[i]!(zlib, data, max);
  } catch (error) {
    // Past the cap once expanded; the declared (compressed) size says nothing about that.
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") tooLarge(answer, exchange, undefined);
    // As fetch's decoding stream fails: "terminated", after the decoded bytes handed over before
    // it (none here: the body is decoded in one call, and a corrupt one gives nothing).
    throw new BodyBrokeOff(0, new TypeError("terminated", { cause: error }));
  }
  return decodeChunks([data], data.byteLength);
}

type Decoder = (zlib: Zlib, input: Buffer, maxOutputLength: number) => Buffer;

/** Flushed as fetch flushes: a body cut short at its end (a lost trailer) gives what it holds. */
const zlibOptions = (zlib: Zlib, maxOutputLength: number) => {
  const flush = zlib.constants.Z_SYNC_FLUSH;
  return { maxOutputLength, flush, finishFlush: flush };
};

const gunzip: Decoder = (zlib, input, max) => zlib.gunzipSync(input, zlibOptions(zlib, max));

const DECODERS: ReadonlyMap<string, Decoder> = new Map([
  ["gzip", gunzip],
  ["x-gzip", gunzip],
  // "deflate" is meant as zlib-wrapped, but some servers send it raw; fetch takes both, told apart
  // by the first byte (a zlib header's compression method is 8).
  [
    "deflate",
    (zlib, input, max) =>
      ((input[0] ?? 0) & 0x0f) === 0x08
        ? zlib.inflateSync(input, zlibOptions(zlib, max))
        : zlib.inflateRawSync(input, zlibOptions(zlib, max)),
  ],
  [
    "br",
    (zlib, input, max) => {
      const flush = zlib.constants.BROTLI_OPERATION_FLUSH;
      return zlib.brotliDecompressSync(input, { maxOutputLength: max, flush, finishFlush: flush });
    },
  ],
]);
