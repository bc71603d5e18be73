// The recorded streaming scenarios (Mastodon 4.6.4, recorded with Mastodon.py's tests), replayed:
// the streaming server's address comes from the instance, the stream is server-sent events sent
// event by event, and the events reach the listener typed.
import assert from "node:assert/strict";
import { Mastodon, type StreamEvent } from "../src/index.js";
import { Recorder } from "./streaming-support.js";
import { conformanceTest } from "./support/recorded.js";
import { calls, RECORDED_TOKENS, recordedClient, replay } from "./support/recorded-client.js";

/** The admin's account id in the recording (user 2, who posts what user 1 streams). */
const ADMIN_ID = "117020617136550219";

/** Waits for the first event the predicate accepts, then closes the stream. */
async function firstEvent(listener: Recorder, predicate: (e: StreamEvent) => boolean): Promise<StreamEvent> {
  await listener.until(() => listener.events.some(predicate));
  return listener.events.find(predicate) as StreamEvent;
}

conformanceTest("test_stream_healthy", async (t) => {
  const server = await replay(t, "test_stream_healthy");
  const anonymous = new Mastodon({
    api_base_url: server.url,
    user_agent: "tests/v311",
    mastodon_version: "4.5.0",
  });
  assert.equal(await anonymous.streamHealthy(), true);
  server.assertAllConsumed();
  const health = calls(server).find((r) => r.path === "/api/v1/streaming/health");
  assert.equal(health?.authorization, undefined, "the health check needs no token");
  assert.ok(
    server.requests.some((r) => r.discovery && r.path.startsWith("/api/v2/instance")),
    "the streaming address came from the instance",
  );
});

conformanceTest("test_stream_user_local", async (t) => {
  const server = await replay(t, "test_stream_user_local");
  const api = recordedClient(server.url);
  const admin = recordedClient(server.url, RECORDED_TOKENS.admin);
  assert.equal((await admin.accountVerifyCredentials()).id, ADMIN_ID);
  await api.accountUnfollow(ADMIN_ID);

  const listener = new Recorder();
  // As Mastodon.py's stream does, this one ends with the recorded response instead of reconnecting.
  const handle = api.streamUser(listener, { transport: "sse", reconnect_async: false });
  t.after(() => handle.close());
  const posted = await api.statusPost("it's cool guy");
  const update = await firstEvent(listener, (e) => e.event === "update");
  handle.close();
  assert.ok(update.event === "update");
  assert.equal(update.payload.id, posted.id, "the stream delivered the status just posted");
  assert.equal(update.payload.content, "<p>it&#39;s cool guy</p>");
  assert.equal(update.payload.account.username, "mastodonpy_test");
  assert.deepEqual(update.stream, ["user"]);
  assert.ok(listener.heartbeats >= 1, "Mastodon's opening comment line counts as a heartbeat");
  assert.deepEqual(listener.errors, []);

  server.assertAllConsumed();
  const stream = calls(server).find((r) => r.path === "/api/v1/streaming/user");
  assert.equal(stream?.authorization, `Bearer ${RECORDED_TOKENS.user1}`, "the token in the header");
  assert.equal(stream?.query.toString(), "", "and not in the URL");
});

conformanceTest("test_stream_direct", async (t) => {
  const server = await replay(t, "test_stream_direct");
  const api = recordedClient(server.url);
  const admin = recordedClient(server.url, RECORDED_TOKENS.admin);
  await admin.accountVerifyCredentials();
  await api.accountFollow(ADMIN_ID, { reblogs: true, notify: false });

  const listener = new Recorder();
  const handle = api.streamDirect(listener, { transport: "sse", reconnect_async: false });
  t.after(() => handle.close());
  await admin.statusPost("@mastodonpy_test todo funny text here", { visibility: "direct" });
  await admin.statusPost("you can't say that on television");
  const conversation = await firstEvent(listener, (e) => e.event === "conversation");
  handle.close();
  assert.ok(conversation.event === "conversation");
  assert.equal(conversation.payload.id, "6");
  assert.equal(conversation.payload.unread, true);
  assert.equal(conversation.payload.accounts[0]?.id, ADMIN_ID);
  assert.equal(conversation.payload.last_status?.visibility, "direct");
  assert.deepEqual(conversation.stream, ["direct"]);
  assert.deepEqual(
    listener.events.map((e) => e.event),
    ["conversation"],
    "only the conversation: direct messages come as conversations since Mastodon 2.6",
  );

  server.assertAllConsumed();
  const stream = calls(server).find((r) => r.path === "/api/v1/streaming/direct");
  assert.equal(stream?.authorization, `Bearer ${RECORDED_TOKENS.user1}`);
});
