// Server versions: parsing the strings Mastodon and compatible servers report, asking the server
// over a real socket, and version_check_mode refusing methods a server is too old for.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, type TestContext, test } from "node:test";
import {
  Mastodon,
  MastodonAPIError,
  MastodonIllegalArgumentError,
  type MastodonOptions,
  MastodonVersionError,
  parseVersion,
  SUPPORTED_MASTODON_VERSION,
} from "../src/index.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";
import { conformanceTest, loadScenario } from "./support/recorded.js";
import { startReplayServer } from "./support/replay-server.js";

const TOKEN = "fake-token-versions";
const ACCOUNT = { id: "7", username: "bot", acct: "bot" };
const USERINFO = { iss: "http://127.0.0.1/", sub: "7", name: "bot", preferred_username: "bot" };

describe("parseVersion", () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ["4.6.4", { major: 4, minor: 6, patch: 4, software: "mastodon", comparable: true }],
    [
      "4.3.0-beta.2",
      { major: 4, minor: 3, patch: 0, prerelease: "beta.2", software: "mastodon", comparable: true },
    ],
    ["4.3.0+glitch", { major: 4, minor: 3, patch: 0, software: "glitch", comparable: true }],
    [
      "4.2.10+hometown-1.1.1",
      { major: 4, minor: 2, patch: 10, software: "hometown", softwareVersion: "1.1.1", comparable: true },
    ],
    [
      "2.7.2 (compatible; Pleroma 2.5.0)",
      { major: 2, minor: 7, patch: 2, software: "pleroma", softwareVersion: "2.5.0", comparable: true },
    ],
    [
      "2.7.2 (compatible; Akkoma 3.10.4)",
      { major: 2, minor: 7, patch: 2, software: "akkoma", softwareVersion: "3.10.4", comparable: true },
    ],
    [
      "4.0.0 (compatible; Hollo 0.6.0)",
      { major: 4, minor: 0, patch: 0, software: "hollo", softwareVersion: "0.6.0", comparable: true },
    ],
    ["0.19.2+git-ccb4f52", { major: 0, minor: 19, patch: 2, software: "gotosocial", comparable: false }],
  ];
  for (const [raw, expected] of cases) {
    test(JSON.stringify(raw), () => {
      const parsed = parseVersion(raw);
      assert.ok(parsed, `${raw} was not parsed`);
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(parsed[key as keyof typeof parsed], value, `${raw}: ${key}`);
      }
      if (!("prerelease" in expected)) assert.equal(parsed.prerelease, undefined);
      if (!("softwareVersion" in expected) && parsed.software !== "gotosocial") {
        assert.equal(parsed.softwareVersion, undefined);
      }
      assert.equal(parsed.raw, raw);
    });
  }

  test('"garbage" and "" are not versions', () => {
    assert.equal(parseVersion("garbage"), undefined);
    assert.equal(parseVersion(""), undefined);
  });
});

interface InstanceServerOptions {
  /** What /api/v2/instance answers: a version string, or a status code to fail with. */
  v2?: string | number;
  /** What /api/v1/instance answers. */
  v1?: string | number;
  apiVersions?: Record<string, number>;
}

/** A server answering the instance look-ups as told and every other path with something plausible. */
async function instanceServer(t: TestContext, options: InstanceServerOptions): Promise<TestServer> {
  const answer = (res: ServerResponse, spec: string | number | undefined, extra: object): void => {
    if (spec === undefined) json(res, 404, { error: "Record not found" });
    else if (typeof spec === "number") json(res, spec, { error: `failing with ${spec}` });
    else json(res, 200, { uri: "127.0.0.1", title: "Test", version: spec, ...extra });
  };
  const server = await startServer((req: ParsedRequest, res) => {
    if (req.path === "/api/v2/instance") {
      answer(res, options.v2, options.apiVersions ? { api_versions: options.apiVersions } : {});
    } else if (req.path === "/api/v1/instance") answer(res, options.v1, {});
    else if (req.path === "/oauth/userinfo") json(res, 200, USERINFO);
    else json(res, 200, ACCOUNT);
  });
  t.after(() => server.close());
  return server;
}

function client(server: TestServer, options: MastodonOptions = {}): Mastodon {
  return new Mastodon({ api_base_url: server.url, access_token: TOKEN, retry: false, ...options });
}

const paths = (server: TestServer): string[] => server.requests.map((r) => r.path);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the call to fail");
}

describe("asking the server for its version", () => {
  test("retrieveMastodonVersion reads /api/v2/instance and its api_versions", async (t) => {
    const server = await instanceServer(t, { v2: "4.6.4", v1: "4.6.4", apiVersions: { mastodon: 7 } });
    const api = client(server);
    assert.equal(api.versionCheckTried, false);
    assert.equal(await api.retrieveMastodonVersion(), "4.6.4");
    assert.deepEqual(paths(server), ["/api/v2/instance"]);
    assert.equal(server.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual({ ...api.apiVersions }, { mastodon: 7 });
    assert.equal(api.versionCheckWorked, true);
    assert.equal(api.versionCheckTried, true);
    assert.equal(api.mastodonMajor, 4);
    assert.equal(api.mastodonMinor, 6);
    assert.equal(api.mastodonPatch, 4);
    assert.equal(api.serverVersion?.software, "mastodon");
  });

  test("falls back to /api/v1/instance when v2 is 404", async (t) => {
    const server = await instanceServer(t, { v1: "3.5.3" });
    const api = client(server);
    assert.equal(await api.retrieveMastodonVersion(), "3.5.3");
    assert.deepEqual(paths(server), ["/api/v2/instance", "/api/v1/instance"]);
    assert.deepEqual({ ...api.apiVersions }, {});
    assert.equal(api.versionCheckWorked, true);
    assert.deepEqual([api.mastodonMajor, api.mastodonMinor, api.mastodonPatch], [3, 5, 3]);
  });

  test("a failing server gives 1.0.0 and versionCheckWorked false; fail_hard throws", async (t) => {
    const server = await instanceServer(t, { v2: 500, v1: 500 });
    const api = client(server);
    assert.equal(await api.retrieveMastodonVersion(), "1.0.0");
    assert.equal(api.versionCheckWorked, false);
    assert.equal(api.versionCheckTried, true);
    assert.deepEqual([api.mastodonMajor, api.mastodonMinor, api.mastodonPatch], [1, 0, 0]);

    const error = await rejection(api.retrieveMastodonVersion({ fail_hard: true }));
    assert.ok(error instanceof MastodonAPIError, `got ${String(error)}`);
    assert.equal(error.status, 500);
    assert.doesNotMatch(String(error), new RegExp(TOKEN));
    assert.equal(api.versionCheckWorked, false);
  });

  test("an instance answer without a version counts as a failed check", async (t) => {
    const server = await startServer((_req, res) => json(res, 200, { title: "no version here" }));
    t.after(() => server.close());
    const api = client(server);
    assert.equal(await api.retrieveMastodonVersion(), "1.0.0");
    assert.equal(api.versionCheckWorked, false);
    await assert.rejects(api.retrieveMastodonVersion({ fail_hard: true }), MastodonAPIError);
  });

  test("verifyMinimumVersion compares, re-asks unless cached, and refuses a bad version", async (t) => {
    const server = await instanceServer(t, { v2: "4.6.4" });
    const api = client(server);
    assert.equal(await api.verifyMinimumVersion("2.3.3"), true);
    assert.equal(server.requests.length, 1);
    assert.equal(await api.verifyMinimumVersion("9999.9999.9999"), false);
    assert.equal(server.requests.length, 2, "without cached the server is asked again");
    assert.equal(await api.verifyMinimumVersion("4.6.4", { cached: true }), true);
    assert.equal(await api.verifyMinimumVersion("4.6.5", { cached: true }), false);
    assert.equal(await api.verifyMinimumVersion("4.7.0", { cached: true }), false);
    assert.equal(await api.verifyMinimumVersion("3.9.9", { cached: true }), true);
    assert.equal(server.requests.length, 2, "cached: true must not ask the server again");
    const error = await rejection(api.verifyMinimumVersion("not a version"));
    assert.ok(error instanceof MastodonIllegalArgumentError, `got ${String(error)}`);
    assert.match(error.message, /not a version/);
    assert.equal(server.requests.length, 2);
  });

  test("verifyMinimumVersion with cached asks once when nothing is known yet", async (t) => {
    const server = await instanceServer(t, { v2: "4.2.0" });
    const api = client(server);
    assert.equal(await api.verifyMinimumVersion("4.2.0", { cached: true }), true);
    assert.equal(await api.verifyMinimumVersion("4.3.0", { cached: true }), false);
    assert.equal(server.requests.length, 1);
  });

  test("getSupportedVersion returns a version string", () => {
    const api = new Mastodon({ api_base_url: "https://mastodon.example" });
    const supported = api.getSupportedVersion();
    assert.match(supported, /^\d+\.\d+\.\d+$/);
    assert.equal(supported, SUPPORTED_MASTODON_VERSION);
    assert.ok(parseVersion(supported)?.comparable);
  });

  test("before anything is known the getters say 1.0.0", () => {
    const api = new Mastodon({ api_base_url: "https://mastodon.example" });
    assert.deepEqual([api.mastodonMajor, api.mastodonMinor, api.mastodonPatch], [1, 0, 0]);
    assert.equal(api.versionCheckWorked, undefined);
    assert.equal(api.versionCheckTried, false);
  });
});

describe("version_check_mode", () => {
  test('"created": a method newer than the server fails before its request is sent', async (t) => {
    const server = await instanceServer(t, { v2: "3.0.0", v1: "3.0.0" });
    const api = client(server, { version_check_mode: "created" });
    const error = await rejection(api.oauthUserinfo());
    assert.ok(error instanceof MastodonVersionError, `got ${String(error)}`);
    assert.match(error.message, /oauthUserinfo/);
    assert.match(error.message, /4\.3\.0/);
    assert.match(error.message, /3\.0\.0/);
    assert.doesNotMatch(String(error), new RegExp(TOKEN));
    assert.ok(!paths(server).includes("/oauth/userinfo"), "the request was sent anyway");
    assert.ok(paths(server).includes("/api/v2/instance"), "the server's version was not asked for");
    // Methods the server does have still work.
    assert.equal((await api.accountVerifyCredentials()).id, "7");
  });

  test("the server's version is asked for once, then remembered", async (t) => {
    const server = await instanceServer(t, { v2: "4.6.4" });
    const api = client(server, { version_check_mode: "created" });
    await api.oauthUserinfo();
    await api.oauthUserinfo();
    await api.accountVerifyCredentials();
    assert.deepEqual(paths(server), [
      "/api/v2/instance",
      "/oauth/userinfo",
      "/oauth/userinfo",
      "/api/v1/accounts/verify_credentials",
    ]);
  });

  test("with mastodon_version given, the server is not asked", async (t) => {
    const server = await instanceServer(t, { v2: "3.0.0" });
    const api = client(server, { version_check_mode: "created", mastodon_version: "4.5.0" });
    assert.deepEqual(await api.oauthUserinfo(), USERINFO);
    assert.deepEqual(paths(server), ["/oauth/userinfo"]);

    const old = client(server, { version_check_mode: "created", mastodon_version: "3.0.0" });
    await assert.rejects(old.oauthUserinfo(), MastodonVersionError);
    assert.deepEqual(paths(server), ["/oauth/userinfo"], "no request at all for a refused method");
  });

  test('"changed" uses the version that last changed the method', async (t) => {
    const server = await instanceServer(t, { v2: "2.0.0", v1: "2.0.0" });
    const changed = client(server, { version_check_mode: "changed" });
    const error = await rejection(changed.accountVerifyCredentials());
    assert.ok(error instanceof MastodonVersionError, `got ${String(error)}`);
    assert.match(error.message, /accountVerifyCredentials/);
    assert.match(error.message, /2\.1\.0/);
    assert.match(error.message, /2\.0\.0/);
    assert.ok(!paths(server).includes("/api/v1/accounts/verify_credentials"));

    const created = client(server, { version_check_mode: "created" });
    assert.equal((await created.accountVerifyCredentials()).id, "7");
    assert.ok(paths(server).includes("/api/v1/accounts/verify_credentials"));
  });

  test('"none" (the default) never checks', async (t) => {
    const server = await instanceServer(t, { v2: "1.0.0", v1: "1.0.0" });
    const api = client(server);
    assert.equal(api.versionCheckMode, "none");
    assert.deepEqual(await api.oauthUserinfo(), USERINFO);
    const explicit = client(server, { version_check_mode: "none", mastodon_version: "1.0.0" });
    assert.deepEqual(await explicit.oauthUserinfo(), USERINFO);
    assert.deepEqual(paths(server), ["/oauth/userinfo", "/oauth/userinfo"]);
  });

  test("a GoToSocial version never raises", async (t) => {
    const server = await instanceServer(t, { v2: "0.19.2+git-ccb4f52", v1: "0.19.2+git-ccb4f52" });
    for (const mode of ["created", "changed"] as const) {
      const api = client(server, { version_check_mode: mode });
      assert.deepEqual(await api.oauthUserinfo(), USERINFO);
      assert.equal(api.serverVersion?.software, "gotosocial");
    }
    assert.equal(paths(server).filter((p) => p === "/oauth/userinfo").length, 2);
  });

  test("a bad mastodon_version is a MastodonVersionError", () => {
    assert.throws(
      () => new Mastodon({ api_base_url: "https://mastodon.example", mastodon_version: "banana" }),
      (error: unknown) => error instanceof MastodonVersionError && /banana/.test(error.message),
    );
  });
});

conformanceTest("recorded: test_verify_version (mastodon-4.6.4)", async (t) => {
  const server = await startReplayServer(loadScenario("mastodon-4.6.4", "test_verify_version"));
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "__MASTODON_PY_TEST_ACCESS_TOKEN",
    user_agent: "tests/v311",
  });
  assert.equal(await api.verifyMinimumVersion("2.3.3"), true);
  assert.equal(await api.verifyMinimumVersion("9999.9999.9999"), false);
  assert.equal(await api.verifyMinimumVersion("1.0.0"), true);
  assert.equal(api.versionCheckWorked, true);
  assert.deepEqual([api.mastodonMajor, api.mastodonMinor, api.mastodonPatch], [4, 6, 4]);

  assert.deepEqual(server.unmatched, []);
  const lookups = server.requests.filter((r) => /^\/api\/v[12]\/instance\/?$/.test(r.path));
  assert.ok(lookups.length >= 1, "no instance look-up was made");
  assert.equal(lookups.length, server.requests.length, "only instance look-ups were expected");
  for (const request of lookups) {
    assert.equal(request.method, "GET");
    assert.equal(request.authorization, "Bearer __MASTODON_PY_TEST_ACCESS_TOKEN");
    assert.equal(request.headers["user-agent"], "tests/v311");
  }
});

test("the v2 instance is asked once and shared by the version look-up and timeline access", async (t) => {
  const instance = {
    version: "4.5.0",
    configuration: { timelines_access: { live_feeds: { local: "public", remote: "public" } } },
  };
  const server = await startServer((req, res) => {
    if (req.path === "/api/v2/instance") json(res, 200, instance);
    else json(res, 200, []);
  });
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: "tok", version_check_mode: "created" });
  await api.timelinePublic();
  await api.timelinePublic({ local: true });
  const asked = server.requests.filter((r) => r.path === "/api/v2/instance").length;
  assert.equal(asked, 1, "one instance request for the version and the timelines_access settings");
  assert.equal(server.requests.filter((r) => r.path === "/api/v1/timelines/public").length, 2);
  // retrieveMastodonVersion asks again, as Mastodon.py does.
  await api.retrieveMastodonVersion();
  assert.equal(server.requests.filter((r) => r.path === "/api/v2/instance").length, 2);
});
