/**
 * One request workload, shared by timeline, timeline-16, post and post-16: every client sends the
 * same request to the same loopback server (a real 40-status home timeline, or a status post
 * answered with a real status), sequentially or `concurrency` at a time, interleaved block by
 * block in the same run. Every row is divided by raw `fetch` (+ `res.json()`).
 */
import { randomUUID } from "node:crypto";
import { Mastodon } from "../dist/index.js";
import {
  type BenchConfig,
  type Contender,
  compare,
  concurrently,
  measureInterleaved,
  type Result,
  summariseAgainst,
} from "./harness.js";
import { loadMasto, loadMegalodon, loadUndici, mastoClient, megalodonClient, versionOf } from "./peers.js";
import { STATUSES_PATH, startTimelineServerInWorker, TIMELINE_PATH } from "./server.js";
import { buildTimelineFixture } from "./timeline-fixture.js";

/** An obviously fake token: the server does not check it, but every client sends one. */
const TOKEN = "bench-fake-token";
export const RAW = "raw fetch";
export const SUBJECT = "mastodon-ts";
/**
 * The same client on the fetch transport. The subject above runs on the default, which on Node is
 * undici's dispatch() on Node's own dispatcher (issue 11 item 2: at most 0.85x raw fetch).
 */
export const SUBJECT_FETCH = "mastodon-ts (transport: fetch)";
const TEXT = "Hello from the benchmark";

export type RequestKind = "timeline" | "post";

/** What each client does for one request of `kind`; every result is reduced to a comparable id list. */
interface Client {
  name: string;
  once(): Promise<unknown>;
  ids(result: unknown): string;
}

const idsOf = (value: unknown): string =>
  Array.isArray(value) ? value.map((s: { id: string }) => s.id).join(",") : (value as { id: string }).id;

async function clients(kind: RequestKind, base: string): Promise<{ list: Client[]; notes: string[] }> {
  const notes: string[] = [];
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const timelineUrl = `${base}${TIMELINE_PATH}?limit=40`;
  const postUrl = `${base}${STATUSES_PATH}`;
  const postHeaders = () => ({
    ...headers,
    "Content-Type": "application/json",
    "Idempotency-Key": randomUUID(),
  });
  const list: Client[] = [];
  list.push({
    name: RAW,
    once:
      kind === "timeline"
        ? async () => (await fetch(timelineUrl, { headers })).json()
        : async () =>
            (
              await fetch(postUrl, {
                method: "POST",
                headers: postHeaders(),
                body: JSON.stringify({ status: TEXT }),
              })
            ).json(),
    ids: idsOf,
  });
  const undici = await loadUndici();
  if (undici.ok) {
    const request = undici.value.request;
    list.push({
      name: `undici.request ${versionOf("undici")} (floor)`,
      once:
        kind === "timeline"
          ? async () => (await request(timelineUrl, { headers })).body.json()
          : async () =>
              (
                await request(postUrl, {
                  method: "POST",
                  headers: postHeaders(),
                  body: JSON.stringify({ status: TEXT }),
                })
              ).body.json(),
      ids: idsOf,
    });
  } else notes.push(`undici: ${undici.reason}`);

  const api = new Mastodon({ api_base_url: base, access_token: TOKEN });
  list.push({
    name: SUBJECT,
    once: kind === "timeline" ? () => api.timelineHome({ limit: 40 }) : () => api.statusPost(TEXT),
    ids: idsOf,
  });
  const viaFetch = new Mastodon({ api_base_url: base, access_token: TOKEN, transport: "fetch" });
  list.push({
    name: SUBJECT_FETCH,
    once: kind === "timeline" ? () => viaFetch.timelineHome({ limit: 40 }) : () => viaFetch.statusPost(TEXT),
    ids: idsOf,
  });

  const masto = await loadMasto();
  if (masto.ok) {
    const client = mastoClient(masto.value, base, TOKEN);
    list.push({
      name: `masto ${versionOf("masto")}`,
      once:
        kind === "timeline"
          ? async () => await client.v1.timelines.home.list({ limit: 40 })
          : () => client.v1.statuses.create({ status: TEXT }),
      ids: idsOf,
    });
  } else notes.push(`masto: ${masto.reason}`);

  const megalodon = await loadMegalodon();
  if (megalodon.ok) {
    const client = megalodonClient(megalodon.value, base, TOKEN);
    list.push({
      name: `megalodon ${versionOf("megalodon")}`,
      once:
        kind === "timeline"
          ? async () => (await client.getHomeTimeline({ limit: 40 })).data
          : async () => (await client.postStatus(TEXT)).data,
      ids: idsOf,
    });
  } else notes.push(`megalodon: ${megalodon.reason}`);
  return { list, notes };
}

/**
 * The loopback server of the request workloads, on a worker thread: a real 40-status home timeline
 * (statuses from the recorded traffic), and one of its statuses as the answer to a post.
 */
export async function startRecordedServer() {
  const fixture = buildTimelineFixture();
  const server = await startTimelineServerInWorker({
    body: fixture.body,
    newestId: fixture.statuses[0]!.id,
    oldestId: fixture.statuses.at(-1)!.id,
    statusBody: JSON.stringify(fixture.statuses[0]),
  });
  return { fixture, server };
}

export async function runRequestWorkload(
  kind: RequestKind,
  concurrency: number,
  name: string,
  description: string,
  config: BenchConfig,
): Promise<Result> {
  const { fixture, server } = await startRecordedServer();
  try {
    const { list, notes } = await clients(kind, server.url);
    // Every client must see the same answer, or the comparison means nothing.
    const expected = list[0]!.ids(await list[0]!.once());
    for (const client of list.slice(1)) {
      const got = client.ids(await client.once());
      if (got !== expected) throw new Error(`${name}: ${client.name} got a different answer than ${RAW}`);
    }
    // Concurrent batches cost `concurrency` requests each: scale the counts so a run takes as long.
    const scaled = {
      requests: Math.max(20, Math.round(config.requests / concurrency)),
      warmup: Math.max(5, Math.round(config.warmup / concurrency)),
      block: Math.max(2, Math.round(config.block / concurrency)),
    };
    const contenders: Contender[] = list.map((c) => ({
      name: c.name,
      once: concurrently(c.once, concurrency),
    }));
    const latencies = await measureInterleaved(contenders, scaled);
    const served = await server.requests();
    const expectedServed = list.length + list.length * (scaled.warmup + scaled.requests) * concurrency;
    if (served !== expectedServed) {
      throw new Error(`${name}: the server answered ${served} requests, expected ${expectedServed}`);
    }
    const stats = summariseAgainst(
      latencies,
      list.map((c) => c.name),
      RAW,
      scaled.block,
    );
    const info: Result["info"] = {
      fixture: fixture.source,
      concurrency,
      "measured batches": scaled.requests,
      "requests per batch": concurrency,
      server: "node:http on 127.0.0.1, worker thread, keep-alive",
    };
    for (const s of stats) info[`ratio ${s.name} / ${RAW}`] = Number((s.ratio ?? Number.NaN).toFixed(3));
    notes.forEach((note, i) => {
      info[`left out ${i + 1}`] = note;
    });
    return {
      name,
      description,
      info,
      stats,
      baseline: RAW,
      comparison: compare(stats.find((s) => s.name === SUBJECT)!, stats[0]!, config.threshold),
    };
  } finally {
    await server.close();
  }
}
