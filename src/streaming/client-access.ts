/**
 * What streaming needs from the client: its fetch function, token and settings. The client's own
 * fetch is used so that a custom `fetch` option (proxy, custom TLS) also carries the streams.
 */

import { INTERNAL, type MethodHost } from "../api/internal.js";
import type { FetchLike } from "../core/http.js";

export interface ClientSettings {
  fetch: FetchLike;
  token: string | undefined;
  userAgent: string;
  allowHttp: boolean;
}

export function clientSettings(api: MethodHost): ClientSettings {
  return {
    fetch: api[INTERNAL].fetch,
    token: api.accessToken,
    userAgent: api.userAgent,
    allowHttp: api.allowHttp,
  };
}
