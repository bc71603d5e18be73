// Timelines, notifications, search, lists and async refreshes against a scripted server: what is
// sent, what comes back, and every bad input refused before a request leaves.
import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import { parseAsyncRefreshHeader } from "../src/api/timelines/async-refresh-header.js";
import {
  Mastodon,
  MastodonIllegalArgumentError,
  MastodonVersionError,
  NOTIFICATION_TYPES,
  type Status,
} from "../src/index.js";
import { json, type Route, startRouteServer } from "./support/http-server.js";
import { expectRefused } from "./support/refusals.js";

/** A server answering by "METHOD /path"; anything else is a 404 that fails the test's assertions. */
async function scripted(t: TestContext, routes: Record<string, Route> = {}) {
  return startRouteServer(t, routes);
}

function client(url: string, extra: Record<string, unknown> = {}): Mastodon {
  return new Mastodon({
    api_base_url: url,
    access_token: "timelines-token",
    mastodon_version: "4.5.0",
    ...extra,
  });
}

const ok: Route = (_req, res) => json(res, 200, []);

describe("timelines", () => {
  test("the generic timeline maps names to routes, as Mastodon.py does", async (t) => {
    const server = await scripted(t, {
      "GET /api/v1/timelines/home": ok,
      "GET /api/v1/timelines/public": ok,
      "GET /api/v1/timelines/tag/caf%C3%A9": ok,
      "GET /api/v1/timelines/list/7": ok,
      "GET /api/v1/timelines/link": ok,
      "GET /api/v2/instance": (_req, res) => json(res, 200, { version: "4.5.0" }),
    });
    const api = client(server.url);
    await api.timeline();
    await api.timeline("local", { only_media: true, local: false });
    await api.timeline({ timeline: "public", remote: true, limit: 3 });
    await api.timeline("tag/café");
    await api.timeline("list/7");
    await api.timeline("link?url=https://news.example/a?b=1");
    const sent = server.requests.filter((r) => !r.path.startsWith("/api/v2/instance"));
    assert.deepEqual(
      sent.map((r) => [r.path, Object.fromEntries(r.query)]),
      [
        ["/api/v1/timelines/home", {}],
        ["/api/v1/timelines/public", { only_media: "true", local: "true" }],
        ["/api/v1/timelines/public", { remote: "true", limit: "3" }],
        ["/api/v1/timelines/tag/caf%C3%A9", {}],
        ["/api/v1/timelines/list/7", {}],
        ["/api/v1/timelines/link", { url: "https://news.example/a?b=1" }],
      ],
    );
  });

  test("convenience methods: local, public, hashtag with any/all/none, list, link", async (t) => {
    const server = await scripted(t, {
      "GET /api/v1/timelines/public": ok,
      "GET /api/v1/timelines/tag/cats": ok,
      "GET /api/v1/timelines/list/12": ok,
      "GET /api/v1/timelines/link": ok,
    });
    const api = client(server.url);
    await api.timelineLocal({ limit: 5 });
    await api.timelinePublic({ only_media: false, max_id: { id: "99" } });
    await api.timelineHashtag({ name: "cats" }, { any: ["dogs", "birds"], none: ["fish"], local: true });
    await api.timelineList({ id: "12" }, { min_id: "3" });
    await api.timelineLink("https://news.example/story");
    const sent = server.requests.filter((r) => r.path.startsWith("/api/v1/timelines"));
    assert.deepEqual(sent[0]?.params, { limit: "5", local: "true" });
    assert.deepEqual(sent[1]?.params, { max_id: "99" }, "a false flag is left out");
    assert.deepEqual(sent[2]?.params, { local: "true", any: ["dogs", "birds"], none: ["fish"] });
    assert.deepEqual(sent[3]?.params, { min_id: "3" });
    assert.deepEqual(sent[4]?.params, { url: "https://news.example/story" });
  });

  test("a hashtag timeline's next page keeps any/all/none, which Mastodon's Link header drops", async (t) => {
    const server = await scripted(t, {
      "GET /api/v1/timelines/tag/cats": (req, res, url) =>
        json(res, 200, req.query.has("max_id") ? [] : [{ id: "5" }], {
          link: `<${url}/api/v1/timelines/tag/cats?max_id=5>; rel="next"`,
        }),
    });
    const api = client(server.url);
    const first = await api.timelineHashtag("cats", { all: ["dogs"], limit: 1 });
    await api.fetchNext(first);
    assert.deepEqual(server.requests.at(-1)?.params, { all: ["dogs"], limit: "1", max_id: "5" });
  });

  test("bad timeline inputs are refused before anything is sent", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await expectRefused(server, () => api.timeline("direct"), /timeline\(\): timeline must be one of "home"/);
    await expectRefused(server, () => api.timeline({ timeline: "tag/" }), /timeline must be one of/);
    await expectRefused(server, () => api.timeline("list/1/2"), /timeline must be one of/);
    await expectRefused(server, () => api.timelineHashtag("#cats"), /without its leading "#"/);
    await expectRefused(server, () => api.timelineHashtag(""), /timelineHashtag\(\) needs hashtag/);
    await expectRefused(
      server,
      () => api.timelineHashtag("cats", { any: ["a", "b", "c", "d", "e"] }),
      /any takes at most 4 items; got 5/,
    );
    await expectRefused(
      server,
      () => api.timelineHashtag("cats", { all: ["#x"] }),
      /each item of all must not start/,
    );
    await expectRefused(
      server,
      () => api.timelineHome({ limit: 0 }),
      /timelineHome\(\): limit must be a whole number of at least 1/,
    );
    await expectRefused(
      server,
      () => api.timelineHome({ limit: "5" as never }),
      /limit must be a whole number/,
    );
    await expectRefused(
      server,
      () => api.timelineHome({ max_id: {} as never }),
      /timelineHome\(\): max_id must be an id/,
    );
    await expectRefused(
      server,
      () => api.timelineHome({ since_id: new Date("nope") }),
      /since_id is an invalid Date/,
    );
    await expectRefused(
      server,
      () => api.timelinePublic({ only_media: "yes" as never }),
      /only_media must be true or false/,
    );
    await expectRefused(
      server,
      () => api.timelineList(undefined as never),
      /timelineList\(\): id must be an id/,
    );
    await expectRefused(server, () => api.timelineLink(""), /timelineLink\(\) needs url/);
    await expectRefused(
      server,
      () => api.timelineHome(5 as never),
      /the last argument must be an options object/,
    );
    await expectRefused(
      server,
      () => api.timelineIsAvailable("sideways", { fail_hard: true }),
      /timelineIsAvailable\(\): unknown timeline "sideways"/,
    );
    await expectRefused(
      server,
      () => api.timelineIsAvailable({ fail_hard: "no" as never }),
      /fail_hard must be true or false/,
    );
  });
});

describe("timeline availability (timelines_access, Mastodon 4.5)", () => {
  const access = {
    live_feeds: { local: "public", remote: "authenticated" },
    hashtag_feeds: { local: "disabled", remote: "public" },
    trending_link_feeds: { local: "public", remote: "public" },
  };

  test("answers from the server's settings, asking once", async (t) => {
    const server = await scripted(t, {
      "GET /api/v2/instance": (_req, res) => json(res, 200, { configuration: { timelines_access: access } }),
    });
    const api = client(server.url);
    assert.equal(await api.timelineIsAvailable(), false, "public needs a login for remote content");
    assert.equal(await api.timelineIsAvailable("public", { with_auth: true }), true);
    assert.equal(await api.timelineIsAvailable("local"), true);
    assert.equal(await api.timelineIsAvailable({ timeline: "public", local: true }), true);
    assert.equal(await api.timelineIsAvailable("public", { remote: true }), false);
    assert.equal(await api.timelineIsAvailable("tag/cats", { remote: true }), true);
    assert.equal(
      await api.timelineIsAvailable("tag/cats", { with_auth: true }),
      false,
      "local part disabled",
    );
    assert.equal(await api.timelineIsAvailable("link?url=https://x.example/"), true);
    assert.equal(await api.timelineIsAvailable("home"), false);
    assert.equal(await api.timelineIsAvailable("list/3", { with_auth: true }), true);
    assert.equal(server.requests.length, 1, "the settings were read once");
  });

  test("Mastodon.py's names: hashtag and trending_links; an unknown name answers true, or refuses with fail_hard", async (t) => {
    const server = await scripted(t, {
      "GET /api/v2/instance": (_req, res) => json(res, 200, { configuration: { timelines_access: access } }),
    });
    const api = client(server.url);
    assert.equal(await api.timelineIsAvailable("hashtag"), false, "local hashtag feeds are disabled");
    assert.equal(await api.timelineIsAvailable("hashtag", { remote: true }), true);
    assert.equal(await api.timelineIsAvailable("trending_links"), true);
    assert.equal(await api.timelineIsAvailable({ timeline: "trending_links", local: true }), true);
    assert.equal(await api.timelineIsAvailable("sideways"), true, "as Mastodon.py: true when it cannot tell");
    assert.equal(await api.timelineIsAvailable(""), true);
    await assert.rejects(api.timelineIsAvailable("sideways", { fail_hard: true }), (err: unknown) => {
      assert.ok(err instanceof MastodonIllegalArgumentError);
      assert.match(err.message, /unknown timeline "sideways".*"hashtag", "trending_links"/);
      return true;
    });
    assert.equal(server.requests.length, 1);
  });

  test("a server that does not say: available, or MastodonVersionError with fail_hard", async (t) => {
    const server = await scripted(t, {
      "GET /api/v2/instance": (_req, res) => json(res, 200, { version: "4.2.0", configuration: {} }),
    });
    const api = client(server.url);
    assert.equal(await api.timelineIsAvailable("public"), true);
    await assert.rejects(api.timelineIsAvailable("public", { fail_hard: true }), MastodonVersionError);
  });

  test("reading a timeline the server keeps closed warns, as Mastodon.py does, and still asks", async (t) => {
    const server = await scripted(t, {
      "GET /api/v2/instance": (_req, res) => json(res, 200, { configuration: { timelines_access: access } }),
      "GET /api/v1/timelines/public": ok,
    });
    const anonymous = new Mastodon({ api_base_url: server.url, mastodon_version: "4.5.0" });
    const warned = new Promise<Error>((resolve) => process.once("warning", resolve));
    assert.deepEqual(await anonymous.timelinePublic(), []);
    const warning = await warned;
    assert.equal(warning.name, "MastodonWarning");
    assert.match(warning.message, /timelinePublic\(\): the server says this timeline is not open/);
  });
});

describe("notifications", () => {
  const one = { id: "20", type: "mention", account: { id: "1" } };

  test("a list with filters, one by id (positional, option or entity)", async (t) => {
    const server = await scripted(t, {
      "GET /api/v1/notifications": (_req, res) => json(res, 200, [one]),
      "GET /api/v1/notifications/20": (_req, res) => json(res, 200, one),
    });
    const api = client(server.url);
    await api.notifications({
      types: ["mention", "favourite"],
      exclude_types: ["follow"],
      account_id: { id: "8" },
    });
    assert.deepEqual(server.requests[0]?.params, {
      types: ["mention", "favourite"],
      exclude_types: ["follow"],
      account_id: "8",
    });
    assert.equal((await api.notifications("20")).id, "20");
    assert.equal((await api.notifications({ id: 20 })).id, "20");
    const entity = { ...one, created_at: "2026-01-01T00:00:00Z" };
    assert.equal((await api.notifications(entity as never)).id, "20");
    assert.deepEqual(server.requests.at(-1)?.params, {}, "an entity's fields are not sent as options");
  });

  test("mentions_only: types on 3.5+, excluded types before (Mastodon.py's fallback)", async (t) => {
    const server = await scripted(t, { "GET /api/v1/notifications": ok });
    await client(server.url).notifications({ mentions_only: true });
    await client(server.url, { mastodon_version: "3.4.0" }).notifications({ mentions_only: true });
    await client(server.url).notifications({ mentions_only: false });
    assert.deepEqual(server.requests[0]?.params, { types: ["mention"] });
    assert.deepEqual(server.requests[1]?.params, {
      exclude_types: ["follow", "favourite", "reblog", "poll", "follow_request"],
    });
    assert.deepEqual(server.requests[2]?.params, {});
  });

  test("dismiss uses the id route from 2.9.2 and the old form before", async (t) => {
    const server = await scripted(t, {
      "POST /api/v1/notifications/5/dismiss": (_req, res) => json(res, 200, {}),
      "POST /api/v1/notifications/dismiss": (_req, res) => json(res, 200, {}),
    });
    await client(server.url).notificationsDismiss({ id: "5" });
    await client(server.url, { mastodon_version: "2.9.0" }).notificationsDismiss("5");
    assert.deepEqual(
      server.requests.map((r) => [r.path, r.params]),
      [
        ["/api/v1/notifications/5/dismiss", {}],
        ["/api/v1/notifications/dismiss", { id: "5" }],
      ],
    );
  });

  test("counts and merges come back as the numbers and booleans Mastodon.py returns", async (t) => {
    const server = await scripted(t, {
      "GET /api/v1/notifications/unread_count": (_req, res) => json(res, 200, { count: 3 }),
      "GET /api/v2/notifications/unread_count": (_req, res) => json(res, 200, { count: 2 }),
      "GET /api/v1/notifications/requests/merged": (_req, res) => json(res, 200, { merged: false }),
    });
    const api = client(server.url);
    assert.deepEqual(await api.notificationsUnreadCount({ types: ["mention"], limit: 50 }), { count: 3 });
    assert.equal(await api.unreadGroupedNotificationsCount({ grouped_types: ["favourite"] }), 2);
    assert.equal(await api.notificationsMerged(), false);
    assert.deepEqual(server.requests[0]?.params, { types: ["mention"], limit: "50" });
    assert.deepEqual(server.requests[1]?.params, { grouped_types: ["favourite"] });
  });

  test("clearing through the v2 API (not in Mastodon.py)", async (t) => {
    const server = await scripted(t, {
      "POST /api/v2/notifications/clear": (_req, res) => json(res, 200, {}),
    });
    assert.deepEqual(await client(server.url).groupedNotificationsClear(), {});
    assert.equal(server.requests.length, 1);
  });

  test("the deprecated v1 policy (not in Mastodon.py)", async (t) => {
    const policy = { filter_not_following: true, filter_not_followers: false };
    const server = await scripted(t, {
      "GET /api/v1/notifications/policy": (_req, res) => json(res, 200, policy),
      "PATCH /api/v1/notifications/policy": (_req, res) => json(res, 200, policy),
    });
    const api = client(server.url);
    assert.equal((await api.notificationsPolicyV1()).filter_not_following, true);
    await api.updateNotificationsPolicyV1({ filter_not_following: true });
    assert.deepEqual(server.requests[1]?.params, { filter_not_following: true });
  });

  test("requests: several accepted or dismissed at once", async (t) => {
    const server = await scripted(t, {
      "POST /api/v1/notifications/requests/accept": (_req, res) => json(res, 200, {}),
      "POST /api/v1/notifications/requests/dismiss": (_req, res) => json(res, 200, {}),
    });
    const api = client(server.url);
    await api.acceptMultipleNotificationRequests([{ id: "1" }, "2"]);
    await api.dismissMultipleNotificationRequests("3");
    assert.deepEqual(server.requests[0]?.params, { id: ["1", "2"] });
    assert.deepEqual(server.requests[1]?.params, { id: ["3"] });
  });

  test("bad notification inputs are refused before anything is sent", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await expectRefused(
      server,
      () => api.notifications({ types: ["mentions" as never] }),
      /notifications\(\): each item of types must be one of "mention"/,
    );
    await expectRefused(
      server,
      () => api.notifications({ exclude_types: ["likes" as never] }),
      /exclude_types/,
    );
    await expectRefused(
      server,
      () => api.notifications({ mentions_only: true, types: ["mention"] }),
      /mentions_only cannot be combined with types or exclude_types/,
    );
    await expectRefused(
      server,
      () => api.notifications({ account_id: {} as never }),
      /account_id must be an id/,
    );
    await expectRefused(
      server,
      () => api.notifications({ supported_types: ["x" as never] }),
      /supported_types/,
    );
    await expectRefused(
      server,
      () => api.notifications({ id: "1", supported_types: ["x" as never] }),
      /supported_types/,
    );
    await expectRefused(
      server,
      () => api.notificationsUnreadCount({ limit: 0 }),
      /limit must be a whole number/,
    );
    await expectRefused(
      server,
      () => api.notificationsDismiss(undefined as never),
      /notificationsDismiss\(\): id must be an id/,
    );
    await expectRefused(
      server,
      () => api.updateNotificationsPolicy({ for_not_following: "block" as never }),
      /updateNotificationsPolicy\(\): for_not_following must be one of "accept", "filter", "drop"/,
    );
    await expectRefused(server, () => api.acceptMultipleNotificationRequests([]), /needs ids/);
    await expectRefused(
      server,
      () => api.dismissMultipleNotificationRequests(Array.from({ length: 101 }, (_, i) => String(i))),
      /at most 100 requests at once; got 101/,
    );
    await expectRefused(server, () => api.notificationRequest(""), /id must be an id/);
    await expectRefused(
      server,
      () => api.groupedNotifications({ expand_accounts: "some" as never }),
      /groupedNotifications\(\): expand_accounts must be one of "full", "partial_avatars"/,
    );
    await expectRefused(
      server,
      () => api.groupedNotifications({ grouped_types: ["likes" as never] }),
      /grouped_types/,
    );
    await expectRefused(
      server,
      () => api.groupedNotifications({ include_filtered: 1 as never }),
      /include_filtered must be true or false/,
    );
    await expectRefused(
      server,
      () => api.unreadGroupedNotificationsCount({ limit: -1 }),
      /limit must be a whole number/,
    );
    await expectRefused(server, () => api.groupedNotification(""), /needs group_key/);
  });

  test("NOTIFICATION_TYPES lists every type the reference knows", () => {
    for (const type of ["mention", "admin.sign_up", "severed_relationships", "quoted_update"]) {
      assert.ok((NOTIFICATION_TYPES as readonly string[]).includes(type), type);
    }
  });
});

describe("search", () => {
  const empty = { accounts: [], statuses: [], hashtags: [] };

  test("v2 from 2.4.1, with Mastodon.py's defaults and result_type sent as type", async (t) => {
    const server = await scripted(t, { "GET /api/v2/search": (_req, res) => json(res, 200, empty) });
    await client(server.url).search("cats", { result_type: "hashtags", account_id: { id: "4" }, offset: 0 });
    await client(server.url, { mastodon_version: "2.9.0" }).searchV2("cats", { resolve: false });
    await client(server.url).searchV2("cats", {
      exclude_unreviewed: false,
      type: "accounts",
      following: true,
    });
    assert.deepEqual(server.requests[0]?.params, {
      q: "cats",
      resolve: "true",
      type: "hashtags",
      account_id: "4",
      offset: "0",
      exclude_unreviewed: "true",
    });
    assert.deepEqual(server.requests[1]?.params, { q: "cats" }, "before 3.0.0 no exclude_unreviewed");
    assert.deepEqual(server.requests[2]?.params, {
      q: "cats",
      resolve: "true",
      type: "accounts",
      following: "true",
    });
  });

  test("v1 before 2.4.1; advanced options there need 2.8.0", async (t) => {
    const server = await scripted(t, { "GET /api/v1/search": (_req, res) => json(res, 200, empty) });
    const old = client(server.url, { mastodon_version: "2.0.0" });
    await old.search("cats");
    await old.searchV1("dogs");
    assert.deepEqual(server.requests[0]?.params, { q: "cats", resolve: "true" });
    assert.deepEqual(server.requests[1]?.params, { q: "dogs" }, "v1 resolves only when asked");
    await assert.rejects(old.search("cats", { offset: 5 }), MastodonVersionError);
    assert.equal(server.requests.length, 2);
  });

  test("bad search inputs are refused before anything is sent", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await expectRefused(server, () => api.search(""), /search\(\) needs q/);
    await expectRefused(
      server,
      () => api.searchV2("x", { result_type: "posts" as never }),
      /searchV2\(\): result_type must be one of "accounts", "hashtags", "statuses"/,
    );
    await expectRefused(server, () => api.searchV2("x", { type: "people" as never }), /type must be one of/);
    await expectRefused(
      server,
      () => api.search("x", { result_type: "statuses", type: "accounts" }),
      /result_type and type name the same thing/,
    );
    await expectRefused(
      server,
      () => api.searchV2("x", { offset: -1 }),
      /offset must be a whole number of at least 0/,
    );
    await expectRefused(
      server,
      () => api.searchV2("x", { resolve: "yes" as never }),
      /resolve must be true or false/,
    );
    await expectRefused(server, () => api.searchV1(5 as never), /searchV1\(\) needs q/);
  });
});

describe("lists", () => {
  const list = { id: "3", title: "t", replies_policy: "list", exclusive: false };

  test("create and update send Mastodon.py's defaults; members are id lists", async (t) => {
    const server = await scripted(t, {
      "POST /api/v1/lists": (_req, res) => json(res, 200, list),
      "PUT /api/v1/lists/3": (_req, res) => json(res, 200, list),
      "POST /api/v1/lists/3/accounts": (_req, res) => json(res, 200, {}),
      "DELETE /api/v1/lists/3/accounts": (_req, res) => json(res, 200, {}),
      "GET /api/v1/lists/3/accounts": ok,
    });
    const api = client(server.url);
    await api.listCreate("t");
    await api.listUpdate(list, "u", { replies_policy: "followed", exclusive: true });
    await api.listAccountsAdd("3", { id: "9" });
    await api.listAccountsDelete(list, ["9", { id: "10" }]);
    await api.listAccounts(list, { limit: 0 });
    assert.deepEqual(
      server.requests.map((r) => [r.method, r.params]),
      [
        ["POST", { title: "t", replies_policy: "list", exclusive: false }],
        ["PUT", { title: "u", replies_policy: "followed", exclusive: true }],
        ["POST", { account_ids: ["9"] }],
        ["DELETE", { account_ids: ["9", "10"] }],
        ["GET", { limit: "0" }],
      ],
    );
  });

  test("bad list inputs are refused before anything is sent", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await expectRefused(server, () => api.listCreate(""), /listCreate\(\) needs title/);
    await expectRefused(
      server,
      () => api.listCreate("t", { replies_policy: "everyone" as never }),
      /listCreate\(\): replies_policy must be one of "followed", "list", "none"/,
    );
    await expectRefused(
      server,
      () => api.listCreate("t", { exclusive: "true" as never }),
      /exclusive must be true or false/,
    );
    await expectRefused(server, () => api.listUpdate("3", ""), /listUpdate\(\) needs title/);
    await expectRefused(
      server,
      () => api.listUpdate(undefined as never, "t"),
      /listUpdate\(\): id must be an id/,
    );
    await expectRefused(server, () => api.listAccountsAdd("3", []), /listAccountsAdd\(\) needs account_ids/);
    await expectRefused(
      server,
      () => api.listAccountsDelete("3", [{} as never]),
      /account_ids must be an id/,
    );
    await expectRefused(
      server,
      () => api.listAccounts("3", { limit: -1 }),
      /limit must be a whole number of at least 0/,
    );
    await expectRefused(server, () => api.list(null as never), /id must be an id/);
  });
});

describe("async refreshes (Mastodon 4.4)", () => {
  test("the header is read as Mastodon.py reads it", () => {
    assert.deepEqual(parseAsyncRefreshHeader('id="abc123", retry=3'), { id: "abc123", retry: 3 });
    assert.deepEqual(parseAsyncRefreshHeader('id="ImNvbnR--c5", retry=5, result_count=2'), {
      id: "ImNvbnR--c5",
      retry: 5,
      result_count: 2,
    });
    assert.deepEqual(parseAsyncRefreshHeader('id="x"'), { id: "x", retry: 3 }, "3 seconds when not said");
    assert.equal(parseAsyncRefreshHeader("retry=3"), undefined);
    assert.equal(parseAsyncRefreshHeader(null), undefined);
    assert.equal(parseAsyncRefreshHeader(`id="${"a".repeat(5000)}"`), undefined);
  });

  /** A home feed being rebuilt: the first answer carries the hint; the job finishes after `polls` polls. */
  async function rebuilding(t: TestContext, polls: number) {
    let asked = 0;
    const server = await scripted(t, {
      "GET /api/v1/timelines/home": (req, res) => {
        const fresh = server.requests.filter((r) => r.path === "/api/v1/timelines/home").length > 1;
        json(
          res,
          fresh ? 200 : 206,
          fresh ? [{ id: "2" }, { id: "1" }] : [{ id: "1" }],
          fresh ? {} : { "mastodon-async-refresh": 'id="job-1", retry=0, result_count=1' },
        );
        void req;
      },
      "GET /api/v1_alpha/async_refreshes/job-1": (_req, res) => {
        asked++;
        const status = asked >= polls ? "finished" : "running";
        json(
          res,
          200,
          { async_refresh: { id: "job-1", status, result_count: asked } },
          {
            "mastodon-async-refresh": 'id="job-1", retry=0',
          },
        );
      },
    });
    return server;
  }

  test("getAsyncRefreshInfo and getAsyncRefreshStatus", async (t) => {
    const server = await rebuilding(t, 1);
    const api = client(server.url);
    const timeline = await api.timelineHome({ limit: 2 });
    assert.deepEqual(api.getAsyncRefreshInfo(timeline), [
      { id: "job-1", status: "running", result_count: 1 },
      0,
    ]);
    assert.equal(api.getAsyncRefreshInfo([]), undefined, "no header, no hint");
    assert.deepEqual(await api.getAsyncRefreshStatus(timeline), {
      id: "job-1",
      status: "finished",
      result_count: 1,
    });
    const [refresh] = api.getAsyncRefreshInfo(timeline) ?? [];
    assert.equal((await api.getAsyncRefreshStatus(refresh!)).id, "job-1");
    assert.equal((await api.getAsyncRefreshStatus("job-1")).id, "job-1");
  });

  test("awaitAsyncRefresh polls until finished, then asks again with the same parameters", async (t) => {
    const server = await rebuilding(t, 3);
    const api = client(server.url);
    const timeline = await api.timelineHome({ limit: 2 });
    const fresh = await api.awaitAsyncRefresh(timeline, { max_attempts: 5 });
    assert.deepEqual(
      fresh?.map((s: Status) => s.id),
      ["2", "1"],
    );
    const homes = server.requests.filter((r) => r.path === "/api/v1/timelines/home");
    assert.deepEqual(
      homes.map((r) => r.params),
      [{ limit: "2" }, { limit: "2" }],
    );
    assert.equal(server.requests.filter((r) => r.path.startsWith("/api/v1_alpha")).length, 3);
  });

  test("awaitAsyncRefresh gives up after max_attempts with null; a result without a hint comes back as is", async (t) => {
    const server = await rebuilding(t, 10);
    const api = client(server.url);
    const timeline = await api.timelineHome();
    assert.equal(await api.awaitAsyncRefresh(timeline, { max_attempts: 2 }), null);
    const plain = { id: "1" };
    assert.equal(await api.awaitAsyncRefresh(plain), plain);
  });

  test("bad async refresh inputs are refused before anything is sent", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await expectRefused(
      server,
      () => api.getAsyncRefreshStatus({ id: "1" }),
      /getAsyncRefreshStatus\(\): pass an async refresh id/,
    );
    await expectRefused(server, () => api.getAsyncRefreshStatus(""), /pass an async refresh id/);
    await expectRefused(
      server,
      () => api.awaitAsyncRefresh(null as never),
      /awaitAsyncRefresh\(\) expects a result/,
    );
    await expectRefused(
      server,
      () => api.awaitAsyncRefresh([], { timeout: -1 }),
      /timeout must be a number of seconds/,
    );
    await expectRefused(
      server,
      () => api.awaitAsyncRefresh([], { max_attempts: 1.5 }),
      /max_attempts must be a whole number/,
    );
  });
});
