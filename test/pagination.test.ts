/**
 * Pagination: Link headers read into JSON-safe cursors, following pages forwards and backwards,
 * lazy iteration, Date cursors as snowflake ids, and the recorded real scenarios that page.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseLinkHeader } from "../src/api/pagination-links.js";
import {
  dateToSnowflake,
  Mastodon,
  MastodonAPIError,
  MastodonIllegalArgumentError,
  type PaginationInfo,
  type Status,
} from "../src/index.js";
import { json, startServer } from "./support/http-server.js";
import { conformanceTest, loadScenario } from "./support/recorded.js";
import { startReplayServer } from "./support/replay-server.js";

const TOKEN = "__MASTODON_PY_TEST_ACCESS_TOKEN";

describe("Link header parsing", () => {
  const base = "https://mastodon.example";

  test("reads next and prev cursors with their parameters", () => {
    const links = parseLinkHeader(
      '<https://mastodon.example/api/v1/timelines/home?max_id=10&limit=5>; rel="next", ' +
        '<https://mastodon.example/api/v1/timelines/home?min_id=20&limit=5>; rel="prev"',
      base,
    );
    assert.deepEqual(links.next, {
      _pagination_method: "GET",
      _pagination_endpoint: "/api/v1/timelines/home",
      max_id: "10",
      limit: "5",
    });
    assert.equal(links.previous?.min_id, "20");
  });

  test("keeps Rails-style array parameters as arrays", () => {
    const links = parseLinkHeader(
      '<https://mastodon.example/api/v2/notifications?types[]=mention&types[]=follow&max_id=5>; rel="next"',
      base,
    );
    assert.deepEqual(links.next?.types, ["mention", "follow"]);
  });

  test("ignores cursors that lead to another server, and junk", () => {
    const links = parseLinkHeader(
      '<https://evil.example/api/v1/timelines/home?max_id=1>; rel="next", garbage, <>; rel="prev", <x>',
      base,
    );
    assert.equal(links.next, undefined);
    assert.equal(links.previous, undefined);
  });

  test("a hostile header cannot hang the parser", { timeout: 2000 }, () => {
    assert.deepEqual(parseLinkHeader("<".repeat(100_000), base), {});
    assert.deepEqual(
      parseLinkHeader(`${"<a".repeat(5000)}>; rel="next"`, base).next?._pagination_method,
      "GET",
    );
    assert.deepEqual(parseLinkHeader(",".repeat(100_000), base), {});
  });

  test("a base URL with a path keeps endpoints relative to it", () => {
    const links = parseLinkHeader(
      '<https://host.example/social/api/v1/x?max_id=1>; rel="next"',
      "https://host.example/social",
    );
    assert.equal(links.next?._pagination_endpoint, "/api/v1/x");
  });
});

describe("Date cursors", () => {
  test("a Date becomes a snowflake id, cut to whole seconds as Mastodon.py does", () => {
    const when = new Date(Date.UTC(2026, 7, 1, 13, 55, 53, 789));
    const expected = ((BigInt(Math.floor(when.getTime() / 1000)) * 1000n) << 16n).toString();
    assert.equal(dateToSnowflake(when), expected);
  });
});

/** A home timeline of 12 statuses served 5 per page with real-looking Link headers. */
async function pagedServer() {
  const ids = Array.from({ length: 12 }, (_, i) => String(1000 - i));
  const server = await startServer((req, res) => {
    if (req.path !== "/api/v1/timelines/home") return json(res, 404, { error: "Record not found" });
    const limit = Number(req.query.get("limit") ?? 5);
    const maxId = req.query.get("max_id");
    const minId = req.query.get("min_id");
    let page: string[];
    if (minId) page = ids.filter((id) => Number(id) > Number(minId)).slice(-limit);
    else page = ids.filter((id) => !maxId || Number(id) < Number(maxId)).slice(0, limit);
    const headers: Record<string, string> = {};
    if (page.length > 0) {
      const url = `${server.url}/api/v1/timelines/home`;
      headers.link = `<${url}?limit=${limit}&max_id=${page.at(-1)}>; rel="next", <${url}?limit=${limit}&min_id=${page[0]}>; rel="prev"`;
    }
    json(
      res,
      200,
      page.map((id) => ({ id, content: `<p>${id}</p>` })),
      headers,
    );
  });
  return { server, ids };
}

describe("following pages", () => {
  test("fetchNext, fetchPrevious and the end of the list", async (t) => {
    const { server, ids } = await pagedServer();
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    const first = await api.timelineHome({ limit: 5 });
    assert.deepEqual(
      first.map((s) => s.id),
      ids.slice(0, 5),
    );
    const second = await api.fetchNext(first);
    assert.deepEqual(
      second?.map((s) => s.id),
      ids.slice(5, 10),
    );
    const back = await api.fetchPrevious(second!);
    assert.deepEqual(
      back?.map((s) => s.id),
      ids.slice(0, 5),
    );
    const third = await api.fetchNext(second!);
    assert.deepEqual(
      third?.map((s) => s.id),
      ids.slice(10),
    );
    const past = await api.fetchNext(third!);
    assert.deepEqual(past, []);
    assert.equal(await api.fetchNext(past!), null, "an empty last page has no next page");
    assert.equal(api.getPaginationInfo(past), undefined);
  });

  test("a cursor survives JSON and a new client", async (t) => {
    const { server, ids } = await pagedServer();
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    const first = await api.timelineHome({ limit: 5 });
    const stored = JSON.stringify(api.getPaginationInfo(first, "next"));
    const restarted = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    const cursor = JSON.parse(stored) as PaginationInfo;
    assert.equal(cursor._pagination_endpoint, "/api/v1/timelines/home");
    const second = await restarted.fetchNext<Status>(cursor);
    assert.deepEqual(
      second?.map((s) => s.id),
      ids.slice(5, 10),
    );
    const previous = api.getPaginationInfo(second, "previous");
    assert.equal(previous?.min_id, ids[5]);
  });

  test("fetchRemaining collects every page", async (t) => {
    const { server, ids } = await pagedServer();
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    const all = await api.fetchRemaining(await api.timelineHome({ limit: 5 }));
    assert.deepEqual(
      all.map((s) => s.id),
      ids,
    );
  });

  test("paginationIterator fetches a page only when the one before is used up", async (t) => {
    const { server, ids } = await pagedServer();
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    const first = await api.timelineHome({ limit: 5 });
    const seen: string[] = [];
    for await (const status of api.paginationIterator(first)) {
      seen.push(status.id);
      // Requests so far: the first page, plus one per page boundary already crossed.
      assert.equal(server.requests.length, 1 + Math.floor((seen.length - 1) / 5));
    }
    assert.deepEqual(seen, ids);

    const backwards: string[] = [];
    const last = await api.timelineHome({ limit: 5, max_id: ids[9]! });
    for await (const status of api.paginationIterator(last, { direction: "previous" }))
      backwards.push(status.id);
    assert.equal(backwards.length, ids.length, "each status once");
    assert.deepEqual(new Set(backwards), new Set(ids));
  });

  test("a server whose next link points back at the same page: the walks end there instead of looping", async (t) => {
    // Page one (no cursor) links to max_id=5; that page links to max_id=5 again, for ever.
    const server = await startServer((req, res) => {
      const url = `${server.url}/api/v1/timelines/home`;
      const link = { link: `<${url}?max_id=5>; rel="next"` };
      // Past 20 requests the test has failed already: answer 500 so that it ends, not hangs.
      if (server.requests.length > 20) return json(res, 500, { error: "looping" });
      if (req.query.get("max_id") === "5") return json(res, 200, [{ id: "4" }, { id: "3" }], link);
      json(res, 200, [{ id: "6" }, { id: "5" }], link);
    });
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });

    const all = await api.fetchRemaining(await api.timelineHome());
    assert.deepEqual(
      all.map((s) => s.id),
      ["6", "5", "4", "3"],
    );
    assert.equal(server.requests.length, 2, "page one, and the page it links to, once");

    const seen: string[] = [];
    for await (const status of api.paginationIterator(await api.timelineHome())) seen.push(status.id);
    assert.deepEqual(seen, ["6", "5", "4", "3"]);
    assert.equal(server.requests.length, 4);

    // From a cursor (a saved getPaginationInfo): its own page is not fetched twice either.
    const fromCursor: string[] = [];
    const cursor = api.getPaginationInfo(await api.timelineHome(), "next")!;
    for await (const status of api.paginationIterator<Status>(cursor)) fromCursor.push(status.id);
    assert.deepEqual(fromCursor, ["4", "3"]);
    assert.equal(server.requests.length, 6);
  });

  test("links that cycle between two pages (A -> B -> A): the walks end at the cycle instead of looping", async (t) => {
    const server = await startServer((req, res) => {
      const url = `${server.url}/api/v1/timelines/home`;
      if (server.requests.length > 20) return json(res, 500, { error: "looping" });
      // max_id=5 links to max_id=3, which links back to max_id=5.
      if (req.query.get("max_id") === "3")
        return json(res, 200, [{ id: "2" }, { id: "1" }], { link: `<${url}?max_id=5>; rel="next"` });
      json(res, 200, [{ id: "4" }, { id: "3" }], { link: `<${url}?max_id=3>; rel="next"` });
    });
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    const first = await api.timelineHome({ max_id: "5" });

    const all = await api.fetchRemaining(first);
    // The first page came from the call, so the cycle shows once it leads back to it: that page
    // comes a second time, and its link, already followed, ends the walk.
    assert.deepEqual(
      all.map((s) => s.id),
      ["4", "3", "2", "1", "4", "3"],
    );
    assert.equal(server.requests.length, 3);

    const seen: string[] = [];
    for await (const status of api.paginationIterator(first)) seen.push(status.id);
    assert.deepEqual(seen, ["4", "3", "2", "1", "4", "3"]);
    assert.equal(server.requests.length, 5);
  });

  test("a following page that is a JSON string or number: MastodonAPIError, not a walk that ends as if complete", async (t) => {
    for (const answer of ["hello", 5, true]) {
      const server = await startServer((req, res) => {
        const url = `${server.url}/api/v1/timelines/home`;
        if (req.query.get("max_id") === "3") return json(res, 200, answer);
        json(res, 200, [{ id: "4" }, { id: "3" }], { link: `<${url}?max_id=3>; rel="next"` });
      });
      t.after(() => server.close());
      const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
      const first = await api.timelineHome();
      await assert.rejects(api.fetchRemaining(first), (error: unknown) => {
        assert.ok(error instanceof MastodonAPIError, String(error));
        assert.match(
          error.message,
          new RegExp(`a following page with a JSON ${typeof answer} where a list was expected`),
        );
        return true;
      });
      const seen: string[] = [];
      await assert.rejects(async () => {
        for await (const status of api.paginationIterator(first)) seen.push(status.id);
      }, MastodonAPIError);
      assert.deepEqual(seen, ["4", "3"], "the first page's items came before the error");
    }
  });

  test("stopping an iteration early fetches nothing more", async (t) => {
    const { server } = await pagedServer();
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    for await (const _status of api.paginationIterator(await api.timelineHome({ limit: 5 }))) break;
    assert.equal(server.requests.length, 1);
  });

  test("Dates as max_id / min_id / since_id are sent as snowflake ids", async (t) => {
    const { server } = await pagedServer();
    t.after(() => server.close());
    const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
    const when = new Date("2026-08-01T13:55:00Z");
    await api.timelineHome({ max_id: when });
    assert.equal(server.requests[0]?.query.get("max_id"), dateToSnowflake(when));
  });

  test("things that are not pages are refused with a clear error", async () => {
    const api = new Mastodon({ api_base_url: "https://mastodon.example" });
    await assert.rejects(api.fetchNext(null as never), MastodonIllegalArgumentError);
    await assert.rejects(api.fetchNext({ id: "1" } as never), /not paginatable/);
    assert.throws(() => api.getPaginationInfo([], "sideways" as never), /"next" or "previous"/);
    assert.equal(await api.fetchNext([]), null, "an array without cursors has no next page");
  });
});

describe("malformed cursors (a saved getPaginationInfo output, edited or damaged)", () => {
  const good = { _pagination_method: "GET", _pagination_endpoint: "/api/v1/timelines/home", max_id: "5" };
  const BAD: [string, Record<string, unknown>, RegExp][] = [
    ["a broken URL", { ...good, _pagination_endpoint: "http://[broken" }, /_pagination_endpoint/],
    [
      "another server",
      { ...good, _pagination_endpoint: "https://elsewhere.example/api/v1/x" },
      /_pagination_endpoint/,
    ],
    [
      "a protocol-relative address",
      { ...good, _pagination_endpoint: "//elsewhere.example/x" },
      /_pagination_endpoint/,
    ],
    ["not a path", { ...good, _pagination_endpoint: "api/v1/timelines/home" }, /_pagination_endpoint/],
    ["an empty endpoint", { ...good, _pagination_endpoint: "" }, /_pagination_endpoint/],
    ["a number as endpoint", { ...good, _pagination_endpoint: 42 }, /_pagination_endpoint/],
    ["a control character", { ...good, _pagination_endpoint: "/api/v1/x\n" }, /_pagination_endpoint/],
    ["no endpoint", { _pagination_method: "GET", max_id: "5" }, /_pagination_endpoint/],
    ["another method", { ...good, _pagination_method: "POST" }, /_pagination_method/],
    ["no method", { _pagination_endpoint: "/api/v1/timelines/home" }, /_pagination_method/],
    ["an object as a parameter", { ...good, max_id: { nested: true } }, /max_id/],
    ["a list of objects as a parameter", { ...good, types: [{}] }, /types/],
  ];

  for (const [name, cursor, field] of BAD) {
    test(`${name}: MastodonIllegalArgumentError naming the field, nothing sent`, async (t) => {
      const server = await startServer((_req, res) => json(res, 200, []));
      t.after(() => server.close());
      const api = new Mastodon({ api_base_url: server.url, access_token: "pagination-token" });
      for (const call of [
        () => api.fetchNext(cursor as never),
        () => api.fetchPrevious(cursor as never),
        () => api.fetchRemaining(cursor as never),
        async () => {
          for await (const _ of api.paginationIterator(cursor as never)) break;
        },
      ]) {
        const error = await call().then(
          () => assert.fail("expected a refusal"),
          (e: unknown) => e,
        );
        assert.ok(error instanceof MastodonIllegalArgumentError, String(error));
        assert.match(error.message, field);
      }
      assert.throws(() => api.getPaginationInfo(cursor, "next"), MastodonIllegalArgumentError);
      assert.equal(server.requests.length, 0);
    });
  }
});

describe("recorded pagination scenarios (Mastodon 4.6.4)", () => {
  const client = (url: string) =>
    new Mastodon({
      api_base_url: url,
      access_token: TOKEN,
      user_agent: "tests/v311",
      mastodon_version: "4.5.0",
    });

  conformanceTest("test_home_tl", async () => {
    const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_home_tl"));
    try {
      const api = client(server.url);
      const status = await api.toot("Toot!");
      const timeline = await api.timelineHome();
      assert.ok(timeline.some((s) => s.id === status.id));
      const next = api.getPaginationInfo(timeline, "next");
      assert.equal(next?._pagination_endpoint, "/api/v1/timelines/home");
      assert.equal(next?.max_id, timeline.at(-1)?.id);
      assert.equal(api.getPaginationInfo(timeline, "previous")?.min_id, status.id);
      await api.statusDelete(status);
      server.assertAllConsumed();
    } finally {
      await server.close();
    }
  });

  conformanceTest("test_min_max_id", async () => {
    const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_min_max_id"));
    try {
      const api = client(server.url);
      const status = await api.toot("Toot!");
      const id = BigInt(status.id);
      const inside = await api.timelineHome({ max_id: String(id + 1000n), min_id: String(id - 1000n) });
      assert.deepEqual(
        inside.map((s) => s.id),
        [status.id],
      );
      assert.deepEqual(
        await api.timelineHome({ max_id: String(id - 1000n), min_id: String(id - 2000n) }),
        [],
      );
      assert.deepEqual(
        await api.timelineHome({ max_id: String(id + 2000n), min_id: String(id + 1000n) }),
        [],
      );
      const since = await api.timelineHome({ since_id: String(id - 1000n) });
      assert.deepEqual(
        since.map((s) => s.id),
        [status.id],
      );
      await api.statusDelete(status);
      server.assertAllConsumed();
    } finally {
      await server.close();
    }
  });

  conformanceTest("test_min_max_id_datetimes", async () => {
    const scenario = loadScenario("mastodon-4.6.4", "test_min_max_id_datetimes");
    const server = await startReplayServer(scenario);
    // The recording's cursors are the snowflakes of three instants; rebuild those instants as Dates.
    const recorded = new URL(scenario.interactions[1]!.request.url);
    const toDate = (id: string) => new Date(Number(BigInt(id) >> 16n));
    const before = toDate(recorded.searchParams.get("min_id")!);
    const middle = toDate(recorded.searchParams.get("max_id")!);
    const after = toDate(new URL(scenario.interactions[2]!.request.url).searchParams.get("max_id")!);
    try {
      const api = client(server.url);
      const status = await api.toot("Toot!");
      const inside = await api.timelineHome({ min_id: before, max_id: middle });
      assert.deepEqual(
        inside.map((s) => s.id),
        [status.id],
      );
      assert.deepEqual(await api.timelineHome({ min_id: middle, max_id: after }), []);
      await api.statusDelete(status);
      server.assertAllConsumed();
    } finally {
      await server.close();
    }
  });
});
