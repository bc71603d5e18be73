// A small Mastodon stand-in for the fault tests of streams, on real sockets: statuses and
// notifications kept as a real server keeps them (so they survive a restart), Mastodon's REST paging
// (min_id, since_id, max_id, limit, types[]), the user stream over SSE (node:http) and WebSocket (a
// real `ws` server), heartbeats, and faults: stop (every socket destroyed, the port closed) and
// start again on the same port, drop connections, go silent, send a live event with the headers.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { json } from "./support/http-server.js";

export interface Item {
  id: string;
  content?: string;
  type?: string;
  account: { id: string; acct: string };
}

export type IdStyle = "mastodon" | "flake";

export interface MiniServerOptions {
  /** Mastodon's decimal snowflakes (crossing a length boundary), or Pleroma-style base62 flake ids. */
  ids?: IdStyle;
  /** SSE comment lines every this many ms (default none). */
  heartbeatMs?: number;
  /** SSE line ending (default "\n"). */
  lineEnd?: "\n" | "\r" | "\r\n";
  /** On each SSE or WebSocket connection after the first, create a status and send it at once (with the headers on SSE). */
  eventWithHeadersOnReconnect?: boolean;
  /** Answer the standard-WebSocket probe (a hashtag subscription without tag), as Mastodon does. Default true. */
  answerProbes?: boolean;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Id generators. Mastodon's start just below a power of ten, so lengths grow mid-test. */
function idMaker(style: IdStyle): () => string {
  let n = 0n;
  if (style === "flake") {
    return () => {
      let v = n++;
      let text = "";
      do {
        text = BASE62[Number(v % 62n)] + text;
        v /= 62n;
      } while (v > 0n);
      return `AbCdEf${text.padStart(12, "0")}`;
    };
  }
  // 999999999999999900 + n: 18 digits, then 19. Above 2^53, so a Number would merge neighbours.
  return () => String(999999999999999900n + n++);
}

/** Ids compared as Mastodon and Pleroma order them (the test's own copy, independent of the library). */
export function cmp(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export class MiniStreamingServer {
  url = "";
  port = 0;
  readonly statuses: Item[] = [];
  readonly notifications: Item[] = [];
  readonly restRequests: string[] = [];
  /** Stream connections accepted, in order, with when (ms since epoch). */
  readonly connections: Array<{ transport: "sse" | "websocket"; at: number }> = [];
  /** Nothing is sent (events stay stored), no heartbeat, no pong, no probe answer, while true. */
  silent = false;
  readonly #sse = new Set<ServerResponse>();
  readonly #ws = new Set<WebSocket>();
  readonly #sockets = new Set<Socket>();
  readonly #wss = new WebSocketServer({ noServer: true, autoPong: false });
  #server: ReturnType<typeof createServer> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #nextId: () => string;
  #waiters: Array<() => void> = [];

  constructor(readonly options: MiniServerOptions = {}) {
    this.#nextId = idMaker(options.ids ?? "mastodon");
  }

  static async start(options: MiniServerOptions = {}): Promise<MiniStreamingServer> {
    const server = new MiniStreamingServer(options);
    await server.listen();
    return server;
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  /** Open stream connections (SSE responses and WebSockets subscribed to "user"). */
  get open(): number {
    return this.#sse.size + [...this.#ws].filter((ws) => (ws as { subscribed?: boolean }).subscribed).length;
  }

  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  #changed(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /** Listens (again, after stop()) on the same port. */
  async listen(): Promise<void> {
    const server = createServer((req, res) => this.#request(req, res));
    server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    server.on("upgrade", (req, socket, head) => this.#upgrade(req, socket as Socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.#server = server;
    this.port = (server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    if (this.options.heartbeatMs !== undefined) {
      this.#heartbeat = setInterval(() => {
        if (this.silent) return;
        for (const res of this.#sse) res.write(`:thump${this.#eol}`);
      }, this.options.heartbeatMs);
    }
  }

  /** A crash: every connection destroyed at once and the port closed. Stored items stay. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    clearInterval(this.#heartbeat);
    for (const ws of this.#ws) ws.terminate();
    for (const socket of this.#sockets) socket.destroy();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive sockets idle between requests would otherwise hold close() open.
    server.closeAllConnections();
    await closed;
    this.#changed();
  }

  async close(): Promise<void> {
    await this.stop();
    this.#wss.close();
  }

  /** Drops every stream connection (the server stays up). */
  drop(): void {
    for (const res of this.#sse) res.socket?.destroy();
    for (const ws of this.#ws) ws.terminate();
  }

  get #eol(): string {
    return this.options.lineEnd ?? "\n";
  }

  /** A new status (and every tenth, a mention notification): stored, and sent live when running. */
  createStatus(content = "status"): Item {
    const item: Item = { id: this.#nextId(), content, account: { id: "1", acct: "alice" } };
    this.statuses.push(item);
    this.#send("update", item);
    return item;
  }

  createNotification(type = "mention"): Item {
    const item: Item = { id: this.#nextId(), type, account: { id: "2", acct: "bob" } };
    this.notifications.push(item);
    this.#send("notification", item);
    return item;
  }

  #sseEvent(event: string, payload: unknown): string {
    const eol = this.#eol;
    return `event: ${event}${eol}data: ${JSON.stringify(payload)}${eol}${eol}`;
  }

  #send(event: string, payload: unknown): void {
    if (this.silent || !this.running) return;
    for (const res of this.#sse) res.write(this.#sseEvent(event, payload));
    const message = JSON.stringify({ stream: ["user"], event, payload: JSON.stringify(payload) });
    for (const ws of this.#ws) if ((ws as { subscribed?: boolean }).subscribed) ws.send(message);
  }

  /** Sends raw text to every SSE response, or a raw message to every WebSocket. */
  sendRaw(sse: string, ws?: string): void {
    for (const res of this.#sse) res.write(sse);
    if (ws !== undefined) for (const socket of this.#ws) socket.send(ws);
  }

  /** Ends every SSE response cleanly (the last bytes written first). */
  endSse(last = ""): void {
    for (const res of this.#sse) res.end(last);
  }

  #request(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", this.url);
    if (url.pathname === "/api/v1/streaming/user") {
      this.#openSse(res);
      return;
    }
    this.restRequests.push(`${url.pathname}${url.search}`);
    if (url.pathname === "/api/v2/instance") {
      json(res, 200, {
        domain: "mini",
        version: "4.3.0",
        configuration: { urls: { streaming: this.url.replace("http://", "ws://") } },
      });
      return;
    }
    if (url.pathname === "/api/v1/instance") {
      json(res, 200, { uri: "mini", version: "4.3.0", urls: {} });
      return;
    }
    if (url.pathname === "/api/v1/timelines/home") {
      json(res, 200, page(this.statuses, url.searchParams));
      return;
    }
    if (url.pathname === "/api/v1/notifications") {
      const types = url.searchParams.getAll("types[]");
      const items = types.length
        ? this.notifications.filter((n) => types.includes(n.type ?? ""))
        : this.notifications;
      json(res, 200, page(items, url.searchParams));
      return;
    }
    json(res, 404, { error: "Record not found" });
  }

  #openSse(res: ServerResponse): void {
    this.connections.push({ transport: "sse", at: Date.now() });
    // Headers go out with the first write: a status created now arrives together with them.
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    this.#sse.add(res);
    res.on("close", () => {
      this.#sse.delete(res);
      this.#changed();
    });
    const again = this.connections.length > 1 && this.options.eventWithHeadersOnReconnect;
    if (again) {
      const item: Item = { id: this.#nextId(), content: "with the headers", account: { id: "1", acct: "a" } };
      this.statuses.push(item);
      this.#sse.delete(res);
      this.#send("update", item);
      this.#sse.add(res);
      res.write(`:)${this.#eol}${this.#sseEvent("update", item)}`);
    } else if (!this.silent) res.write(`:)${this.#eol}`);
    // Silent: the headers, then nothing at all.
    else res.flushHeaders();
    this.#changed();
  }

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on("error", () => undefined);
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.connections.push({ transport: "websocket", at: Date.now() });
      this.#ws.add(ws);
      ws.on("ping", (data) => {
        if (!this.silent) ws.pong(data);
      });
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as { type: string; stream: string; tag?: string };
        if (message.stream === "hashtag" && !message.tag) {
          if (!this.silent && this.options.answerProbes !== false)
            ws.send(JSON.stringify({ error: "Missing tag name parameter", status: 400 }));
          return;
        }
        if (message.type === "subscribe" && message.stream === "user") {
          (ws as { subscribed?: boolean }).subscribed = true;
          if (this.connections.length > 1 && this.options.eventWithHeadersOnReconnect)
            this.createStatus("at once");
          this.#changed();
        }
      });
      ws.on("close", () => {
        this.#ws.delete(ws);
        this.#changed();
      });
      this.#changed();
    });
  }
}

/** Mastodon's paging: min_id gives the items just after it; since_id and max_id the newest in range. */
function page(items: readonly Item[], query: URLSearchParams): Item[] {
  const limit = Math.min(Number(query.get("limit") ?? 20), 40);
  const minId = query.get("min_id");
  const sinceId = query.get("since_id");
  const maxId = query.get("max_id");
  const sorted = [...items].sort((a, b) => cmp(a.id, b.id));
  let inRange = sorted.filter(
    (i) =>
      (minId === null || cmp(i.id, minId) > 0) &&
      (sinceId === null || cmp(i.id, sinceId) > 0) &&
      (maxId === null || cmp(i.id, maxId) < 0),
  );
  inRange = minId !== null ? inRange.slice(0, limit) : inRange.slice(-limit);
  return inRange.reverse();
}
