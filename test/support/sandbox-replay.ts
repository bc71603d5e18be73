/**
 * Replays a recorded Mastodon 4.6.4 scenario against a fresh sandbox and compares each answer with the
 * real one: the status code, and (for JSON answers) that every field Mastodon sent is there with the
 * same JSON kind. The recording's placeholders (tokens, client credentials, host) and ids are mapped to
 * the sandbox's as the replay goes: each answer is walked beside the recorded one, every recorded id
 * (`id`, `*_id`, `*_ids`, group keys, tokens) learns its sandbox twin, and later requests are rewritten
 * through that map. Streams (SSE) are opened before the scenario's actions, as Mastodon.py's stream
 * tests do from a thread, and must deliver the recorded event kinds.
 */
import { startSandbox } from "../../src/sandbox/index.js";
import { SANDBOX_APP_NAME } from "../../src/sandbox/seed.js";
import type { Interaction, RecordedRequest, Scenario } from "./recorded.js";

/** The recording's users, by token: user 1 is mastodonpy_test, user 2 the admin, user 3 mastodonpy_test_2. */
export const RECORDED_USERS = [
  { placeholder: "__MASTODON_PY_TEST_ACCESS_TOKEN_2", username: "admin" },
  { placeholder: "__MASTODON_PY_TEST_ACCESS_TOKEN_3", username: "mastodonpy_test_2" },
  { placeholder: "__MASTODON_PY_TEST_ACCESS_TOKEN", username: "mastodonpy_test" },
] as const;
export const SANDBOX_USERNAMES = ["mastodonpy_test", "admin", "mastodonpy_test_2"];

const RECORDED_ORIGINS = ["http://localhost:3000", "http://localhost:4000"];
const CLIENT_PLACEHOLDERS = {
  secret: "__MASTODON_PY_TEST_CLIENT_SECRET",
  id: "__MASTODON_PY_TEST_CLIENT_ID",
} as const;

/** Keys whose string values are identifiers the two servers mint differently. */
function isIdKey(key: string): boolean {
  const k = key.replace(/\[\]$/, "");
  return (
    k === "id" ||
    k.endsWith("_id") ||
    k.endsWith("_ids") ||
    k === "group_key" ||
    k === "access_token" ||
    k === "refresh_token" ||
    k === "client_secret"
  );
}

/** Recorded identifier → the sandbox's, learnt from answers walked side by side. */
export class IdMap {
  readonly #map = new Map<string, string>();

  set(recorded: string, sandbox: string): void {
    if (recorded !== "" && !this.#map.has(recorded)) this.#map.set(recorded, sandbox);
  }

  /**
   * The sandbox's twin of a recorded id. A snowflake never seen (a cursor the client computed, such as
   * `id + 1000` or one made from a date) keeps its distance from the nearest known snowflake.
   */
  translate(value: string): string {
    const known = this.#map.get(value);
    if (known !== undefined) return known;
    if (!/^\d{15,20}$/.test(value)) return value;
    const target = BigInt(value);
    let best: { distance: bigint; from: bigint; to: bigint } | undefined;
    for (const [from, to] of this.#map) {
      if (!/^\d{15,20}$/.test(from) || !/^\d+$/.test(to)) continue;
      const distance = BigInt(from) > target ? BigInt(from) - target : target - BigInt(from);
      if (!best || distance < best.distance) best = { distance, from: BigInt(from), to: BigInt(to) };
    }
    return best ? String(best.to + (target - best.from)) : value;
  }

  /** Walks a recorded answer and the sandbox's together and learns every id pair. */
  learn(recorded: unknown, sandbox: unknown, key = ""): void {
    if (typeof recorded === "string" && typeof sandbox === "string") {
      if (isIdKey(key)) this.set(recorded, sandbox);
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(sandbox)) {
      for (const [r, s] of this.pairs(recorded, sandbox)) this.learn(r, s, key);
      return;
    }
    if (isObject(recorded) && isObject(sandbox)) {
      for (const [k, v] of Object.entries(recorded)) if (k in sandbox) this.learn(v, sandbox[k], k);
    }
  }

  /** Pairs list items: by a known id first, then by position among the rest. */
  pairs(recorded: readonly unknown[], sandbox: readonly unknown[]): [unknown, unknown][] {
    const free = new Set(sandbox.map((_, i) => i));
    const paired: [unknown, number | undefined][] = recorded.map((item) => {
      const twin = isObject(item) && typeof item.id === "string" ? this.#map.get(item.id) : undefined;
      const at =
        twin === undefined ? -1 : sandbox.findIndex((s, i) => free.has(i) && isObject(s) && s.id === twin);
      if (at < 0) return [item, undefined];
      free.delete(at);
      return [item, at];
    });
    const rest = [...free];
    return paired.flatMap(([item, at]): [unknown, unknown][] => {
      const index = at ?? rest.shift();
      return index === undefined ? [] : [[item, sandbox[index]]];
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * Fields Mastodon sent that the sandbox's answer lacks, or has with another JSON kind (null on either
 * side is allowed). Lists are compared item by item as paired by `ids`; their lengths are not compared
 * (the recording server held other tests' data).
 */
export function shapeDifferences(recorded: unknown, sandbox: unknown, ids: IdMap, path = "$"): string[] {
  if (recorded === null || sandbox === null) return [];
  if (kind(recorded) !== kind(sandbox))
    return [`${path}: ${kind(recorded)} in Mastodon, ${kind(sandbox)} here`];
  if (Array.isArray(recorded) && Array.isArray(sandbox)) {
    // One report per field however many items lack it.
    const found = new Set<string>();
    for (const [r, s] of ids.pairs(recorded, sandbox)) {
      for (const d of shapeDifferences(r, s, ids, `${path}[]`)) found.add(d);
    }
    return [...found];
  }
  if (isObject(recorded) && isObject(sandbox)) {
    return Object.entries(recorded).flatMap(([k, v]) =>
      k in sandbox ? shapeDifferences(v, sandbox[k], ids, `${path}.${k}`) : [`${path}.${k}: missing`],
    );
  }
  return [];
}

/**
 * Lists Mastodon filled and the sandbox left empty. Not counted against the sandbox (the recording
 * server held other tests' data) but reported, since an empty timeline can also be a sandbox bug.
 */
export function emptiedLists(recorded: unknown, sandbox: unknown, path = "$"): string[] {
  if (Array.isArray(recorded) && Array.isArray(sandbox)) {
    return recorded.length > 0 && sandbox.length === 0
      ? [`${path}: ${recorded.length} items in Mastodon, none here`]
      : [];
  }
  if (isObject(recorded) && isObject(sandbox)) {
    return Object.entries(recorded).flatMap(([k, v]) => emptiedLists(v, sandbox[k], `${path}.${k}`));
  }
  return [];
}

export interface ReplayContext {
  /** The sandbox's URL, standing for the recording's hosts. */
  url: string;
  /** Placeholder → the sandbox's value (tokens, client credentials). */
  placeholders: [string, string][];
  ids: IdMap;
}

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer> | undefined;
}

const FORWARDED_HEADERS = ["authorization", "content-type", "accept", "idempotency-key", "user-agent"];

function substitute(text: string, ctx: ReplayContext): string {
  let out = text;
  for (const origin of RECORDED_ORIGINS) out = out.split(origin).join(ctx.url);
  for (const [placeholder, value] of ctx.placeholders) out = out.split(placeholder).join(value);
  return out;
}

function rewriteJson(value: unknown, ctx: ReplayContext, key = ""): unknown {
  if (typeof value === "string") return isIdKey(key) ? ctx.ids.translate(value) : value;
  if (Array.isArray(value)) return value.map((v) => rewriteJson(v, ctx, key));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteJson(v, ctx, k)]));
  }
  return value;
}

function rewriteParams(params: URLSearchParams, ctx: ReplayContext): boolean {
  let changed = false;
  for (const [k, v] of [...params]) {
    const next = isIdKey(k) ? ctx.ids.translate(v) : v;
    if (next !== v) changed = true;
  }
  if (!changed) return false;
  const entries = [...params].map(([k, v]) => [k, isIdKey(k) ? ctx.ids.translate(v) : v] as const);
  for (const k of new Set(entries.map(([k]) => k))) params.delete(k);
  for (const [k, v] of entries) params.append(k, v);
  return true;
}

/** The recorded request as the sandbox should receive it. */
export function rewriteRequest(request: RecordedRequest, ctx: ReplayContext): OutgoingRequest {
  const url = new URL(substitute(request.url, ctx));
  url.pathname = url.pathname
    .split("/")
    .map((segment) => encodeURIComponent(ctx.ids.translate(decodeURIComponent(segment))))
    .join("/");
  rewriteParams(url.searchParams, ctx);

  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = substitute(value, ctx);
  }
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? "");
  if (bearer?.[1]) headers.authorization = `Bearer ${ctx.ids.translate(bearer[1])}`;

  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (request.body !== null) {
    if (request.bodyEncoding === "base64") {
      // Multipart uploads go as recorded: their fields hold no ids.
      body = new Uint8Array(Buffer.from(request.body, "base64"));
    } else {
      const text = substitute(request.body, ctx);
      const type = headers["content-type"] ?? "";
      if (type.includes("json")) {
        body = JSON.stringify(rewriteJson(JSON.parse(text), ctx));
      } else if (type.includes("x-www-form-urlencoded")) {
        const params = new URLSearchParams(text);
        body = rewriteParams(params, ctx) ? params.toString() : text;
      } else {
        body = text;
      }
    }
  }
  return { method: request.method, url: url.toString(), headers, body };
}

export function parseJson(text: string | null, contentType: string | undefined): unknown {
  if (text === null || !/json/i.test(contentType ?? "")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Parses the complete events of an SSE text. */
export function parseSse(text: string): SseEvent[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n\n")
    .flatMap((block) => {
      const lines = block.split("\n");
      const event = lines
        .find((l) => l.startsWith("event:"))
        ?.slice(6)
        .trim();
      const data = lines
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).replace(/^ /, ""))
        .join("\n");
      return event === undefined ? [] : [{ event, data }];
    });
}

export function isStreamRequest(request: RecordedRequest): boolean {
  return /\/api\/v1\/streaming(\/|$)/.test(new URL(request.url).pathname);
}

/** An SSE stream opened on the sandbox, collecting its events until closed. */
interface OpenStream {
  status: number;
  contentType: string;
  events: SseEvent[];
  close(): void;
}

async function openStream(request: OutgoingRequest): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const contentType = response.headers.get("content-type") ?? "";
  if (response.body && contentType.includes("event-stream")) {
    const decoder = new TextDecoder();
    let buffered = "";
    void (async () => {
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffered += decoder.decode(chunk, { stream: true });
          const end = buffered.lastIndexOf("\n\n");
          if (end < 0) continue;
          events.push(...parseSse(buffered.slice(0, end)));
          buffered = buffered.slice(end + 2);
        }
      } catch {
        // aborted at the end of the scenario
      }
    })();
  } else {
    await response.text().catch(() => "");
  }
  return { status: response.status, contentType, events, close: () => abort.abort() };
}

export interface InteractionResult {
  index: number;
  method: string;
  /** Recorded path and query, placeholders kept (for the report). */
  request: string;
  recordedStatus: number;
  sandboxStatus: number;
  /** Fields missing or of another kind; empty when the answer carries all of Mastodon's. */
  differences: string[];
  /** Not counted: lists Mastodon filled and the sandbox left empty. */
  notes: string[];
  /** The sandbox's parsed JSON answer, when it is 2xx JSON (for the type check). */
  sandboxBody: unknown;
  /** For streams: event kinds recorded and received. */
  stream?: { recordedKinds: string[]; receivedKinds: string[]; contentType: string };
}

export interface ScenarioResult {
  name: string;
  interactions: InteractionResult[];
}

/**
 * When the recording was made: the latest timestamp in the first answer that carries one (account
 * creation dates at midnight excepted). The sandbox's clock starts there, so that recorded dates such
 * as a `scheduled_at` a few minutes ahead stay in the future.
 */
export function recordedStart(interactions: readonly Interaction[]): number | undefined {
  for (const { response } of interactions) {
    const body = response.bodyEncoding === "base64" ? null : response.body;
    const stamps = [...(body ?? "").matchAll(/"created_at":"(\d{4}-\d\d-\d\dT[\d:.]+Z)"/g)]
      .map((m) => m[1] as string)
      .filter((s) => !s.endsWith("T00:00:00.000Z"))
      .map((s) => Date.parse(s));
    if (stamps.length > 0) return Math.max(...stamps) - 1000;
  }
  return undefined;
}

const STREAM_WAIT_MS = 2000;

/**
 * Replays one scenario on a fresh sandbox and compares every answer. `accountIds` maps the ids the
 * recording server gave the seeded users (in any scenario) to their usernames.
 */
export async function replayScenario(
  scenario: Scenario,
  accountIds: ReadonlyMap<string, string>,
  sessionStart?: number,
): Promise<ScenarioResult> {
  const start = recordedStart(scenario.interactions) ?? sessionStart;
  const startedAt = Date.now();
  const sb = await startSandbox({
    port: 0,
    users: SANDBOX_USERNAMES,
    ...(start === undefined ? {} : { now: () => start + (Date.now() - startedAt) }),
  });
  const streams = new Map<number, OpenStream>();
  try {
    const app = sb.context.state.apps.find((a) => a.name === SANDBOX_APP_NAME);
    const tokenOf = (username: string) => sb.users.find((u) => u.username === username)?.access_token ?? "";
    const ctx: ReplayContext = {
      url: sb.url,
      placeholders: [
        ...RECORDED_USERS.map(({ placeholder, username }): [string, string] => [
          placeholder,
          tokenOf(username),
        ]),
        [CLIENT_PLACEHOLDERS.secret, app?.client_secret ?? ""],
        [CLIENT_PLACEHOLDERS.id, app?.client_id ?? ""],
      ],
      ids: new IdMap(),
    };
    // The seeded users' recorded ids, wherever the recording server gave them out.
    for (const [recordedId, username] of accountIds) {
      const user = sb.users.find((u) => u.username === username);
      if (user) ctx.ids.set(recordedId, user.id);
    }
    lockAsRecorded(sb.context.state.accounts.all(), scenario);
    // Streams first: Mastodon.py's tests listen from a thread while the main one acts.
    for (const [index, { request, response }] of scenario.interactions.entries()) {
      if (isStreamRequest(request) && /event-stream/.test(response.headers["content-type"] ?? "")) {
        streams.set(index, await openStream(rewriteRequest(request, ctx)));
      }
    }

    const results: InteractionResult[] = [];
    for (const [index, interaction] of scenario.interactions.entries()) {
      const stream = streams.get(index);
      results.push(
        stream
          ? await compareStream(index, interaction, stream, ctx)
          : await compareAnswer(index, interaction, ctx),
      );
    }
    return { name: scenario.name ?? scenario.test, interactions: results };
  } finally {
    for (const stream of streams.values()) stream.close();
    await sb.close();
  }
}

function describe(request: RecordedRequest): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}${url.search}`;
}

const MEDIA_POLL_MS = 100;
const MEDIA_WAIT_MS = 3000;

async function send(outgoing: OutgoingRequest): Promise<Response> {
  return fetch(outgoing.url, {
    method: outgoing.method,
    headers: outgoing.headers,
    ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
    redirect: "manual",
  });
}

async function compareAnswer(index: number, { request, response }: Interaction, ctx: ReplayContext) {
  const outgoing = rewriteRequest(request, ctx);
  let answer = await send(outgoing);
  // Mastodon.py polls a processing upload (206) until it is ready; the recording kept only the last answer.
  const deadline = Date.now() + MEDIA_WAIT_MS;
  while (
    answer.status === 206 &&
    response.status === 200 &&
    request.method === "GET" &&
    Date.now() < deadline
  ) {
    await answer.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, MEDIA_POLL_MS));
    answer = await send(outgoing);
  }
  const text = await answer.text();
  const sandboxBody = parseJson(text, answer.headers.get("content-type") ?? undefined);
  const recordedBody =
    response.bodyEncoding === "base64"
      ? undefined
      : parseJson(response.body, response.headers["content-type"]);
  const ok = (status: number) => status >= 200 && status <= 299;
  const differences: string[] = [];
  const notes: string[] = [];
  if (recordedBody !== undefined && answer.status === response.status) {
    if (sandboxBody === undefined) differences.push("$: JSON in Mastodon, not JSON here");
    else {
      ctx.ids.learn(recordedBody, sandboxBody);
      if (ok(answer.status)) differences.push(...shapeDifferences(recordedBody, sandboxBody, ctx.ids));
      // Profiles (fields, roles) differ by the recording server's history; lists of results matter.
      notes.push(
        ...emptiedLists(recordedBody, sandboxBody).filter((n) =>
          /^\$(\.(notification_groups|statuses|accounts))?:/.test(n),
        ),
      );
    }
  }
  return {
    index,
    method: request.method,
    request: describe(request),
    recordedStatus: response.status,
    sandboxStatus: answer.status,
    differences,
    notes,
    sandboxBody: ok(answer.status) ? sandboxBody : undefined,
  } satisfies InteractionResult;
}

async function compareStream(
  index: number,
  { request, response }: Interaction,
  stream: OpenStream,
  ctx: ReplayContext,
) {
  const recordedEvents = parseSse(response.body ?? "");
  const recordedKinds = [...new Set(recordedEvents.map((e) => e.event))];
  const deadline = Date.now() + STREAM_WAIT_MS;
  const received = () => new Set(stream.events.map((e) => e.event));
  while (Date.now() < deadline && !recordedKinds.every((k) => received().has(k))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const differences: string[] = [];
  if (!stream.contentType.includes("text/event-stream"))
    differences.push(`content-type ${stream.contentType}`);
  for (const kind of recordedKinds) {
    const mine = stream.events.find((e) => e.event === kind);
    if (!mine) {
      differences.push(`event ${kind}: not delivered`);
      continue;
    }
    const theirs = recordedEvents.find((e) => e.event === kind) as SseEvent;
    const [r, s] = [parseJson(theirs.data, "json"), parseJson(mine.data, "json")];
    if (r !== undefined && s !== undefined) {
      ctx.ids.learn(r, s);
      differences.push(...shapeDifferences(r, s, ctx.ids, `event ${kind}`));
    }
  }
  return {
    index,
    method: request.method,
    request: describe(request),
    recordedStatus: response.status,
    sandboxStatus: stream.status,
    differences,
    notes: [],
    sandboxBody: undefined,
    stream: { recordedKinds, receivedKinds: [...received()], contentType: stream.contentType },
  } satisfies InteractionResult;
}

/**
 * The recording server's accounts kept settings from earlier tests (mastodonpy_test is locked, so a
 * follow makes a request); the seeded accounts get the `locked` flag of their first recorded appearance.
 */
function lockAsRecorded(
  accounts: readonly { username: string; locked: boolean }[],
  scenario: Scenario,
): void {
  const seen = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (isObject(value)) {
      const { username, acct, locked } = value;
      if (typeof username === "string" && typeof acct === "string" && typeof locked === "boolean") {
        const account = accounts.find((a) => a.username === username);
        if (account && !seen.has(username)) account.locked = locked;
        seen.add(username);
      }
      for (const v of Object.values(value)) walk(v);
    }
  };
  for (const { response } of scenario.interactions) {
    if (response.bodyEncoding !== "base64") walk(parseJson(response.body, "json"));
  }
}

/** Every account id the recording server gave out in these scenarios, with its username. */
export function recordedAccountIds(scenarios: readonly Scenario[]): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (isObject(value)) {
      const { id, username, acct } = value;
      if (typeof username === "string" && typeof acct === "string" && typeof id === "string")
        ids.set(id, username);
      for (const v of Object.values(value)) walk(v);
    }
  };
  for (const { interactions } of scenarios) {
    for (const { response } of interactions) {
      if (response.bodyEncoding === "base64" || response.body === null) continue;
      const json = parseJson(response.body, "json");
      if (json !== undefined) walk(json);
      else for (const e of parseSse(response.body)) walk(parseJson(e.data, "json"));
    }
  }
  return ids;
}
