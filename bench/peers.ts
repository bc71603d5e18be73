/**
 * The other clients measured beside mastodon-ts: masto and megalodon (dev dependencies), and the
 * raw floors (`fetch`, `undici.request`). Each is loaded on demand; a peer that fails to load on
 * this Node (its `engines` may be newer) is left out of the run with a note, never faked.
 *
 * Versions: masto 7.12 and megalodon 10.0.0 are the newest whose `engines` admit Node 20 (masto 8
 * asks for Node 22, megalodon 10.1+ for 22.11+).
 */
import { setMaxListeners } from "node:events";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The version of an installed package, for the report. */
export function versionOf(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** A named peer client, or why it could not be loaded. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

async function load<T>(what: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await what() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: peers' own types are not part of this package's type check.
type Any = any;

export const loadMasto = () => load<Any>(async () => await import("masto"));
export const loadMegalodon = () =>
  load<Any>(async () => {
    const module = (await import("megalodon")) as Any;
    return module.default?.default ?? module.default;
  });
export const loadUndici = () => load<Any>(async () => await import("undici"));

/** masto's REST client for `url`. */
export function mastoClient(masto: Any, url: string, token: string): Any {
  return masto.createRestAPIClient({ url, accessToken: token });
}

/**
 * megalodon's Mastodon client for `url`. megalodon sends every request with the signal of one
 * AbortController per client (its cancel()); axios adds an abort listener to it per request in
 * flight and removes it when the request ends. 16 concurrent requests are 16 listeners at once,
 * over Node's warning threshold of 10 (the MaxListenersExceededWarning of the post-16 run): not a
 * leak (the count is back to 0 after each batch), so the threshold is raised on that signal only.
 */
export function megalodonClient(generator: Any, url: string, token: string): Any {
  const client = generator("mastodon", url, token);
  const shared: unknown = client.client?.abortController?.signal;
  if (shared instanceof AbortSignal) setMaxListeners(MEGALODON_CONCURRENCY_ROOM, shared);
  return client;
}

/** Room for the bench's concurrent requests on megalodon's shared signal (a real leak still warns). */
const MEGALODON_CONCURRENCY_ROOM = 64;
