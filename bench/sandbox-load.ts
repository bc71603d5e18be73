/**
 * The sandbox workload's load generator, run in a fresh process of its own: in the bench's main
 * process, after the workloads before it (their clients and pages on its heap), it sent half as
 * many requests to the sandbox and to the floor alike, which moved the requests/s but not the ratio.
 *
 *   node --import tsx bench/sandbox-load.ts <sandbox url> <floor url> <token> <seconds> <rounds>
 *
 * Reads each URL from CONCURRENCY keep-alive connections, taking turns in short rounds (ABBA, so
 * that a drift in the machine's speed falls on both alike), and prints one JSON line: each
 * server's rounds (every latency, requests/s and seconds).
 */
import { Agent, request } from "node:http";

export const CONCURRENCY = 16;

export interface Round {
  latencies: number[];
  rps: number;
  seconds: number;
}

/** Reads `url` from CONCURRENCY keep-alive connections for `seconds`; the latencies of every request. */
async function load(url: string, token: string, seconds: number): Promise<Round> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const start = performance.now();
      const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
        res.on("data", () => undefined);
        res.on("end", () => {
          latencies.push(performance.now() - start);
          resolve();
        });
      });
      req.on("error", reject);
      req.end();
    });
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) await once();
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  agent.destroy();
  return { latencies, rps: latencies.length / elapsed, seconds: elapsed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [sandboxUrl, floorUrl, token, secondsArg, roundsArg] = process.argv.slice(2) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const seconds = Number(secondsArg);
  const roundCount = Number(roundsArg);
  await load(sandboxUrl, token, 0.5); // warm-up
  await load(floorUrl, token, 0.5);
  const rounds = { sandbox: [] as Round[], floor: [] as Round[] };
  for (let round = 0; round < roundCount; round++) {
    const order = round % 2 === 0 ? (["sandbox", "floor"] as const) : (["floor", "sandbox"] as const);
    for (const which of order) {
      rounds[which].push(
        await load(which === "sandbox" ? sandboxUrl : floorUrl, token, seconds / roundCount),
      );
    }
  }
  console.log(JSON.stringify(rounds));
}
