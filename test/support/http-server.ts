// A tiny scripted HTTP server for hand-written tests, on a real socket so the client's actual fetch
// path (headers, bodies, redirects, streaming) is exercised. The replay server is built on it.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ParamObject, parseParams } from "./params.js";

export interface ParsedRequest {
  method: string;
  /** Path without the query string, exactly as sent (no trailing-slash normalisation). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Query and body (form, JSON or multipart) parsed into one nested shape; see params.ts. */
  params: ParamObject;
}

export type Handler = (req: ParsedRequest, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  url: string;
  requests: ParsedRequest[];
  close(): Promise<void>;
}

export async function readRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", "http://replay.invalid");
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    rawBody,
    params: parseParams(url.searchParams, rawBody, req.headers["content-type"]),
  };
}

/** Sends a JSON response. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: ParsedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const parsed = await readRequest(req);
        requests.push(parsed);
        await handler(parsed, res);
      } catch (err) {
        // A throwing handler must not leave the client waiting for a response that never comes.
        if (!res.headersSent) json(res, 500, { error: `test server handler failed: ${String(err)}` });
        else res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      // Keep-alive sockets held by fetch would otherwise keep close() (and the test run) waiting.
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

/** A handler for one "METHOD /path" of a route table; `url` is the server's own base URL. */
export type Route = (req: ParsedRequest, res: ServerResponse, url: string) => void | Promise<void>;

/** Answers a request no route matched: a 404, as Mastodon answers an unknown record. */
export const notFound: Route = (_req, res) => json(res, 404, { error: "Record not found" });

/**
 * A server answering each "METHOD /path" with its route (`otherwise` for the rest), closed after
 * the test.
 */
export async function startRouteServer(
  t: { after(fn: () => unknown): void },
  routes: Readonly<Record<string, Route>>,
  otherwise: Route = notFound,
): Promise<TestServer> {
  const server: TestServer = await startServer((req, res) =>
    (routes[`${req.method} ${req.path}`] ?? otherwise)(req, res, server.url),
  );
  t.after(() => server.close());
  return server;
}

/**
 * Writes a body of 64 KiB chunks into `res` until the client goes away (or `limit` bytes, far past
 * anything a client should read), for tests of what a client lets go of. Counts what it wrote.
 */
export function writeUntilClosed(res: ServerResponse, limit: number): { readonly written: number } {
  const progress = { written: 0 };
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const pump = () => {
    while (!closed && progress.written < limit) {
      progress.written += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    res.end();
  };
  pump();
  return progress;
}
