/**
 * The sandbox on a worker thread for the `sandbox` workload: alice posts `statuses` statuses through
 * the API (so they are stored and rendered as any client's would be), then the load generator on the
 * main thread reads her 40-status home timeline. `raw-floor` is a bare node:http server sending the
 * same bytes: the most any server could do on this machine, for the ratio.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandbox } from "../dist/sandbox/index.js";
import { type BenchServer, serveInWorker, startServerInWorker } from "./worker-server.js";

export interface SandboxBenchOptions {
  statuses: number;
}

async function startSeededSandbox(options: SandboxBenchOptions): Promise<BenchServer> {
  // A budget no benchmark reaches: the rate limit is measured elsewhere, throughput here.
  const sandbox = await startSandbox({
    port: 0,
    users: ["alice"],
    ratelimit: { limit: 1e9, window_seconds: 300 },
  });
  const alice = sandbox.client("alice");
  for (let i = 0; i < options.statuses; i++) {
    await alice.statusPost(`Status ${i} with a link https://example.com/${i} and a #hashtag for @alice`);
  }
  return {
    url: `${sandbox.url}#${sandbox.users[0]!.access_token}`,
    // Not counted: the load generator counts its own answers.
    requests: async () => 0,
    close: () => sandbox.close(),
  };
}

async function startRawFloor(options: { body: string }): Promise<BenchServer> {
  let served = 0;
  const body = Buffer.from(options.body);
  const server = createServer((_req, res) => {
    served++;
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: async () => served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The sandbox on a worker; its `url` carries alice's token after a `#` (a worker can send one string). */
export function startSandboxInWorker(options: SandboxBenchOptions): Promise<BenchServer> {
  return startServerInWorker(import.meta.url, "sandbox", options);
}

export function startRawFloorInWorker(options: { body: string }): Promise<BenchServer> {
  return startServerInWorker(import.meta.url, "raw-floor", options);
}

await serveInWorker("sandbox", startSeededSandbox);
await serveInWorker("raw-floor", startRawFloor);
