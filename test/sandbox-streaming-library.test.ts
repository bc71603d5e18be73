/**
 * The library's own streaming against the sandbox, on both transports: streamUser, streamPublic,
 * streamHashtag, streamList, streamDirect, streamMultiple and streamHealthy, then a stream the sandbox
 * drops (reset) that the library reconnects, and a refused token.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import WebSocket from "ws";
import type { Conversation, Notification, Status } from "../src/entities/index.js";
import { MastodonUnauthorizedError } from "../src/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { notify } from "../src/sandbox/notify.js";
import type { StreamHandle } from "../src/streaming/handle.js";
import type { WebSocketConstructor } from "../src/streaming/websocket-impl.js";
import { follow, pause, postStatus, until } from "./sandbox-streaming-harness.js";

let sb: Sandbox;
const handles: StreamHandle[] = [];

before(async () => {
  sb = await startSandbox({ port: 0, users: ["alice", "bob", "carol"] });
});
after(async () => {
  for (const h of handles) h.close();
  await sb.close();
});
beforeEach(async () => {
  for (const h of handles.splice(0)) h.close();
  await sb.reset();
});

/** Collects what a stream delivers. */
function collector() {
  const got = {
    updates: [] as Status[],
    deletes: [] as string[],
    notifications: [] as Notification[],
    conversations: [] as Conversation[],
    edits: [] as Status[],
    streams: [] as (readonly string[])[],
    errors: [] as Error[],
    reconnects: 0,
  };
  const listener = {
    onUpdate: (s: Status, e: { stream: readonly string[] }) => {
      got.updates.push(s);
      got.streams.push(e.stream);
    },
    onDelete: (id: string) => got.deletes.push(id),
    onNotification: (n: Notification) => got.notifications.push(n),
    onConversation: (c: Conversation) => got.conversations.push(c),
    onStatusUpdate: (s: Status) => got.edits.push(s),
    onError: (e: Error) => got.errors.push(e),
    onAbort: (e: Error) => got.errors.push(e),
    onReconnect: () => {
      got.reconnects++;
    },
  };
  return { got, listener };
}

function idOf(username: string): string {
  return sb.users.find((u) => u.username === username)!.id;
}

const transports = [
  {
    name: "websocket",
    options: { transport: "websocket" as const, websocket: WebSocket as unknown as WebSocketConstructor },
  },
  { name: "sse", options: { transport: "sse" as const } },
];

for (const { name, options } of transports) {
  describe(`over ${name}`, () => {
    /** Starts a stream and waits until it is connected. */
    async function started(handle: StreamHandle): Promise<StreamHandle> {
      handles.push(handle);
      await until(() => handle.isReceiving(), "the stream to connect");
      // SSE subscriptions open one response each; give the server a moment to register them.
      await pause(30);
      return handle;
    }

    test("streamUser: updates from self and followed accounts, notifications, deletes, edits", async () => {
      follow(sb, "bob", "alice");
      const { got, listener } = collector();
      await started(sb.client("bob").streamUser(listener, options));
      const own = postStatus(sb, "bob", "bob here");
      const followed = postStatus(sb, "alice", "alice here");
      postStatus(sb, "carol", "a stranger");
      notify(sb.context, idOf("bob"), "favourite", idOf("alice"), own.id);
      followed.content = "<p>alice edited</p>";
      sb.context.events.emit({ type: "status.updated", status: followed });
      sb.context.state.statuses.delete(own.id);
      sb.context.events.emit({ type: "status.deleted", status: own });
      await until(() => got.deletes.length === 1, "the delete");
      assert.deepEqual(
        got.updates.map((s) => s.id),
        [own.id, followed.id],
      );
      assert.deepEqual(got.streams[0], ["user"]);
      assert.equal(got.notifications[0]?.type, "favourite");
      assert.equal(got.notifications[0]?.account.username, "alice");
      assert.equal(got.edits[0]?.content, "<p>alice edited</p>");
      assert.deepEqual(got.deletes, [own.id]);
      assert.deepEqual(got.errors, []);
    });

    test("through the API: a follow, a post and a favourite reach the streams", async () => {
      const bob = sb.client("bob");
      await bob.accountFollow(idOf("alice"));
      const bobStream = collector();
      const aliceStream = collector();
      await started(bob.streamUser(bobStream.listener, options));
      await started(sb.client("alice").streamUser(aliceStream.listener, options));
      const posted = (await sb.client("alice").statusPost("posted through the API")) as Status;
      await until(() => bobStream.got.updates.length === 1, "bob's update");
      assert.equal(bobStream.got.updates[0]!.id, posted.id);
      await bob.statusFavourite(posted.id);
      await until(() => aliceStream.got.notifications.length === 1, "alice's notification");
      assert.equal(aliceStream.got.notifications[0]!.type, "favourite");
      assert.equal(aliceStream.got.notifications[0]!.status?.id, posted.id);
      // Her own stream carried her status too.
      assert.equal(aliceStream.got.updates[0]!.id, posted.id);
    });

    test("streamPublic and streamLocal: public statuses only", async () => {
      const pub = collector();
      const local = collector();
      await started(sb.client("bob").streamPublic(pub.listener, options));
      await started(sb.client("bob").streamLocal(local.listener, options));
      postStatus(sb, "alice", "quiet", { visibility: "unlisted" });
      const shown = postStatus(sb, "alice", "loud");
      await until(() => pub.got.updates.length === 1 && local.got.updates.length === 1, "the public status");
      assert.equal(pub.got.updates[0]!.id, shown.id);
      assert.equal(local.got.updates[0]!.id, shown.id);
    });

    test("streamHashtag: the tag, given with or without '#'", async () => {
      const { got, listener } = collector();
      await started(sb.client("bob").streamHashtag("#Sandbox", listener, options));
      postStatus(sb, "alice", "no tag");
      const tagged = postStatus(sb, "alice", "about #sandbox");
      await until(() => got.updates.length === 1, "the tagged status");
      assert.equal(got.updates[0]!.id, tagged.id);
      if (name === "websocket") assert.deepEqual(got.streams[0], ["hashtag", "Sandbox"]);
    });

    test("streamList: the list's members", async () => {
      follow(sb, "bob", "alice");
      sb.context.state.lists.insert({
        id: "9001",
        account_id: idOf("bob"),
        title: "l",
        replies_policy: "list",
        exclusive: false,
        account_ids: [idOf("alice")],
      });
      const { got, listener } = collector();
      await started(sb.client("bob").streamList("9001", listener, options));
      postStatus(sb, "carol", "outside");
      const inside = postStatus(sb, "alice", "inside");
      await until(() => got.updates.length === 1, "the member's status");
      assert.equal(got.updates[0]!.id, inside.id);
    });

    test("streamDirect: conversations", async () => {
      const { got, listener } = collector();
      await started(sb.client("bob").streamDirect(listener, options));
      const dm = postStatus(sb, "alice", "@bob psst", { visibility: "direct" });
      await until(() => got.conversations.length === 1, "the conversation");
      assert.equal(got.conversations[0]!.last_status?.id, dm.id);
      assert.equal(got.conversations[0]!.unread, true);
    });

    test("streamMultiple: user and a hashtag together", async () => {
      const { got, listener } = collector();
      await started(
        sb
          .client("bob")
          .streamMultiple([{ stream: "user" }, { stream: "hashtag", tag: "both" }], listener, options),
      );
      const status = postStatus(sb, "bob", "#both");
      await until(() => got.updates.length === 2, "the status on both streams");
      assert.deepEqual(
        got.updates.map((s) => s.id),
        [status.id, status.id],
      );
    });

    test("a stream the sandbox drops (reset) reconnects and goes on", async () => {
      const { got, listener } = collector();
      const handle = await started(
        sb.client("bob").streamPublic(listener, { ...options, reconnect_async_wait_sec: 0.05 }),
      );
      postStatus(sb, "alice", "before");
      await until(() => got.updates.length === 1, "the first status");
      await sb.reset();
      await until(() => got.reconnects === 1 && handle.isReceiving(), "the reconnect");
      await pause(30);
      postStatus(sb, "alice", "after");
      await until(() => got.updates.length === 2, "the status after the reconnect");
      assert.equal(got.updates[1]!.content, "<p>after</p>");
    });

    test("an unknown token stops the stream with MastodonUnauthorizedError", async () => {
      const { Mastodon } = await import("../src/index.js");
      const client = new Mastodon({ api_base_url: sb.url, access_token: "not-a-token" });
      const handle = client.streamUser(undefined, { ...options, reconnect_async_wait_sec: 0.05 });
      handles.push(handle);
      await assert.rejects(handle.done, MastodonUnauthorizedError);
    });
  });
}

test("streamHealthy: true while the sandbox runs", async () => {
  assert.equal(await sb.client("bob").streamHealthy(), true);
});
