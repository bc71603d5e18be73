// Run by bench/workloads/runtimes.ts on Deno and Bun (which run harness.ts as it is): the timeline
// and post workloads there, where mastodon-ts sends its requests through the runtime's own fetch.
// Raw fetch + res.json() and mastodon-ts take turns block by block, sequentially and 16 at a time,
// against the Node parent's loopback server. Prints one JSON line: each case's paired ratio.
import { concurrently, measureInterleaved, summariseAgainst } from "./harness.ts";

const [dist, base, requestsArg, warmupArg, blockArg] = globalThis.Deno?.args ?? process.argv.slice(2);
const { Mastodon, VERSION } = await import(dist);
const TOKEN = "bench-fake-token";
const TEXT = "Hello from the benchmark";
const headers = { Authorization: `Bearer ${TOKEN}` };
const api = new Mastodon({ api_base_url: base, access_token: TOKEN });
const kinds = {
  timeline: {
    raw: async () => (await fetch(`${base}/api/v1/timelines/home?limit=40`, { headers })).json(),
    client: () => api.timelineHome({ limit: 40 }),
  },
  post: {
    raw: async () =>
      (
        await fetch(`${base}/api/v1/statuses`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
          body: JSON.stringify({ status: TEXT }),
        })
      ).json(),
    client: () => api.statusPost(TEXT),
  },
};
const report = {
  runtime: typeof Deno !== "undefined" ? `Deno ${Deno.version.deno}` : `Bun ${Bun.version}`,
  version: VERSION,
};
for (const [kind, { raw, client }] of Object.entries(kinds)) {
  for (const concurrency of [1, 16]) {
    const config = {
      requests: Math.max(20, Math.round(Number(requestsArg) / concurrency)),
      warmup: Math.max(5, Math.round(Number(warmupArg) / concurrency)),
      block: Math.max(2, Math.round(Number(blockArg) / concurrency)),
    };
    const contenders = [
      { name: "raw fetch", once: concurrently(raw, concurrency) },
      { name: "mastodon-ts", once: concurrently(client, concurrency) },
    ];
    const latencies = await measureInterleaved(contenders, config);
    const [rawStats, subject] = summariseAgainst(
      latencies,
      ["raw fetch", "mastodon-ts"],
      "raw fetch",
      config.block,
    );
    report[`${kind}${concurrency === 1 ? "" : `-${concurrency}`}`] = {
      ratio: Number(subject.ratio.toFixed(3)),
      "raw median ms": Number(rawStats.median.toFixed(3)),
      "mastodon-ts median ms": Number(subject.median.toFixed(3)),
    };
  }
}
console.log(JSON.stringify(report));
