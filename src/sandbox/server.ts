/**
 * The HTTP side: applies CORS, the rate limit and the route's token rules, then reads the body (capped
 * by the route, parameters parsed as Rails parses them), runs the handler and writes its reply. Every
 * failure becomes Mastodon's JSON error; an unexpected one is a 500 and never takes the server down.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxApp } from "./app.js";
import { authorize, bearer, findToken } from "./auth.js";
import { BodyBudget, type HeldBody } from "./body.js";
import type { SandboxContext } from "./context.js";
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

/**
 * Rack::Attack's keys: a verified token counts for itself, anything else for the address it comes
 * from. An unverified token is no key: made-up ones would each get a fresh budget and a window kept
 * in memory.
 */
function rateKey(ctx: SandboxContext, req: IncomingMessage, query: URLSearchParams): string {
  const presented = bearer(req.headers.authorization, query);
  const token = presented === undefined ? undefined : findToken(ctx, presented);
  return token ? `token:${token.id}` : `ip:${req.socket.remoteAddress ?? "?"}`;
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
  const mib = 1024 * 1024;
  // Routes that take files: the largest upload, with room for the multipart envelope and the fields.
  const uploadLimit = ctx.options.max_upload_bytes + mib;
  // Any other body is small: a status at max_characters fits even with every character sent as a
  // percent-encoded four-byte UTF-8 sequence (12 bytes).
  const formLimit = mib + 12 * ctx.options.max_characters;
  // Four of the largest bodies at once; past that, Mastodon's 503 until one is done.
  const bodies = new BodyBudget(4 * Math.max(uploadLimit, formLimit));
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
    let body: HeldBody | undefined;
    try {
      if (method === "OPTIONS") {
        send(res, { status: 204, body: null, raw: "" }, { ...CORS_HEADERS }, false);
        return;
      }
      // Everything that can refuse the request comes before its body is read.
      const { match } = router.match(method, path);
      if (isRateLimited(path))
        Object.assign(extra, limiter.take(rateKey(ctx, req, url.searchParams), ctx.now()));
      if (!match) throw notFound();
      const caller = authorize(ctx, req.headers.authorization, url.searchParams, match.route);
      body = await bodies.read(req, match.route.upload ? uploadLimit : formLimit);
      const params = parseParams(url.searchParams, body.data, req.headers["content-type"]);
      if ("_raw" in params && body.data.length > 0 && /json/i.test(req.headers["content-type"] ?? "")) {
        throw badRequest("Error occurred while parsing request parameters");
      }
      const request = new SandboxRequest(
        ctx,
        method,
        path,
        url.searchParams,
        req.headers,
        params,
        match.params,
      );
      Object.assign(request, caller);
      const reply = await match.route.handler(request);
      if (reply.stream) {
        reply.stream(res, req);
        return;
      }
      send(res, reply, extra, method === "HEAD");
    } catch (error) {
      // A body left unread (the request was refused first) is discarded as it arrives, never kept.
      req.resume();
      // Nobody to answer: the reply has begun, or the client has gone (an upload given up half way).
      if (res.headersSent || req.socket.destroyed) {
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
    } finally {
      body?.release();
    }
  };
}
