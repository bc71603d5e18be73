// The admin area against a scripted server: the method, path and parameters each call sends
// (for what no recording covers: domain blocks and allows, email domain blocks, measures,
// dimensions, retention, hashtags, link publishers, report updates, moderation actions), and every
// bad input refused before a request leaves.
import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import {
  ADMIN_MEASURE_FLAGS,
  DOMAIN_BLOCK_SEVERITIES,
  IP_BLOCK_SEVERITIES,
  Mastodon,
  MastodonVersionError,
} from "../src/index.js";
import { json, type ParsedRequest, type Route, startRouteServer } from "./support/http-server.js";
import { expectRefusals, expectRefused } from "./support/refusals.js";

/**
 * A server that answers "METHOD /path" from `routes`, and anything else with `{}` (POST, PUT,
 * DELETE) or `[]` (GET); every request is kept for the assertions.
 */
async function scripted(t: TestContext, routes: Record<string, Route> = {}) {
  return startRouteServer(t, routes, (req, res) => json(res, 200, req.method === "GET" ? [] : {}));
}

function client(url: string, extra: Record<string, unknown> = {}): Mastodon {
  return new Mastodon({
    api_base_url: url,
    access_token: "admin-token",
    mastodon_version: "4.5.0",
    ...extra,
  });
}

/** The client without its types, to pass what TypeScript would refuse (as JavaScript callers can). */
function untyped(api: Mastodon): Record<string, (...args: unknown[]) => Promise<unknown>> {
  return api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
}

/** The one request the call sent: method, path, query and JSON body as the server saw them. */
function sent(server: { requests: ParsedRequest[] }, index = -1) {
  const req = server.requests.at(index);
  assert.ok(req, "a request was sent");
  const text = req.rawBody.toString("utf8");
  return {
    method: req.method,
    path: req.path,
    query: Object.fromEntries(
      [...new Set(req.query.keys())].map((k) => {
        const all = req.query.getAll(k);
        return [k, k.endsWith("[]") ? all : all[0]];
      }),
    ),
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
    contentType: req.headers["content-type"],
  };
}

/** Asserts the last request's method and path, and its JSON body or query when given. */
function assertCall(
  server: { requests: ParsedRequest[] },
  method: string,
  path: string,
  expected: { body?: unknown; query?: Record<string, unknown> } = {},
): void {
  const last = sent(server);
  assert.deepEqual([last.method, last.path], [method, path]);
  if ("body" in expected) assert.deepEqual(last.body, expected.body);
  if ("query" in expected) assert.deepEqual(last.query, expected.query);
}

// Mastodon.py's snowflake for a moment: milliseconds since the epoch shifted left by 16 bits.
const snowflake = (date: Date) => (BigInt(date.getTime()) << 16n).toString();

describe("admin accounts", () => {
  test("adminAccounts is the v1 listing: status as its own flag, remote and staff_only as flags", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminAccounts();
    assert.deepEqual(sent(server), {
      method: "GET",
      path: "/api/v1/admin/accounts",
      query: { active: "true" },
      body: undefined,
      contentType: undefined,
    });
    const since = new Date("2024-05-01T00:00:00Z");
    await api.adminAccountsV1({
      remote: true,
      status: "pending",
      staff_only: true,
      by_domain: "https://Example.social/about",
      username: "alice",
      since_id: since,
      limit: 5,
    });
    assert.deepEqual(sent(server).query, {
      remote: "true",
      pending: "true",
      staff: "true",
      by_domain: "Example.social",
      username: "alice",
      since_id: snowflake(since),
      limit: "5",
    });
    // A false flag means "don't care" and is left out, as in Mastodon.py.
    await api.adminAccounts({ remote: false, staff_only: false, status: "suspended" });
    assert.deepEqual(sent(server).query, { suspended: "true" });
  });

  test("adminAccountsV2 sends its filters as the v2 listing takes them", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminAccountsV2({
      origin: "remote",
      status: "silenced",
      permissions: "staff",
      by_domain: "http://example.org",
      invited_by: { id: "42" },
      role_ids: ["1", { id: 3 }],
      max_id: "900",
    });
    assert.deepEqual(sent(server), {
      method: "GET",
      path: "/api/v2/admin/accounts",
      query: {
        origin: "remote",
        status: "silenced",
        permissions: "staff",
        by_domain: "example.org",
        invited_by: "42",
        "role_ids[]": ["1", "3"],
        max_id: "900",
      },
      body: undefined,
      contentType: undefined,
    });
    await api.adminAccountsV2();
    assert.deepEqual(sent(server).query, {}, "no filter: every account");
  });

  test("adminAccountsV2 needs Mastodon 3.5 when versions are checked", async (t) => {
    const server = await scripted(t);
    const api = client(server.url, { mastodon_version: "3.4.0", version_check_mode: "created" });
    await assert.rejects(api.adminAccountsV2(), MastodonVersionError);
    assert.equal(server.requests.length, 0);
    await api.adminAccountsV1();
    assert.equal(sent(server).path, "/api/v1/admin/accounts");
  });

  test("one account and the single-account actions hit their routes", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    const account = { id: "7" };
    const calls: Array<[() => Promise<unknown>, string, string]> = [
      [() => api.adminAccount(account), "GET", "/api/v1/admin/accounts/7"],
      [() => api.adminAccountEnable(account), "POST", "/api/v1/admin/accounts/7/enable"],
      [() => api.adminAccountApprove("7"), "POST", "/api/v1/admin/accounts/7/approve"],
      [() => api.adminAccountReject("7"), "POST", "/api/v1/admin/accounts/7/reject"],
      [() => api.adminAccountUnsilence(7), "POST", "/api/v1/admin/accounts/7/unsilence"],
      [() => api.adminAccountUnsuspend("7"), "POST", "/api/v1/admin/accounts/7/unsuspend"],
      [() => api.adminAccountUnsensitive("7"), "POST", "/api/v1/admin/accounts/7/unsensitive"],
      [() => api.adminAccountDelete("7"), "DELETE", "/api/v1/admin/accounts/7"],
    ];
    for (const [call, method, path] of calls) {
      await call();
      assert.deepEqual([sent(server).method, sent(server).path], [method, path]);
    }
  });

  test("adminAccountModerate sends the action as `type`, a warning by default", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    assert.deepEqual(await api.adminAccountModerate({ id: "7" }), {});
    assert.deepEqual(sent(server), {
      method: "POST",
      path: "/api/v1/admin/accounts/7/action",
      query: {},
      body: { type: "none" },
      contentType: "application/json",
    });
    await api.adminAccountModerate("7", {
      action: "suspend",
      report_id: { id: "12" },
      warning_preset_id: "3",
      text: "Spam.",
      send_email_notification: false,
    });
    assert.deepEqual(sent(server).body, {
      type: "suspend",
      report_id: "12",
      warning_preset_id: "3",
      text: "Spam.",
      send_email_notification: false,
    });
  });

  test("bad account inputs are refused before any request", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    const loose = untyped(api);
    await expectRefusals(server, [
      [
        () => loose.adminAccounts!({ status: "banned" }),
        /adminAccounts\(\): status must be one of "active", "pending", "disabled", "silenced", "suspended"; got "banned"/,
      ],
      [() => loose.adminAccountsV1!({ remote: "yes" }), /adminAccountsV1\(\): remote must be true or false/],
      [() => loose.adminAccountsV1!({ by_domain: "" }), /adminAccountsV1\(\) needs by_domain/],
      [
        () => loose.adminAccountsV2!({ origin: "both" }),
        /adminAccountsV2\(\): origin must be one of "local", "remote"/,
      ],
      [() => loose.adminAccountsV2!({ permissions: "admin" }), /permissions must be one of "staff"/],
      [() => loose.adminAccountsV2!({ status: "sensitized" }), /adminAccountsV2\(\): status must be one of/],
      [() => loose.adminAccountsV2!({ role_ids: [{}] }), /adminAccountsV2\(\): role_ids must be an id/],
      [
        () => loose.adminAccountsV2!({ username: 5 }),
        /adminAccountsV2\(\) needs username as a non-empty string/,
      ],
      [
        () => loose.adminAccountsV2!("local"),
        /adminAccountsV2\(\): the last argument must be an options object/,
      ],
      [
        () => loose.adminAccountModerate!("7", { action: "ban" }),
        /adminAccountModerate\(\): action must be one of "none", "disable", "sensitive", "silence", "suspend"; got "ban"/,
      ],
      [() => loose.adminAccountModerate!(undefined), /adminAccountModerate\(\): id must be an id/],
      [
        () => loose.adminAccountModerate!("7", { send_email_notification: "no" }),
        /send_email_notification must be true or false/,
      ],
      [() => loose.adminAccount!(null), /adminAccount\(\): id must be an id/],
    ]);
  });
});

describe("admin reports, hashtags and trends", () => {
  test("adminReports: resolved only when true, accounts as ids", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminReports({ resolved: false });
    assert.deepEqual(sent(server).query, {});
    await api.adminReports({ resolved: true, account_id: { id: "1" }, target_account_id: "2", limit: 10 });
    assert.deepEqual(sent(server).query, {
      resolved: "true",
      account_id: "1",
      target_account_id: "2",
      limit: "10",
    });
  });

  test("adminUpdateReport (not in Mastodon.py) changes category and rules", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminUpdateReport({ id: "9" }, { category: "violation", rule_ids: ["1", { id: "2" }] });
    assert.deepEqual(sent(server), {
      method: "PUT",
      path: "/api/v1/admin/reports/9",
      query: {},
      body: { category: "violation", rule_ids: ["1", "2"] },
      contentType: "application/json",
    });
    const loose = untyped(api);
    await expectRefusals(server, [
      [
        () => loose.adminUpdateReport!("9", { category: "rude" }),
        /adminUpdateReport\(\): category must be one of "spam", "legal", "violation", "other"/,
      ],
      [() => loose.adminReports!({ resolved: "true" }), /adminReports\(\): resolved must be true or false/],
      [() => loose.adminReports!({ account_id: {} }), /adminReports\(\): account_id must be an id/],
    ]);
  });

  test("report actions hit their routes", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    for (const [call, path] of [
      [() => api.adminReport("4"), "/api/v1/admin/reports/4"],
      [() => api.adminReportAssign("4"), "/api/v1/admin/reports/4/assign_to_self"],
      [() => api.adminReportUnassign("4"), "/api/v1/admin/reports/4/unassign"],
      [() => api.adminReportReopen("4"), "/api/v1/admin/reports/4/reopen"],
      [() => api.adminReportResolve("4"), "/api/v1/admin/reports/4/resolve"],
    ] as const) {
      await call();
      assert.equal(sent(server).path, path);
    }
  });

  test("hashtags (not in Mastodon.py): list, one, update with checked flags", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminTags({ limit: 2 });
    assertCall(server, "GET", "/api/v1/admin/tags", { query: { limit: "2" } });
    await api.adminTag({ id: "5" });
    assertCall(server, "GET", "/api/v1/admin/tags/5");
    await api.adminUpdateTag("5", {
      trendable: false,
      usable: true,
      listable: false,
      display_name: "CatsOfMastodon",
    });
    assert.deepEqual(sent(server), {
      method: "PUT",
      path: "/api/v1/admin/tags/5",
      query: {},
      body: { display_name: "CatsOfMastodon", trendable: false, usable: true, listable: false },
      contentType: "application/json",
    });
    const loose = untyped(api);
    await expectRefusals(server, [
      [
        () => loose.adminUpdateTag!("5", { trendable: 1 }),
        /adminUpdateTag\(\): trendable must be true or false/,
      ],
      [() => loose.adminUpdateTag!("5", { display_name: "" }), /adminUpdateTag\(\) needs display_name/],
    ]);
  });

  test("trend moderation: approve and reject links, statuses, tags and publishers", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    for (const [call, method, path] of [
      [() => api.adminApproveTrendingLink(3), "POST", "/api/v1/admin/trends/links/3/approve"],
      [() => api.adminRejectTrendingLink({ id: 3 }), "POST", "/api/v1/admin/trends/links/3/reject"],
      [() => api.adminApproveTrendingStatus("8"), "POST", "/api/v1/admin/trends/statuses/8/approve"],
      [() => api.adminRejectTrendingStatus("8"), "POST", "/api/v1/admin/trends/statuses/8/reject"],
      [() => api.adminApproveTrendingTag("2"), "POST", "/api/v1/admin/trends/tags/2/approve"],
      [() => api.adminRejectTrendingTag("2"), "POST", "/api/v1/admin/trends/tags/2/reject"],
      [() => api.adminTrendingLinkPublishers(), "GET", "/api/v1/admin/trends/links/publishers"],
      [
        () => api.adminApproveTrendingLinkPublisher(6),
        "POST",
        "/api/v1/admin/trends/links/publishers/6/approve",
      ],
      [
        () => api.adminRejectTrendingLinkPublisher(6),
        "POST",
        "/api/v1/admin/trends/links/publishers/6/reject",
      ],
    ] as const) {
      await call();
      assert.deepEqual([sent(server).method, sent(server).path], [method, path]);
    }
    const loose = untyped(api);
    await expectRefused(
      server,
      () => loose.adminApproveTrendingLink!(undefined),
      /adminApproveTrendingLink\(\): id must be an id/,
    );
  });
});

describe("admin domain blocks and allows", () => {
  test("adminDomainBlocks lists with cursors, or reads one block by id", async (t) => {
    const server = await scripted(t, {
      "GET /api/v1/admin/domain_blocks/3": (_req, res) => json(res, 200, { id: "3", domain: "example.com" }),
    });
    const api = client(server.url);
    const before = new Date("2025-01-01T00:00:00Z");
    const list = await api.adminDomainBlocks({ max_id: before, limit: 20 });
    assert.ok(Array.isArray(list));
    assert.deepEqual(sent(server), {
      method: "GET",
      path: "/api/v1/admin/domain_blocks",
      query: { max_id: snowflake(before), limit: "20" },
      body: undefined,
      contentType: undefined,
    });
    const one = await api.adminDomainBlocks({ id: { id: "3" } });
    assert.equal(one.domain, "example.com");
    assertCall(server, "GET", "/api/v1/admin/domain_blocks/3", { query: {} });
  });

  test("adminCreateDomainBlock and adminUpdateDomainBlock send the settings given", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminCreateDomainBlock("spam.example", {
      severity: "suspend",
      reject_media: true,
      reject_reports: false,
      private_comment: "seen in #12",
      public_comment: "Spam",
      obfuscate: true,
    });
    assert.deepEqual(sent(server), {
      method: "POST",
      path: "/api/v1/admin/domain_blocks",
      query: {},
      body: {
        domain: "spam.example",
        severity: "suspend",
        reject_media: true,
        reject_reports: false,
        private_comment: "seen in #12",
        public_comment: "Spam",
        obfuscate: true,
      },
      contentType: "application/json",
    });
    await api.adminCreateDomainBlock("quiet.example");
    assert.deepEqual(sent(server).body, { domain: "quiet.example" }, "the server's default severity applies");
    await api.adminUpdateDomainBlock({ id: "3" }, { severity: "noop", public_comment: "" });
    assertCall(server, "PUT", "/api/v1/admin/domain_blocks/3", {
      body: { severity: "noop", public_comment: "" },
    });
    await api.adminDeleteDomainBlock("3");
    assertCall(server, "DELETE", "/api/v1/admin/domain_blocks/3");
  });

  test("every domain-block severity is accepted", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    for (const severity of DOMAIN_BLOCK_SEVERITIES) {
      await api.adminUpdateDomainBlock("1", { severity });
      assert.deepEqual(sent(server).body, { severity });
    }
  });

  test("domain allows: list, one, create, delete", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminDomainAllows({ limit: 3 });
    assertCall(server, "GET", "/api/v1/admin/domain_allows", { query: { limit: "3" } });
    await api.adminDomainAllow("2");
    assertCall(server, "GET", "/api/v1/admin/domain_allows/2");
    await api.adminCreateDomainAllow("friends.example");
    assertCall(server, "POST", "/api/v1/admin/domain_allows", { body: { domain: "friends.example" } });
    await api.adminDeleteDomainAllow({ id: "2" });
    assertCall(server, "DELETE", "/api/v1/admin/domain_allows/2");
  });

  test("bad domain inputs are refused before any request", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    const loose = untyped(api);
    await expectRefusals(server, [
      [
        () => api.adminCreateDomainBlock("https://spam.example"),
        /adminCreateDomainBlock\(\): domain must be a bare domain such as "example.com", without scheme or path/,
      ],
      [() => loose.adminCreateDomainBlock!(undefined), /adminCreateDomainBlock\(\) needs domain/],
      [
        () => loose.adminCreateDomainBlock!("spam.example", { severity: "limit" }),
        /severity "limit" is called "silence" in the API/,
      ],
      [
        () => loose.adminUpdateDomainBlock!("1", { severity: "ban" }),
        /adminUpdateDomainBlock\(\): severity must be one of "silence", "suspend", "noop"; got "ban"/,
      ],
      [
        () => loose.adminUpdateDomainBlock!("1", { reject_media: "true" }),
        /reject_media must be true or false/,
      ],
      [() => loose.adminUpdateDomainBlock!("1", { public_comment: 5 }), /public_comment must be text/],
      [() => loose.adminUpdateDomainBlock!(undefined, {}), /adminUpdateDomainBlock\(\): id must be an id/],
      [() => loose.adminDomainBlocks!({ id: {} }), /adminDomainBlocks\(\): id must be an id/],
      [
        () => api.adminCreateDomainAllow("http://friends.example/"),
        /adminCreateDomainAllow\(\): domain must be a bare domain/,
      ],
      [() => loose.adminDeleteDomainBlock!(undefined), /adminDeleteDomainBlock\(\): id must be an id/],
    ]);
  });
});

describe("admin email and IP blocks", () => {
  test("email domain blocks: list, one, create, delete", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminEmailDomainBlocks({ since_id: "4" });
    assertCall(server, "GET", "/api/v1/admin/email_domain_blocks", { query: { since_id: "4" } });
    await api.adminEmailDomainBlock("4");
    assertCall(server, "GET", "/api/v1/admin/email_domain_blocks/4");
    await api.adminCreateEmailDomainBlock("mailinator.example");
    assertCall(server, "POST", "/api/v1/admin/email_domain_blocks", {
      body: { domain: "mailinator.example" },
    });
    await api.adminDeleteEmailDomainBlock({ id: "4" });
    assertCall(server, "DELETE", "/api/v1/admin/email_domain_blocks/4");
    await expectRefused(
      server,
      () => api.adminCreateEmailDomainBlock("https://mailinator.example"),
      /adminCreateEmailDomainBlock\(\): domain must be a bare domain/,
    );
  });

  test("canonical email blocks: by address or by hash, exactly one of them", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    const hash = "973DFE463EC85785F5F95AF5BA3906EEDB2D931C24E69824A89EA65DBA4E813B";
    await api.adminCreateCanonicalEmailBlock({ canonical_email_hash: hash });
    assert.deepEqual(
      sent(server).body,
      { canonical_email_hash: hash.toLowerCase() },
      "hex digits in lower case",
    );
    const loose = untyped(api);
    await expectRefusals(server, [
      [
        () => api.adminCreateCanonicalEmailBlock(),
        /needs exactly one of email \(an address\) or canonical_email_hash \(its SHA-256\); got neither/,
      ],
      [
        () => api.adminCreateCanonicalEmailBlock({ email: "a@example.com", canonical_email_hash: hash }),
        /needs exactly one of .*; got both/,
      ],
      [
        () => api.adminCreateCanonicalEmailBlock({ canonical_email_hash: "abc" }),
        /canonical_email_hash must be a SHA-256 hash as 64 hexadecimal digits/,
      ],
      [
        () => api.adminCreateCanonicalEmailBlock({ email: "not an address" }),
        /adminCreateCanonicalEmailBlock\(\): email must be an address such as "someone@example.com"/,
      ],
      [
        () => api.adminTestCanonicalEmailBlock("example.com"),
        /adminTestCanonicalEmailBlock\(\): email must be an address/,
      ],
      [() => loose.adminTestCanonicalEmailBlock!(undefined), /adminTestCanonicalEmailBlock\(\) needs email/],
    ]);
  });

  test("IP blocks: create with severity, update only what is given", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    for (const severity of IP_BLOCK_SEVERITIES) {
      await api.adminCreateIpBlock("2001:db8::/32", severity, { comment: "test", expires_in: 3600 });
      assert.deepEqual(sent(server), {
        method: "POST",
        path: "/api/v1/admin/ip_blocks",
        query: {},
        body: { ip: "2001:db8::/32", severity, comment: "test", expires_in: 3600 },
        contentType: "application/json",
      });
    }
    await api.adminUpdateIpBlock({ id: "1" }, { ip: "192.0.2.7", severity: "sign_up_block" });
    assertCall(server, "PUT", "/api/v1/admin/ip_blocks/1", {
      body: { ip: "192.0.2.7", severity: "sign_up_block" },
    });
  });

  test("bad IP block inputs are refused before any request", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    const loose = untyped(api);
    await expectRefusals(server, [
      [
        () => loose.adminCreateIpBlock!("192.0.2.0/24", "block"),
        /adminCreateIpBlock\(\): severity must be one of "sign_up_requires_approval", "sign_up_block", "no_access"; got "block"/,
      ],
      [() => loose.adminCreateIpBlock!("192.0.2.0/24"), /severity must be one of .*; got nothing/],
      [
        () => loose.adminCreateIpBlock!("example.com", "no_access"),
        /adminCreateIpBlock\(\): ip must be an IP address or CIDR range/,
      ],
      [
        () => loose.adminCreateIpBlock!("192.0.2.0/24", "no_access", { expires_in: 0 }),
        /expires_in must be a whole number of at least 1; got 0/,
      ],
      [
        () => loose.adminUpdateIpBlock!("1", { severity: "none" }),
        /adminUpdateIpBlock\(\): severity must be one of/,
      ],
      [() => loose.adminUpdateIpBlock!("1", { comment: 3 }), /adminUpdateIpBlock\(\): comment must be text/],
      [() => loose.adminUpdateIpBlock!(undefined, {}), /adminUpdateIpBlock\(\): id must be an id/],
    ]);
  });
});

describe("admin measures, dimensions and retention", () => {
  const start = new Date("2024-01-01T00:00:00Z");
  const end = "2024-01-31";

  test("adminMeasures sends keys, ISO times and per-subject parameters as JSON", async (t) => {
    const server = await scripted(t, {
      "POST /api/v1/admin/measures": (_req, res) =>
        json(res, 200, [
          { key: "active_users", unit: null, total: "3", human_value: "3", previous_total: "1", data: [] },
        ]),
    });
    const api = client(server.url);
    const measures = await api.adminMeasures(start, end, {
      active_users: true,
      new_users: false,
      resolved_reports: true,
      tag_uses: { id: "11" },
      instance_statuses: "https://remote.example/about",
    });
    assert.equal(measures[0]?.key, "active_users");
    assert.deepEqual(sent(server), {
      method: "POST",
      path: "/api/v1/admin/measures",
      query: {},
      body: {
        keys: ["active_users", "resolved_reports", "tag_uses", "instance_statuses"],
        start_at: "2024-01-01T00:00:00.000Z",
        end_at: "2024-01-31T00:00:00.000Z",
        tag_uses: { id: "11" },
        instance_statuses: { domain: "remote.example" },
      },
      contentType: "application/json",
    });
    const all = Object.fromEntries(ADMIN_MEASURE_FLAGS.map((key) => [key, true]));
    await api.adminMeasures(start.toISOString(), "2024-01-02T12:00:00+02:00", all);
    assert.deepEqual(sent(server).body, {
      keys: [...ADMIN_MEASURE_FLAGS],
      start_at: "2024-01-01T00:00:00.000Z",
      end_at: "2024-01-02T10:00:00.000Z",
    });
  });

  test("adminDimensions sends keys, subjects and limit", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminDimensions(start, end, {
      languages: true,
      software_versions: true,
      tag_languages: "11",
      instance_accounts: "remote.example",
      limit: 5,
    });
    assert.deepEqual(sent(server).body, {
      keys: ["languages", "software_versions", "tag_languages", "instance_accounts"],
      start_at: "2024-01-01T00:00:00.000Z",
      end_at: "2024-01-31T00:00:00.000Z",
      tag_languages: { id: "11" },
      instance_accounts: { domain: "remote.example" },
      limit: 5,
    });
    assert.equal(sent(server).path, "/api/v1/admin/dimensions");
  });

  test("adminRetention: by day unless by month", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    await api.adminRetention(start, end);
    assertCall(server, "POST", "/api/v1/admin/retention", {
      body: { start_at: "2024-01-01T00:00:00.000Z", end_at: "2024-01-31T00:00:00.000Z", frequency: "day" },
    });
    await api.adminRetention(start, end, { frequency: "month" });
    assert.equal((sent(server).body as { frequency: string }).frequency, "month");
  });

  test("bad metric inputs are refused before any request", async (t) => {
    const server = await scripted(t);
    const api = client(server.url);
    const loose = untyped(api);
    await expectRefusals(server, [
      [
        () => api.adminMeasures(start, end),
        /adminMeasures\(\) needs at least one measure out of: active_users, new_users, .*instance_followers/,
      ],
      [() => api.adminMeasures(start, end, { active_users: false }), /needs at least one measure/],
      [
        () => api.adminDimensions(start, end, { limit: 5 }),
        /adminDimensions\(\) needs at least one dimension out of: languages/,
      ],
      [
        () => api.adminMeasures("last week", end, { active_users: true }),
        /adminMeasures\(\): start_at must be a Date or an ISO-8601 date string such as "2024-01-31"; got "last week"/,
      ],
      [
        () => loose.adminRetention!(start),
        /adminRetention\(\): end_at must be a Date or an ISO-8601 date string/,
      ],
      [
        () => api.adminRetention(end, start),
        /adminRetention\(\): end_at \(2024-01-01T00:00:00.000Z\) is before start_at/,
      ],
      [
        () => loose.adminMeasures!(start, end, { active_users: "yes" }),
        /adminMeasures\(\): active_users must be true or false/,
      ],
      [() => loose.adminMeasures!(start, end, { tag_uses: {} }), /adminMeasures\(\): tag_uses must be an id/],
      [
        () => loose.adminDimensions!(start, end, { instance_languages: "" }),
        /adminDimensions\(\) needs instance_languages/,
      ],
      [
        () => loose.adminDimensions!(start, end, { languages: true, limit: 0 }),
        /adminDimensions\(\): limit must be a whole number of at least 1; got 0/,
      ],
      [
        () => loose.adminRetention!(start, end, { frequency: "week" }),
        /adminRetention\(\): frequency must be one of "day", "month"; got "week"/,
      ],
      [
        () => loose.adminRetention!(start, end, "month"),
        /adminRetention\(\): the last argument must be an options object/,
      ],
    ]);
  });
});
