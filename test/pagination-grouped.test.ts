// Pagination beyond plain lists: cursors that keep the request's own parameters (which Mastodon's
// Link headers partly leave out), and grouped notifications, whose pages are objects.
import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import { type PaginationInfo, parseLinkHeader } from "../src/api/pagination-links.js";
import { type GroupedNotificationsResults, Mastodon, MastodonIllegalArgumentError } from "../src/index.js";
import { json, startServer } from "./support/http-server.js";

describe("cursors keep the request's parameters", () => {
  const base = "https://mastodon.example";

  test("the Link header's cursor replaces the request's cursors; other parameters stay", () => {
    const links = parseLinkHeader(
      '<https://mastodon.example/api/v2/notifications?limit=5&max_id=38>; rel="next", ' +
        '<https://mastodon.example/api/v2/notifications?limit=5&min_id=42>; rel="prev"',
      base,
      { limit: 5, expand_accounts: "full", grouped_types: ["favourite"], min_id: "10", since_id: "3" },
    );
    assert.deepEqual(links.next, {
      _pagination_method: "GET",
      _pagination_endpoint: "/api/v2/notifications",
      limit: "5",
      expand_accounts: "full",
      grouped_types: ["favourite"],
      max_id: "38",
    });
    assert.deepEqual(links.previous?.min_id, "42");
    assert.equal(links.previous?.max_id, undefined);
    assert.equal(links.previous?.since_id, undefined);
  });

  test("a list in the Link header replaces the request's list; pagination keys cannot be injected", () => {
    const links = parseLinkHeader(
      '<https://mastodon.example/api/v1/notifications?types[]=mention&types[]=poll&_pagination_endpoint=/x&max_id=1>; rel="next"',
      base,
      { types: ["follow"] },
    );
    assert.deepEqual(links.next?.types, ["mention", "poll"]);
    assert.equal(links.next?._pagination_endpoint, "/api/v1/notifications");
  });
});

/** Twelve notifications in groups of one, 5 per page, with Link headers that drop expand_accounts. */
async function groupedServer(t: TestContext) {
  const all = Array.from({ length: 12 }, (_, i) => 100 - i);
  const server = await startServer((req, res) => {
    if (req.path !== "/api/v2/notifications") return json(res, 404, { error: "Record not found" });
    const limit = Number(req.query.get("limit") ?? 5);
    const maxId = Number(req.query.get("max_id") ?? Number.POSITIVE_INFINITY);
    const minId = req.query.get("min_id");
    const page = minId
      ? all.filter((id) => id > Number(minId)).slice(-limit)
      : all.filter((id) => id < maxId).slice(0, limit);
    const url = `${server.url}/api/v2/notifications`;
    const headers: Record<string, string> =
      page.length > 0
        ? {
            link: `<${url}?limit=${limit}&max_id=${page.at(-1)}>; rel="next", <${url}?limit=${limit}&min_id=${page[0]}>; rel="prev"`,
          }
        : {};
    json(
      res,
      200,
      {
        // Every notification is from the same account, so pages repeat it.
        accounts: page.length > 0 ? [{ id: "7", acct: "friend" }] : [],
        statuses: page.map((id) => ({ id: `s${id}` })),
        notification_groups: page.map((id) => ({
          group_key: `ungrouped-${id}`,
          most_recent_notification_id: id,
          sample_account_ids: ["7"],
          status_id: `s${id}`,
          type: "mention",
        })),
      },
      headers,
    );
  });
  t.after(() => server.close());
  return { server, api: groupedClient(server), all };
}

/** A client of `server` on a Mastodon new enough for grouped notifications. */
function groupedClient(server: { url: string }): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: "grouped-token", mastodon_version: "4.5.0" });
}

const keys = (page: GroupedNotificationsResults | null) => page?.notification_groups.map((g) => g.group_key);

describe("grouped notifications page like lists", () => {
  test("fetchNext and fetchPrevious keep expand_accounts, and the last page has no next page", async (t) => {
    const { server, api, all } = await groupedServer(t);
    const first = await api.groupedNotifications({ limit: 5, expand_accounts: "full" });
    const second = await api.fetchNext(first);
    const third = await api.fetchNext(second!);
    const past = await api.fetchNext(third!);
    assert.deepEqual(
      keys(third),
      all.slice(10).map((id) => `ungrouped-${id}`),
    );
    assert.deepEqual(past?.notification_groups, []);
    assert.equal(await api.fetchNext(past!), null, "an object page without cursors ends the walk");
    assert.deepEqual(keys(await api.fetchPrevious(second!)), keys(first));
    // A cursor kept as JSON leads to the same pages, also past the end.
    const stored = JSON.parse(JSON.stringify(api.getPaginationInfo(third, "next")));
    const fromCursor = (await api.fetchNext(
      stored as PaginationInfo,
    )) as unknown as GroupedNotificationsResults;
    assert.deepEqual(fromCursor?.notification_groups, []);
    assert.equal(await api.fetchNext(fromCursor!), null);
    for (const request of server.requests) assert.equal(request.query.get("expand_accounts"), "full");
  });

  test("paginationIterator yields the groups of every page, one page at a time", async (t) => {
    const { server, api, all } = await groupedServer(t);
    const seen: string[] = [];
    for await (const group of api.paginationIterator(
      (await api.groupedNotifications({ limit: 5 })) as never,
    )) {
      seen.push((group as { group_key: string }).group_key);
      assert.equal(server.requests.length, 1 + Math.floor((seen.length - 1) / 5));
    }
    assert.deepEqual(
      seen,
      all.map((id) => `ungrouped-${id}`),
    );
  });

  test("fetchRemaining merges every page into one grouped result, each account once", async (t) => {
    const { api, all } = await groupedServer(t);
    const merged: GroupedNotificationsResults = await api.fetchRemaining(
      await api.groupedNotifications({ limit: 5 }),
    );
    assert.equal(merged.notification_groups.length, all.length);
    assert.deepEqual(merged.accounts, [{ id: "7", acct: "friend" }]);
    assert.equal(merged.statuses.length, all.length);
  });

  test("fetchRemaining ends where the next link points back at the same page, instead of looping", async (t) => {
    const server = await startServer((req, res) => {
      const link = { link: `<${server.url}/api/v2/notifications?max_id=90>; rel="next"` };
      if (server.requests.length > 20) return json(res, 500, { error: "looping" });
      const id = req.query.get("max_id") === "90" ? "89" : "91";
      const group = { group_key: `ungrouped-${id}`, most_recent_notification_id: id, sample_account_ids: [] };
      json(
        res,
        200,
        { accounts: [], statuses: [], notification_groups: [{ ...group, type: "mention" }] },
        link,
      );
    });
    t.after(() => server.close());
    const api = groupedClient(server);
    const merged = await api.fetchRemaining(await api.groupedNotifications());
    assert.deepEqual(keys(merged), ["ungrouped-91", "ungrouped-89"]);
    assert.equal(server.requests.length, 2);
  });

  test("objects that are no page are refused", async (t) => {
    const { server, api } = await groupedServer(t);
    const iterator = api.paginationIterator({ id: "1" } as never);
    await assert.rejects(iterator.next(), MastodonIllegalArgumentError);
    assert.equal(server.requests.length, 0);
  });

  test("with pagination info (Mastodon.py's return_pagination_info), each item comes with its page's cursor", async (t) => {
    const { api } = await groupedServer(t);
    const first = await api.groupedNotifications({ limit: 5 });
    const cursors: (string | undefined)[] = [];
    for await (const [group, info] of api.paginationIterator(first, {
      return_pagination_info: true,
    })) {
      assert.ok(group.group_key.startsWith("ungrouped-"));
      cursors.push(info?.max_id as string | undefined);
    }
    assert.deepEqual([...new Set(cursors)], ["96", "91", "89"]);
  });

  test("overlapping next() calls share one page fetch and keep the order", async (t) => {
    const { server, api, all } = await groupedServer(t);
    const iterator = api.paginationIterator(await api.groupedNotifications({ limit: 5 }));
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()));
    assert.deepEqual(
      results.map((r) => r.value?.group_key),
      all.slice(0, 7).map((id) => `ungrouped-${id}`),
    );
    assert.equal(server.requests.length, 2, "the second page was fetched once");
    assert.deepEqual(await iterator.return(undefined), { value: undefined, done: true });
    assert.equal((await iterator.next()).done, true);
    assert.equal(server.requests.length, 2);
  });
});
