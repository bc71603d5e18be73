/**
 * A small Mastodon stand-in for the runtime tests (Deno, Bun, other Node versions, a browser page):
 * node:http on 127.0.0.1 with CORS, so a page from another origin may call it, a few REST endpoints,
 * the user stream over SSE and over WebSocket (a real `ws` server), and one token it accepts.
 * Each stream connection gets `STREAM_TEXTS` as update events once it is subscribed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer } from "ws";

export const TOKEN = "runtime-smoke-token";
export const ACCOUNT = { id: "7", username: "smoke", acct: "smoke", display_name: "Smoke Tester" };
export const TIMELINE_TEXTS = ["first toot", "second toot", "third toot"];
export const STREAM_TEXTS = ["live one", "live two", "live three"];

const status = (id: string, text: string, visibility = "public") => ({
  id,
  created_at: "2025-01-01T00:00:00.000Z",
  content: `<p>${text}</p>`,
  visibility,
  account: ACCOUNT,
});

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "Link, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset",
};

function send(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(code, { ...CORS, "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface CorsMastodon {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** "METHOD /path" of every request, preflights included. */
  requests: string[];
  /** Statuses posted, as the server read them. */
  posted: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startCorsMastodon(): Promise<CorsMastodon> {
  const requests: string[] = [];
  const posted: Record<string, unknown>[] = [];
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => [...protocols][0] ?? false,
  });
  let url = "";

  const server = createServer((req, res) => {
    void (async () => {
      const target = new URL(req.url ?? "/", url);
      requests.push(`${req.method} ${target.pathname}`);
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          ...CORS,
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
          "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
          "access-control-max-age": "600",
        });
        return void res.end();
      }
      const body = await readBody(req);
      if (target.pathname === "/api/v2/instance")
        return send(res, 200, {
          domain: "smoke.test",
          version: "4.6.4",
          configuration: { urls: { streaming: url.replace("http:", "ws:") } },
        });
      if (target.pathname === "/api/v1/instance")
        return send(res, 200, { uri: "smoke.test", version: "4.6.4", urls: {} });
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return send(res, 401, { error: "The access token is invalid" });
      if (target.pathname === "/api/v1/streaming/user") return openSse(res);
      if (target.pathname === "/api/v1/accounts/verify_credentials") return send(res, 200, ACCOUNT);
      if (target.pathname === "/api/v1/timelines/home") {
        const limit = Number(target.searchParams.get("limit") ?? 20);
        const maxId = Number(target.searchParams.get("max_id") ?? 1000);
        const all = TIMELINE_TEXTS.map((text, i) => status(String(999 - i), text));
        const page = all.filter((s) => Number(s.id) < maxId).slice(0, limit);
        const last = page.at(-1);
        const link = last ? { link: `<${url}/api/v1/timelines/home?max_id=${last.id}>; rel="next"` } : {};
        return send(res, 200, page, link);
      }
      if (req.method === "POST" && target.pathname === "/api/v1/statuses") {
        const params = JSON.parse(body || "{}") as Record<string, unknown>;
        posted.push(params);
        return send(res, 200, status("2000", String(params.status), String(params.visibility ?? "public")));
      }
      send(res, 404, { error: "Record not found" });
    })();
  });

  function openSse(res: ServerResponse) {
    res.writeHead(200, { ...CORS, "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write(":)\n\n");
    STREAM_TEXTS.forEach((text, i) => {
      res.write(`event: update\ndata: ${JSON.stringify(status(String(3000 + i), text))}\n\n`);
    });
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (req, socket, head) => {
    const protocol = String(req.headers["sec-websocket-protocol"] ?? "")
      .split(",")[0]
      ?.trim();
    requests.push(`UPGRADE ${new URL(req.url ?? "/", url).pathname}`);
    if (protocol !== TOKEN && req.headers.authorization !== `Bearer ${TOKEN}`) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as { type?: string; stream?: string };
        if (message.type !== "subscribe") return;
        STREAM_TEXTS.forEach((text, i) => {
          const payload = JSON.stringify(status(String(4000 + i), text));
          ws.send(JSON.stringify({ stream: [message.stream], event: "update", payload }));
        });
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    posted,
    async close() {
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
