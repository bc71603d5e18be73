// The instance area against a scripted server: which route each method takes, the v2/v1 and
// trends route switches, health, NodeInfo discovery, terms of service by date, announcements,
// and every bad input refused before a request is sent.
import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import {
  Mastodon,
  MastodonInternalServerError,
  MastodonNetworkError,
  type MastodonOptions,
  MastodonVersionError,
} from "../src/index.js";
import { json, type ParsedRequest, type Route, startRouteServer } from "./support/http-server.js";
import { expectRefusals } from "./support/refusals.js";

/** A server with a handler per "METHOD /path"; anything else is a 404. */
async function scripted(t: TestContext, routes: Record<string, Route>, options: MastodonOptions = {}) {
  const server = await startRouteServer(t, routes);
  const api = new Mastodon({ api_base_url: server.url, retry: false, ...options });
  return { server, api, seen: () => server.requests.map((r) => `${r.method} ${r.path}${query(r)}`) };
}

function query(r: ParsedRequest): string {
  const q = r.query.toString();
  return q ? `?${q}` : "";
}

const answer =
  (body: unknown, status = 200): Route =>
  (_req, res) =>
    json(res, status, body);

function text(body: string, status = 200): Route {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    res.end(body);
  };
}

const V2 = { domain: "example.social", version: "4.5.0", title: "Example" };
const V1 = { uri: "example.social", version: "3.5.3", title: "Example" };

test("instance(): v2 when the version is not known yet, without a look-up first", async (t) => {
  const { api, seen } = await scripted(t, { "GET /api/v2/instance": answer(V2) });
  assert.deepEqual(await api.instance(), V2);
  assert.deepEqual(seen(), ["GET /api/v2/instance"]);
});

test("instance(): falls back to v1 when the server has no v2 (404 or 410)", async (t) => {
  for (const status of [404, 410]) {
    const { api, seen } = await scripted(t, {
      "GET /api/v2/instance": answer({ error: "gone" }, status),
      "GET /api/v1/instance": answer(V1),
    });
    assert.deepEqual(await api.instance(), V1);
    assert.deepEqual(seen(), ["GET /api/v2/instance", "GET /api/v1/instance"]);
  }
});

test("instance(): a server known to be older than 4.0 is asked for v1 only", async (t) => {
  const { api, seen } = await scripted(
    t,
    { "GET /api/v1/instance": answer(V1) },
    { mastodon_version: "3.5.3" },
  );
  assert.deepEqual(await api.instance(), V1);
  assert.deepEqual(seen(), ["GET /api/v1/instance"]);
});

test("instance(): other failures are not hidden by the fallback", async (t) => {
  const { api, seen } = await scripted(t, { "GET /api/v2/instance": answer({ error: "boom" }, 500) });
  await assert.rejects(api.instance(), MastodonInternalServerError);
  assert.deepEqual(seen(), ["GET /api/v2/instance"]);
});

test("instance(): with version checks on, 4.0 is needed in 'changed' mode, as Mastodon.py", async (t) => {
  const { api, server } = await scripted(t, {}, { mastodon_version: "3.5.0", version_check_mode: "changed" });
  await assert.rejects(api.instance(), /instance\(\) was last changed in Mastodon 4\.0\.0/);
  await assert.rejects(api.instanceTermsOfService(), MastodonVersionError);
  assert.equal(server.requests.length, 0);
});

test("the plain instance endpoints, anonymous as they are public", async (t) => {
  const { api, server, seen } = await scripted(t, {
    "GET /api/v1/instance": answer(V1),
    "GET /api/v2/instance": answer(V2),
    "GET /api/v1/instance/activity": answer([{ week: "1", statuses: "2", logins: "3", registrations: "4" }]),
    "GET /api/v1/instance/peers": answer(["a.example"]),
    "GET /api/v1/instance/rules": answer([{ id: "1", text: "Be nice", hint: "" }]),
    "GET /api/v1/instance/extended_description": answer({
      updated_at: "2025-01-01T00:00:00Z",
      content: "<p>x</p>",
    }),
    "GET /api/v1/instance/translation_languages": answer({ en: ["de", "fr"] }),
    "GET /api/v1/instance/domain_blocks": answer([
      { domain: "bad.example", digest: "d", severity: "suspend", comment: null },
    ]),
    "GET /api/v1/instance/languages": answer([{ code: "en", name: "English" }]),
    "GET /api/v1/instance/privacy_policy": answer({
      updated_at: "2025-01-01T00:00:00Z",
      content: "<p>p</p>",
    }),
    "GET /api/v1/custom_emojis": answer([
      { shortcode: "blob", url: "u", static_url: "s", visible_in_picker: true },
    ]),
  });
  assert.equal((await api.instanceV1()).uri, "example.social");
  assert.equal((await api.instanceV2()).domain, "example.social");
  assert.equal((await api.instanceActivity())[0]?.registrations, "4");
  assert.deepEqual(await api.instancePeers(), ["a.example"]);
  assert.equal((await api.instanceRules())[0]?.text, "Be nice");
  assert.equal((await api.instanceExtendedDescription()).content, "<p>x</p>");
  assert.deepEqual(await api.instanceTranslationLanguages(), { en: ["de", "fr"] });
  assert.equal((await api.instanceDomainBlocks())[0]?.severity, "suspend");
  assert.deepEqual(await api.instanceLanguages(), [{ code: "en", name: "English" }]);
  assert.equal((await api.instancePrivacyPolicy()).content, "<p>p</p>");
  assert.equal((await api.customEmojis())[0]?.shortcode, "blob");
  assert.equal(seen().length, 11);
  for (const r of server.requests) assert.equal(r.headers.authorization, undefined, "no token to send");
});

test("instanceHealth: Mastodon's plain-text OK, JSON answers, and server errors", async (t) => {
  const cases: [Route, boolean][] = [
    [text("OK"), true],
    [text("Service degraded"), false],
    [answer("OK"), true],
    [answer({ status: "OK" }), true],
    [answer({ status: "success" }), true],
    [answer("success"), true],
    [answer({ status: "down" }), false],
    [answer("degraded"), false],
    [answer({}), false],
    [answer({ error: "down" }, 503), false],
    [answer({ error: "down" }, 500), false],
  ];
  for (const [route, healthy] of cases) {
    const { api, seen } = await scripted(t, { "GET /health": route });
    assert.equal(await api.instanceHealth(), healthy);
    assert.deepEqual(seen(), ["GET /health"]);
  }
});

test("instanceHealth: a server that cannot be reached is an error, not 'unhealthy'", async () => {
  const api = new Mastodon({ api_base_url: "http://127.0.0.1:9", retry: false });
  await assert.rejects(api.instanceHealth(), MastodonNetworkError);
});

test("instanceNodeinfo: found through /.well-known/nodeinfo, discovery cached", async (t) => {
  const nodeinfo = { version: "2.0", software: { name: "mastodon", version: "4.5.0" } };
  let base = "";
  const { api, seen } = await scripted(t, {
    "GET /.well-known/nodeinfo": (_req, res) =>
      json(res, 200, {
        links: [
          { rel: "http://nodeinfo.diaspora.software/ns/schema/2.0", href: `${base}/nodeinfo/2.0` },
          {
            rel: "http://nodeinfo.diaspora.software/ns/schema/2.1",
            href: "https://elsewhere.example/nodeinfo/2.1?x=1",
          },
        ],
      }),
    "GET /nodeinfo/2.0": answer(nodeinfo),
    "GET /nodeinfo/2.1": answer({ ...nodeinfo, version: "2.1" }),
  });
  base = api.apiBaseUrl;
  const info = await api.instanceNodeinfo();
  assert.equal(info.version, "2.0");
  assert.equal(info.software.name, "mastodon");
  // A link to another origin (the server's LOCAL_DOMAIN) is fetched at the same path here.
  assert.equal((await api.instanceNodeinfo({ schema: "2.1" })).version, "2.1");
  assert.equal(
    (await api.instanceNodeinfo({ schema: "http://nodeinfo.diaspora.software/ns/schema/2.1" })).version,
    "2.1",
  );
  assert.deepEqual(seen(), [
    "GET /.well-known/nodeinfo",
    "GET /nodeinfo/2.0",
    "GET /nodeinfo/2.1?x=1",
    "GET /nodeinfo/2.1?x=1",
  ]);
  await assert.rejects(
    api.instanceNodeinfo({ schema: "1.0" }),
    /instanceNodeinfo\(\): the server offers no NodeInfo in schema http:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/1\.0; it offers: .*schema\/2\.0, .*schema\/2\.1\./,
  );
  api.clearCaches();
  await api.instanceNodeinfo();
  assert.equal(
    seen().filter((r) => r === "GET /.well-known/nodeinfo").length,
    2,
    "asked again after clearCaches",
  );
});

test("instanceNodeinfo: a discovery document without links offers nothing", async (t) => {
  const { api } = await scripted(t, { "GET /.well-known/nodeinfo": answer({ nolinks: true }) });
  await assert.rejects(api.instanceNodeinfo(), /offers no NodeInfo .* it offers: none\./);
});

test("instanceTermsOfService: now, or the version from an exact day", async (t) => {
  const tos = { effective_date: "2025-03-01", effective: true, content: "<p>t</p>", succeeded_by: null };
  const { api, seen } = await scripted(t, {
    "GET /api/v1/instance/terms_of_service": answer(tos),
    "GET /api/v1/instance/terms_of_service/2025-03-01": answer(tos),
    "GET /api/v1/instance/terms_of_service/2024-02-29": answer(tos),
  });
  assert.deepEqual(await api.instanceTermsOfService(), tos);
  await api.instanceTermsOfService({ date: "2025-03-01" });
  await api.instanceTermsOfService({ date: new Date("2024-02-29T23:30:00Z") });
  assert.deepEqual(seen(), [
    "GET /api/v1/instance/terms_of_service",
    "GET /api/v1/instance/terms_of_service/2025-03-01",
    "GET /api/v1/instance/terms_of_service/2024-02-29",
  ]);
});

test("trendingTags: /api/v1/trends/tags from 3.5.0, /api/v1/trends before", async (t) => {
  const tags = [{ name: "cats", url: "u", history: [] }];
  const routes = { "GET /api/v1/trends/tags": answer(tags), "GET /api/v1/trends": answer(tags) };
  const current = await scripted(t, routes, { mastodon_version: "4.5.0" });
  assert.deepEqual(await current.api.trendingTags({ limit: 5, offset: 10, lang: "de" }), tags);
  assert.deepEqual(await current.api.trends({ limit: 3 }), tags);
  assert.deepEqual(current.seen(), [
    "GET /api/v1/trends/tags?limit=5&offset=10&lang=de",
    "GET /api/v1/trends/tags?limit=3",
  ]);

  const old = await scripted(t, routes, { mastodon_version: "3.4.0" });
  await old.api.trendingTags({ limit: 2 });
  await old.api.trends();
  assert.deepEqual(old.seen(), ["GET /api/v1/trends?limit=2", "GET /api/v1/trends"]);
});

test("trendingTags: asks for the version once when it is not known (as Mastodon.py)", async (t) => {
  const tags = [{ name: "cats" }];
  const old = await scripted(t, {
    "GET /api/v2/instance": answer({ error: "no" }, 404),
    "GET /api/v1/instance": answer({ version: "3.4.1" }),
    "GET /api/v1/trends": answer(tags),
  });
  assert.deepEqual(await old.api.trendingTags(), tags);
  await old.api.trendingTags();
  assert.deepEqual(old.seen(), [
    "GET /api/v2/instance",
    "GET /api/v1/instance",
    "GET /api/v1/trends",
    "GET /api/v1/trends",
  ]);
  // Forks with their own numbering get the current route.
  const fork = await scripted(t, {
    "GET /api/v2/instance": answer({ version: "0.17.3+git-6f4cb2f" }),
    "GET /api/v1/trends/tags": answer(tags),
  });
  await fork.api.trendingTags();
  assert.deepEqual(fork.seen(), ["GET /api/v2/instance", "GET /api/v1/trends/tags"]);
});

test("trendingStatuses and trendingLinks pass their options", async (t) => {
  const { api, seen } = await scripted(t, {
    "GET /api/v1/trends/statuses": answer([]),
    "GET /api/v1/trends/links": answer([]),
  });
  await api.trendingStatuses({ limit: 20, offset: 40 });
  await api.trendingLinks({ lang: "fr" });
  assert.deepEqual(seen(), [
    "GET /api/v1/trends/statuses?limit=20&offset=40",
    "GET /api/v1/trends/links?lang=fr",
  ]);
});

test("announcements: list, dismiss, react with an emoji or a shortcode, take back", async (t) => {
  // The emoji travels URL-encoded in the path.
  const thumbs = encodeURIComponent("👍");
  const { api, server, seen } = await scripted(
    t,
    {
      "GET /api/v1/announcements": answer([{ id: "8", content: "<p>Hi</p>", reactions: [] }]),
      "POST /api/v1/announcements/8/dismiss": answer({}),
      [`PUT /api/v1/announcements/8/reactions/${thumbs}`]: answer({}),
      "PUT /api/v1/announcements/8/reactions/blobcat": answer({}),
      [`DELETE /api/v1/announcements/8/reactions/${thumbs}`]: answer({}),
    },
    { access_token: "tok" },
  );
  const [first] = await api.announcements();
  assert.ok(first);
  assert.deepEqual(await api.announcementDismiss(first), {});
  assert.deepEqual(await api.announcementReactionCreate(first, "👍"), {});
  await api.announcementReactionCreate("8", "blobcat");
  assert.deepEqual(await api.announcementReactionDelete("8", "👍"), {});
  assert.deepEqual(seen(), [
    "GET /api/v1/announcements",
    "POST /api/v1/announcements/8/dismiss",
    `PUT /api/v1/announcements/8/reactions/${thumbs}`,
    "PUT /api/v1/announcements/8/reactions/blobcat",
    `DELETE /api/v1/announcements/8/reactions/${thumbs}`,
  ]);
  assert.equal(server.requests[1]?.headers.authorization, "Bearer tok");
});

test("bad inputs are refused before any request", async (t) => {
  const { api, server } = await scripted(t, {});
  await expectRefusals(server, [
    [
      () => api.instanceTermsOfService({ date: "2025-02-30" }),
      /instanceTermsOfService\(\): date must be a Date or a calendar day as "YYYY-MM-DD" .*got "2025-02-30"/,
    ],
    [() => api.instanceTermsOfService({ date: "yesterday" }), /date must be a Date or a calendar day/],
    [() => api.instanceTermsOfService({ date: "2025-3-1" }), /date must be a Date or a calendar day/],
    [() => api.instanceTermsOfService({ date: 20250301 as unknown as string }), /got 20250301/],
    [() => api.instanceTermsOfService({ date: new Date("nope") }), /got an invalid Date/],
    [
      () => api.instanceTermsOfService("2025-03-01" as unknown as object),
      /instanceTermsOfService\(\): the last argument must be an options object/,
    ],
    [
      () => api.instance("v2" as unknown as Record<string, never>),
      /instance\(\): the last argument must be an options object/,
    ],
    [
      () => api.instanceHealth(1 as unknown as Record<string, never>),
      /instanceHealth\(\): the last argument must be an options object/,
    ],
    [() => api.instanceNodeinfo({ schema: "" }), /instanceNodeinfo\(\) needs schema as a non-empty string/],
    [() => api.instanceNodeinfo({ schema: 2 as unknown as string }), /instanceNodeinfo\(\) needs schema/],
    [
      () => api.trendingTags({ limit: 0 }),
      /trendingTags\(\): limit must be a whole number of at least 1; got 0/,
    ],
    [
      () => api.trendingTags({ offset: -1 }),
      /trendingTags\(\): offset must be a whole number of at least 0; got -1/,
    ],
    [
      () => api.trendingTags({ limit: "5" as unknown as number }),
      /trendingTags\(\): limit must be a whole number/,
    ],
    [() => api.trends({ limit: 2.5 }), /trends\(\): limit must be a whole number/],
    [() => api.trends([] as unknown as object), /trends\(\): the last argument must be an options object/],
    [
      () => api.instancePeers("x" as unknown as Record<string, never>),
      /instancePeers\(\): the last argument must be an options object/,
    ],
    [() => api.announcementDismiss(undefined as unknown as string), /id must be an id/],
    [() => api.announcementReactionCreate("8", ""), /announcementReactionCreate\(\) needs reaction/],
    [
      () => api.announcementReactionDelete("8", undefined as unknown as string),
      /announcementReactionDelete\(\) needs reaction/,
    ],
  ]);
});
