// What a review of the direct undici path found it doing differently from fetch, held to fetch's
// behaviour on both transports: an answer whose redirect is refused is let go (not taken in whole),
// a max_response_bytes past the largest Buffer still decodes compressed answers, header values are
// trimmed as fetch trims them, a URL's fragment is not sent, and the body read in one call is still
// held to the cap when a fetch of the user's declares less than it sends.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { Mastodon, MastodonAPIError, MastodonResponseTooLargeError } from "../src/index.js";
import { rejection, serveNumbered } from "./support/failures.js";
import { json, writeUntilClosed } from "./support/http-server.js";
import { forEachTransport } from "./support/transports.js";

const TOKEN = "parity-token";
const STATUS = { id: "1", content: "<p>hi</p>", visibility: "public" };

async function listen(t: { after(fn: () => unknown): void }, server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

forEachTransport((via) => {
  describe("as fetch does", () => {
    test("a redirect refused (to another server, with the token) lets go of its body instead of taking it in", async (t) => {
      let body = { written: 0 };
      const server = createServer((_req, res) => {
        res.writeHead(302, { location: "http://127.0.0.2:9/elsewhere", "content-type": "text/plain" });
        body = writeUntilClosed(res, 256 * 1024 * 1024);
      });
      const url = await listen(t, server);
      const api = new Mastodon({ api_base_url: url, access_token: TOKEN, retry: false, ...via.options });
      const error = await rejection(api.status("1"));
      assert.ok(error instanceof MastodonAPIError, String(error));
      assert.match(error.message, /another server/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(body.written < 32 * 1024 * 1024, `the server wrote ${body.written} bytes after the refusal`);
    });

    test("max_response_bytes past the largest Buffer (no cap, in effect) still decodes a gzipped answer", async (t) => {
      const server = await serveNumbered(t, (_req, res) => {
        const bytes = gzipSync(JSON.stringify(STATUS));
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(bytes);
      });
      const api = new Mastodon({
        api_base_url: server.url,
        access_token: TOKEN,
        max_response_bytes: Number.MAX_SAFE_INTEGER,
        retry: false,
        ...via.options,
      });
      assert.deepEqual(await api.status("1"), STATUS);
    });

    test("a token read from a file, with its trailing newline, is sent trimmed", async (t) => {
      const server = await serveNumbered(t, (_req, res) => json(res, 200, STATUS));
      const api = new Mastodon({
        api_base_url: server.url,
        access_token: `${TOKEN}\n`,
        retry: false,
        ...via.options,
      });
      assert.deepEqual(await api.status("1"), STATUS);
      assert.equal(server.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
    });

    test("a redirect's fragment is not sent to the server", async (t) => {
      const seen: string[] = [];
      const server = createServer((req, res) => {
        seen.push(String(req.url));
        if (req.url === "/api/v1/statuses/1") {
          res.writeHead(301, { location: "/api/v1/statuses/2#part" });
          res.end();
        } else json(res, 200, STATUS);
      });
      const url = await listen(t, server);
      const api = new Mastodon({ api_base_url: url, access_token: TOKEN, retry: false, ...via.options });
      assert.deepEqual(await api.status("1"), STATUS);
      assert.deepEqual(seen, ["/api/v1/statuses/1", "/api/v1/statuses/2"]);
    });
  });
});

test("a fetch of the user's that declares less than it sends is still held to max_response_bytes", async () => {
  const body = JSON.stringify([{ ...STATUS, content: "x".repeat(200_000) }]);
  const lying = async () =>
    new Response(body, {
      status: 200,
      headers: { "content-type": "application/json", "content-length": "10" },
    });
  const api = new Mastodon({
    api_base_url: "https://mastodon.example",
    access_token: TOKEN,
    fetch: lying,
    max_response_bytes: 100_000,
    retry: false,
  });
  const error = await rejection(api.timelineHome());
  assert.ok(error instanceof MastodonResponseTooLargeError, String(error));
  assert.match(error.message, /is 200,\d{3} bytes, more than 100,000/);
});
