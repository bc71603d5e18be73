/**
 * What a browser build gets in place of ./node-transport.ts (package.json's "browser" field maps
 * one to the other, as esbuild, Vite, webpack and Rollup apply it when they build for a browser):
 * the undici transport, about 2 KB gzip, can never run there, so a browser app does not carry it.
 * In a browser only `transport: "undici"` or a `dispatcher` option reach this. A browser build run
 * on Node (test runners with a DOM do that) reaches it with the default too, which stays on fetch.
 */
import { MastodonIllegalArgumentError } from "./errors.js";
import type { Transport } from "./transport.js";
import type { TransportChoice } from "./transport-choice.js";

export async function nodeTransport(choice: TransportChoice, viaFetch: Transport): Promise<Transport> {
  if (choice.wanted === "auto") return viaFetch;
  throw new MastodonIllegalArgumentError(
    `${choice.dispatcher === undefined ? 'transport "undici"' : "The dispatcher option"} needs Node.js, and this is ` +
      "the browser build of mastodon-ts. Leave the option out: in a browser, requests go through fetch.",
  );
}
