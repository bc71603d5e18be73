/**
 * The absolute URL of a request, as every client of this package builds it: a path below the base
 * URL, or an absolute URL on the same server (a page cursor from a Link header), with the query.
 */
import { type Params, toQueryString } from "./encode.js";
import { describeUrl } from "./error-factory.js";
import { MastodonError, MastodonIllegalArgumentError } from "./errors.js";

/**
 * `base` + `path` (query string appended for query-encoded params). An absolute `path` must be on
 * the same origin as `base`: the token is never sent to another server.
 */
export function requestUrl(base: string, path: string, query?: Params): string {
  let url: string;
  // Most paths are relative ("/api/v1/..."): the absolute-URL checks run only for the others.
  if (path.charCodeAt(0) !== 0x2f && /^https?:\/\//i.test(path)) {
    let origin: string;
    try {
      origin = new URL(path).origin;
    } catch (cause) {
      throw new MastodonIllegalArgumentError(`"${describeUrl(path)}" is not a valid address.`, { cause });
    }
    if (origin !== new URL(base).origin) {
      throw new MastodonError(
        `Refusing to send the access token to ${origin}, which is not the configured server.`,
      );
    }
    url = path;
  } else {
    url = base + (path.startsWith("/") ? path : `/${path}`);
  }
  const search = query ? toQueryString(query) : "";
  if (!search) return url;
  return url + (url.includes("?") ? "&" : "?") + search;
}
