/**
 * The HTTP side: reads each request (body capped, parameters parsed as Rails parses them), applies CORS,
 * the rate limit and the route's token rules, runs the handler and writes its reply. Every failure
 * becomes Mastodon's JSON error; an unexpected one is a 500 and never takes the server down.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxApp } from "./app.js";
import { authorize, bearer } from "./auth.js";
import { parseParams } from "./params.js";
import type { RateLimiter } from "./ratelimit.js";
import { ApiError, badRequest, notFound, type Reply } from "./reply.js";
import { SandboxRequest } from "./request.js";

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": "Authorization, Content-Type, Idempotency-Key",
  "access-control-expose-headers":
    "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id",
  "access-control-max-age": "7200",
};

const COMMON_HEADERS = { "cache-control": "private, no-store", vary: "Authorization, Origin" };

/** Streams are long-lived and not counted against the budget, as Mastodon's streaming server does not. */
function isRateLimited(path: string): boolean {
  return path.startsWith("/api/") && !path.startsWith("/api/v1/streaming");
}

function wantsCors(path: string): boolean {
  return (
    path.startsWith("/api/") ||
    path.startsWith("/oauth/token") ||
    path.startsWith("/oauth/revoke") ||
    path.startsWith("/.well-known/") ||
    path.startsWith("/system/") ||
    path === "/oauth/userinfo"
  );
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): ApiError {
  return new ApiError(413, { error: "Request entity too large" });
}

export function send(res: ServerResponse, reply: Reply, extra: Record<string, string>, head: boolean): void {
  const headers: Record<string, string> = { ...COMMON_HEADERS, ...extra, ...reply.headers };
  let body: string | Uint8Array;
  if (reply.raw !== undefined) body = reply.raw;
  else {
    body = reply.body === undefined ? "" : JSON.stringify(reply.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  res.writeHead(reply.status, headers);
  res.end(head ? undefined : body);
}

export function createHandler(app: SandboxApp, limiter: RateLimiter) {
  const { ctx, router } = app;
  const bodyLimit = ctx.options.max_upload_bytes + 1024 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://sandbox.invalid");
    } catch {
      url = new URL("http://sandbox.invalid/");
    }
    const path = url.pathname;
    const extra: Record<string, string> = wantsCors(path) ? { ...CORS_HEADERS } : {};
    try {
      if (method === "OPTIONS") {
        send(res, { status: 204, body: null, raw: "" }, { ...CORS_HEADERS }, false);
        return;
      }
      const raw = await readBody(req, bodyLimit);
      const params = parseParams(url.searchParams, raw, req.headers["content-type"]);
      if ("_raw" in params && raw.length > 0 && /json/i.test(req.headers["content-type"] ?? "")) {
        throw badRequest("Error occurred while parsing request parameters");
      }
      const { match } = router.match(method, path);
      if (isRateLimited(path)) {
        const key =
          bearer(req.headers.authorization, url.searchParams) ?? `ip:${req.socket.remoteAddress ?? "?"}`;
        Object.assign(extra, limiter.take(key, ctx.now()));
      }
      if (!match) throw notFound();
      const request = new SandboxRequest(
        ctx,
        method,
        path,
        url.searchParams,
        req.headers,
        params,
        match.params,
      );
      Object.assign(request, authorize(request, match.route));
      const reply = await match.route.handler(request);
      if (reply.stream) {
        reply.stream(res, req);
        return;
      }
      send(res, reply, extra, method === "HEAD");
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ApiError) {
        send(
          res,
          { status: error.status, body: error.body, headers: error.headers },
          extra,
          method === "HEAD",
        );
        return;
      }
      process.emitWarning(`sandbox: ${method} ${path} failed: ${(error as Error)?.stack ?? String(error)}`);
      send(res, { status: 500, body: { error: "We're sorry, but something went wrong" } }, extra, false);
    }
  };
}
