/**
 * Plain http:// in the command line. The library refuses it to public hosts unless given
 * `allow_http: true`; the CLI's flag for that is --allow-http, and its refusal says so in the CLI's
 * terms. Loopback addresses (a local test server, the sandbox) need no flag.
 */
import { isLoopbackHost, protocolize } from "../core/base-url.js";
import { usageError } from "./exit-codes.js";

export const ALLOW_HTTP_OPTION = { "allow-http": { type: "boolean" } } as const;

export const ALLOW_HTTP_HELP = `  --allow-http           permit a plain http:// server that is not on this machine (tokens and
                         passwords then travel unencrypted; for test servers on a private network)`;

/** The warning printed whenever --allow-http is given. */
export const ALLOW_HTTP_WARNING =
  "mastodon-ts: warning: --allow-http: a server on plain http:// is accepted; the access token (and a " +
  "password) sent to it travel unencrypted, readable by anyone on the network path.";

/** Refuses http:// to a non-loopback host unless --allow-http was given; other problems are the library's. */
export function checkPlainHttp(server: string, allowHttp: boolean): void {
  let url: URL;
  try {
    url = new URL(protocolize(server));
  } catch {
    return;
  }
  if (url.protocol !== "http:" || allowHttp || isLoopbackHost(url.hostname)) return;
  throw usageError(
    `${url.origin} uses plain http://, which would send your access token (and password) unencrypted. ` +
      `Use the server's https:// address (https://${url.host}), or add --allow-http if you really mean it ` +
      "(e.g. a test server on a private network).",
  );
}
