/**
 * Normalising `api_base_url` the way Mastodon.py does, and refusing plain http to public hosts:
 * a bearer token sent over http can be read by anyone on the path.
 */
import { MastodonIllegalArgumentError } from "./errors.js";

/** `mastodon.social` -> `https://mastodon.social`; a trailing slash is dropped. */
export function protocolize(baseUrl: string): string {
  let url = baseUrl.trim();
  // Blank stays blank (reported as missing); another scheme is kept so that it is refused, not mangled.
  if (url === "") return url;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `https://${url}`;
  return url.replace(/\/+$/, "");
}

/** True for localhost, *.localhost, 127.0.0.0/8 and ::1: traffic to them never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  if (/^::ffff:127\./.test(host)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Validates and normalises a base URL. Throws MastodonIllegalArgumentError for a missing or
 * unparseable URL, and for `http://` to a non-loopback host unless `allowHttp` is set.
 */
export function normaliseBaseUrl(baseUrl: string | undefined | null, allowHttp = false): string {
  if (baseUrl === undefined || baseUrl === null || String(baseUrl).trim() === "") {
    throw new MastodonIllegalArgumentError(
      'API base URL is required: pass api_base_url, e.g. { api_base_url: "https://mastodon.social" }, ' +
        "or a credential file that contains it.",
    );
  }
  const url = protocolize(String(baseUrl));
  // new URL() drops tabs and line breaks silently, so "https://a.example\nhttps://b.example" would
  // pass, then go whole into requests and credential files (one value per line: the file's next
  // line would be taken from it). Nothing like that belongs in an address.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (/[\x00-\x20\x7f]/.test(url)) {
    throw new MastodonIllegalArgumentError(
      `api_base_url ${JSON.stringify(url)} holds a space, a line break or another control character; ` +
        'give the server\'s address alone, such as "https://mastodon.social".',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new MastodonIllegalArgumentError(
      `api_base_url "${url}" is not a valid URL; give the server's address such as "https://mastodon.social".`,
      { cause },
    );
  }
  if (parsed.username || parsed.password) {
    throw new MastodonIllegalArgumentError(
      "api_base_url must not contain a user name or password; pass credentials as access_token instead.",
    );
  }
  if (parsed.search || parsed.hash) {
    throw new MastodonIllegalArgumentError(
      `api_base_url "${parsed.origin}${parsed.pathname}" must not carry a query string or fragment.`,
    );
  }
  assertSecureUrl(parsed, allowHttp, "api_base_url");
  return url;
}

/** Refuses http to public hosts (tokens would travel in clear text). */
export function assertSecureUrl(url: URL, allowHttp: boolean, what: string): void {
  if (url.protocol === "https:") return;
  if (url.protocol !== "http:") {
    throw new MastodonIllegalArgumentError(`${what} must use https:// (got ${url.protocol}).`);
  }
  if (allowHttp || isLoopbackHost(url.hostname)) return;
  throw new MastodonIllegalArgumentError(
    `${what} ${url.origin} uses plain http://, which would send your access token unencrypted. ` +
      "Use https:// (only loopback addresses such as localhost may use http), " +
      "or pass allow_http: true if you really mean it (e.g. a test server on a private network).",
  );
}
