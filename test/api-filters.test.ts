// Filters v1 and v2 against a scripted server: routes, bodies as sent, and every bad input refused
// before a request is made.
import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import { Mastodon, MastodonVersionError } from "../src/index.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";
import { expectRefusals } from "./support/refusals.js";

type Answer = { status?: number; body: unknown };

/** A server that answers each "METHOD /path" with its scripted answer (404 otherwise). */
async function scripted(t: TestContext, routes: Record<string, Answer> = {}, version = "4.5.0") {
  const server = await startServer((req, res) => {
    const answer = routes[`${req.method} ${req.path}`];
    if (answer) json(res, answer.status ?? 200, answer.body);
    else json(res, 404, { error: "Record not found" });
  });
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: "tok", mastodon_version: version });
  return { server, api };
}

function body(req: ParsedRequest | undefined): unknown {
  assert.ok(req, "a request was sent");
  assert.match(String(req.headers["content-type"]), /^application\/json/);
  return JSON.parse(req.rawBody.toString("utf8"));
}

const v1Filter = {
  id: "7",
  phrase: "spoiler",
  context: ["home"],
  expires_at: null,
  irreversible: false,
  whole_word: true,
};
const v2Filter = {
  id: "12",
  title: "Spoilers",
  context: ["home", "public"],
  expires_at: null,
  filter_action: "warn",
  keywords: [{ id: "40", keyword: "spoiler", whole_word: true }],
  statuses: [],
};

test("v1: list, fetch one (id or entity), delete", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/filters": { body: [v1Filter] },
    "GET /api/v1/filters/7": { body: v1Filter },
    "DELETE /api/v1/filters/7": { body: {} },
  });
  assert.deepEqual(await api.filters(), [v1Filter]);
  assert.deepEqual(await api.filter("7"), v1Filter);
  assert.deepEqual(await api.filter(v1Filter), v1Filter, "an entity is as good as its id");
  assert.deepEqual(await api.filterDelete(v1Filter), {});
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path}`),
    ["GET /api/v1/filters", "GET /api/v1/filters/7", "GET /api/v1/filters/7", "DELETE /api/v1/filters/7"],
  );
  assert.equal(server.requests[0]?.headers.authorization, "Bearer tok");
});

test("v1 filterCreate sends Mastodon.py's defaults and the contexts as a list", async (t) => {
  const { server, api } = await scripted(t, { "POST /api/v1/filters": { body: v1Filter } });
  assert.deepEqual(await api.filterCreate("spoiler", ["home", "public"]), v1Filter);
  assert.deepEqual(body(server.requests[0]), {
    phrase: "spoiler",
    context: ["home", "public"],
    irreversible: false,
    whole_word: true,
  });
  await api.filterCreate("boo", "notifications", { irreversible: true, whole_word: false, expires_in: 3600 });
  assert.deepEqual(body(server.requests[1]), {
    phrase: "boo",
    context: ["notifications"],
    irreversible: true,
    whole_word: false,
    expires_in: 3600,
  });
  await api.filterCreate("acct", ["account"]);
  assert.deepEqual((body(server.requests[2]) as { context: string[] }).context, ["account"]);
});

test("v1 filterUpdate sends only what changes", async (t) => {
  const { server, api } = await scripted(t, { "PUT /api/v1/filters/7": { body: v1Filter } });
  await api.filterUpdate(v1Filter, { phrase: "spoilers", context: "thread" });
  assert.deepEqual(body(server.requests[0]), { phrase: "spoilers", context: ["thread"] });
  await api.filterUpdate("7", { whole_word: false });
  assert.deepEqual(body(server.requests[1]), { whole_word: false });
});

test("v1: bad inputs are refused before any request", async (t) => {
  const { server, api } = await scripted(t);
  const cases: [() => Promise<unknown>, RegExp][] = [
    [
      () => api.filterCreate("x", ["home", "everywhere" as "home"]),
      /filterCreate\(\): context must be one of "home", "notifications", "public", "thread", "account"; got "everywhere"/,
    ],
    [
      () => api.filterCreate("x", [] as unknown as ["home"]),
      /filterCreate\(\): context must be a list of one or more of .*got an empty list/,
    ],
    [() => api.filterCreate("x", 5 as unknown as "home"), /filterCreate\(\): context must be a list/],
    [() => api.filterCreate("", "home"), /filterCreate\(\) needs phrase as a non-empty string/],
    [() => api.filterCreate(undefined as unknown as string, "home"), /filterCreate\(\) needs phrase/],
    [
      () => api.filterCreate("x", "home", { expires_in: 0 }),
      /filterCreate\(\): expires_in must be a whole number of at least 1; got 0/,
    ],
    [() => api.filterCreate("x", "home", { expires_in: 1.5 }), /expires_in must be a whole number/],
    [
      () => api.filterCreate("x", "home", { whole_word: "yes" as unknown as boolean }),
      /filterCreate\(\): whole_word must be true or false; got "yes"/,
    ],
    [
      () => api.filterCreate("x", "home", { irreversible: 1 as unknown as boolean }),
      /filterCreate\(\): irreversible must be true or false/,
    ],
    [
      () => api.filterCreate("x", "home", "public" as unknown as object),
      /filterCreate\(\): the last argument must be an options object/,
    ],
    [
      () => api.filterUpdate("7", { context: ["nowhere" as "home"] }),
      /filterUpdate\(\): context must be one of/,
    ],
    [() => api.filterUpdate("7", { phrase: "" }), /filterUpdate\(\) needs phrase/],
    [() => api.filterUpdate({} as unknown as string), /filterUpdate\(\): id must be an id/],
    [
      () => api.filterUpdate(undefined as unknown as string),
      /filterUpdate\(\): id must be an id .*got nothing/,
    ],
    [() => api.filter(undefined as unknown as string), /id must be an id/],
    [() => api.filterDelete(null as unknown as string), /id must be an id/],
  ];
  await expectRefusals(server, cases);
});

test("v2: list, fetch, delete, keywords and statuses sub-resources", async (t) => {
  const keyword = { id: "40", keyword: "spoiler", whole_word: true };
  const filterStatus = { id: "3", status_id: "109" };
  const { server, api } = await scripted(t, {
    "GET /api/v2/filters": { body: [v2Filter] },
    "GET /api/v2/filters/12": { body: v2Filter },
    "DELETE /api/v2/filters/12": { body: {} },
    "GET /api/v2/filters/12/keywords": { body: [keyword] },
    "GET /api/v2/filters/keywords/40": { body: keyword },
    "DELETE /api/v2/filters/keywords/40": { body: {} },
    "GET /api/v2/filters/12/statuses": { body: [filterStatus] },
    "GET /api/v2/filters/statuses/3": { body: filterStatus },
    "DELETE /api/v2/filters/statuses/3": { body: filterStatus },
  });
  assert.deepEqual(await api.filtersV2(), [v2Filter]);
  assert.deepEqual(await api.filterV2(v2Filter), v2Filter);
  assert.deepEqual(await api.filterKeywordsV2("12"), [keyword]);
  assert.deepEqual(await api.filterKeywordV2(keyword), keyword);
  assert.deepEqual(await api.deleteFilterKeywordV2("40"), {});
  assert.deepEqual(await api.filterStatusesV2(v2Filter), [filterStatus]);
  assert.deepEqual(await api.filterStatusV2(filterStatus), filterStatus);
  assert.deepEqual(await api.deleteFilterStatusV2("3"), filterStatus);
  assert.deepEqual(await api.deleteFilterV2(v2Filter), {});
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path}`),
    [
      "GET /api/v2/filters",
      "GET /api/v2/filters/12",
      "GET /api/v2/filters/12/keywords",
      "GET /api/v2/filters/keywords/40",
      "DELETE /api/v2/filters/keywords/40",
      "GET /api/v2/filters/12/statuses",
      "GET /api/v2/filters/statuses/3",
      "DELETE /api/v2/filters/statuses/3",
      "DELETE /api/v2/filters/12",
    ],
  );
});

test("v2 createFilterV2 sends keywords_attributes as a JSON list", async (t) => {
  const { server, api } = await scripted(t, { "POST /api/v2/filters": { body: v2Filter } });
  const created = await api.createFilterV2("Spoilers", ["home", "public"], "warn", {
    expires_in: 86400,
    keywords_attributes: [{ keyword: "spoiler", whole_word: true }, { keyword: "leak" }],
  });
  assert.deepEqual(created, v2Filter);
  assert.deepEqual(body(server.requests[0]), {
    title: "Spoilers",
    context: ["home", "public"],
    filter_action: "warn",
    expires_in: 86400,
    keywords_attributes: [{ keyword: "spoiler", whole_word: true }, { keyword: "leak" }],
  });
  await api.createFilterV2("Blurry", "notifications", "blur");
  assert.deepEqual(body(server.requests[1]), {
    title: "Blurry",
    context: ["notifications"],
    filter_action: "blur",
  });
});

test("v2 updateFilterV2 adds, changes and removes keywords", async (t) => {
  const { server, api } = await scripted(t, { "PUT /api/v2/filters/12": { body: v2Filter } });
  await api.updateFilterV2(v2Filter, {
    title: "Renamed",
    filter_action: "hide",
    keywords_attributes: [
      { keyword: "new" },
      { id: "40", whole_word: false },
      { id: { id: "41" }, _destroy: true },
    ],
  });
  assert.deepEqual(body(server.requests[0]), {
    title: "Renamed",
    filter_action: "hide",
    keywords_attributes: [{ keyword: "new" }, { id: "40", whole_word: false }, { id: "41", _destroy: true }],
  });
  await api.updateFilterV2("12", { context: "thread", expires_in: 60 });
  assert.deepEqual(body(server.requests[1]), { context: ["thread"], expires_in: 60 });
});

test("v2 keyword and status additions; keyword update (not in Mastodon.py)", async (t) => {
  const { server, api } = await scripted(t, {
    "POST /api/v2/filters/12/keywords": { body: { id: "41", keyword: "leak", whole_word: false } },
    "PUT /api/v2/filters/keywords/41": { body: { id: "41", keyword: "leaks", whole_word: true } },
    "POST /api/v2/filters/12/statuses": { body: { id: "3", status_id: "109" } },
  });
  await api.addFilterKeywordV2(v2Filter, "leak");
  assert.deepEqual(body(server.requests[0]), { keyword: "leak", whole_word: false }, "Mastodon.py's default");
  await api.addFilterKeywordV2("12", "leak", { whole_word: true });
  assert.deepEqual(body(server.requests[1]), { keyword: "leak", whole_word: true });
  await api.updateFilterKeywordV2({ id: "41" }, { keyword: "leaks", whole_word: true });
  assert.deepEqual(body(server.requests[2]), { keyword: "leaks", whole_word: true });
  assert.deepEqual(await api.addFilterStatusV2("12", { id: "109", content: "<p>x</p>" } as { id: string }), {
    id: "3",
    status_id: "109",
  });
  assert.deepEqual(body(server.requests[3]), { status_id: "109" }, "a status entity becomes its id");
});

test("v2: bad inputs are refused before any request", async (t) => {
  const { server, api } = await scripted(t);
  const cases: [() => Promise<unknown>, RegExp][] = [
    [
      () => api.createFilterV2("t", "home", "delete" as "warn"),
      /createFilterV2\(\): filter_action must be one of "warn", "hide", "blur"; got "delete"/,
    ],
    [
      () => api.createFilterV2("t", ["home", "nope" as "home"], "warn"),
      /createFilterV2\(\): context must be one of/,
    ],
    [() => api.createFilterV2("", "home", "warn"), /createFilterV2\(\) needs title/],
    [
      () => api.createFilterV2("t", "home", "warn", { keywords_attributes: "spoiler" as unknown as [] }),
      /createFilterV2\(\): keywords_attributes must be a list/,
    ],
    [
      () =>
        api.createFilterV2("t", "home", "warn", {
          keywords_attributes: ["spoiler" as unknown as { keyword: string }],
        }),
      /createFilterV2\(\): keywords_attributes\[0\] must be an object/,
    ],
    [
      () => api.createFilterV2("t", "home", "warn", { keywords_attributes: [{ keyword: "" }] }),
      /createFilterV2\(\) needs keywords_attributes\[0\]\.keyword/,
    ],
    [
      () =>
        api.createFilterV2("t", "home", "warn", {
          keywords_attributes: [{ keyword: "a", whole_word: "no" as unknown as boolean }],
        }),
      /keywords_attributes\[0\]\.whole_word must be true or false/,
    ],
    [
      () =>
        api.createFilterV2("t", "home", "warn", {
          keywords_attributes: [{ keyword: "a", id: "4" } as never],
        }),
      /createFilterV2\(\): keywords_attributes\[0\] has an id/,
    ],
    [
      () =>
        api.createFilterV2("t", "home", "warn", {
          keywords_attributes: [{ keyword: "a", _destroy: true } as never],
        }),
      /_destroy is only for updateFilterV2/,
    ],
    [
      () => api.createFilterV2("t", "home", "warn", { expires_in: -5 }),
      /createFilterV2\(\): expires_in must be a whole number of at least 1/,
    ],
    [
      () => api.updateFilterV2("12", { filter_action: "nuke" as "warn" }),
      /updateFilterV2\(\): filter_action must be one of/,
    ],
    [
      () => api.updateFilterV2("12", { keywords_attributes: [{ whole_word: true }] }),
      /updateFilterV2\(\) needs keywords_attributes\[0\]\.keyword/,
    ],
    [
      () => api.updateFilterV2("12", { keywords_attributes: [{ id: {} as never, _destroy: true }] }),
      /updateFilterV2\(\): keywords_attributes\[0\]\.id must be an id/,
    ],
    [() => api.updateFilterV2("12", { title: "" }), /updateFilterV2\(\) needs title/],
    [() => api.updateFilterV2(null as unknown as string), /updateFilterV2\(\): filter_id must be an id/],
    [() => api.addFilterKeywordV2("12", ""), /addFilterKeywordV2\(\) needs keyword/],
    [
      () => api.addFilterKeywordV2(undefined as unknown as string, "x"),
      /addFilterKeywordV2\(\): filter_id must be an id/,
    ],
    [
      () => api.addFilterKeywordV2("12", "x", { whole_word: "true" as unknown as boolean }),
      /addFilterKeywordV2\(\): whole_word must be true or false/,
    ],
    [() => api.updateFilterKeywordV2("41", { keyword: "" }), /updateFilterKeywordV2\(\) needs keyword/],
    [
      () => api.addFilterStatusV2("12", undefined as unknown as string),
      /addFilterStatusV2\(\): status_id must be an id/,
    ],
    [
      () => api.addFilterStatusV2("12", "109", "x" as unknown as Record<string, never>),
      /addFilterStatusV2\(\): the last argument must be an options object/,
    ],
    [() => api.filterV2({} as unknown as string), /filter_id must be an id/],
    [() => api.deleteFilterKeywordV2(undefined as unknown as string), /keyword_id must be an id/],
    [() => api.filterStatusV2(undefined as unknown as string), /filter_status_id must be an id/],
  ];
  await expectRefusals(server, cases);
});

test("version checks: v2 filters need Mastodon 4.0.0 when checks are on", async (t) => {
  const server = await startServer((_req, res) => json(res, 200, []));
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "tok",
    mastodon_version: "3.5.0",
    version_check_mode: "created",
  });
  await assert.rejects(api.filtersV2(), MastodonVersionError);
  await assert.rejects(api.createFilterV2("t", "home", "warn"), /createFilterV2\(\) needs Mastodon 4\.0\.0/);
  assert.equal(server.requests.length, 0);
  assert.deepEqual(await api.filters(), [], "v1 filters exist on 3.5");
});
