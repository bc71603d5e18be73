/**
 * The undici transport (Node.js only): each request goes out through undici's `request()`, which
 * skips the WHATWG layers of fetch (Request, Response, Headers and web streams) and is markedly
 * faster per request. Loaded by a dynamic import, and only when `transport` asks for it, so the
 * main entry stays free of Node-only code. What it hands back to the core behaves as a fetch
 * answer does: the same headers, status text, body size cap, compression and failure shapes.
 */
import type { AttemptSignal } from "./attempt-signal.js";
import type { Hop } from "./redirects.js";
import { BodyBrokeOff, declaredSize, decodeChunks, type Exchange, tooLarge } from "./response-body.js";
import type { Answer, HeaderReader, Transport } from "./transport.js";

/** The part of undici's response body (a Node Readable) that is used here. */
interface UndiciBody {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  destroy(): unknown;
  /** Reads and drops what is left (up to a limit), so that the connection can be reused. */
  dump?(): Promise<unknown>;
}

type RawHeaderValues = Record<string, string | string[] | undefined>;

/** The part of undici's `request()` that is used here (the same in undici 6 and 7). */
type UndiciRequest = (
  url: string,
  options: {
    method: string;
    headers: Record<string, string>;
    body?: string | FormData | undefined;
    /** An AbortSignal, or anything with its aborted, reason and add/removeEventListener. */
    signal: AttemptSignal;
    dispatcher?: object | undefined;
    maxRedirections?: number;
  },
) => Promise<{ statusCode: number; headers: RawHeaderValues; body: UndiciBody }>;

type Zlib = typeof import("node:zlib");
type GetBuiltin = (id: string) => unknown;

/** Node's own modules, synchronously, without a static `node:` import (this file is in browser bundles too). */
function builtin<T>(id: string): T {
  return (globalThis as unknown as { process: { getBuiltinModule: GetBuiltin } }).process.getBuiltinModule(
    id,
  ) as T;
}

/** Lower-case names as undici gives them; a repeated header's values joined by ", " as in `Headers.get`. */
class RawHeaders implements HeaderReader {
  constructor(private readonly raw: RawHeaderValues) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === "string" ? value : value.join(", ");
  }
}

/** An answer whose body is still to be read. */
class UndiciAnswer implements Answer {
  readonly headers: RawHeaders;

  constructor(
    readonly status: number,
    readonly statusText: string,
    raw: RawHeaderValues,
    readonly body: UndiciBody,
  ) {
    this.headers = new RawHeaders(raw);
  }
}

/**
 * The compressions fetch accepts, asked for the same way so that servers answer alike (a
 * 40-status page is a tenth of its size gzipped).
 */
const ACCEPT_ENCODING = "gzip, deflate, br";

/** Sends requests with undici's `request()`, through `dispatcher` when one is given. */
export async function undiciTransport(dispatcher: object | undefined): Promise<Transport> {
  // A variable specifier keeps bundlers and the type checker from requiring the optional package.
  const specifier = "undici";
  const undici = (await import(specifier)) as { request?: UndiciRequest };
  const request = undici.request;
  if (typeof request !== "function") throw new Error("the installed undici has no request() function");
  const reasons = builtin<{ STATUS_CODES: Record<number, string | undefined> }>("node:http").STATUS_CODES;
  return {
    // The attempt's own signal goes to request() as it is: no AbortController per request.
    async send(hop: Hop, signal: AttemptSignal): Promise<UndiciAnswer> {
      let headers = hop.headers;
      if (headers["Accept-Encoding"] === undefined) {
        // Copied, not spread: `{ ...headers, name: value }` takes V8's slow path (~1 us a request).
        headers = Object.assign({}, headers);
        headers["Accept-Encoding"] = ACCEPT_ENCODING;
      }
      let answer: Awaited<ReturnType<UndiciRequest>>;
      try {
        answer = await request(hop.url, {
          method: hop.method,
          headers,
          body: hop.body,
          signal,
          dispatcher,
          // The core follows redirects itself; this overrules a dispatcher made to follow them
          // (undici 6's Agent({ maxRedirections }), or 7's redirect interceptor).
          maxRedirections: 0,
        });
      } catch (error) {
        // fetch wraps every network failure as TypeError("fetch failed", { cause }); so does this,
        // so that the core (and a program inspecting error.cause) sees the same shape.
        throw signal.aborted ? error : new TypeError("fetch failed", { cause: error });
      }
      // undici does not report the reason phrase of request(); the standard one is what fetch shows
      // for any ordinary server (HTTP/2 has none, and fetch then shows "").
      return new UndiciAnswer(
        answer.statusCode,
        reasons[answer.statusCode] ?? "",
        answer.headers,
        answer.body,
      );
    },
    text: readText,
    discard(answer: UndiciAnswer): void {
      const { body } = answer;
      if (body.dump) body.dump().catch(() => {});
      else drop(body);
    },
  };
}

/** Closes a body that will not be read; undici then reports an abort, which nobody needs to hear. */
function drop(body: UndiciBody): void {
  body.on("error", () => {});
  body.destroy();
}

/** The body as text, within the cap; decompressed as fetch would, the cap applying to what comes out. */
function readText(answer: UndiciAnswer, exchange: Exchange): Promise<string> {
  const declared = declaredSize(answer);
  const encoding = answer.headers.get("content-encoding")?.trim().toLowerCase();
  const compressed = encoding !== undefined && encoding !== "" && encoding !== "identity";
  // As on the fetch path: the declared size (of what travels, compressed or not) is checked first.
  if (declared !== undefined && declared > exchange.maxBytes) {
    drop(answer.body);
    tooLarge(answer, exchange, declared);
  }
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let received = 0;
    const { body } = answer;
    body.on("data", (chunk) => {
      received += chunk.byteLength;
      chunks.push(chunk);
      // Compressed bytes are counted too: they are never more than what they expand to, in practice.
      if (received > exchange.maxBytes) {
        body.destroy();
        try {
          tooLarge(answer, exchange, undefined);
        } catch (error) {
          reject(error);
        }
      }
    });
    body.on("error", (cause) => reject(new BodyBrokeOff(received, cause)));
    body.on("end", () => {
      try {
        resolve(
          compressed
            ? decompress(answer, exchange, encoding, chunks, received)
            : decodeChunks(chunks, received),
        );
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Expands a compressed body (gzip, deflate or br, as fetch does), refusing output past the cap. */
function decompress(
  answer: UndiciAnswer,
  exchange: Exchange,
  encoding: string,
  chunks: readonly Uint8Array[],
  size: number,
): string {
  const zlib = builtin<Zlib>("node:zlib");
  const input = Buffer.concat(chunks, size);
  const options = { maxOutputLength: exchange.maxBytes };
  let output: Buffer;
  try {
    if (encoding === "gzip" || encoding === "x-gzip") output = zlib.gunzipSync(input, options);
    else if (encoding === "deflate") output = zlib.inflateSync(input, options);
    else if (encoding === "br") output = zlib.brotliDecompressSync(input, options);
    else return decodeChunks(chunks, size); // An unknown coding is passed on as it is, as fetch does.
  } catch (error) {
    // Past the cap once expanded; the declared (compressed) size says nothing about that.
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") tooLarge(answer, exchange, undefined);
    throw new BodyBrokeOff(size, error);
  }
  return decodeChunks([output], output.byteLength);
}
