// Instance, emoji and trends scenarios replayed from real Mastodon 4.6.4 traffic (recorded with
// Mastodon.py's tests: tests/test_instance.py and tests/test_trends.py).
import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import type { Instance, InstanceV2 } from "../src/index.js";
import { conformanceTest } from "./support/recorded.js";
import { RECORDED_TOKENS, recordedClient, replay as replayServer } from "./support/recorded-client.js";

async function replay(t: TestContext, name: string) {
  const server = await replayServer(t, name);
  return { server, api: recordedClient(server.url) };
}

/** The paths the client asked for, in order (instance look-ups count: here they are the subject). */
function paths(server: { requests: { method: string; path: string }[] }): string[] {
  return server.requests.map((r) => `${r.method} ${r.path}`);
}

conformanceTest("test_instance: instance() asks for v2 on a 4.x server", async (t) => {
  const { server, api } = await replay(t, "test_instance");
  const instance = await api.instance();
  assert.ok("domain" in instance, "the v2 shape");
  const v2 = instance as InstanceV2;
  assert.equal(v2.domain, "localhost:3000");
  assert.equal(v2.version, "4.6.4");
  assert.equal(typeof v2.description, "string", "Mastodon.py's test checks `description`");
  assert.deepEqual(paths(server), ["GET /api/v2/instance"], "one request, no version look-up first");
  assert.equal(server.requests[0]?.authorization, `Bearer ${RECORDED_TOKENS.user1}`);
  server.assertAllConsumed();
});

conformanceTest("test_instance_v1", async (t) => {
  const { server, api } = await replay(t, "test_instance_v1");
  const instance: Instance = await api.instanceV1();
  for (const key of ["description", "email", "title", "uri", "version", "urls"]) {
    assert.ok(key in instance, `v1 instance has ${key}`);
  }
  assert.equal(instance.uri, "localhost:3000");
  assert.deepEqual(paths(server), ["GET /api/v1/instance"]);
  server.assertAllConsumed();
});

conformanceTest("test_instance_activity", async (t) => {
  const { server, api } = await replay(t, "test_instance_activity");
  const activity = await api.instanceActivity();
  assert.ok(activity.length > 0);
  const week = activity[0];
  assert.ok(week);
  assert.equal(week.statuses, "18", "counts stay the strings the server sends");
  assert.equal(week.logins, "4");
  assert.equal(typeof week.week, "string");
  server.assertAllConsumed();
});

conformanceTest("test_instance_peers", async (t) => {
  const { server, api } = await replay(t, "test_instance_peers");
  // Mastodon.py's test asks three times: once for the length, twice for the first entry.
  const peers = await api.instancePeers();
  assert.ok(peers.length <= 1);
  assert.equal(peers.length, 1);
  assert.match((await api.instancePeers())[0] ?? "", /chitter/);
  assert.deepEqual(await api.instancePeers(), ["chitter.xyz"]);
  assert.equal(server.requests.length, 3);
  server.assertAllConsumed();
});

conformanceTest("test_emoji", async (t) => {
  const { server, api } = await replay(t, "test_emoji");
  assert.deepEqual(await api.customEmojis(), []);
  assert.deepEqual(paths(server), ["GET /api/v1/custom_emojis"]);
  server.assertAllConsumed();
});

conformanceTest("test_trending_links", async (t) => {
  const { server, api } = await replay(t, "test_trending_links");
  assert.deepEqual(await api.trendingLinks(), []);
  assert.deepEqual(paths(server), ["GET /api/v1/trends/links"]);
  assert.equal(server.requests[0]?.query.toString(), "", "no parameters when none are given");
  server.assertAllConsumed();
});

conformanceTest("test_translation_languages", async (t) => {
  const { server, api } = await replay(t, "test_translation_languages");
  const languages = await api.instanceTranslationLanguages();
  assert.notEqual(languages, null);
  assert.deepEqual(languages, {});
  server.assertAllConsumed();
});
