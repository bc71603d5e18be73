/**
 * The timeline workload: GET /api/v1/timelines/home?limit=40 against a loopback server sending a
 * real 40-status home timeline. mastodon-ts's `timelineHome({ limit: 40 })` (the built package)
 * against a raw `fetch` + `res.json()` of the same URL, interleaved in the same run.
 */
import { Mastodon } from "../../dist/index.js";
import {
  type BenchConfig,
  compare,
  measureInterleaved,
  type Result,
  summarise,
  type Workload,
} from "../harness.js";
import { startTimelineServerInWorker, TIMELINE_PATH } from "../server.js";
import { buildTimelineFixture } from "../timeline-fixture.js";

/** An obviously fake token: the server does not check it, but both clients send one. */
const TOKEN = "bench-fake-token";
const RAW = "raw fetch";
const SUBJECT = "mastodon-ts";

export const workload: Workload = {
  name: "timeline",
  description:
    "GET /api/v1/timelines/home, 40 statuses: mastodon-ts timelineHome() vs raw fetch + res.json()",
  async run(config: BenchConfig): Promise<Result> {
    const fixture = buildTimelineFixture();
    const newest = fixture.statuses[0]!;
    const oldest = fixture.statuses[fixture.statuses.length - 1]!;
    const server = await startTimelineServerInWorker({
      body: fixture.body,
      newestId: newest.id,
      oldestId: oldest.id,
    });
    try {
      const url = `${server.url}${TIMELINE_PATH}?limit=40`;
      const api = new Mastodon({ api_base_url: server.url, access_token: TOKEN });
      const raw = async () =>
        (await (await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as unknown;
      const viaClient = () => api.timelineHome({ limit: 40 });

      // Both must see the same timeline, or the comparison means nothing.
      const [a, b] = [(await raw()) as Array<{ id: string }>, await viaClient()];
      const ids = (list: Array<{ id: string }>) => list.map((s) => s.id).join(",");
      if (a.length !== fixture.statuses.length || ids(a) !== ids(b)) {
        throw new Error(
          `timeline: the two clients got different answers (${a.length} vs ${b.length} statuses)`,
        );
      }

      const latencies = await measureInterleaved(
        [
          { name: RAW, once: raw },
          { name: SUBJECT, once: viaClient },
        ],
        config,
      );
      const served = await server.requests();
      const baseline = summarise(RAW, latencies.get(RAW)!);
      const subject = summarise(SUBJECT, latencies.get(SUBJECT)!);
      const expected = 2 + 2 * (config.warmup + config.requests);
      if (served !== expected)
        throw new Error(`timeline: the server answered ${served} requests, expected ${expected}`);
      return {
        name: this.name,
        description: this.description,
        info: {
          fixture: fixture.source,
          fixtureDescription: fixture.description,
          statuses: fixture.statuses.length,
          bodyBytes: Buffer.byteLength(fixture.body),
          warmup: config.warmup,
          block: config.block,
          server: "node:http on 127.0.0.1, worker thread, keep-alive",
        },
        stats: [baseline, subject],
        comparison: compare(subject, baseline, config.threshold),
      };
    } finally {
      await server.close();
    }
  },
};
