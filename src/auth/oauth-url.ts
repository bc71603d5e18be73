/**
 * The check every OAuth address passes before a user, a code or a password is sent to it, as
 * Mastodon.py's __oauth_url_check: https, no fragment or user info. Plain http is allowed to
 * loopback hosts (a local test server) and with allow_http: true; an explicit allow_http: false
 * refuses it everywhere, loopback included, for a program that wants to be sure.
 */
import { isLoopbackHost } from "../core/base-url.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";

export function checkOAuthUrl(
  address: string,
  what: string,
  allowHttp: { client: boolean; option: boolean | undefined },
): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch (cause) {
    throw new MastodonIllegalArgumentError(`${what} is not a valid URL.`, { cause });
  }
  if (url.username || url.password) {
    throw new MastodonIllegalArgumentError(`${what} must not contain a user name or password.`);
  }
  // A query is allowed (RFC 6749 3.1 keeps it; the parameters are added to it); a fragment is not.
  if (url.hash) {
    throw new MastodonIllegalArgumentError(`${what} ${url.origin}${url.pathname} must not carry a fragment.`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol !== "http:") {
    throw new MastodonIllegalArgumentError(`${what} must use https:// (got ${url.protocol}).`);
  }
  if (allowHttp.option === false) {
    throw new MastodonIllegalArgumentError(
      `${what} ${url.origin} uses plain http://, and allow_http: false was passed, which refuses http:// ` +
        "even to a loopback address. Use https://, or leave allow_http out to permit http:// to loopback addresses.",
    );
  }
  if (allowHttp.option === true || allowHttp.client || isLoopbackHost(url.hostname)) return url;
  throw new MastodonIllegalArgumentError(
    `${what} ${url.origin} uses plain http://, which would send credentials unencrypted. Use https:// ` +
      "(only loopback addresses such as localhost may use http), or pass allow_http: true if you really mean it.",
  );
}
