// Collections (Mastodon 4.6) against a scripted server: routes, bodies and queries as sent, typed
// answers, offset pages followed with fetchNext / fetchPrevious, and every bad input refused
// before a request is made.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { type TestContext, test } from "node:test";
import {
  COLLECTION_ITEM_STATES,
  type Collection,
  type CollectionCreateOptions,
  type CollectionWithAccounts,
  Mastodon,
  MastodonNotFoundError,
  MastodonVersionError,
  type WrappedCollection,
  type WrappedCollectionItem,
  type WrappedCollections,
} from "../src/index.js";
import {
  json,
  type ParsedRequest,
  type Route,
  startRouteServer,
  startServer,
} from "./support/http-server.js";
import { expectRefusals } from "./support/refusals.js";

/** A server that answers each "METHOD /path" with its scripted handler (404 otherwise). */
async function scripted(t: TestContext, routes: Record<string, Route> = {}) {
  const server = await startRouteServer(t, routes);
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "tok",
    user_agent: "tests/v311",
    mastodon_version: "4.6.0",
  });
  return { server, api };
}

/** Rails' `head 200`: a success with no body at all. */
function empty(_req: ParsedRequest, res: ServerResponse): void {
  res.writeHead(200, { "content-length": "0" });
  res.end();
}

function answer(body: unknown): Route {
  return (_req, res) => json(res, 200, body);
}

function body(req: ParsedRequest | undefined): unknown {
  assert.ok(req, "a request was sent");
  assert.match(String(req.headers["content-type"]), /^application\/json/);
  return JSON.parse(req.rawBody.toString("utf8"));
}

function collectionFixture(id: string, overrides: Partial<Collection> = {}): Collection {
  return {
    id,
    account_id: "113668893442515793",
    uri: `https://example.com/ap/113668893442515793/collections/${id}`,
    url: `https://example.com/collections/${id}`,
    name: "Excellent people",
    description: "Well worth following",
    language: "en",
    local: true,
    sensitive: false,
    discoverable: true,
    tag: { name: "discovery", url: "https://example.com/tags/discovery" },
    item_count: 2,
    items: [
      {
        id: "9001",
        account_id: "112658193342215767",
        state: "accepted",
        created_at: "2026-02-25T11:35:01.394Z",
      },
      {
        id: "9002",
        account_id: "117628196343117789",
        state: "pending",
        created_at: "2026-02-25T11:35:01.394Z",
      },
    ],
    created_at: "2026-02-25T11:35:01.394Z",
    updated_at: "2026-02-25T11:37:38.182Z",
    ...overrides,
  };
}

const fixture = collectionFixture("116131056935959117");
const account = { id: "112658193342215767", acct: "alice" };

test("collection: one collection with its accounts, by id or entity, typed", async (t) => {
  const answerBody: CollectionWithAccounts = {
    collection: fixture,
    accounts: [{ id: fixture.account_id } as CollectionWithAccounts["accounts"][number]],
  };
  const { server, api } = await scripted(t, {
    [`GET /api/v1/collections/${fixture.id}`]: answer(answerBody),
  });
  const got = await api.collection(fixture.id);
  assert.deepEqual(got, answerBody);
  assert.equal(got.collection.items[1]?.state, "pending");
  assert.equal(got.collection.tag?.name, "discovery");
  await api.collection(fixture);
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path}`),
    [`GET /api/v1/collections/${fixture.id}`, `GET /api/v1/collections/${fixture.id}`],
  );
  assert.equal(server.requests[0]?.headers.authorization, "Bearer tok");
  await assert.rejects(api.collection("nope"), MastodonNotFoundError);
});

test("collectionCreate sends the name, the options given and the account ids as JSON", async (t) => {
  const created: WrappedCollection = { collection: fixture };
  const { server, api } = await scripted(t, { "POST /api/v1/collections": answer(created) });
  const got = await api.collectionCreate("Excellent people");
  assert.equal(got.collection.id, fixture.id);
  assert.deepEqual(body(server.requests[0]), { name: "Excellent people" });

  await api.collectionCreate("Excellent people", {
    description: "Well worth following",
    language: "pt-BR",
    sensitive: false,
    discoverable: true,
    tag_name: { name: "discovery" },
    account_ids: [account, "117628196343117789", 42],
  });
  assert.deepEqual(body(server.requests[1]), {
    name: "Excellent people",
    description: "Well worth following",
    language: "pt-BR",
    sensitive: false,
    discoverable: true,
    tag_name: "discovery",
    account_ids: ["112658193342215767", "117628196343117789", "42"],
  });

  // One account alone is a list of one; an empty description is sent (it clears nothing, but is valid).
  await api.collectionCreate("x".repeat(40), { account_ids: account, description: "" });
  assert.deepEqual(body(server.requests[2]), {
    name: "x".repeat(40),
    description: "",
    account_ids: [account.id],
  });
  // The limits count characters as the server does: each emoji is one.
  await api.collectionCreate("🐘".repeat(40), { description: "🦣".repeat(100) });
  assert.equal((body(server.requests[3]) as { name: string }).name, "🐘".repeat(40));
  // A key this library does not know yet goes through untouched, for servers newer than it.
  await api.collectionCreate("x", { future_flag: true } as CollectionCreateOptions);
  assert.deepEqual(body(server.requests[4]), { name: "x", future_flag: true });
});

test("collectionUpdate sends only what changes, with PATCH", async (t) => {
  const updated: WrappedCollection = { collection: collectionFixture(fixture.id, { name: "Great people" }) };
  const { server, api } = await scripted(t, { [`PATCH /api/v1/collections/${fixture.id}`]: answer(updated) });
  const got = await api.collectionUpdate(fixture, { name: "Great people" });
  assert.equal(got.collection.name, "Great people");
  assert.deepEqual(body(server.requests[0]), { name: "Great people" });
  await api.collectionUpdate(fixture.id, { discoverable: false, tag_name: "people", language: "de" });
  assert.deepEqual(body(server.requests[1]), { discoverable: false, tag_name: "people", language: "de" });
});

test("collectionDelete, collectionRemoveAccount and collectionRevokeItem answer {} for an empty body", async (t) => {
  const base = `/api/v1/collections/${fixture.id}`;
  const { server, api } = await scripted(t, {
    [`DELETE ${base}`]: empty,
    [`DELETE ${base}/items/9001`]: empty,
    [`POST ${base}/items/9002/revoke`]: empty,
  });
  assert.deepEqual(await api.collectionDelete(fixture), {});
  const item = fixture.items[0];
  assert.ok(item);
  assert.deepEqual(await api.collectionRemoveAccount(fixture.id, item), {});
  assert.deepEqual(await api.collectionRevokeItem(fixture, "9002"), {});
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path}`),
    [`DELETE ${base}`, `DELETE ${base}/items/9001`, `POST ${base}/items/9002/revoke`],
  );
});

test("collectionAddAccount posts the account id and answers the wrapped item", async (t) => {
  const added: WrappedCollectionItem = {
    collection_item: {
      id: "9003",
      account_id: account.id,
      state: "accepted",
      created_at: "2026-02-25T12:00:00Z",
    },
  };
  const { server, api } = await scripted(t, {
    [`POST /api/v1/collections/${fixture.id}/items`]: answer(added),
  });
  const got = await api.collectionAddAccount(fixture, account);
  assert.equal(got.collection_item.state, "accepted");
  assert.ok((COLLECTION_ITEM_STATES as readonly string[]).includes(got.collection_item.state));
  assert.deepEqual(body(server.requests[0]), { account_id: account.id });
});

/**
 * Pages of `{ collections: [...] }` by offset, with Mastodon's Link headers: three collections,
 * two per page.
 */
function pagedCollections(path: string): Route {
  const all = ["3", "2", "1"].map((id) => collectionFixture(id));
  return (req, res) => {
    const limit = Number(req.query.get("limit") ?? "40");
    const offset = Number(req.query.get("offset") ?? "0");
    const links: string[] = [];
    const url = (o: number) => `<http://${req.headers.host}${path}?limit=${limit}&offset=${o}>`;
    if (offset + limit < all.length) links.push(`${url(offset + limit)}; rel="next"`);
    if (offset > 0) links.push(`${url(Math.max(0, offset - limit))}; rel="prev"`);
    const page: WrappedCollections = { collections: all.slice(offset, offset + limit) };
    json(res, 200, page, links.length > 0 ? { link: links.join(", ") } : {});
  };
}

test("accountCollections pages by offset; fetchNext and fetchPrevious follow, null past the end", async (t) => {
  const path = `/api/v1/accounts/${account.id}/collections`;
  const { server, api } = await scripted(t, { [`GET ${path}`]: pagedCollections(path) });
  const first = await api.accountCollections(account, { limit: 2 });
  assert.deepEqual(
    first.collections.map((c) => c.id),
    ["3", "2"],
  );
  assert.equal(server.requests[0]?.query.get("limit"), "2");
  assert.equal(server.requests[0]?.query.has("offset"), false);
  const second = (await api.fetchNext(first)) as WrappedCollections | null;
  assert.deepEqual(
    second?.collections.map((c) => c.id),
    ["1"],
  );
  assert.equal(server.requests[1]?.query.get("offset"), "2");
  assert.equal(await api.fetchNext(second), null, "no page after the last");
  const back = (await api.fetchPrevious(second)) as WrappedCollections | null;
  assert.deepEqual(
    back?.collections.map((c) => c.id),
    ["3", "2"],
  );
  assert.equal(server.requests[2]?.query.get("offset"), "0");
  // A list that fits on one page has no Link header at all: still a page, with nothing after it.
  const whole = await api.accountCollections(account.id, { limit: 80, offset: 0 });
  assert.equal(whole.collections.length, 3);
  assert.equal(server.requests[3]?.query.get("offset"), "0");
  assert.equal(await api.fetchNext(whole), null);
  // The collections themselves, across pages.
  const ids: string[] = [];
  for await (const c of api.paginationIterator(await api.accountCollections(account, { limit: 2 })))
    ids.push(c.id);
  assert.deepEqual(ids, ["3", "2", "1"]);
  const all = await api.fetchRemaining(await api.accountCollections(account, { limit: 1 }));
  assert.deepEqual(
    all.map((c) => c.id),
    ["3", "2", "1"],
  );
});

test("accountInCollections asks the in_collections route with the same paging", async (t) => {
  const path = `/api/v1/accounts/${account.id}/in_collections`;
  const { server, api } = await scripted(t, { [`GET ${path}`]: pagedCollections(path) });
  const first = await api.accountInCollections(account.id, { limit: 1, offset: 1 });
  assert.deepEqual(
    first.collections.map((c) => c.id),
    ["2"],
  );
  const next = (await api.fetchNext(first)) as WrappedCollections | null;
  assert.deepEqual(
    next?.collections.map((c) => c.id),
    ["1"],
  );
  assert.deepEqual(
    server.requests.map((r) => `${r.path}?${r.query}`),
    [`${path}?limit=1&offset=1`, `${path}?limit=1&offset=2`],
  );
});

test("bad inputs are refused before any request", async (t) => {
  const { server, api } = await scripted(t);
  const tooMany = Array.from({ length: 26 }, (_v, i) => String(i + 1));
  await expectRefusals(server, [
    [() => api.collectionCreate(""), /collectionCreate\(\) needs name as a non-empty string; got ""/],
    [() => api.collectionCreate("   "), /collectionCreate\(\) needs name as a non-empty string/],
    [
      () => api.collectionCreate(undefined as unknown as string),
      /collectionCreate\(\) needs name .*got nothing/,
    ],
    [() => api.collectionCreate(7 as unknown as string), /collectionCreate\(\) needs name .*got 7/],
    [
      () => api.collectionCreate("x".repeat(41)),
      /collectionCreate\(\): name may have at most 40 characters; got 41/,
    ],
    [
      () => api.collectionCreate("x", { description: "d".repeat(101) }),
      /collectionCreate\(\): description may have at most 100 characters; got 101/,
    ],
    [
      () => api.collectionCreate("x", { description: 5 as unknown as string }),
      /collectionCreate\(\): description must be text/,
    ],
    [
      () => api.collectionCreate("x", { sensitive: "yes" as unknown as boolean }),
      /collectionCreate\(\): sensitive must be true or false; got "yes"/,
    ],
    [
      () => api.collectionCreate("x", { discoverable: 1 as unknown as boolean }),
      /collectionCreate\(\): discoverable must be true or false/,
    ],
    [
      () => api.collectionCreate("x", { language: "English" }),
      /collectionCreate\(\): language must be a language code such as "en" or "pt-BR"; got "English"/,
    ],
    [
      () => api.collectionCreate("x", { tag_name: "#cats" }),
      /collectionCreate\(\): give tag_name without its leading "#"/,
    ],
    [
      () => api.collectionCreate("x", { tag_name: "" }),
      /collectionCreate\(\): tag_name must be a hashtag name/,
    ],
    [
      () => api.collectionCreate("x", { account_ids: tooMany }),
      /collectionCreate\(\): account_ids takes at most 25 accounts; got 26/,
    ],
    [
      () => api.collectionCreate("x", { account_ids: [{} as { id: string }] }),
      /collectionCreate\(\): account_ids must be an id/,
    ],
    [
      () => api.collectionCreate("x", "public" as unknown as object),
      /collectionCreate\(\): the last argument must be an options object/,
    ],
    [
      () => api.collectionUpdate(fixture.id),
      /collectionUpdate\(\) has nothing to change: give at least one of name/,
    ],
    [() => api.collectionUpdate(fixture.id, {}), /collectionUpdate\(\) has nothing to change/],
    [
      () => api.collectionUpdate(fixture.id, { name: "" }),
      /collectionUpdate\(\) needs name as a non-empty string/,
    ],
    [
      () => api.collectionUpdate(fixture.id, { name: "n".repeat(41) }),
      /collectionUpdate\(\): name may have at most 40 characters/,
    ],
    [
      () => api.collectionUpdate(fixture.id, { sensitive: "false" as unknown as boolean }),
      /collectionUpdate\(\): sensitive must be true or false; got "false"/,
    ],
    [() => api.collectionUpdate("", { name: "n" }), /collectionUpdate\(\): id must be an id/],
    [() => api.collection(undefined as unknown as string), /collection\(\): id must be an id/],
    [
      () => api.collection(fixture.id, fixture.id as unknown as Record<string, never>),
      /collection\(\): the last argument must be an options object/,
    ],
    [() => api.collectionDelete({} as { id: string }), /collectionDelete\(\): id must be an id/],
    [() => api.accountCollections(null as unknown as string), /accountCollections\(\): id must be an id/],
    [
      () => api.accountCollections(account, { limit: 81 }),
      /accountCollections\(\): limit may be at most 80; got 81/,
    ],
    [
      () => api.accountCollections(account, { limit: 0 }),
      /accountCollections\(\): limit must be a whole number of at least 1; got 0/,
    ],
    [
      () => api.accountInCollections(account, { offset: -1 }),
      /accountInCollections\(\): offset must be a whole number of at least 0; got -1/,
    ],
    [
      () => api.accountInCollections(account, { offset: "2" as unknown as number }),
      /accountInCollections\(\): offset must be a whole number/,
    ],
    [
      () => api.collectionAddAccount(fixture, undefined as unknown as string),
      /collectionAddAccount\(\): account_id must be an id/,
    ],
    [() => api.collectionAddAccount("", account), /collectionAddAccount\(\): collection_id must be an id/],
    [
      () => api.collectionRemoveAccount(fixture, null as unknown as string),
      /collectionRemoveAccount\(\): item_id must be an id/,
    ],
    [
      () => api.collectionRevokeItem(fixture, {} as { id: string }),
      /collectionRevokeItem\(\): item_id must be an id/,
    ],
    [
      () => api.collectionRevokeItem(fixture, "1", [] as unknown as Record<string, never>),
      /collectionRevokeItem\(\): the last argument must be an options object/,
    ],
  ]);
});

test("on a server older than 4.6.0 every method says so without asking it", async (t) => {
  const server = await startServer((_req, res) => json(res, 500, { error: "should not be asked" }));
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "tok",
    mastodon_version: "4.5.0",
    version_check_mode: "created",
  });
  const calls: [string, () => Promise<unknown>][] = [
    ["accountCollections", () => api.accountCollections(account)],
    ["accountInCollections", () => api.accountInCollections(account)],
    ["collectionCreate", () => api.collectionCreate("x")],
    ["collection", () => api.collection("1")],
    ["collectionUpdate", () => api.collectionUpdate("1", { name: "y" })],
    ["collectionDelete", () => api.collectionDelete("1")],
    ["collectionAddAccount", () => api.collectionAddAccount("1", account)],
    ["collectionRemoveAccount", () => api.collectionRemoveAccount("1", "2")],
    ["collectionRevokeItem", () => api.collectionRevokeItem("1", "2")],
  ];
  for (const [name, call] of calls) {
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof MastodonVersionError);
      assert.match(error.message, new RegExp(`^${name}\\(\\) needs Mastodon 4\\.6\\.0 or newer`));
      return true;
    });
  }
  assert.equal(server.requests.length, 0);
});
