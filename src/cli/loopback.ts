/**
 * The loopback redirect of the browser login (RFC 8252): a one-shot HTTP server on 127.0.0.1 that
 * the authorization page redirects to with `?code=...&state=...`. Requests without the expected
 * `state` are answered 400 and ignored (they cannot come from our authorization request), so a
 * stray or forged request cannot end the login or inject a code.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { quoteServer } from "../core/printable.js";
import { timerDelay } from "../core/sleep.js";
import { authError, CliError, EXIT } from "./exit-codes.js";

export const CALLBACK_PATH = "/callback";

export interface LoopbackServer {
  /** http://127.0.0.1:PORT/callback */
  redirectUri: string;
  port: number;
  /** Resolves to the code once the browser comes back with the right state. */
  waitForCode(state: string, timeoutSeconds: number): Promise<string>;
  close(): void;
}

const page = (res: ServerResponse, status: number, title: string, text: string) => {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><h1>${title}</h1><p>${text}</p></body></html>`,
  );
};

/**
 * The request target as a URL, or undefined when it does not parse: any local process can connect,
 * and an absolute-form target such as `http://127.0.0.1:99999/callback` makes `new URL` throw, which
 * in a request listener would crash the waiting login.
 */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://127.0.0.1");
  } catch {
    return undefined;
  }
}

/** Listens on 127.0.0.1:`port` (0 for any free port). Rejects with EADDRINUSE if the port is taken. */
export async function startLoopback(port: number): Promise<LoopbackServer> {
  let deliver: ((result: { code?: string; error?: string; description?: string }) => void) | undefined;
  let expectedState: string | undefined;
  const server: Server = createServer((req, res) => {
    const url = requestUrl(req.url);
    if (!url) return page(res, 400, "Bad request", "This address only receives the Mastodon login.");
    if (url.pathname !== CALLBACK_PATH || req.method !== "GET") {
      return page(res, 404, "Not found", "This address only receives the Mastodon login.");
    }
    const state = url.searchParams.get("state");
    if (!expectedState || state !== expectedState) {
      return page(
        res,
        400,
        "Login not accepted",
        "This request does not belong to the login that is waiting (its state does not match). " +
          "Start the login again from the terminal.",
      );
    }
    const error = url.searchParams.get("error");
    const code = url.searchParams.get("code");
    if (error) {
      page(res, 200, "Login cancelled", "The authorization was not given. You can close this tab.");
      deliver?.({ error, description: url.searchParams.get("error_description") ?? "" });
    } else if (code) {
      page(
        res,
        200,
        "Logged in",
        "mastodon-ts got the authorization. You can close this tab and go back to the terminal.",
      );
      deliver?.({ code });
    } else {
      page(res, 400, "Login not accepted", "The server sent no authorization code.");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  return {
    port: actualPort,
    redirectUri: `http://127.0.0.1:${actualPort}${CALLBACK_PATH}`,
    close,
    waitForCode(state, timeoutSeconds) {
      expectedState = state;
      return new Promise<string>((resolve, reject) => {
        // timerDelay holds the delay to setTimeout's limit (about 24.8 days): a longer one fires at once.
        const timer = setTimeout(
          () => {
            deliver = undefined;
            reject(
              authError(
                `No authorization arrived within ${timeoutSeconds} s. Run the login again, or use --no-browser ` +
                  "to paste the code by hand (useful when the browser runs on another machine).",
              ),
            );
          },
          timerDelay(timeoutSeconds * 1000),
        );
        deliver = (result) => {
          clearTimeout(timer);
          deliver = undefined;
          if (result.code) return resolve(result.code);
          reject(
            result.error === "access_denied"
              ? new CliError("The authorization was declined in the browser; nothing was saved.", EXIT.auth)
              : authError(
                  // Quoted (cut short, control characters replaced): the server chose these words.
                  `The server did not authorize the app (${quoteServer(result.description ? `${result.error}: ${result.description}` : (result.error ?? ""))}). ` +
                    "Check the requested --scopes and try again.",
                ),
          );
        };
      });
    },
  };
}
