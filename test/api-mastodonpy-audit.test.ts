// What goes over the wire where mastodon-ts was found to differ from Mastodon.py (issue 10, item 20),
// each against a scripted server on a real socket. The differences kept on purpose are listed in the
// README's "Porting from Mastodon.py" table.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mastodon } from "../src/index.js";
import { json, startServer, type TestServer } from "./support/http-server.js";

async function setup(t: { after(fn: () => unknown): void }): Promise<{ server: TestServer; api: Mastodon }> {
  const server = await startServer((req, res) =>
    req.path === "/api/v2/instance"
      ? json(res, 200, { domain: "example.test", version: "4.5.0", configuration: {} })
      : json(res, 200, []),
  );
  t.after(() => server.close());
  return { server, api: new Mastodon({ access_token: "token", api_base_url: server.url }) };
}

/** The query the last request to `path` carried. */
function queryTo(server: TestServer, path: string): URLSearchParams {
  const request = server.requests.findLast((r) => r.path === path);
  assert.ok(request, `no request to ${path}`);
  return request.query;
}

const STATUS = { id: "111", account: { id: "9", acct: "alice" } };

test("table-driven pages take entities as cursors and send their ids, as Mastodon.py unpacks them", async (t) => {
  const { server, api } = await setup(t);
  const when = new Date("2024-01-02T03:04:05Z");
  await api.scheduledStatuses({ max_id: STATUS, min_id: { id: "7" } });
  await api.statusQuotes(STATUS, { since_id: STATUS });
  await api.conversations({ max_id: STATUS, since_id: when });
  assert.deepEqual(
    [...queryTo(server, "/api/v1/scheduled_statuses")],
    [
      ["max_id", "111"],
      ["min_id", "7"],
    ],
  );
  assert.deepEqual([...queryTo(server, "/api/v1/statuses/111/quotes")], [["since_id", "111"]]);
  assert.deepEqual(
    [...queryTo(server, "/api/v1/conversations")],
    [
      ["max_id", "111"],
      ["since_id", "111684134174720000"],
    ],
  );
});
