// Empty answers: a 200 with an empty body (or JSON null) where the declared result is not nullable
// is a MastodonAPIError that says what was expected, never a null against the type. Methods whose
// result is an empty object or may be null (derived from the type map, see src/api/result-kinds.ts)
// get {} and null.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, type TestContext, test } from "node:test";
import { Mastodon, MastodonAPIError, type MastodonOptions } from "../src/index.js";
import { rejection } from "./support/failures.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";
import { forEachTransport } from "./support/transports.js";

const TOKEN = "fake-token-empty-answers";

async function serve(
  t: TestContext,
  handler: (req: ParsedRequest, res: ServerResponse) => void,
): Promise<TestServer> {
  const server = await startServer(handler);
  t.after(() => server.close());
  return server;
}

function empty(res: ServerResponse, status = 200): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": "0" });
  res.end();
}

function jsonNull(res: ServerResponse): void {
  json(res, 200, null);
}

function clientOver(server: TestServer, options: MastodonOptions): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: false, ...options });
}

forEachTransport((via) => {
  const client = (server: TestServer) => clientOver(server, via.options);

  describe("an empty answer where a value is declared", () => {
    for (const [what, answer, said] of [
      ["an empty body", empty, /200 and an empty body/],
      ["JSON null", jsonNull, /200 and JSON null/],
    ] as const) {
      test(`status(): ${what} is a MastodonAPIError naming what was expected`, async (t) => {
        const server = await serve(t, (_req, res) => answer(res));
        const error = await rejection(client(server).status("1"));
        assert.ok(error instanceof MastodonAPIError, error.message);
        assert.match(error.message, said);
        assert.match(error.message, /where a result for status\(\) was expected/);
        assert.match(error.message, /GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/statuses\/1/);
        assert.equal(error.status, 200);
      });

      test(`a list (timelineHome, timelineHashtag): ${what} is refused too`, async (t) => {
        const server = await serve(t, (_req, res) => answer(res));
        for (const call of [
          () => client(server).timelineHome(),
          () => client(server).timelineHashtag("cats"),
        ]) {
          const error = await rejection(call());
          assert.ok(error instanceof MastodonAPIError);
          assert.match(error.message, /was expected/);
        }
      });

      test(`statusPost: ${what} is refused`, async (t) => {
        const server = await serve(t, (_req, res) => answer(res));
        const error = await rejection(client(server).statusPost("hello"));
        assert.ok(error instanceof MastodonAPIError);
        assert.match(error.message, /where the posted Status was expected/);
      });
    }

    test("a 204 where a Status is expected is refused as well", async (t) => {
      const server = await serve(t, (_req, res) => empty(res, 204));
      const error = await rejection(client(server).status("1"));
      assert.match(error.message, /204 and an empty body/);
    });

    test("fetchNext: an empty next page is refused, naming the page", async (t) => {
      const server = await serve(t, (req, res) => {
        if (req.query.get("max_id") === "5") return empty(res);
        json(res, 200, [{ id: "6" }], { link: `<${server.url}/api/v1/timelines/home?max_id=5>; rel="next"` });
      });
      const api = client(server);
      const page = await api.timelineHome();
      const error = await rejection(api.fetchNext(page));
      assert.ok(error instanceof MastodonAPIError);
      assert.match(error.message, /the next page of results was expected/);
    });
  });

  describe("methods whose declared result allows it", () => {
    test("an empty object result (listDelete): an empty body or null is {}", async (t) => {
      let count = 0;
      const server = await serve(t, (_req, res) => (count++ === 0 ? empty(res) : jsonNull(res)));
      const api = client(server);
      assert.deepEqual(await api.listDelete("1"), {});
      assert.deepEqual(await api.listDelete("1"), {});
    });

    test("a nullable result (statusCard, annualReportGenerate): null", async (t) => {
      const server = await serve(t, (req, res) => {
        if (req.path.endsWith("/card")) return jsonNull(res);
        empty(res, 204);
      });
      const api = client(server);
      assert.equal(await api.annualReportGenerate(2025), null);
    });
  });
});
