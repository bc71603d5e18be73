// Replays a recorded scenario over a real socket so the client under test talks to "Mastodon" exactly
// as in the recording. The recorder was a different client (Mastodon.py), so matching is tolerant in
// the ways the conformance README lists: parameters, not bytes; optional discovery look-ups; trailing
// slashes; absolute URLs rewritten to this server.
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { json, type ParsedRequest, startServer } from "./http-server.js";
import { compareParams, describeValue, type ParamObject, parseParams } from "./params.js";
import {
  type Interaction,
  listScenarios,
  loadScenario,
  type Scenario,
  type ScenarioSet,
} from "./recorded.js";

export interface ReplayOptions {
  /** Refuse a request whose params match no recorded one, even if method+path do (default true). */
  strictParams?: boolean;
  /** Move `date` to now and `x-ratelimit-reset` to the same distance after it (default true). */
  rewriteRateLimitReset?: boolean;
  /** Pause between server-sent events (default 5 ms). */
  streamDelayMs?: number;
  /** Set to borrow discovery answers from when the scenario has none (default: `scenario.set`). */
  discoverySet?: ScenarioSet;
  /** More hosts (`host[:port]`) whose absolute URLs are rewritten to this server. */
  rewriteHosts?: string[];
}

export interface ReplayRequest extends ParsedRequest {
  /** The authorization header as sent; undefined when the request had none. */
  authorization: string | undefined;
  /** Index of the recorded interaction that answered; undefined if unmatched or borrowed. */
  interaction: number | undefined;
  /** True for an optional instance/discovery look-up. */
  discovery: boolean;
  /** Parameter differences that were tolerated because `strictParams` was false. */
  paramMismatch: string[];
}

export interface UnmatchedRequest {
  method: string;
  path: string;
  params: ParamObject;
  authorization: string | undefined;
  reason: string;
}

export interface ReplayServer {
  url: string;
  requests: ReplayRequest[];
  unmatched: UnmatchedRequest[];
  /** Recorded interactions not yet requested, discovery look-ups excluded. */
  remaining(): Interaction[];
  /** Throws, listing what was not requested and what was unexpected. */
  assertAllConsumed(): void;
  close(): Promise<void>;
}

// Clients may make any number of these, so they are answered freely and never required.
const DISCOVERY = new Set([
  "/api/v1/instance",
  "/api/v2/instance",
  "/.well-known/oauth-authorization-server",
  "/.well-known/nodeinfo",
]);
// Hop-by-hop or length/encoding headers that no longer describe the body we send.
const DROP = new Set(["content-length", "transfer-encoding", "content-encoding", "connection", "keep-alive"]);
// Recordings are at localhost:3000 (web) and localhost:4000 (streaming).
const DEFAULT_HOSTS = ["localhost:3000", "localhost:4000"];
// Used when neither the response nor its scenario recorded a `date` to measure the reset against.
const FALLBACK_RESET_MS = 60_000;

interface Entry {
  index: number;
  interaction: Interaction;
  method: string;
  path: string;
  params: ParamObject;
  discovery: boolean;
  consumed: boolean;
  /** When this response was recorded: its own `date`, else the nearest one in the scenario. */
  recordedAt: number | undefined;
}

export function normalizePath(path: string): string {
  let p = path;
  try {
    p = decodeURIComponent(path);
  } catch {
    // keep it encoded
  }
  p = p.replace(/\/+$/, "");
  return p === "" ? "/" : p;
}

function toEntries(interactions: Interaction[]): Entry[] {
  const dates = interactions.map((i) => Date.parse(i.response.headers.date ?? ""));
  return interactions.map((interaction, index) => {
    const { method, url, headers, body, bodyEncoding } = interaction.request;
    const u = new URL(url);
    const raw = body === null ? null : Buffer.from(body, bodyEncoding === "base64" ? "base64" : "utf8");
    const path = normalizePath(u.pathname);
    const dated = dates
      .map((d, i) => ({ d, distance: Math.abs(i - index) }))
      .filter((x) => !Number.isNaN(x.d))
      .sort((a, b) => a.distance - b.distance)[0];
    return {
      index,
      interaction,
      method: method.toUpperCase(),
      path,
      params: parseParams(u.searchParams, raw, headers["content-type"]),
      discovery: method.toUpperCase() === "GET" && DISCOVERY.has(path),
      consumed: false,
      recordedAt: dated?.d,
    };
  });
}

// Discovery answers borrowed from sibling scenarios, looked up once per set and path.
const borrowed = new Map<string, Entry | null>();
function borrowDiscovery(set: ScenarioSet, path: string): Entry | undefined {
  const key = `${set} ${path}`;
  if (!borrowed.has(key)) {
    let found: Entry | null = null;
    for (const name of listScenarios(set)) {
      found =
        toEntries(loadScenario(set, name).interactions).find((e) => e.discovery && e.path === path) ?? null;
      if (found) break;
    }
    borrowed.set(key, found);
  }
  return borrowed.get(key) ?? undefined;
}

/** Splits an SSE body into the writes a server would make: leading comments, then event by event. */
export function sseChunks(body: string): string[] {
  const chunks: string[] = [];
  for (const block of body.split(/(?<=\n\n)/)) {
    const comments = /^(?::[^\n]*\n)+(?=[^:\n])/.exec(block)?.[0];
    if (comments) chunks.push(comments, block.slice(comments.length));
    else if (block !== "") chunks.push(block);
  }
  return chunks;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isText(contentType: string): boolean {
  return /json|text\/|xml|javascript|event-stream/i.test(contentType);
}

export async function startReplayServer(
  scenario: Scenario,
  options: ReplayOptions = {},
): Promise<ReplayServer> {
  const strict = options.strictParams ?? true;
  const shiftTimes = options.rewriteRateLimitReset ?? true;
  const streamDelay = options.streamDelayMs ?? 5;
  const discoverySet = options.discoverySet ?? scenario.set;
  const entries = toEntries(scenario.interactions);
  const hosts = new Set([...DEFAULT_HOSTS, ...(options.rewriteHosts ?? [])]);
  // The scenario's own server (e.g. mastodon.social) is impersonated too, so its Link headers come back.
  for (const { request } of scenario.interactions) hosts.add(new URL(request.url).host);
  const requests: ReplayRequest[] = [];
  const unmatched: UnmatchedRequest[] = [];
  const discoveryCount = new Map<string, number>();
  const closing = new AbortController();
  let self = "";

  const rewrite = (text: string, extraHost: string): string => {
    const all = [...hosts, extraHost].map(escapeRegExp).join("|");
    const re = new RegExp(`\\b(https?|wss?)://(?:${all})(?![\\w.:-])`, "g");
    const host = self.replace(/^http:\/\//, "");
    return text.replace(re, (_m, scheme: string) => `${scheme.startsWith("ws") ? "ws" : "http"}://${host}`);
  };

  async function respond(res: ServerResponse, entry: Entry): Promise<void> {
    const { response, request } = entry.interaction;
    const origin = new URL(request.url).host;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) {
      if (!DROP.has(k)) headers[k] = k === "link" ? rewrite(v, origin) : v;
    }
    if (shiftTimes) {
      const now = Date.now();
      if (headers.date !== undefined) headers.date = new Date(now).toUTCString();
      const reset = Date.parse(headers["x-ratelimit-reset"] ?? "");
      if (!Number.isNaN(reset)) {
        const delta = entry.recordedAt === undefined ? FALLBACK_RESET_MS : reset - entry.recordedAt;
        headers["x-ratelimit-reset"] = new Date(now + delta).toISOString();
      }
    }
    const type = headers["content-type"] ?? "";
    let body = Buffer.from(response.body ?? "", response.bodyEncoding === "base64" ? "base64" : "utf8");
    if (isText(type)) body = Buffer.from(rewrite(body.toString("utf8"), origin), "utf8");
    const statusText = response.statusText;
    if (statusText !== undefined && statusText !== "") res.statusMessage = statusText;
    if (!/text\/event-stream/i.test(type)) {
      res.writeHead(response.status, { ...headers, "content-length": String(body.length) });
      res.end(body);
      return;
    }
    res.writeHead(response.status, headers);
    res.flushHeaders();
    for (const [i, chunk] of sseChunks(body.toString("utf8")).entries()) {
      if (res.destroyed || closing.signal.aborted) return;
      if (i > 0) await sleep(streamDelay, undefined, { signal: closing.signal }).catch(() => undefined);
      if (res.destroyed || closing.signal.aborted) return;
      res.write(chunk);
    }
    res.end();
  }

  function answerDiscovery(path: string): Entry | undefined {
    const own = entries.filter((e) => e.discovery && e.path === path);
    const n = discoveryCount.get(path) ?? 0;
    discoveryCount.set(path, n + 1);
    // Repeated look-ups walk through the recorded answers, then keep giving the last one.
    const hit = own[Math.min(n, own.length - 1)];
    if (hit) hit.consumed = true;
    return hit ?? (discoverySet === undefined ? undefined : borrowDiscovery(discoverySet, path));
  }

  const server = await startServer(async (req, res) => {
    const auth = req.headers.authorization;
    const rec: ReplayRequest = {
      ...req,
      authorization: auth,
      interaction: undefined,
      discovery: false,
      paramMismatch: [],
    };
    requests.push(rec);
    const path = normalizePath(req.path);
    if (req.method === "GET" && DISCOVERY.has(path)) {
      rec.discovery = true;
      const hit = answerDiscovery(path);
      if (!hit) return json(res, 404, { error: "Record not found" });
      if (entries.includes(hit)) rec.interaction = hit.index;
      return respond(res, hit);
    }
    const same = entries.filter((e) => !e.discovery && e.method === req.method && e.path === path);
    const open = same.filter((e) => !e.consumed);
    let chosen = open.find((e) => compareParams(e.params, req.params).length === 0);
    if (chosen === undefined && !strict && open[0] !== undefined) {
      chosen = open[0];
      rec.paramMismatch = compareParams(chosen.params, req.params);
    }
    if (chosen === undefined) {
      const reason =
        open.length > 0
          ? open
              .slice(0, 3)
              .map(
                (e) =>
                  `params differ from recorded #${e.index}: ${compareParams(e.params, req.params).join("; ")}`,
              )
              .join(" | ")
          : same.length > 0
            ? `recorded ${same.map((e) => `#${e.index}`).join(", ")} already consumed`
            : "nothing recorded for this method and path";
      unmatched.push({ method: req.method, path, params: req.params, authorization: auth, reason });
      return json(res, 500, {
        error: `replay: no recorded interaction matches ${req.method} ${path}: ${reason}`,
      });
    }
    chosen.consumed = true;
    rec.interaction = chosen.index;
    return respond(res, chosen);
  });
  self = server.url;

  const remainingEntries = () => entries.filter((e) => !e.consumed && !e.discovery);
  return {
    url: server.url,
    requests,
    unmatched,
    remaining: () => remainingEntries().map((e) => e.interaction),
    assertAllConsumed() {
      const missing = remainingEntries();
      if (missing.length === 0 && unmatched.length === 0) return;
      const lines = [`replay of ${scenario.name ?? scenario.test} did not go as recorded`];
      if (missing.length > 0) lines.push("  recorded but not requested:");
      for (const e of missing) lines.push(`    #${e.index} ${e.method} ${e.path} ${describeValue(e.params)}`);
      if (unmatched.length > 0) lines.push("  requested but not recorded:");
      for (const u of unmatched)
        lines.push(`    ${u.method} ${u.path} ${describeValue(u.params)}: ${u.reason}`);
      throw new Error(lines.join("\n"));
    },
    close() {
      closing.abort();
      return server.close();
    },
  };
}
