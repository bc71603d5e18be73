// Redirects are followed by the client itself (fetch gets redirect: "manual"), whatever fetch the
// user passed in: on the same server with everything, to another server never with the access
// token or a request body; 303 continues as a GET; a chain is cut short.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, type TestContext, test } from "node:test";
import type { FetchLike } from "../src/core/http.js";
import { Mastodon, MastodonAPIError, type MastodonOptions } from "../src/index.js";
import { rejection } from "./support/failures.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";
import { forEachTransport, type TransportCase } from "./support/transports.js";

const TOKEN = "fake-token-redirects";
const STATUS = { id: "1", content: "<p>hi</p>", visibility: "public" };

type Handler = (req: ParsedRequest, res: ServerResponse) => void | Promise<void>;

async function serve(t: TestContext, handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  t.after(() => server.close());
  return server;
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, "content-length": "0" });
  res.end();
}

/** A fetch the user might inject: it passes everything through, and records what it was asked. */
function recordingFetch(log: { url: string; redirect: RequestRedirect | undefined }[]): FetchLike {
  return (input, init) => {
    log.push({ url: input, redirect: init.redirect });
    return fetch(input, init);
  };
}

/** A fetch that ignores `redirect: "manual"` and follows redirects itself, as a careless wrapper might. */
const followingFetch: FetchLike = (input, init) => fetch(input, { ...init, redirect: "follow" });

function clientOver(server: TestServer, options: MastodonOptions = {}): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: false, ...options });
}

/**
 * What a user may pass in, per transport: a fetch of their own, or an undici dispatcher, here one
 * made to follow redirects by itself (which the client must overrule).
 */
async function injected(via: TransportCase): Promise<MastodonOptions> {
  if (via.name === "fetch") return { fetch: recordingFetch([]) };
  const { Agent } = await import("undici");
  return { dispatcher: new Agent({ maxRedirections: 5 }) };
}

forEachTransport((via) => {
  const client = (server: TestServer, options: MastodonOptions = {}) =>
    clientOver(server, { ...via.options, ...options });

  describe("redirects on the same server", () => {
    test("a GET is followed with its token, and fetch is asked for redirect: manual", async (t) => {
      const server = await serve(t, (req, res) => {
        if (req.path === "/api/v1/statuses/1") redirect(res, 301, "/api/v1/statuses/1/moved");
        else json(res, 200, { ...STATUS, seen: req.headers.authorization ?? null });
      });
      const log: { url: string; redirect: RequestRedirect | undefined }[] = [];
      const options = via.name === "fetch" ? { fetch: recordingFetch(log) } : {};
      const status = (await client(server, options).status("1")) as unknown as {
        seen: string;
      };
      assert.equal(status.seen, `Bearer ${TOKEN}`);
      assert.equal(server.requests.length, 2);
      if (via.name === "fetch") {
        assert.deepEqual(
          log.map((entry) => entry.redirect),
          ["manual", "manual"],
        );
      }
    });

    test("307 repeats a POST with its body; 303 continues as a GET without it", async (t) => {
      const server = await serve(t, (req, res) => {
        if (req.method === "POST" && req.path === "/api/v1/lists") redirect(res, 307, "/api/v1/lists/again");
        else if (req.method === "POST" && req.path === "/api/v1/lists/again")
          redirect(res, 303, "/api/v1/lists/made");
        else json(res, 200, { id: "9", title: "friends", method: req.method, body: req.rawBody.length });
      });
      const list = (await client(server).listCreate("friends")) as unknown as {
        method: string;
        body: number;
      };
      assert.equal(list.method, "GET");
      assert.equal(list.body, 0);
      const [first, second, third] = server.requests;
      assert.equal(second?.method, "POST");
      assert.equal(second?.rawBody.toString(), first?.rawBody.toString());
      assert.equal(second?.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(third?.headers["content-type"], undefined);
      assert.equal(third?.headers.authorization, `Bearer ${TOKEN}`);
    });

    test("a redirect loop stops after 5 hops with a MastodonAPIError", async (t) => {
      const server = await serve(t, (req, res) => redirect(res, 302, `${req.path}x`));
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonAPIError);
      assert.match(error.message, /more than 5 redirects/);
      assert.equal(server.requests.length, 6);
    });

    test("a redirect to the same server with a user name and password in its address is refused, and never repeated", async (t) => {
      const server = await serve(t, (req, res) => {
        const port = new URL(server.url).port;
        if (req.path === "/api/v1/statuses/1")
          redirect(res, 302, `http://someone:hunter22@127.0.0.1:${port}/final`);
        else json(res, 200, STATUS);
      });
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonAPIError, String(error));
      assert.match(error.message, /a redirect to an address with a user name or password in it/);
      assert.doesNotMatch(`${error.message} ${error.stack}`, /hunter22/);
      assert.deepEqual(
        server.requests.map((r) => r.path),
        ["/api/v1/statuses/1"],
        "the token went nowhere else",
      );
    });

    test("a redirect without a Location is reported as the answer it is", async (t) => {
      const server = await serve(t, (_req, res) => json(res, 302, {}));
      const error = await rejection(client(server).status("1"));
      assert.ok(error instanceof MastodonAPIError);
      assert.equal(error.status, 302);
    });
  });

  describe("redirects to another server", () => {
    for (const [name, injectedOptions] of [
      [`the default ${via.name}`, async () => ({})],
      [
        via.name === "fetch" ? "an injected fetch" : "an injected dispatcher that follows redirects",
        () => injected(via),
      ],
    ] as const) {
      test(`an authenticated GET is not followed there (${name}); the error names the other server`, async (t) => {
        const other = await serve(t, (_req, res) => json(res, 200, STATUS));
        const server = await serve(t, (_req, res) => redirect(res, 302, `${other.url}/api/v1/statuses/1`));
        const error = await rejection(client(server, await injectedOptions()).status("1"));
        assert.ok(error instanceof MastodonAPIError);
        assert.match(error.message, new RegExp(`redirect to ${other.url}, another server`));
        assert.ok(!error.message.includes(TOKEN));
        assert.equal(other.requests.length, 0, "the other server was contacted");
      });

      test(`a POST with a body is not followed there, even with 307 (${name})`, async (t) => {
        const other = await serve(t, (_req, res) => json(res, 200, STATUS));
        const server = await serve(t, (_req, res) => redirect(res, 307, `${other.url}/api/v1/statuses`));
        const api = new Mastodon({
          api_base_url: server.url,
          retry: false,
          ...via.options,
          ...(await injectedOptions()),
        });
        const error = await rejection(api.listCreate("friends"));
        assert.ok(error instanceof MastodonAPIError);
        assert.equal(other.requests.length, 0);
      });
    }

    test("an anonymous GET follows there (nothing secret travels)", async (t) => {
      const other = await serve(t, (req, res) =>
        json(res, 200, [{ ...STATUS, auth: req.headers.authorization ?? null }]),
      );
      const server = await serve(t, (req, res) => redirect(res, 302, `${other.url}${req.path}`));
      const api = new Mastodon({ api_base_url: server.url, retry: false, ...via.options });
      const page = (await api.timelinePublic()) as unknown as { auth: string | null }[];
      assert.equal(page[0]?.auth, null);
      assert.equal(other.requests.filter((req) => req.path === "/api/v1/timelines/public").length, 1);
    });

    // A fetch of one's own is for the fetch transport only, so the undici run registers no such test.
    if (via.name === "fetch")
      test("an injected fetch that follows redirects itself: its answer from another server is refused", async (t) => {
        const other = await serve(t, (_req, res) => json(res, 200, STATUS));
        const server = await serve(t, (_req, res) => redirect(res, 302, `${other.url}/api/v1/statuses/1`));
        const error = await rejection(client(server, { fetch: followingFetch }).status("1"));
        assert.ok(error instanceof MastodonAPIError);
        assert.match(error.message, /followed a redirect to .* by itself/);
      });
  });
});
