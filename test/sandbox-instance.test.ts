// The sandbox's instance area over real sockets: the v1 and v2 instance information against the
// recorded Mastodon answers, the version as mastodon-ts and Mastodon.py read it, the limits from the
// options, and the small satellites (peers, activity, rules, emojis, preferences, NodeInfo, health).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseVersion } from "../src/core/versions.js";
import { Mastodon } from "../src/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { conformanceTest, loadScenario } from "./support/recorded.js";

let sb: Sandbox;
let token: string;

before(async () => {
  sb = await startSandbox({ port: 0, max_characters: 1000, max_upload_bytes: 2 * 1024 * 1024 });
  token = sb.users[0]?.access_token ?? "";
});
after(() => sb.close());

async function get(path: string, bearer?: string) {
  const res = await fetch(
    `${sb.url}${path}`,
    bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {},
  );
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, unknown> };
}

function recordedBody(scenario: string, path: string): Record<string, unknown> {
  const interaction = loadScenario("mastodon-4.6.4", scenario).interactions.find((i) =>
    i.request.url.includes(path),
  );
  assert.ok(interaction, `${scenario} has a request to ${path}`);
  return JSON.parse(interaction.response.body ?? "null") as Record<string, unknown>;
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as Record<string, unknown>).sort();
}

conformanceTest(
  "v2 instance: the fields of a recorded Mastodon answer, Mastodon 4.5's API level",
  async () => {
    const recorded = recordedBody("test_instance", "/api/v2/instance");
    const { status, json } = await get("/api/v2/instance");
    assert.equal(status, 200);
    assert.deepEqual(keysOf(json), keysOf(recorded));
    const config = json.configuration as Record<string, Record<string, unknown>>;
    const recordedConfig = recorded.configuration as Record<string, Record<string, unknown>>;
    assert.deepEqual(keysOf(config), keysOf(recordedConfig));
    for (const part of [
      "urls",
      "statuses",
      "media_attachments",
      "polls",
      "timelines_access",
      "vapid",
      "translation",
    ])
      assert.deepEqual(keysOf(config[part]), keysOf(recordedConfig[part]), part);
    // Mastodon 4.6 added the profile limits; the sandbox gives them too (a 4.5 client ignores them),
    // with the values its accounts area enforces.
    assert.deepEqual(keysOf(config.accounts), keysOf(recordedConfig.accounts));
    assert.equal(config.accounts?.max_display_name_length, 30);
    assert.equal(config.accounts?.max_profile_fields, 4);
    assert.deepEqual(keysOf(json.registrations), keysOf(recorded.registrations));
    assert.deepEqual(keysOf(json.contact), keysOf(recorded.contact));
    assert.deepEqual(json.api_versions, { mastodon: 7 });
    assert.equal(json.domain, new URL(sb.url).host);
    assert.equal(config.urls?.streaming, sb.url.replace("http://", "ws://"));
    assert.equal(config.statuses?.max_characters, 1000, "from the max_characters option");
    assert.equal(config.media_attachments?.image_size_limit, 2 * 1024 * 1024, "from max_upload_bytes");
    assert.equal(config.media_attachments?.video_size_limit, 2 * 1024 * 1024);
    assert.deepEqual(
      config.media_attachments?.supported_mime_types,
      recordedConfig.media_attachments?.supported_mime_types,
    );
    assert.deepEqual(config.polls, recordedConfig.polls);
    assert.equal(Buffer.from(String(config.vapid?.public_key), "base64url").length, 65);
    const contact = json.contact as { account: { username: string; acct: string } | null; email: string };
    assert.equal(contact.account?.username, "alice", "the first seeded user is the contact");
    assert.deepEqual(json.rules, []);
    assert.equal((json.icon as unknown[]).length, 9);
  },
);

conformanceTest("v1 instance: the fields of a recorded Mastodon answer", async () => {
  const recorded = recordedBody("test_instance_v1", "/api/v1/instance");
  const { status, json } = await get("/api/v1/instance");
  assert.equal(status, 200);
  assert.deepEqual(keysOf(json), keysOf(recorded));
  const config = json.configuration as Record<string, Record<string, unknown>>;
  const recordedConfig = recorded.configuration as Record<string, Record<string, unknown>>;
  for (const part of ["accounts", "statuses", "media_attachments", "polls"])
    assert.deepEqual(keysOf(config[part]), keysOf(recordedConfig[part]), part);
  assert.deepEqual(json.urls, { streaming_api: sb.url.replace("http://", "ws://") });
  assert.equal(config.statuses?.max_characters, 1000);
  assert.deepEqual(json.stats, {
    user_count: 2,
    status_count: sb.context.state.statuses.size,
    domain_count: 0,
  });
  assert.equal((json.contact_account as { username: string }).username, "alice");
});

/** Mastodon.py's reading of a version string (mastodon/internals.py and versions.py), step by step. */
function mastodonPyVersion(version: string): [number, number, number] {
  const head = version.split(" ")[0] ?? "";
  const parse = (text: string): [number, number, number] => {
    const parts = text.split(".");
    if (parts.length < 3) throw new Error("not a version");
    const numbers = parts.slice(0, 3).map((p) => Number(/^[0-9]*/.exec(p)?.[0] || Number.NaN));
    if (numbers.some(Number.isNaN)) throw new Error("not a version");
    return numbers as [number, number, number];
  };
  let normalised: string;
  try {
    const after = parse(head.split("+")[1] ?? "");
    normalised = after[0] < 1 ? (head.split("+")[0] ?? "") : (head.split("+")[1] ?? "");
  } catch {
    normalised = head.split("+")[0] ?? "";
  }
  return parse(normalised);
}

test("the version reads as Mastodon 4.5.0 in mastodon-ts and in Mastodon.py", async () => {
  const { json } = await get("/api/v2/instance");
  const version = String(json.version);
  assert.equal(version, "4.5.0+sandbox");
  const parsed = parseVersion(version);
  assert.equal(parsed?.software, "mastodon");
  assert.deepEqual([parsed?.major, parsed?.minor, parsed?.patch, parsed?.comparable], [4, 5, 0, true]);
  assert.deepEqual(mastodonPyVersion(version), [4, 5, 0]);
  // The emulation follows Mastodon.py: a version after "+" wins when it is one, else the part before.
  assert.deepEqual(mastodonPyVersion("4.2.10+hometown-1.1.1"), [4, 2, 10]);
  assert.deepEqual(mastodonPyVersion("3.5.3+1.2.3"), [1, 2, 3]);
  assert.deepEqual(mastodonPyVersion("2.7.2 (compatible; Akkoma 3.10.4)"), [2, 7, 2]);

  const api = new Mastodon({ api_base_url: sb.url, version_check_mode: "created" });
  assert.equal(await api.retrieveMastodonVersion({ fail_hard: true }), "4.5.0+sandbox");
  assert.equal(await api.verifyMinimumVersion("4.5.0"), true);
  assert.equal(await api.verifyMinimumVersion("4.6.0"), false);
  assert.deepEqual(api.apiVersions, { mastodon: 7 });
  const instance = await api.instance();
  assert.equal(instance.version, "4.5.0+sandbox");
  assert.equal((await api.instanceV1()).uri, new URL(sb.url).host);
});

test("peers, activity, rules, descriptions, languages, emojis: a fresh server's answers", async () => {
  const api = new Mastodon({ api_base_url: sb.url });
  assert.deepEqual(await api.instancePeers(), []);
  assert.deepEqual(await api.instanceRules(), []);
  assert.deepEqual(await api.customEmojis(), []);
  assert.deepEqual(await api.instanceTranslationLanguages(), {});
  assert.deepEqual(await api.instanceLanguages(), [{ code: "en", name: "English" }]);
  const extended = await api.instanceExtendedDescription();
  assert.match(extended.content, /^<p>/);
  assert.ok(!Number.isNaN(Date.parse(String(extended.updated_at))));
  const privacy = await api.instancePrivacyPolicy();
  assert.match(privacy.content, /^<p>/);

  const { json } = await get("/api/v1/instance/activity");
  const weeks = json as unknown as Record<string, string>[];
  assert.equal(weeks.length, 12);
  for (const week of weeks)
    assert.deepEqual(Object.keys(week), ["week", "statuses", "logins", "registrations"]);
  const now = Math.floor(Date.now() / 1000);
  assert.ok(Math.abs(Number(weeks[0]?.week) - now) < 60, "the newest week is counted from now");
  assert.equal(Number(weeks[0]?.week) - Number(weeks[1]?.week), 7 * 24 * 3600);
  assert.equal(weeks[0]?.registrations, "2", "alice and bob signed up this week");
  assert.equal(weeks[0]?.logins, "2");
  assert.equal(weeks[11]?.statuses, "0");
  assert.ok(weeks.every((w) => typeof w.statuses === "string"));
});

test("announcements and preferences need a user token; a wrong token is 401", async () => {
  const api = new Mastodon({ api_base_url: sb.url, access_token: token });
  assert.deepEqual(await api.announcements(), []);
  const prefs = await api.preferences();
  assert.deepEqual(prefs, {
    "posting:default:visibility": "public",
    "posting:default:sensitive": false,
    "posting:default:language": null,
    "posting:default:quote_policy": "public",
    "reading:expand:media": "default",
    "reading:expand:spoilers": false,
    "reading:autoplay:gifs": false,
  });
  for (const path of ["/api/v1/announcements", "/api/v1/preferences"]) {
    const anonymous = await get(path);
    assert.equal(anonymous.status, 401, path);
    assert.deepEqual(anonymous.json, { error: "The access token is invalid" });
    assert.equal((await get(path, "not-a-token")).status, 401);
  }
});

test("NodeInfo, the health check and the pictures the instance names", async () => {
  const links = await get("/.well-known/nodeinfo");
  assert.deepEqual(links.json, {
    links: [{ rel: "http://nodeinfo.diaspora.software/ns/schema/2.0", href: `${sb.url}/nodeinfo/2.0` }],
  });
  const api = new Mastodon({ api_base_url: sb.url });
  const info = await api.instanceNodeinfo();
  assert.equal(info.version, "2.0");
  assert.deepEqual(info.software, { name: "mastodon", version: "4.5.0+sandbox" });
  assert.equal(info.usage.users.total, 2);
  assert.equal(info.openRegistrations, true);

  const health = await get("/health");
  assert.equal(health.status, 200);
  assert.equal(health.text, "OK");
  assert.match(health.headers.get("content-type") ?? "", /^text\/plain/);
  assert.equal(await api.instanceHealth(), true);

  const { json } = await get("/api/v2/instance");
  for (const url of [
    (json.thumbnail as { url: string }).url,
    (json.icon as { src: string }[])[0]?.src ?? "",
  ]) {
    const res = await fetch(url);
    assert.equal(res.status, 200, url);
    assert.equal(res.headers.get("content-type"), "image/png");
    assert.deepEqual([...new Uint8Array(await res.arrayBuffer()).slice(1, 4)], [0x50, 0x4e, 0x47]);
  }
});

test("the instance information follows the state: counts and the contact after a reset", async (t) => {
  const local = await startSandbox({ port: 0, users: ["zed", "amy"] });
  t.after(() => local.close());
  const v1 = async () =>
    (await (await fetch(`${local.url}/api/v1/instance`)).json()) as Record<string, unknown>;
  assert.equal(v1Contact(await v1()), "zed");
  await local.reset();
  assert.equal(v1Contact(await v1()), "zed");
  assert.deepEqual(((await v1()).stats as Record<string, number>).user_count, 2);
});

function v1Contact(body: Record<string, unknown>): string | undefined {
  return (body.contact_account as { username?: string } | null)?.username;
}
