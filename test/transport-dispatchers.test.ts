// The `dispatcher` option takes an Agent from whichever undici the program installed: the undici 6
// and 7 packages (and Node's own copy, the default's) each have their own FormData and body code.
// Every request shape must reach the server alike through each of them; media uploads (multipart)
// are the one whose body is an object. Kept out of the runs on Node 20.16 (runtime-node-suite),
// since undici 7 needs Node 20.18.1.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Agent as Agent6 } from "undici";
import { Agent as Agent7, interceptors } from "undici7";
import { Mastodon, MastodonAPIError, type MastodonOptions } from "../src/index.js";
import { rejection } from "./support/failures.js";
import { json, startServer, type TestServer } from "./support/http-server.js";
import { UploadedFile } from "./support/params.js";

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3,
]);
const ATTACHMENT = { id: "9", type: "image", url: "http://x/a.png", preview_url: null, description: "a dot" };

const DISPATCHERS: Array<[string, () => MastodonOptions]> = [
  ["Node's own (the default)", () => ({})],
  ["an undici 6 Agent", () => ({ dispatcher: new Agent6() })],
  ["an undici 7 Agent", () => ({ dispatcher: new Agent7() })],
  [
    "an undici 7 Agent made to follow redirects (its redirect interceptor)",
    () => ({ dispatcher: new Agent7().compose(interceptors.redirect({ maxRedirections: 5 })) }),
  ],
];

async function serve(t: { after(fn: () => unknown): void }): Promise<TestServer> {
  const server = await startServer((req, res) =>
    req.path === "/api/v2/media" ? json(res, 200, ATTACHMENT) : json(res, 200, { id: "1", content: "" }),
  );
  t.after(() => server.close());
  return server;
}

for (const [name, options] of DISPATCHERS) {
  describe(`through ${name}`, () => {
    test("a media upload arrives as multipart with the file and its description", async (t) => {
      const server = await serve(t);
      const api = new Mastodon({
        api_base_url: server.url,
        access_token: "t",
        mastodon_version: "4.5.0",
        ...options(),
      });
      const media = await api.mediaPost(new File([PNG], "dot.png", { type: "image/png" }), {
        description: "a dot",
      });
      assert.equal(media.id, "9");
      const req = server.requests[0];
      assert.match(String(req?.headers["content-type"]), /^multipart\/form-data; boundary=/);
      assert.equal(req?.headers["content-length"], String(req?.rawBody.byteLength), "a declared length");
      const file = req?.params.file;
      assert.ok(file instanceof UploadedFile, "the file is a multipart file part");
      assert.deepEqual(new Uint8Array(file.data), PNG);
      assert.equal(req?.params.description, "a dot");
    });

    test("a JSON post and a GET arrive as on fetch", async (t) => {
      const server = await serve(t);
      const api = new Mastodon({ api_base_url: server.url, access_token: "t", ...options() });
      await api.statusPost("hello");
      await api.status("1");
      assert.deepEqual(server.requests[0]?.params, { status: "hello" });
      assert.equal(server.requests[1]?.path, "/api/v1/statuses/1");
    });

    test("a redirect to another server is not followed with the token (the client decides, not the dispatcher)", async (t) => {
      const other = await startServer((_req, res) => json(res, 200, { id: "1", content: "" }));
      t.after(() => other.close());
      const server = await startServer((_req, res) => {
        res.writeHead(302, { location: `${other.url}/api/v1/statuses/1` });
        res.end();
      });
      t.after(() => server.close());
      const api = new Mastodon({
        api_base_url: server.url,
        access_token: "secret-token",
        retry: false,
        ...options(),
      });
      const error = await rejection(api.status("1"));
      assert.ok(error instanceof MastodonAPIError, String(error));
      assert.match(error.message, /another server/);
      assert.equal(other.requests.length, 0, "the other server was not contacted");
    });
  });
}
