/**
 * What streaming needs from the client beyond `this[INTERNAL]`: its fetch function, token and
 * settings. The fetch function is read from the HTTP core (kept protected on the class) so that a
 * custom `fetch` option (proxy, custom TLS) also carries the streams.
 */

import type { FetchLike } from "../core/http.js";
import type { Mastodon } from "../mastodon.js";

export interface ClientSettings {
  fetch: FetchLike;
  token: string | undefined;
  userAgent: string;
  allowHttp: boolean;
}

export function clientSettings(api: Mastodon): ClientSettings {
  const http = (api as unknown as { http?: { config?: { fetch?: FetchLike } } }).http;
  const fetch = http?.config?.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return { fetch, token: api.accessToken, userAgent: api.userAgent, allowHttp: api.allowHttp };
}
