// Read-only accounts-area calls replayed from real mastodon.social / icosahedron.website traffic
// (recorded by Mastodon.py's entity tests, token "DUMMY"): the methods ask for what Mastodon.py asked
// for, and give back the server's JSON untouched.
import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import { Mastodon } from "../src/index.js";
import { conformanceTest, loadScenario } from "./support/recorded.js";
import { type ReplayServer, startReplayServer } from "./support/replay-server.js";

async function replay(t: TestContext, name: string): Promise<[ReplayServer, Mastodon]> {
  const server = await startReplayServer(loadScenario("mastodon-social-entities", name));
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: "DUMMY", mastodon_version: "4.5.0" });
  return [server, api];
}

conformanceTest("test_entity_account: account() and accountVerifyCredentials()", async (t) => {
  const [server, api] = await replay(t, "test_entity_account");
  const halcy = await api.account("23972");
  assert.equal(halcy.acct, "halcy@icosahedron.website");
  const me = await api.accountVerifyCredentials();
  assert.equal(me.id, "43");
  server.assertAllConsumed();
});

conformanceTest("test_entity_relationship: accountRelationships() with one id", async (t) => {
  const [server, api] = await replay(t, "test_entity_relationship");
  const [relationship] = await api.accountRelationships({ id: "23972" });
  assert.equal(relationship?.following, true);
  assert.equal(relationship?.followed_by, true);
  server.assertAllConsumed();
});

conformanceTest(
  "test_entity_familiarfollowers: accountFamiliarFollowers() sends the ids as a list",
  async (t) => {
    const [server, api] = await replay(t, "test_entity_familiarfollowers");
    const [familiar] = await api.accountFamiliarFollowers(2);
    assert.equal(familiar?.id, "2");
    assert.ok((familiar?.accounts.length ?? 0) > 0);
    server.assertAllConsumed();
  },
);

conformanceTest("test_entity_suggestion: suggestionsV2()", async (t) => {
  const [server, api] = await replay(t, "test_entity_suggestion");
  const suggestions = await api.suggestionsV2();
  assert.ok(suggestions.length > 0);
  assert.ok(suggestions.every((s) => typeof s.account.id === "string" && Array.isArray(s.sources)));
  server.assertAllConsumed();
});

conformanceTest("test_entity_marker: markersGet() asks for home by default", async (t) => {
  const [server, api] = await replay(t, "test_entity_marker");
  const markers = await api.markersGet();
  assert.equal(markers.home?.last_read_id, "112354531929585923");
  assert.equal(markers.home?.version, 321);
  server.assertAllConsumed();
});

conformanceTest("test_entity_featuredtag: featuredTags()", async (t) => {
  const [server, api] = await replay(t, "test_entity_featuredtag");
  const [tag] = await api.featuredTags();
  assert.equal(tag?.name, "demoscene");
  // Mastodon sends the count as a string; it is kept as the server sent it.
  assert.equal(tag?.statuses_count, "0");
  server.assertAllConsumed();
});

conformanceTest("test_entity_preferences: preferences()", async (t) => {
  const [server, api] = await replay(t, "test_entity_preferences");
  const preferences = await api.preferences();
  assert.equal(preferences["posting:default:visibility"], "public");
  assert.equal(preferences["posting:default:language"], "en");
  server.assertAllConsumed();
});
