// The default transport on Node sends requests straight to undici's dispatch(), around fetch; a
// program whose tests mock fetch must still see every request. With a real request mock (msw, which
// replaces globalThis.fetch while it listens), a default client's requests reach the mock, and once
// the mock stops listening they go direct again. Without that safeguard they would go to the real
// (here unreachable) mastodon.example.
import assert from "node:assert/strict";
import { test } from "node:test";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { Mastodon, MastodonNetworkError } from "../src/index.js";
import { rejection } from "./support/failures.js";

const STATUS = { id: "1", content: "<p>mocked</p>", visibility: "public" };

test("msw intercepts a default client's requests while it listens (on Node, where they otherwise go direct)", async (t) => {
  const seen: string[] = [];
  const mock = setupServer(
    http.get("https://mastodon.example/api/v1/statuses/:id", ({ request, params }) => {
      seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")}`);
      return HttpResponse.json({ ...STATUS, id: params.id });
    }),
    http.post("https://mastodon.example/api/v1/statuses", async ({ request }) => {
      const body = (await request.json()) as { status: string };
      seen.push(`POST ${body.status} ${request.headers.get("idempotency-key") ? "with key" : "no key"}`);
      return HttpResponse.json({ ...STATUS, id: "2", content: body.status });
    }),
  );
  mock.listen({ onUnhandledRequest: "error" });
  t.after(() => mock.close());
  const api = new Mastodon({
    api_base_url: "https://mastodon.example",
    access_token: "mock-token",
    retry: false,
  });
  assert.deepEqual(await api.status("7"), { ...STATUS, id: "7" });
  assert.equal((await api.statusPost("hello")).content, "hello");
  assert.deepEqual(seen, ["GET /api/v1/statuses/7 Bearer mock-token", "POST hello with key"]);

  // Once msw stops listening, fetch is Node's own again: the request goes out for real, and fails
  // (this machine reaches no such server), without passing the mock.
  mock.close();
  const error = await rejection(api.status("8"));
  assert.ok(error instanceof MastodonNetworkError, String(error));
  assert.equal(seen.length, 2);
});
