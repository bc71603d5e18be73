// Endpoints Mastodon has and Mastodon.py lacks: annual reports, the email confirmation check, the
// peer search, donation campaigns and oEmbed. Each against a scripted server (method, path,
// parameters, token, answer), and every bad input refused before a request is sent.
import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import {
  ANNUAL_REPORT_STATES,
  type AnnualReports,
  Mastodon,
  MastodonNotFoundError,
  type MastodonOptions,
  MastodonVersionError,
  type OEmbed,
} from "../src/index.js";
import { json, type ParsedRequest, type Route, startRouteServer } from "./support/http-server.js";
import { expectRefusals } from "./support/refusals.js";

const TOKEN = "extras-test-token";

/** A server with a handler per "METHOD /path"; anything else is a 404. */
async function scripted(t: TestContext, routes: Record<string, Route>, options: MastodonOptions = {}) {
  const server = await startRouteServer(t, routes);
  const api = new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: false, ...options });
  return { server, api };
}

const answer =
  (body: unknown, status = 200): Route =>
  (_req, res) =>
    json(res, status, body);

/** An empty answer with this status (Rails' `head`). */
const empty =
  (status: number): Route =>
  (_req, res) => {
    res.writeHead(status);
    res.end();
  };

/** "METHOD /path?query" of each request the server saw. */
function seen(server: { requests: ParsedRequest[] }): string[] {
  return server.requests.map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ""}`);
}

// From the docs' example of GET /api/v1/annual_reports.
const REPORT = {
  year: 2025,
  data: {
    archetype: "oracle",
    time_series: [{ month: 12, statuses: 7123, followers: 48 }],
    top_hashtags: [{ name: "Mastodon", count: 12 }],
    top_statuses: { by_reblogs: "114348347829110933", by_replies: null, by_favourites: null },
  },
  schema_version: 2,
  share_url: "https://example.com/@Foobar/wrapstodon/2025/7fa0231c0f206390",
  account_id: "55911",
};
const REPORTS: AnnualReports = {
  annual_reports: [REPORT] as AnnualReports["annual_reports"],
  accounts: [],
  statuses: [],
};

test("annualReports(): GET /api/v1/annual_reports with the user's token", async (t) => {
  const { server, api } = await scripted(t, { "GET /api/v1/annual_reports": answer(REPORTS) });
  const reports = await api.annualReports();
  assert.deepEqual(reports, REPORTS);
  assert.equal(reports.annual_reports[0]?.data?.archetype, "oracle");
  assert.deepEqual(seen(server), ["GET /api/v1/annual_reports"]);
  assert.equal(server.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
});

test("annualReport(year): the year in the path, as a number or a four-digit string", async (t) => {
  const { server, api } = await scripted(t, { "GET /api/v1/annual_reports/2025": answer(REPORTS) });
  assert.deepEqual(await api.annualReport(2025), REPORTS);
  assert.deepEqual(await api.annualReport("2025"), REPORTS);
  assert.deepEqual(seen(server), ["GET /api/v1/annual_reports/2025", "GET /api/v1/annual_reports/2025"]);
});

test("annualReport(year): a year without a report is a MastodonNotFoundError", async (t) => {
  const { api } = await scripted(t, {});
  await assert.rejects(api.annualReport(1999), MastodonNotFoundError);
});

test("annualReportState(year): each documented state comes back as sent", async (t) => {
  let state: string = ANNUAL_REPORT_STATES[0];
  const { server, api } = await scripted(t, {
    "GET /api/v1/annual_reports/2026/state": (_req, res) => json(res, 200, { state }),
  });
  for (const expected of ANNUAL_REPORT_STATES) {
    state = expected;
    assert.deepEqual(await api.annualReportState(2026), { state: expected });
  }
  assert.equal(server.requests.length, ANNUAL_REPORT_STATES.length);
  assert.ok(
    server.requests.every((r) => r.method === "GET" && r.path === "/api/v1/annual_reports/2026/state"),
  );
});

test("annualReportState(year): a bare string answer is read as { state }", async (t) => {
  const { api } = await scripted(t, { "GET /api/v1/annual_reports/2026/state": answer("generating") });
  assert.deepEqual(await api.annualReportState(2026), { state: "generating" });
});

test("annualReportRead(year): POST .../read, answers {}", async (t) => {
  const { server, api } = await scripted(t, { "POST /api/v1/annual_reports/2025/read": answer({}) });
  assert.deepEqual(await api.annualReportRead(2025), {});
  assert.deepEqual(seen(server), ["POST /api/v1/annual_reports/2025/read"]);
  assert.deepEqual(server.requests[0]?.params, {});
});

test("annualReportGenerate(year): {} when started, null when the server has nothing to do (204)", async (t) => {
  let started = false;
  const { server, api } = await scripted(t, {
    "POST /api/v1/annual_reports/2026/generate": (req, res, url) => {
      if (started) return empty(204)(req, res, url);
      started = true;
      json(res, 200, {}, { "mastodon-async-refresh": 'id="wrapstodon", retry=2' });
    },
  });
  assert.deepEqual(await api.annualReportGenerate(2026), {});
  assert.equal(await api.annualReportGenerate("2026"), null);
  assert.deepEqual(seen(server), [
    "POST /api/v1/annual_reports/2026/generate",
    "POST /api/v1/annual_reports/2026/generate",
  ]);
});

test("annual reports: a year that is not four digits, or stray arguments, are refused unsent", async (t) => {
  const { server, api } = await scripted(t, {});
  const loose = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const year = /needs year as a four-digit whole number such as 2025/;
  await expectRefusals(server, [
    [() => loose.annualReport?.(), /annualReport\(\) needs year .*got nothing/],
    [() => api.annualReport(25), year],
    [() => api.annualReport(20250), year],
    [() => api.annualReport(2025.5), year],
    [() => api.annualReport("25"), year],
    [() => api.annualReport(" 2025"), year],
    [() => api.annualReport("2025/../../accounts"), year],
    [() => loose.annualReport?.(null), year],
    [() => loose.annualReport?.({ year: 2025 }), /needs year .*got an object/],
    [() => api.annualReportState(-2025), /annualReportState\(\) needs year/],
    [() => api.annualReportRead(Number.NaN), /annualReportRead\(\) needs year .*got NaN/],
    [() => api.annualReportGenerate("next"), /annualReportGenerate\(\) needs year .*got "next"/],
    [
      () => loose.annualReport?.(2025, "read"),
      /annualReport\(\): the last argument must be an options object/,
    ],
    [() => loose.annualReports?.(2025), /annualReports\(\): the last argument must be an options object/],
  ]);
});

test("annual reports: refused by version as the docs date them (4.3.0, 4.4.0, 4.6.0)", async (t) => {
  const { server, api } = await scripted(t, {}, { mastodon_version: "4.3.0", version_check_mode: "created" });
  await assert.rejects(api.annualReport(2025), MastodonVersionError);
  await assert.rejects(api.annualReportState(2025), MastodonVersionError);
  await assert.rejects(api.annualReportGenerate(2025), MastodonVersionError);
  assert.equal(server.requests.length, 0);
});

test("emailCheckConfirmation(): GET /api/v1/emails/check_confirmation answers a bare boolean", async (t) => {
  let confirmed = false;
  const { server, api } = await scripted(t, {
    "GET /api/v1/emails/check_confirmation": (_req, res) => json(res, 200, confirmed),
  });
  assert.equal(await api.emailCheckConfirmation(), false);
  confirmed = true;
  assert.equal(await api.emailCheckConfirmation(), true);
  assert.deepEqual(seen(server), [
    "GET /api/v1/emails/check_confirmation",
    "GET /api/v1/emails/check_confirmation",
  ]);
  assert.equal(server.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
});

test("emailCheckConfirmation(): a stray argument is refused unsent", async (t) => {
  const { server, api } = await scripted(t, {});
  const loose = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await expectRefusals(server, [
    [() => loose.emailCheckConfirmation?.("me@example.com"), /emailCheckConfirmation\(\)/],
  ]);
});

test("peersSearch(q): GET /api/v1/peers/search?q=..., a list of domains", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/peers/search": (req, res) =>
      json(res, 200, req.query.get("q") === "mast" ? ["mastodon.social", "mastodon.online"] : []),
  });
  assert.deepEqual(await api.peersSearch("mast"), ["mastodon.social", "mastodon.online"]);
  assert.deepEqual(await api.peersSearch("zzz"), []);
  assert.deepEqual(seen(server), ["GET /api/v1/peers/search?q=mast", "GET /api/v1/peers/search?q=zzz"]);
});

test("peersSearch(q): a null answer becomes an empty list; a server without the peers API is a 404", async (t) => {
  const { api } = await scripted(t, { "GET /api/v1/peers/search": answer(null) });
  assert.deepEqual(await api.peersSearch("x"), []);
  const other = await scripted(t, {});
  await assert.rejects(other.api.peersSearch("mast"), MastodonNotFoundError);
});

test("peersSearch(q): a missing or empty query is refused unsent", async (t) => {
  const { server, api } = await scripted(t, {});
  const loose = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await expectRefusals(server, [
    [() => loose.peersSearch?.(), /peersSearch\(\) needs q as a non-empty string; got nothing/],
    [() => api.peersSearch(""), /peersSearch\(\) needs q as a non-empty string/],
    [() => api.peersSearch("   "), /peersSearch\(\) needs q/],
    [() => loose.peersSearch?.(42), /peersSearch\(\) needs q as a non-empty string; got 42/],
    [() => loose.peersSearch?.("mast", "x"), /peersSearch\(\): the last argument must be an options object/],
  ]);
});

const CAMPAIGN = {
  id: "2026-spring",
  locale: "de",
  amounts: { one_time: { EUR: [1000, 2500] }, monthly: { EUR: [300, 500] } },
  default_currency: "EUR",
  donation_url: "https://sponsor.joinmastodon.org/donate",
  banner_message: "Mastodon is non-profit.",
  banner_button_text: "Donate",
};

test("donationCampaigns(): GET /api/v1/donation_campaigns with the user's token; lang passed on", async (t) => {
  const { server, api } = await scripted(t, { "GET /api/v1/donation_campaigns": answer(CAMPAIGN) });
  assert.deepEqual(await api.donationCampaigns(), CAMPAIGN);
  assert.deepEqual(await api.donationCampaigns({ lang: "de" }), CAMPAIGN);
  assert.deepEqual(seen(server), [
    "GET /api/v1/donation_campaigns",
    "GET /api/v1/donation_campaigns?lang=de",
  ]);
  assert.equal(server.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
});

test("donationCampaigns(): no campaign (204) is null", async (t) => {
  const { api } = await scripted(t, { "GET /api/v1/donation_campaigns": empty(204) });
  assert.equal(await api.donationCampaigns(), null);
});

test("donationCampaigns(): bad options refused unsent; refused by version before 4.6.0", async (t) => {
  const { server, api } = await scripted(t, {});
  const loose = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await expectRefusals(server, [
    [() => loose.donationCampaigns?.({ lang: 7 }), /donationCampaigns\(\): lang must be text; got number/],
    [
      () => loose.donationCampaigns?.("de"),
      /donationCampaigns\(\): the last argument must be an options object/,
    ],
  ]);
  const old = await scripted(t, {}, { mastodon_version: "4.5.0", version_check_mode: "created" });
  await assert.rejects(old.api.donationCampaigns(), MastodonVersionError);
  assert.equal(old.server.requests.length, 0);
});

// From the docs' example of GET /api/oembed.
const OEMBED: OEmbed = {
  type: "rich",
  version: "1.0",
  title: "New status by trwnh",
  author_name: "infinite love ⴳ",
  author_url: "https://mastodon.social/@trwnh",
  provider_name: "mastodon.social",
  provider_url: "https://mastodon.social/",
  cache_age: 86400,
  html: '<iframe src="https://mastodon.social/@trwnh/99664077509711321/embed" class="mastodon-embed" width="400"></iframe>',
  width: 400,
  height: null,
};

test("oembed(url): GET /api/oembed with url, maxwidth and maxheight, without a token", async (t) => {
  const { server } = await scripted(t, { "GET /api/oembed": answer(OEMBED) });
  const api = new Mastodon({ api_base_url: server.url, retry: false });
  const status = "https://mastodon.social/@trwnh/99664077509711321";
  assert.deepEqual(await api.oembed(status), OEMBED);
  assert.deepEqual(await api.oembed(status, { maxwidth: 600, maxheight: 300 }), OEMBED);
  assert.deepEqual(seen(server), [
    `GET /api/oembed?url=${encodeURIComponent(status)}`,
    `GET /api/oembed?url=${encodeURIComponent(status)}&maxwidth=600&maxheight=300`,
  ]);
  assert.equal(server.requests[0]?.headers.authorization, undefined);
});

test("oembed(url): an unknown status is a MastodonNotFoundError", async (t) => {
  const { api } = await scripted(t, {});
  await assert.rejects(api.oembed("https://example.com/@nobody/1"), MastodonNotFoundError);
});

test("oembed(url): a missing url or bad sizes are refused unsent", async (t) => {
  const { server, api } = await scripted(t, {});
  const loose = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const url = "https://mastodon.social/@trwnh/99664077509711321";
  await expectRefusals(server, [
    [() => loose.oembed?.(), /oembed\(\) needs url as a non-empty string; got nothing/],
    [() => api.oembed(""), /oembed\(\) needs url/],
    [
      () => api.oembed(url, { maxwidth: 0 }),
      /oembed\(\): maxwidth must be a whole number of at least 1; got 0/,
    ],
    [() => api.oembed(url, { maxheight: 1.5 }), /oembed\(\): maxheight must be a whole number of at least 1/],
    [() => loose.oembed?.(url, { maxwidth: "400" }), /oembed\(\): maxwidth must be a whole number/],
    [() => loose.oembed?.(url, 400), /oembed\(\): the last argument must be an options object/],
  ]);
});
