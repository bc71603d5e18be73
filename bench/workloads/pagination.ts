/**
 * The pagination workload: walking 50 pages of 40 accounts (GET /api/v1/lists/:id/accounts, with
 * the Link headers Mastodon sends) from a loopback server on a worker thread. mastodon-ts's
 * `paginationIterator(await listAccounts(id, { limit: 40 }))` (the built package) against a
 * hand-written `fetch` loop that follows `rel="next"`, interleaved in the same run. One measured
 * "request" is one whole walk of 2000 accounts (51 HTTP requests: the last page is empty).
 *
 * Besides items per second, it samples the heap after every page of a long iteration, to show
 * that memory stays flat while items stream (the iterator holds one page at a time), and how
 * much fetchRemaining (which keeps every item) holds for comparison.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Mastodon } from "../../dist/index.js";
import {
  type BenchConfig,
  compare,
  measureInterleaved,
  type Result,
  type Stats,
  summariseAgainst,
  type Workload,
} from "../harness.js";
import { loadMasto, loadMegalodon, mastoClient, megalodonClient, versionOf } from "../peers.js";
import { type BenchServer, serveInWorker, startServerInWorker } from "../worker-server.js";

const PAGES = 50;
const PER_PAGE = 40;
const ITEMS = PAGES * PER_PAGE;
const LIST_ID = "7";
const PATH = `/api/v1/lists/${LIST_ID}/accounts`;
/** The target: mastodon-ts within 15% of the hand-written loop. */
const THRESHOLD = 1.15;
/** An obviously fake token: the server does not check it, but both clients send one. */
const TOKEN = "bench-fake-token";
const RAW = "raw fetch loop";
const SUBJECT = "mastodon-ts";
/** Full walks per "request" of the harness's config are costly; scale its counts down by this. */
const WALK_COST = 50;
/** How many full walks the memory sampling streams through (4 x 2000 accounts). */
const MEMORY_WALKS = 4;

/** One realistic account (about 1.3 KB of JSON), with a descending snowflake-like id. */
function account(index: number): Record<string, unknown> {
  const id = String(117020565693913441n - BigInt(index) * 65536n);
  const username = `user_${index}`;
  return {
    id,
    username,
    acct: `${username}@remote.example`,
    display_name: `User number ${index} 🐘`,
    locked: index % 7 === 0,
    bot: index % 13 === 0,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: "2024-05-01T00:00:00.000Z",
    note: `<p>Hello, I am user ${index}. I post about <a href="https://remote.example/tags/cats" class="mention hashtag" rel="tag">#<span>cats</span></a> and the weather.</p>`,
    url: `https://remote.example/@${username}`,
    uri: `https://remote.example/users/${username}`,
    avatar: `https://files.remote.example/accounts/avatars/${id}/original/avatar.png`,
    avatar_static: `https://files.remote.example/accounts/avatars/${id}/original/avatar.png`,
    header: "https://remote.example/headers/original/missing.png",
    header_static: "https://remote.example/headers/original/missing.png",
    followers_count: index * 3,
    following_count: index * 2,
    statuses_count: index * 11,
    last_status_at: "2026-07-30",
    hide_collections: false,
    noindex: false,
    emojis: [],
    roles: [],
    fields: [
      {
        name: "Website",
        value: `<a href="https://${username}.example">${username}.example</a>`,
        verified_at: null,
      },
      { name: "Pronouns", value: "they/them", verified_at: null },
    ],
  };
}

interface ServerOptions {
  pages: string[];
  firstIds: string[];
  lastIds: string[];
}

/** Pre-serialised pages: page i holds accounts 40i .. 40i+39, newest (largest id) first. */
function buildPages(): ServerOptions {
  const pages: string[] = [];
  const firstIds: string[] = [];
  const lastIds: string[] = [];
  for (let p = 0; p < PAGES; p++) {
    const accounts = Array.from({ length: PER_PAGE }, (_, i) => account(p * PER_PAGE + i));
    pages.push(JSON.stringify(accounts));
    firstIds.push(accounts[0]!.id as string);
    lastIds.push(accounts.at(-1)!.id as string);
  }
  return { pages, firstIds, lastIds };
}

/** Serves the pages by max_id, with Mastodon's Link header (no Link on the empty page past the end). */
async function startPageServer(options: ServerOptions): Promise<BenchServer> {
  const reset = new Date(Date.now() + 3600_000).toISOString();
  const byMaxId = new Map(options.lastIds.map((id, index) => [id, index + 1]));
  let count = 0;
  let base = "";
  const server = createServer({ keepAlive: true }, (req, res) => {
    const url = new URL(req.url ?? "/", "http://bench.invalid");
    if (req.method !== "GET" || url.pathname !== PATH) {
      res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
      res.end('{"error":"Record not found"}');
      return;
    }
    count++;
    const maxId = url.searchParams.get("max_id");
    const index = maxId === null ? 0 : (byMaxId.get(maxId) ?? PAGES);
    const body = Buffer.from(index < PAGES ? options.pages[index]! : "[]", "utf8");
    const headers: Record<string, string | number> = {
      "content-type": "application/json; charset=utf-8",
      "content-length": body.length,
      "cache-control": "private, no-store",
      "x-ratelimit-limit": "1000000",
      "x-ratelimit-remaining": String(999_999 - (count % 500_000)),
      "x-ratelimit-reset": reset,
    };
    if (index < PAGES) {
      headers.link =
        `<${base}${PATH}?limit=${PER_PAGE}&max_id=${options.lastIds[index]}>; rel="next", ` +
        `<${base}${PATH}?limit=${PER_PAGE}&min_id=${options.firstIds[index]}>; rel="prev"`;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests: async () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Runs the page server on a worker thread, so serving does not share the clients' event loop. */
function startPageServerInWorker(options: ServerOptions): Promise<BenchServer> {
  return startServerInWorker(import.meta.url, "pagination-server", options);
}

/** The `rel="next"` URL of a Link header, the way a hand-written client would find it. */
function nextUrl(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** Least-squares slope of y over x. */
function slope(ys: readonly number[]): number {
  const n = ys.length;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

/** A full garbage collection on demand (the V8 flag is set at run time, as --expose-gc would). */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const mb = (bytes: number) => Number((bytes / 1048576).toFixed(2));

export const workload: Workload = {
  name: "pagination",
  description: `${PAGES} pages of ${PER_PAGE} accounts via Link headers: paginationIterator() vs a hand-written fetch loop`,
  async run(config: BenchConfig): Promise<Result> {
    const server = await startPageServerInWorker(buildPages());
    try {
      const headers = { Authorization: `Bearer ${TOKEN}` };
      const firstUrl = `${server.url}${PATH}?limit=${PER_PAGE}`;
      const api = new Mastodon({ api_base_url: server.url, access_token: TOKEN });

      const raw = async () => {
        let seen = 0;
        let last = "";
        for (let url = nextUrl(`<${firstUrl}>; rel="next"`); url !== undefined; ) {
          const res = await fetch(url, { headers });
          const items = (await res.json()) as Array<{ id: string }>;
          if (items.length === 0) break;
          for (const item of items) {
            seen++;
            last = item.id;
          }
          url = nextUrl(res.headers.get("link"));
        }
        return `${seen}:${last}`;
      };
      const walkWith = (client: Mastodon) => async () => {
        let seen = 0;
        let last = "";
        for await (const item of client.paginationIterator(
          await client.listAccounts(LIST_ID, { limit: PER_PAGE }),
        )) {
          seen++;
          last = item.id;
        }
        return `${seen}:${last}`;
      };
      const viaClient = walkWith(api);

      // The same walk on the fetch transport (the default on Node is undici's dispatch()), then
      // the peers, as their users would walk a list: masto's paginator (for await over pages),
      // megalodon's getListAccounts with max_id taken from the Link header by hand.
      const peers: Array<{ name: string; once: () => Promise<string> }> = [
        {
          name: "mastodon-ts (transport: fetch)",
          once: walkWith(new Mastodon({ api_base_url: server.url, access_token: TOKEN, transport: "fetch" })),
        },
      ];
      const notes: string[] = [];
      const masto = await loadMasto();
      if (masto.ok) {
        const client = mastoClient(masto.value, server.url, TOKEN);
        peers.push({
          name: `masto ${versionOf("masto")}`,
          once: async () => {
            let seen = 0;
            let last = "";
            for await (const page of client.v1.lists.$select(LIST_ID).accounts.list({ limit: PER_PAGE })) {
              for (const item of page as Array<{ id: string }>) {
                seen++;
                last = item.id;
              }
            }
            return `${seen}:${last}`;
          },
        });
      } else notes.push(`masto: ${masto.reason}`);
      const megalodon = await loadMegalodon();
      if (megalodon.ok) {
        const client = megalodonClient(megalodon.value, server.url, TOKEN);
        peers.push({
          name: `megalodon ${versionOf("megalodon")}`,
          once: async () => {
            let seen = 0;
            let last = "";
            let maxId: string | undefined;
            for (;;) {
              const res = await client.getAccountsInList(LIST_ID, { limit: PER_PAGE, max_id: maxId });
              const items = res.data as Array<{ id: string }>;
              if (items.length === 0) break;
              for (const item of items) {
                seen++;
                last = item.id;
              }
              const next = nextUrl(res.headers.link ?? null);
              if (!next) break;
              maxId = new URL(next).searchParams.get("max_id") ?? undefined;
            }
            return `${seen}:${last}`;
          },
        });
      } else notes.push(`megalodon: ${megalodon.reason}`);

      // Every client must see the same 2000 accounts, or the comparison means nothing.
      const [a, b] = [await raw(), await viaClient()];
      if (a !== b || !a.startsWith(`${ITEMS}:`)) {
        throw new Error(`pagination: the two clients walked different lists (${a} vs ${b})`);
      }
      for (const peer of peers) {
        const got = await peer.once();
        if (got !== a) throw new Error(`pagination: ${peer.name} walked a different list (${got} vs ${a})`);
      }

      const walks = {
        requests: Math.max(10, Math.round(config.requests / WALK_COST)),
        warmup: Math.max(2, Math.round(config.warmup / WALK_COST)),
        block: Math.max(1, Math.round(config.block / WALK_COST)),
      };
      const latencies = await measureInterleaved(
        [{ name: RAW, once: raw }, { name: SUBJECT, once: viaClient }, ...peers],
        walks,
      );
      const [baseline, subject, ...peerStats] = summariseAgainst(
        latencies,
        [RAW, SUBJECT, ...peers.map((p) => p.name)],
        RAW,
        walks.block,
      ) as [Stats, Stats, ...Stats[]];

      // Heap while streaming: one sample per page over several walks, after a full collection, so
      // that it measures what is retained (the iterator should hold one page, whatever the count).
      const gc = collector();
      gc();
      const samples: number[] = [];
      for (let walk = 0; walk < MEMORY_WALKS; walk++) {
        let inPage = 0;
        for await (const _item of api.paginationIterator(
          await api.listAccounts(LIST_ID, { limit: PER_PAGE }),
        )) {
          if (++inPage === PER_PAGE) {
            inPage = 0;
            gc();
            samples.push(process.memoryUsage().heapUsed);
          }
        }
      }
      gc();
      const beforeRemaining = process.memoryUsage().heapUsed;
      const everything = await api.fetchRemaining(await api.listAccounts(LIST_ID, { limit: PER_PAGE }));
      gc();
      const heldByFetchRemaining = process.memoryUsage().heapUsed - beforeRemaining;
      if (everything.length !== ITEMS) throw new Error("pagination: fetchRemaining lost items");

      const served = await server.requests();
      const clients = 2 + peers.length;
      const walksDone = clients + clients * (walks.warmup + walks.requests) + MEMORY_WALKS + 1;
      if (served !== walksDone * (PAGES + 1)) {
        throw new Error(
          `pagination: the server answered ${served} requests, expected ${walksDone * (PAGES + 1)}`,
        );
      }
      const itemsPerSecond = (stats: typeof baseline) => Math.round((ITEMS * 1000) / stats.median);
      const comparison = compare(subject, baseline, THRESHOLD);
      return {
        name: this.name,
        description: this.description,
        info: {
          pages: PAGES,
          perPage: PER_PAGE,
          pageBytes: buildPages().pages[0]!.length,
          "measured walks": walks.requests,
          "warm-up walks": walks.warmup,
          "items/s raw": itemsPerSecond(baseline),
          "items/s mastodon-ts": itemsPerSecond(subject),
          // The paired ratio's inverse, as the comparison: not the two overall items/s above.
          "items/s ratio mastodon-ts/raw": Number((1 / (subject.ratio ?? Number.NaN)).toFixed(3)),
          "heap MB first page": mb(samples[0] ?? 0),
          "heap MB max while streaming": mb(Math.max(...samples)),
          "heap MB last page": mb(samples.at(-1) ?? 0),
          "heap KB per page (slope over pages)": Number((slope(samples) / 1024).toFixed(1)),
          "heap samples": samples.length,
          "heap MB held by fetchRemaining (for contrast)": mb(heldByFetchRemaining),
          gc: "full collection before each sample",
          ...Object.fromEntries(notes.map((note, i) => [`left out ${i + 1}`, note])),
          server: "node:http on 127.0.0.1, worker thread, keep-alive",
        },
        stats: [baseline, subject, ...peerStats],
        baseline: RAW,
        comparison,
      };
    } finally {
      await server.close();
    }
  },
};

// Worker entry point.
await serveInWorker("pagination-server", startPageServer);
