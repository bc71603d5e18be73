/**
 * Where the streaming server is. Mastodon advertises it (v2 instance `configuration.urls.streaming`,
 * v1 `urls.streaming_api`); the API's own origin is the fallback, because some servers advertise an
 * address that does not work from outside (wss:// in front of a proxy that only serves ws://, an
 * internal host name). The candidates are tried in order; the one that worked is tried first next time.
 */
import type { Internal } from "../api/internal.js";
import { isLoopbackHost } from "../core/base-url.js";

/** Turns ws(s):// into http(s):// and drops a trailing slash; undefined for anything unusable. */
export function httpBase(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim().replace(/^ws(s?):\/\//i, "http$1://"));
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

/**
 * The streaming URL the server advertises, or undefined when it advertises none. A look-up that
 * failed outright (both instance requests) is not remembered, so the next connection asks again.
 */
async function advertisedBase(internal: Internal): Promise<string | undefined> {
  return internal
    .cached("streaming-base-url", async () => {
      let failure: unknown;
      const answered = (instance: Promise<unknown>) =>
        instance.then(
          (found) => found as Record<string, { urls?: Record<string, unknown> } | undefined> | null,
          (error: unknown) => {
            failure = error;
            return undefined;
          },
        );
      // The v2 document is shared with the version look-up, so a client asks for it once.
      const v2 = await answered(internal.sharedInstanceV2());
      const fromV2 = v2?.configuration?.urls?.streaming;
      if (typeof fromV2 === "string" && fromV2 !== "") return fromV2;
      const v1 = await answered(internal.get("/api/v1/instance", {}));
      const fromV1 = (v1 as { urls?: { streaming_api?: unknown } } | null | undefined)?.urls?.streaming_api;
      if (typeof fromV1 === "string" && fromV1 !== "") return fromV1;
      if (v1 === undefined && v2 === undefined) throw failure;
      return undefined;
    })
    .catch(() => undefined);
}

/**
 * The base URLs to try, best first: the user's override alone if given; else the advertised address
 * (unless it would send the token in clear text to a public host that the API reaches over https),
 * then the API's origin.
 */
export async function streamingBases(
  internal: Internal,
  options: { override: string | undefined; allowHttp: boolean },
): Promise<string[]> {
  const api = httpBase(internal.apiBaseUrl) ?? internal.apiBaseUrl;
  if (options.override !== undefined) {
    const base = httpBase(options.override);
    return base === undefined ? [api] : [base];
  }
  const advertised = httpBase((await advertisedBase(internal)) ?? "");
  const candidates: string[] = [];
  if (advertised !== undefined && !downgrades(api, advertised, options.allowHttp))
    candidates.push(advertised);
  if (!candidates.includes(api)) candidates.push(api);
  return candidates;
}

function downgrades(api: string, advertised: string, allowHttp: boolean): boolean {
  const target = new URL(advertised);
  return (
    target.protocol === "http:" &&
    new URL(api).protocol === "https:" &&
    !allowHttp &&
    !isLoopbackHost(target.hostname)
  );
}
