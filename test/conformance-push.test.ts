// Push subscription scenarios replayed from real Mastodon 4.6.4 traffic (recorded with Mastodon.py's tests).
//
// One deliberate difference from the recording client: Mastodon.py sends `policy` at the top level,
// where Mastodon ignores it (the recorded test_push_set sent policy=none and got policy "all" back);
// mastodon-ts sends it as `data[policy]`, where Mastodon's controller reads it. The recorded
// requests are adjusted in memory accordingly before replaying; nothing else is changed.
import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import { MastodonNotFoundError, type WebpushPublicKeyInput } from "../src/index.js";
import { conformanceTest, loadScenario, type Scenario } from "./support/recorded.js";
import { RECORDED_SET, recordedClient } from "./support/recorded-client.js";
import { startReplayServer } from "./support/replay-server.js";

/** Moves the recorded top-level `policy` of push subscription requests into `data[policy]`. */
function policyInsideData(scenario: Scenario): Scenario {
  const interactions = scenario.interactions.map((interaction) => {
    const { request } = interaction;
    if (request.body === null || !new URL(request.url).pathname.endsWith("/push/subscription"))
      return interaction;
    const form = new URLSearchParams(request.body);
    const policy = form.get("policy");
    if (policy === null) return interaction;
    form.delete("policy");
    form.append("data[policy]", policy);
    return { ...interaction, request: { ...request, body: form.toString() } };
  });
  return { ...scenario, interactions };
}

/** The keys the recording subscribed with (random bytes Mastodon.py generated), as bytes. */
function recordedKeys(scenario: Scenario): WebpushPublicKeyInput {
  const form = new URLSearchParams(scenario.interactions[0]?.request.body ?? "");
  return {
    pubkey: new Uint8Array(Buffer.from(form.get("subscription[keys][p256dh]") ?? "", "base64")),
    auth: new Uint8Array(Buffer.from(form.get("subscription[keys][auth]") ?? "", "base64")),
  };
}

async function replay(t: TestContext, name: string) {
  const scenario = loadScenario(RECORDED_SET, name);
  const server = await startReplayServer(policyInsideData(scenario));
  t.after(() => server.close());
  return { server, api: recordedClient(server.url), keys: recordedKeys(scenario) };
}

conformanceTest("test_push_set", async (t) => {
  const { server, api, keys } = await replay(t, "test_push_set");
  const sub = await api.pushSubscriptionSet("example.com/", keys, {
    follow_events: true,
    favourite_events: true,
    reblog_events: true,
    mention_events: true,
    poll_events: true,
    follow_request_events: true,
    status_events: true,
    policy: "none",
  });
  assert.equal(sub.endpoint, "https://example.com");
  assert.equal(sub.alerts.follow, true);
  assert.equal(sub.alerts.status, true);
  assert.equal(sub.standard, false);
  assert.match(sub.server_key, /^B/);
  const body = JSON.parse(server.requests[0]?.rawBody.toString() ?? "");
  assert.equal(body.data.policy, "none", "policy where Mastodon reads it");
  assert.equal(body.policy, undefined);
  assert.match(String(server.requests[0]?.headers["content-type"]), /application\/json/);

  assert.deepEqual(await api.pushSubscription(), sub);
  server.assertAllConsumed();
});

conformanceTest("test_push_update", async (t) => {
  const { server, api, keys } = await replay(t, "test_push_update");
  const off = { follow_events: false, favourite_events: false, reblog_events: false, mention_events: false };
  const on = { follow_events: true, favourite_events: true, reblog_events: true, mention_events: true };
  const created = await api.pushSubscriptionSet("https://example.com", keys, off);
  assert.equal(created.alerts.mention, false);

  const updated = await api.pushSubscriptionUpdate(on);
  assert.deepEqual(updated.alerts, { mention: true, reblog: true, follow: true, favourite: true });
  assert.deepEqual((await api.pushSubscription()).alerts, updated.alerts);

  const cleared = await api.pushSubscriptionUpdate(off);
  assert.equal(cleared.alerts.follow, false);
  assert.equal((await api.pushSubscription()).alerts.favourite, false);
  assert.equal((await api.pushSubscription()).id, created.id);
  server.assertAllConsumed();
});

conformanceTest("test_push_update_all_events", async (t) => {
  const { server, api, keys } = await replay(t, "test_push_update_all_events");
  const created = await api.pushSubscriptionSet("https://example.com", keys);
  assert.deepEqual(created.alerts, {});

  const updated = await api.pushSubscriptionUpdate({
    follow_events: true,
    favourite_events: true,
    reblog_events: true,
    mention_events: true,
    poll_events: true,
    follow_request_events: true,
    status_events: true,
    update_events: true,
    admin_sign_up_events: true,
    admin_report_events: true,
    quote_events: true,
    quoted_update_events: true,
  });
  for (const alert of [
    "follow",
    "favourite",
    "reblog",
    "mention",
    "poll",
    "follow_request",
    "status",
    "update",
    "admin.sign_up",
    "admin.report",
    "quote",
    "quoted_update",
  ] as const) {
    assert.equal(updated.alerts[alert], true, alert);
  }
  server.assertAllConsumed();
});

conformanceTest("test_push_delete", async (t) => {
  const { server, api, keys } = await replay(t, "test_push_delete");
  await api.pushSubscriptionSet("https://example.com", keys);
  assert.deepEqual(await api.pushSubscriptionDelete(), {});
  await assert.rejects(api.pushSubscription(), MastodonNotFoundError);
  server.assertAllConsumed();
});
