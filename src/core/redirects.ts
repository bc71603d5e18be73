/**
 * Following redirects by hand (fetch is called with `redirect: "manual"`), so that what a redirect
 * may carry is decided here and not by whichever fetch implementation the user passed in: the
 * access token and the request body never go to another server, a redirect chain is cut short, and
 * 303 (and 301/302 after a POST, as browsers do) continues as a GET without the body.
 */
import { describeUrl } from "./error-factory.js";
import { MastodonAPIError } from "./errors.js";
import type { Answer } from "./transport.js";

/** More than any real server needs (fetch allows 20): a loop is noticed quickly. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** One request as sent; a redirect turns it into the next one. */
export interface Hop {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | FormData | undefined;
}

export function isRedirect(response: Answer): boolean {
  return response.type === "opaqueredirect" || REDIRECT_STATUSES.has(response.status);
}

/**
 * Whether a redirect stays on the same server: the same origin, or the same host moved from http to
 * https (an upgrade; the reverse would expose the token).
 */
function sameServer(from: URL, to: URL): boolean {
  if (from.origin === to.origin) return true;
  return from.protocol === "http:" && to.protocol === "https:" && from.hostname === to.hostname;
}

function refuse(hop: Hop, response: Answer, why: string): never {
  throw new MastodonAPIError(
    `The server answered ${hop.method} ${describeUrl(hop.url)} with ${response.status} ${response.statusText}: ${why}`,
    { status: response.status, reason: response.statusText, method: hop.method, url: describeUrl(hop.url) },
  );
}

/**
 * The request a redirect answer leads to, or undefined when it leads nowhere (no Location: the
 * answer is then reported as it is). Throws when the redirect may not be followed.
 */
export function nextHop(hop: Hop, response: Answer, hopsSoFar: number): Hop | undefined {
  if (response.type === "opaqueredirect") {
    refuse(
      hop,
      response,
      "a redirect this runtime's fetch does not show the target of. If the server moved, use its new address as api_base_url.",
    );
  }
  const location = response.headers.get("location");
  if (location === null) return undefined;
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch {
    return refuse(hop, response, "a redirect to an address that is not a URL.");
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    return refuse(hop, response, `a redirect to a ${target.protocol} address, which is not followed.`);
  }
  if (target.username !== "" || target.password !== "") {
    // fetch refuses such a URL (naming it, password included) while undici would send the request,
    // token and all: refused here, alike on both transports, without repeating it.
    return refuse(
      hop,
      response,
      "a redirect to an address with a user name or password in it, which is not followed.",
    );
  }
  if (hopsSoFar >= MAX_REDIRECTS) {
    return refuse(
      hop,
      response,
      `more than ${MAX_REDIRECTS} redirects in a row; the server may be misconfigured.`,
    );
  }
  const asGet =
    (response.status === 303 && hop.method !== "HEAD") ||
    ((response.status === 301 || response.status === 302) && hop.method === "POST");
  const headers = { ...hop.headers };
  let body = hop.body;
  if (asGet) {
    body = undefined;
    delete headers["Content-Type"];
    delete headers["Idempotency-Key"];
  }
  if (!sameServer(new URL(hop.url), target)) {
    if (headers.Authorization !== undefined || body !== undefined) {
      refuse(
        hop,
        response,
        `a redirect to ${target.origin}, another server. mastodon-ts does not send the access token or a request body there. ` +
          "If the server moved, use its new address as api_base_url.",
      );
    }
  }
  return { url: target.href, method: asGet ? "GET" : hop.method, headers, body };
}

/**
 * A fetch that ignores `redirect: "manual"` has already followed a redirect by itself. Its answer
 * from another server is refused, so the program at least learns that its fetch does this.
 */
export function refuseForeignFollow(hop: Hop, response: Answer): void {
  if (!response.redirected || !response.url) return;
  let landed: URL;
  try {
    landed = new URL(response.url);
  } catch {
    return;
  }
  if (sameServer(new URL(hop.url), landed)) return;
  refuse(
    hop,
    response,
    `the fetch function in use followed a redirect to ${landed.origin}, another server, by itself ` +
      '(it ignores redirect: "manual"). Pass a fetch that honours it, so that mastodon-ts decides what goes there.',
  );
}
