// On Node 22 and 24, NODE_USE_ENV_PROXY=1 makes Node's fetch send requests through the proxy in
// HTTP_PROXY / HTTPS_PROXY (Node installs an EnvHttpProxyAgent as undici's global dispatcher). The
// default transport sends straight to that global dispatcher, so a bot behind a proxy is proxied
// the same way on both transports: a real CONNECT proxy on loopback sees each request's tunnel, and
// the target answers through it. (Node 20 has no such setting, for fetch or for mastodon-ts.)
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { json } from "./support/http-server.js";
import { ROOT, type RuntimeName, runtimeMissing, runtimePath } from "./support/runtimes.js";

const run = promisify(execFile);
let target: Server;
let proxy: Server;
let targetUrl: string;
let proxyUrl: string;
const tunnels: string[] = [];
/** The local ports of the proxy's connections to the target: a request from one came through it. */
const tunnelPorts = new Set<number>();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

before(async () => {
  target = createServer((req, res) => {
    const via = tunnelPorts.has(req.socket.remotePort ?? -1) ? "through the proxy" : "around the proxy";
    json(res, 200, { id: "1", content: `${via}: ${req.url}` });
  });
  targetUrl = `http://localhost:${await listen(target)}`;
  // A CONNECT proxy, as undici's proxy agents use for every target: it opens the tunnel and pipes.
  proxy = createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  proxy.on("connect", (req, socket, head) => {
    tunnels.push(String(req.url));
    const [, port] = String(req.url).split(":");
    const upstream = connect(Number(port), "127.0.0.1", () => {
      tunnelPorts.add(upstream.localPort ?? -1);
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});
after(() => {
  target?.closeAllConnections();
  target?.close();
  proxy?.closeAllConnections();
  proxy?.close();
});

for (const name of ["node22", "node24"] as const satisfies RuntimeName[]) {
  test(`${name}: with NODE_USE_ENV_PROXY, the default transport goes through HTTP_PROXY, as fetch does`, {
    skip: runtimeMissing(name),
  }, async () => {
    tunnels.length = 0;
    const script = join(ROOT, "test", "support", "env-proxy-client.mjs");
    const dist = join(ROOT, "dist", "index.js");
    const { stdout } = await run(runtimePath(name)!, [script, dist, targetUrl], {
      timeout: 60_000,
      env: {
        ...process.env,
        NODE_USE_ENV_PROXY: "1",
        HTTP_PROXY: proxyUrl,
        NO_PROXY: "",
        NODE_NO_WARNINGS: "1",
      },
    });
    const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, string>;
    const answer = "through the proxy: /api/v1/statuses/1";
    assert.deepEqual(report, { auto: answer, fetch: answer });
    // The target saw each request arrive on one of the proxy's tunnels to it.
    assert.deepEqual(new Set(tunnels), new Set([new URL(targetUrl).host]));
  });
}
