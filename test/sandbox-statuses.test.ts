// The sandbox's statuses: posting, reading, replies and threads, deleting, editing with history, and
// the actions on a status, through the real library and raw requests, compared with what a real
// Mastodon answers (the recordings in shared/conformance).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Status } from "../src/index.js";
import { raw, userId } from "./sandbox-accounts-support.js";
import {
  type ClockedSandbox,
  clockedSandbox,
  follow,
  notificationsOf,
  upload,
} from "./sandbox-statuses-support.js";

let c: ClockedSandbox;
before(async () => {
  c = await clockedSandbox();
});
after(() => c.sb.close());

function post(user: string, body: unknown) {
  return raw(c.sb, "POST", "/api/v1/statuses", { user, body });
}

describe("posting", () => {
  test("a status comes back with Mastodon's fields, the author's defaults and the app", async () => {
    const alice = c.sb.client("alice");
    const status = (await alice.statusPost("Toot!")) as Status;
    assert.equal(status.content, "<p>Toot!</p>");
    assert.equal(status.visibility, "public");
    assert.equal(status.language, "en");
    assert.equal(status.sensitive, false);
    assert.equal(status.pinned, false);
    assert.deepEqual(status.application, { name: "mastodon-ts sandbox", website: null });
    assert.deepEqual(status.quote_approval, { automatic: ["public"], manual: [], current_user: "automatic" });
    const keys = Object.keys(status);
    assert.deepEqual(keys.slice(0, 6), [
      "id",
      "created_at",
      "in_reply_to_id",
      "in_reply_to_account_id",
      "sensitive",
      "spoiler_text",
    ]);
    const account = c.sb.context.state.accounts.get(userId(c.sb, "alice"));
    assert.equal(account?.last_status_at, status.created_at);
    assert.deepEqual(await alice.status(status.id), status);
  });

  test("the account's default privacy and sensitivity apply when the request gives none", async () => {
    const bob = c.sb.context.state.accounts.get(userId(c.sb, "bob"));
    assert.ok(bob);
    bob.privacy = "unlisted";
    bob.sensitive = true;
    try {
      const res = await post("bob", "status=Toot%21");
      assert.equal(res.status, 200);
      const body = res.body as Status;
      assert.equal(body.visibility, "unlisted");
      assert.equal(body.sensitive, true);
    } finally {
      bob.privacy = "public";
      bob.sensitive = false;
    }
  });

  test("a content warning makes it sensitive; a warning with no text becomes the text", async () => {
    const warned = (await post("alice", { status: "Toot!", spoiler_text: "Content warning" })).body as Status;
    assert.equal(warned.spoiler_text, "Content warning");
    assert.equal(warned.sensitive, true);
    const only = (await post("alice", { status: "  ", spoiler_text: "just a warning" })).body as Status;
    assert.equal(only.content, "<p>just a warning</p>");
    assert.equal(only.spoiler_text, "");
  });

  test("mentions, tags and links are rendered as Mastodon renders them", async () => {
    const res = await post("alice", {
      status:
        "@bob it's #Cool: https://example.com/wiki/A_(b), see https://www.example.org/a/very/long/path/that/goes/on\n\nnext",
    });
    const status = res.body as Status;
    const url = c.sb.url;
    assert.equal(
      status.content,
      `<p><span class="h-card" translate="no"><a href="${url}/@bob" class="u-url mention">@<span>bob</span></a></span> it&#39;s ` +
        `<a href="${url}/tags/Cool" class="mention hashtag" rel="tag">#<span>Cool</span></a>: ` +
        `<a href="https://example.com/wiki/A_(b)" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">example.com/wiki/A_(b)</span><span class="invisible"></span></a>, see ` +
        `<a href="https://www.example.org/a/very/long/path/that/goes/on" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://www.</span><span class="ellipsis">example.org/a/very/long/path/t</span><span class="invisible">hat/goes/on</span></a></p><p>next</p>`,
    );
    assert.deepEqual(
      status.mentions.map((m) => m.acct),
      ["bob"],
    );
    assert.deepEqual(
      status.tags.map((t) => t.name),
      ["cool"],
    );
    assert.ok(
      notificationsOf(c.sb, "bob").some(
        ([type, from, id]) => type === "mention" && from === "alice" && id === status.id,
      ),
    );
  });

  test("a reply sets in_reply_to_account_id, and a reply to a hidden or unknown status is 404", async () => {
    const alice = c.sb.client("alice");
    const bob = c.sb.client("bob");
    const root = (await alice.statusPost("root")) as Status;
    const reply = (await bob.statusReply(root, "reply")) as Status;
    assert.equal(reply.in_reply_to_id, root.id);
    assert.equal(reply.in_reply_to_account_id, userId(c.sb, "alice"));
    assert.match(reply.content, /@<span>alice<\/span>/);
    // bob continues his own thread: it still answers alice
    const again = (await post("bob", { status: "more", in_reply_to_id: reply.id })).body as Status;
    assert.equal(again.in_reply_to_account_id, userId(c.sb, "alice"));
    const secret = (await post("alice", { status: "secret", visibility: "private" })).body as Status;
    for (const id of [secret.id, "999999"]) {
      const res = await post("bob", { status: "hi", in_reply_to_id: id });
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: "The post you are trying to reply to does not appear to exist." });
    }
  });

  test("media are attached (a still-processing upload too) and marked as the status's", async () => {
    const first = upload(c.sb, "alice");
    const second = upload(c.sb, "alice");
    const res = await post("alice", { status: "", media_ids: [first.id, second.id] });
    assert.equal(res.status, 200);
    const status = res.body as Status;
    assert.deepEqual(
      status.media_attachments.map((m) => m.id),
      [first.id, second.id],
    );
    assert.equal(status.content, "");
    assert.equal(first.status_id, status.id);
  });
});

describe("reading", () => {
  test("visibility decides who sees a status: 404 for the others, anonymous readers included", async () => {
    const priv = (await post("alice", { status: "followers only", visibility: "private" })).body as Status;
    const direct = (await post("alice", { status: "@bob just you", visibility: "direct" })).body as Status;
    assert.equal((await raw(c.sb, "GET", `/api/v1/statuses/${priv.id}`, { user: "bob" })).status, 404);
    assert.deepEqual((await raw(c.sb, "GET", `/api/v1/statuses/${priv.id}`)).body, {
      error: "Record not found",
    });
    follow(c.sb, "carol", "alice");
    assert.equal((await raw(c.sb, "GET", `/api/v1/statuses/${priv.id}`, { user: "carol" })).status, 200);
    assert.equal((await raw(c.sb, "GET", `/api/v1/statuses/${direct.id}`, { user: "bob" })).status, 200);
    assert.equal((await raw(c.sb, "GET", `/api/v1/statuses/${direct.id}`, { user: "carol" })).status, 404);
    // a direct status shows no `pinned`, even to its author
    const mine = (await raw(c.sb, "GET", `/api/v1/statuses/${direct.id}`, { user: "alice" })).body as Status;
    assert.equal("pinned" in mine, false);
    const anonymous = (await raw(c.sb, "GET", `/api/v1/statuses/${direct.id}`)).status;
    assert.equal(anonymous, 404);
  });

  test("GET /api/v1/statuses?id[]= answers the visible ones in the order asked", async () => {
    const a = (await post("alice", { status: "a" })).body as Status;
    const b = (await post("alice", { status: "b", visibility: "direct" })).body as Status;
    const cc = (await post("alice", { status: "c" })).body as Status;
    const res = await raw(c.sb, "GET", `/api/v1/statuses?id[]=${cc.id}&id[]=${b.id}&id[]=nope&id[]=${a.id}`, {
      user: "bob",
    });
    assert.deepEqual(
      (res.body as Status[]).map((s) => s.id),
      [cc.id, a.id],
    );
  });

  test("context lists visible ancestors and depth-first descendants", async () => {
    const alice = c.sb.client("alice");
    const bob = c.sb.client("bob");
    const root = (await alice.statusPost("root")) as Status;
    const r1 = (await bob.statusReply(root, "r1")) as Status;
    const r2 = (await alice.statusReply(root, "r2")) as Status;
    const r11 = (await alice.statusReply(r1, "r11")) as Status;
    const hidden = (await post("alice", { status: "hidden", in_reply_to_id: r1.id, visibility: "direct" }))
      .body as Status;
    const context = await bob.statusContext(r1.id);
    assert.deepEqual(
      context.ancestors.map((s) => s.id),
      [root.id],
    );
    assert.deepEqual(
      context.descendants.map((s) => s.id),
      [r11.id],
    );
    const fromRoot = await alice.statusContext(root.id);
    assert.deepEqual(
      fromRoot.descendants.map((s) => s.id),
      [r1.id, r11.id, hidden.id, r2.id],
    );
  });
});

describe("deleting", () => {
  test("answers the status with its source text, poll and media; its reblogs go too", async () => {
    const media = upload(c.sb, "alice");
    const alice = c.sb.client("alice");
    const status = (await alice.statusPost("bye", { media_ids: [media.id] })) as Status;
    const events: string[] = [];
    const off = c.sb.context.events.on((e) => {
      if (e.type === "status.deleted") events.push(e.status.id);
    });
    const reblog = await c.sb.client("bob").statusReblog(status.id);
    const deleted = await alice.statusDelete(status.id);
    off();
    assert.equal(deleted.text, "bye");
    assert.equal("content" in deleted, false);
    assert.deepEqual(
      deleted.media_attachments.map((m) => m.id),
      [media.id],
    );
    assert.deepEqual(events, [reblog.id, status.id]);
    assert.equal(c.sb.context.state.statuses.has(reblog.id), false);
    assert.equal((await raw(c.sb, "GET", `/api/v1/statuses/${status.id}`, { user: "alice" })).status, 404);
    // the media can be posted again (delete and redraft) ...
    const again = await post("alice", { status: "redraft", media_ids: [media.id] });
    assert.equal(again.status, 200);
    // ... unless delete_media took them
    await raw(c.sb, "DELETE", `/api/v1/statuses/${(again.body as Status).id}?delete_media=true`, {
      user: "alice",
    });
    const gone = await post("alice", { status: "third", media_ids: [media.id] });
    assert.equal(gone.status, 422);
    assert.deepEqual(gone.body, { error: `Media ${media.id} not found or already attached to another post` });
  });

  test("someone else's status cannot be deleted or edited: 404", async () => {
    const status = (await post("alice", { status: "mine" })).body as Status;
    assert.equal((await raw(c.sb, "DELETE", `/api/v1/statuses/${status.id}`, { user: "bob" })).status, 404);
    assert.equal(
      (await raw(c.sb, "PUT", `/api/v1/statuses/${status.id}`, { user: "bob", body: { status: "x" } }))
        .status,
      404,
    );
    assert.equal(c.sb.context.state.statuses.get(status.id)?.text, "mine");
  });
});

describe("editing", () => {
  test("keeps the history, sets edited_at, answers the source and notifies those who reblogged", async () => {
    const alice = c.sb.client("alice");
    const status = (await alice.statusPost("the best editor? VS Code")) as Status;
    const history0 = await alice.statusHistory(status.id);
    assert.equal(history0.length, 1);
    assert.equal(history0[0]?.created_at, status.created_at);
    await c.sb.client("bob").statusReblog(status.id);
    c.advance(1000);
    const edited = await alice.statusUpdate(status.id, "the best editor? Kate", { spoiler_text: "editors" });
    assert.equal(edited.content, "<p>the best editor? Kate</p>");
    assert.equal(edited.spoiler_text, "editors");
    assert.equal(edited.sensitive, true);
    assert.notEqual(edited.edited_at, null);
    const history = await alice.statusHistory(status.id);
    assert.deepEqual(
      history.map((h) => [h.content, h.spoiler_text, Object.keys(h)]),
      [
        [
          "<p>the best editor? VS Code</p>",
          "",
          ["content", "spoiler_text", "sensitive", "created_at", "account", "media_attachments", "emojis"],
        ],
        [
          "<p>the best editor? Kate</p>",
          "editors",
          ["content", "spoiler_text", "sensitive", "created_at", "account", "media_attachments", "emojis"],
        ],
      ],
    );
    assert.equal(history[1]?.created_at, edited.edited_at);
    assert.deepEqual(await alice.statusSource(status.id), {
      id: status.id,
      text: "the best editor? Kate",
      spoiler_text: "editors",
    });
    assert.ok(
      notificationsOf(c.sb, "bob").some(
        ([type, from, id]) => type === "update" && from === "alice" && id === status.id,
      ),
    );
  });

  test("a poll edit with other options resets the votes; an edit without the poll removes it", async () => {
    const status = (await post("alice", { status: "q", poll: { options: ["a", "b"], expires_in: 600 } }))
      .body as Status;
    const pollId = status.poll?.id ?? "";
    await c.sb.client("bob").pollVote(pollId, 0);
    const same = (
      await raw(c.sb, "PUT", `/api/v1/statuses/${status.id}`, {
        user: "alice",
        body: { status: "q", poll: { options: ["a", "b"], expires_in: 900 } },
      })
    ).body as Status;
    assert.equal(same.poll?.votes_count, 1);
    const changed = (
      await raw(c.sb, "PUT", `/api/v1/statuses/${status.id}`, {
        user: "alice",
        body: { status: "q", poll: { options: ["a", "c"], expires_in: 900 } },
      })
    ).body as Status;
    assert.equal(changed.poll?.votes_count, 0);
    const history = (await raw(c.sb, "GET", `/api/v1/statuses/${status.id}/history`)).body as {
      poll?: unknown;
    }[];
    assert.deepEqual(
      history.map((h) => h.poll),
      [
        { options: [{ title: "a" }, { title: "b" }] },
        { options: [{ title: "a" }, { title: "b" }] },
        { options: [{ title: "a" }, { title: "c" }] },
      ],
    );
    const removed = (
      await raw(c.sb, "PUT", `/api/v1/statuses/${status.id}`, { user: "alice", body: { status: "q" } })
    ).body as Status;
    assert.equal(removed.poll, null);
  });

  test("an edit is checked like a post: blank text and the length limit are 422", async () => {
    const status = (await post("alice", { status: "fine" })).body as Status;
    const blank = await raw(c.sb, "PUT", `/api/v1/statuses/${status.id}`, {
      user: "alice",
      body: { status: "" },
    });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body, { error: "Validation failed: Text can't be blank" });
    const long = await raw(c.sb, "PUT", `/api/v1/statuses/${status.id}`, {
      user: "alice",
      body: { status: "x".repeat(501) },
    });
    assert.deepEqual(long.body, { error: "Validation failed: Text character limit of 500 exceeded" });
    assert.equal(c.sb.context.state.statuses.get(status.id)?.text, "fine");
    assert.equal(c.sb.context.state.statuses.get(status.id)?.edits.length, 0);
  });
});

describe("actions", () => {
  test("favourite, bookmark and mute answer the status as the actor sees it, and undo", async () => {
    const status = (await post("alice", { status: "like me" })).body as Status;
    const bob = c.sb.client("bob");
    const faved = await bob.statusFavourite(status.id);
    assert.equal(faved.favourited, true);
    assert.equal(faved.favourites_count, 1);
    assert.equal("pinned" in faved, false);
    assert.equal((await bob.statusFavourite(status.id)).favourites_count, 1);
    assert.ok(
      notificationsOf(c.sb, "alice").some(
        ([type, from, id]) => type === "favourite" && from === "bob" && id === status.id,
      ),
    );
    const unfaved = await bob.statusUnfavourite(status.id);
    assert.equal(unfaved.favourited, false);
    assert.equal(unfaved.favourites_count, 0);
    assert.equal(
      notificationsOf(c.sb, "alice").some(([type, , id]) => type === "favourite" && id === status.id),
      false,
    );
    assert.equal((await bob.statusBookmark(status.id)).bookmarked, true);
    assert.equal((await bob.statusUnbookmark(status.id)).bookmarked, false);
    assert.equal((await bob.statusMute(status.id)).muted, true);
    assert.equal((await bob.statusUnmute(status.id)).muted, false);
  });

  test("muting a thread covers its replies and stops its mention notifications", async () => {
    const root = (await post("alice", { status: "thread" })).body as Status;
    await raw(c.sb, "POST", `/api/v1/statuses/${root.id}/mute`, { user: "alice" });
    const reply = (await post("bob", { status: "@alice hi", in_reply_to_id: root.id })).body as Status;
    const seen = (await raw(c.sb, "GET", `/api/v1/statuses/${reply.id}`, { user: "alice" })).body as Status;
    assert.equal(seen.muted, true);
    assert.equal(
      notificationsOf(c.sb, "alice").some(([, , id]) => id === reply.id),
      false,
    );
  });

  test("reblog follows Mastodon's visibility rules; unreblog answers the original", async () => {
    const alice = c.sb.client("alice");
    const bob = c.sb.client("bob");
    const open = (await alice.statusPost("open")) as Status;
    const reblog = await bob.statusReblog(open.id, { visibility: "unlisted" });
    assert.equal(reblog.visibility, "unlisted");
    assert.equal(reblog.content, "");
    assert.equal(reblog.language, null);
    assert.equal(reblog.reblog?.id, open.id);
    assert.equal(reblog.reblog?.reblogged, true);
    assert.equal(reblog.reblogged, true);
    assert.equal("pinned" in reblog, false);
    assert.equal((await bob.statusReblog(open.id)).id, reblog.id, "reblogging twice gives the same reblog");
    assert.ok(
      notificationsOf(c.sb, "alice").some(
        ([type, from, id]) => type === "reblog" && from === "bob" && id === open.id,
      ),
    );
    assert.deepEqual(
      (await alice.statusRebloggedBy(open.id)).map((a) => a.username),
      ["bob"],
    );
    const undone = await bob.statusUnreblog(open.id);
    assert.equal(undone.id, open.id);
    assert.equal(undone.reblogged, false);
    assert.equal(undone.reblogs_count, 0);

    // one's own private status can be reblogged, privately, and is not listed in reblogged_by
    const secret = (await alice.statusPost("secret", { visibility: "private" })) as Status;
    const own = await alice.statusReblog(secret.id, { visibility: "public" });
    assert.equal(own.visibility, "private");
    assert.deepEqual(await alice.statusRebloggedBy(secret.id), []);
    // someone else's private status: 403 for a follower; a direct one: 403 for those it mentions, 404 for others
    follow(c.sb, "bob", "alice");
    const forbidden = await raw(c.sb, "POST", `/api/v1/statuses/${secret.id}/reblog`, { user: "bob" });
    assert.equal(forbidden.status, 403);
    assert.deepEqual(forbidden.body, { error: "This action is not allowed" });
    const direct = (await alice.statusPost("@bob dm", { visibility: "direct" })) as Status;
    assert.equal(
      (await raw(c.sb, "POST", `/api/v1/statuses/${direct.id}/reblog`, { user: "bob" })).status,
      403,
    );
    assert.equal(
      (await raw(c.sb, "POST", `/api/v1/statuses/${direct.id}/reblog`, { user: "carol" })).status,
      404,
    );
  });

  test("pin: own statuses only, not direct, at most 5", async () => {
    const others = (await post("bob", { status: "bob's" })).body as Status;
    const notMine = await raw(c.sb, "POST", `/api/v1/statuses/${others.id}/pin`, { user: "alice" });
    assert.equal(notMine.status, 422);
    assert.deepEqual(notMine.body, { error: "Validation failed: Someone else's post cannot be pinned" });
    const direct = (await post("alice", { status: "@bob dm", visibility: "direct" })).body as Status;
    assert.deepEqual((await raw(c.sb, "POST", `/api/v1/statuses/${direct.id}/pin`, { user: "alice" })).body, {
      error: "Validation failed: Posts that are only visible to mentioned users cannot be pinned",
    });
    const alice = c.sb.client("alice");
    const pinned: string[] = [];
    for (let i = 0; i < 5; i++) {
      const s = (await alice.statusPost(`pin ${i}`, {
        visibility: i === 0 ? "private" : "public",
      })) as Status;
      assert.equal((await alice.statusPin(s.id)).pinned, true);
      pinned.push(s.id);
    }
    assert.equal((await alice.statusPin(pinned[0] ?? "")).pinned, true, "pinning again is fine");
    const sixth = (await alice.statusPost("sixth")) as Status;
    const full = await raw(c.sb, "POST", `/api/v1/statuses/${sixth.id}/pin`, { user: "alice" });
    assert.deepEqual(full.body, {
      error: "Validation failed: You have already pinned the maximum number of posts",
    });
    assert.equal((await alice.statusUnpin(pinned[0] ?? "")).pinned, false);
    assert.equal((await alice.statusPin(sixth.id)).pinned, true);
  });

  test("favourited_by is paginated with a Link header", async () => {
    const status = (await post("carol", { status: "popular" })).body as Status;
    for (const user of ["alice", "bob"])
      await raw(c.sb, "POST", `/api/v1/statuses/${status.id}/favourite`, { user });
    const first = await raw(c.sb, "GET", `/api/v1/statuses/${status.id}/favourited_by?limit=1`);
    assert.deepEqual(
      (first.body as { username: string }[]).map((a) => a.username),
      ["bob"],
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1] ?? "";
    const second = await fetch(next).then((r) => r.json());
    assert.deepEqual(
      (second as { username: string }[]).map((a) => a.username),
      ["alice"],
    );
  });

  test("a follower who asked for notifications gets a 'status' notification", async () => {
    follow(c.sb, "carol", "bob", true);
    const status = (await post("bob", { status: "news" })).body as Status;
    assert.ok(
      notificationsOf(c.sb, "carol").some(
        ([type, from, id]) => type === "status" && from === "bob" && id === status.id,
      ),
    );
    const direct = (await post("bob", { status: "@alice psst", visibility: "direct" })).body as Status;
    assert.equal(
      notificationsOf(c.sb, "carol").some(([, , id]) => id === direct.id),
      false,
    );
  });
});
