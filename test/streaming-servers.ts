// A scripted Mastodon stand-in for the streaming tests, on real sockets: the REST endpoints that
// streaming uses (instance, timelines and notifications for backfill), SSE on node:http and
// WebSocket on a real `ws` WebSocketServer, both at 127.0.0.1 on a free port. The test publishes
// events, drops connections (between or in the middle of events), goes silent, refuses reconnects.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { json } from "./support/http-server.js";

export interface FakeStatus {
  id: string;
  content: string;
  account: { id: string; acct: string };
}
export interface FakeNotification {
  id: string;
  type: string;
  account: { id: string; acct: string };
}

interface SseClient {
  res: ServerResponse;
  stream: string[];
}
interface WsClient {
  socket: WebSocket;
  subscriptions: Set<string>;
}

export interface Connection {
  transport: "sse" | "websocket";
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  protocol: string | undefined;
  userAgent: string | undefined;
}

export interface FakeServerOptions {
  /** What /api/v2/instance advertises as configuration.urls.streaming (default: this server, ws://). */
  advertise?: (self: string) => string | undefined;
  /** Comment lines sent on SSE every this many ms (default: none). */
  heartbeatMs?: number;
  /** Refuse the WebSocket upgrade with this status (a server without WebSocket streaming). */
  refuseWebSocket?: number;
  /** The token the server accepts (default: any). */
  token?: string;
}

const key = (stream: readonly string[]) => stream.join("\u0000");

/** SSE path -> stream name (media variants by only_media=true). */
function sseStream(path: string, query: URLSearchParams): string[] | undefined {
  const base = {
    "/api/v1/streaming/user": "user",
    "/api/v1/streaming/user/notification": "user:notification",
    "/api/v1/streaming/public": "public",
    "/api/v1/streaming/public/local": "public:local",
    "/api/v1/streaming/public/remote": "public:remote",
    "/api/v1/streaming/hashtag": "hashtag",
    "/api/v1/streaming/hashtag/local": "hashtag:local",
    "/api/v1/streaming/list": "list",
    "/api/v1/streaming/direct": "direct",
  }[path];
  if (base === undefined) return undefined;
  if (base.startsWith("public") && query.get("only_media") === "true") return [`${base}:media`];
  if (base.startsWith("hashtag")) return [base, query.get("tag") ?? ""];
  if (base === "list") return [base, query.get("list") ?? ""];
  return [base];
}

export class FakeStreamingServer {
  url = "";
  readonly connections: Connection[] = [];
  readonly restRequests: string[] = [];
  /** Stream connections (SSE and WebSocket upgrades) refused while > 0, counting down. */
  refuseConnections = 0;
  /** How stream connections are refused: an HTTP status, or "reset" (socket destroyed). */
  refuseWith: number | "reset" = 503;
  /** Heartbeats are withheld (and WebSocket pings and probes not answered) while true. */
  silent = false;
  readonly statuses: FakeStatus[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly #sse = new Set<SseClient>();
  readonly #ws = new Set<WsClient>();
  readonly #sockets = new Set<Socket>();
  readonly #wss = new WebSocketServer({ noServer: true, autoPong: false });
  readonly #server = createServer((req, res) => this.#request(req, res));
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #waiters: Array<() => void> = [];

  constructor(private readonly options: FakeServerOptions = {}) {}

  static async start(options: FakeServerOptions = {}): Promise<FakeStreamingServer> {
    const server = new FakeStreamingServer(options);
    await server.#listen();
    return server;
  }

  async #listen(): Promise<void> {
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    this.#server.on("upgrade", (req, socket, head) => this.#upgrade(req, socket as Socket, head));
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    if (this.options.heartbeatMs !== undefined) {
      this.#heartbeat = setInterval(() => {
        if (this.silent) return;
        for (const client of this.#sse) client.res.write(":thump\n");
      }, this.options.heartbeatMs);
    }
  }

  /** Open stream connections right now (SSE responses + WebSockets). */
  get open(): number {
    return this.#sse.size + this.#ws.size;
  }

  /** Resolves once `predicate` holds (checked whenever a connection or subscription changes). */
  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  #changed(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /** Subscriptions held on WebSockets, e.g. ["user", "hashtag\0cats"]. */
  get wsSubscriptions(): string[] {
    return [...this.#ws].flatMap((c) => [...c.subscriptions]);
  }

  #authorized(token: string | undefined): boolean {
    return this.options.token === undefined || token === this.options.token;
  }

  #request(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    const path = url.pathname;
    const stream = sseStream(path, url.searchParams);
    if (stream !== undefined) return this.#openSse(req, res, stream, url);
    this.restRequests.push(`${path}${url.search}`);
    if (path === "/api/v2/instance") {
      const advertised = this.options.advertise
        ? this.options.advertise(this.url)
        : this.url.replace("http://", "ws://");
      return json(res, 200, {
        domain: "fake",
        version: "4.6.4",
        configuration: { urls: { streaming: advertised } },
      });
    }
    if (path === "/api/v1/instance") return json(res, 200, { uri: "fake", version: "4.6.4", urls: {} });
    // Whose stream it is, for checkpoints and leases (option `checkpoint`).
    if (path === "/api/v1/accounts/verify_credentials") return json(res, 200, { id: "1", acct: "bot" });
    if (path === "/api/v1/streaming/health") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end("OK");
    }
    const since = url.searchParams.get("min_id");
    const limit = Number(url.searchParams.get("limit") ?? 20);
    if (path === "/api/v1/timelines/home" || path.startsWith("/api/v1/timelines/")) {
      return json(res, 200, page(this.statuses, since, limit));
    }
    if (path === "/api/v1/notifications") return json(res, 200, page(this.notifications, since, limit));
    json(res, 404, { error: "Record not found" });
  }

  #openSse(req: IncomingMessage, res: ServerResponse, stream: string[], url: URL) {
    const authorization = req.headers.authorization;
    this.connections.push({
      transport: "sse",
      path: url.pathname,
      query: url.searchParams,
      authorization,
      protocol: undefined,
      userAgent: req.headers["user-agent"],
    });
    this.#changed();
    if (this.refuseConnections > 0) {
      this.refuseConnections--;
      if (this.refuseWith === "reset") return void req.socket.destroy();
      return json(res, this.refuseWith, { error: "Service unavailable" });
    }
    const token = authorization?.replace(/^Bearer /, "") ?? url.searchParams.get("access_token") ?? undefined;
    if (!this.#authorized(token)) return json(res, 401, { error: "Invalid access token" });
    if ((stream[0] === "hashtag" || stream[0] === "hashtag:local") && !stream[1])
      return json(res, 400, { error: "Missing tag name parameter" });
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "private, no-store" });
    res.write(":)\n");
    const client = { res, stream };
    this.#sse.add(client);
    res.on("close", () => {
      this.#sse.delete(client);
      this.#changed();
    });
    this.#changed();
  }

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer) {
    // A client that gives up mid-handshake resets the socket; that is not the test's failure.
    socket.on("error", () => undefined);
    const url = new URL(req.url ?? "/", this.url);
    const protocol = req.headers["sec-websocket-protocol"];
    this.connections.push({
      transport: "websocket",
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      protocol,
      userAgent: req.headers["user-agent"],
    });
    this.#changed();
    const refuse = (status: number) => {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (this.options.refuseWebSocket !== undefined) return refuse(this.options.refuseWebSocket);
    if (this.refuseConnections > 0) {
      this.refuseConnections--;
      if (this.refuseWith === "reset") return void socket.destroy();
      return refuse(this.refuseWith);
    }
    const token = protocol?.split(",")[0]?.trim() ?? url.searchParams.get("access_token") ?? undefined;
    if (url.pathname !== "/api/v1/streaming") return refuse(404);
    if (!this.#authorized(token)) return refuse(401);
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const client: WsClient = { socket: ws, subscriptions: new Set() };
      this.#ws.add(client);
      ws.on("ping", (data) => {
        if (!this.silent) ws.pong(data);
      });
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as {
          type: string;
          stream: string;
          tag?: string;
          list?: string;
        };
        if (message.stream.startsWith("hashtag") && !message.tag) {
          // A silent server answers nothing, not even the probe a standard WebSocket sends.
          if (this.silent) return;
          ws.send(JSON.stringify({ error: "Missing tag name parameter", status: 400 }));
          return;
        }
        const parts = [
          message.stream,
          ...(message.tag ? [message.tag] : []),
          ...(message.list ? [message.list] : []),
        ];
        if (message.type === "subscribe") client.subscriptions.add(key(parts));
        else client.subscriptions.delete(key(parts));
        this.#changed();
      });
      ws.on("close", () => {
        this.#ws.delete(client);
        this.#changed();
      });
      this.#changed();
    });
  }

  /**
   * Sends an event to every connection on `stream`. Statuses (update) and notifications are also
   * kept, so that the timelines and notifications answer backfill requests with them.
   */
  publish(stream: readonly string[], event: string, payload: unknown): void {
    if (event === "update") this.statuses.push(payload as FakeStatus);
    if (event === "notification") this.notifications.push(payload as FakeNotification);
    this.send(stream, event, payload);
  }

  /** Sends without keeping (for events that REST would not return, or malformed data). */
  send(stream: readonly string[], event: string, payload: unknown, rawData?: string): void {
    const data = rawData ?? (typeof payload === "string" ? payload : JSON.stringify(payload));
    for (const client of this.#sse) {
      if (key(client.stream) === key(stream)) client.res.write(`event: ${event}\ndata: ${data}\n\n`);
    }
    for (const client of this.#ws) {
      if (client.subscriptions.has(key(stream))) {
        const message: Record<string, unknown> = { stream, event };
        if (payload !== undefined || rawData !== undefined) message.payload = data;
        client.socket.send(JSON.stringify(message));
      }
    }
  }

  /** Sends a raw WebSocket message to every socket. */
  sendRawWs(text: string): void {
    for (const client of this.#ws) client.socket.send(text);
  }

  /** Closes every WebSocket with this close code and reason (the reason is the server's text). */
  closeWs(code: number, reason: string): void {
    for (const client of this.#ws) client.socket.close(code, reason);
  }

  /** Keeps an item for backfill without sending it (it happened while the client was away). */
  happenWhileAway(event: "update" | "notification", payload: FakeStatus | FakeNotification): void {
    if (event === "update") this.statuses.push(payload as FakeStatus);
    else this.notifications.push(payload as FakeNotification);
  }

  /**
   * Drops every stream connection. With `midEvent`, first writes half of an event (SSE) so the client
   * sees a connection that broke in the middle of one.
   */
  drop(midEvent = false): void {
    for (const client of this.#sse) {
      if (midEvent) client.res.write('event: update\ndata: {"id":"999999999999999999","cont');
      client.res.socket?.destroy();
    }
    for (const client of this.#ws) client.socket.terminate();
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const client of this.#ws) client.socket.terminate();
    for (const socket of this.#sockets) socket.destroy();
    this.#wss.close();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Mastodon's min_id paging: the `limit` items just after `minId`, newest first. */
function page<T extends { id: string }>(items: readonly T[], minId: string | null, limit: number): T[] {
  const cmp = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const after = items.filter((i) => minId === null || cmp(i.id, minId) > 0).sort((a, b) => cmp(a.id, b.id));
  return after.slice(0, limit).reverse();
}

let counter = 0;
/** A status with a fresh, increasing snowflake-like id. */
export function status(content: string, acct = "alice"): FakeStatus {
  counter++;
  return { id: String(110000000000000000n + BigInt(counter)), content, account: { id: "1", acct } };
}
export function notification(type = "mention"): FakeNotification {
  counter++;
  return { id: String(220000000000000000n + BigInt(counter)), type, account: { id: "2", acct: "bob" } };
}
