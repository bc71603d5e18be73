// Scheduled statuses in the sandbox: posting with scheduled_at, the entity as Mastodon shows it,
// listing, moving and cancelling, and publication by the sandbox's timer when its clock gets there.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ScheduledStatus } from "../src/index.js";
import { raw, tokenWithScopes, userId } from "./sandbox-accounts-support.js";
import { type ClockedSandbox, clockedSandbox, upload } from "./sandbox-statuses-support.js";

let c: ClockedSandbox;
before(async () => {
  c = await clockedSandbox();
});
after(() => c.sb.close());

const MINUTE = 60_000;

function at(msFromNow: number): string {
  return new Date(c.sb.context.now() + msFromNow).toISOString();
}

function schedule(body: Record<string, unknown>, user = "alice") {
  return raw(c.sb, "POST", "/api/v1/statuses", { user, body });
}

function authoredBy(user: string, text: string) {
  const id = userId(c.sb, user);
  return c.sb.context.state.statuses.lookup("account", id).filter((s) => s.text === text);
}

describe("scheduling", () => {
  test("answers a ScheduledStatus with Mastodon's params, and publishes it when the time comes", async () => {
    const media = upload(c.sb, "alice");
    const when = at(10 * MINUTE);
    const res = await schedule({
      status: "later",
      scheduled_at: when,
      media_ids: [media.id],
      visibility: "unlisted",
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const scheduled = res.body as ScheduledStatus;
    assert.equal(scheduled.id, "1");
    assert.equal(scheduled.scheduled_at, when);
    assert.deepEqual(Object.keys(scheduled), ["id", "scheduled_at", "params", "media_attachments"]);
    assert.deepEqual(scheduled.params, {
      text: "later",
      quote_approval_policy: "public",
      media_ids: [media.id],
      sensitive: null,
      spoiler_text: null,
      visibility: "unlisted",
      language: null,
      scheduled_at: null,
      poll: null,
      allowed_mentions: null,
      idempotency: null,
      with_rate_limit: false,
      in_reply_to_id: null,
      application_id: scheduled.params.application_id,
      quoted_status_id: null,
    });
    assert.equal(typeof scheduled.params.application_id, "number");
    assert.deepEqual(
      scheduled.media_attachments.map((m) => m.id),
      [media.id],
    );
    // the media are reserved for it
    const taken = await schedule({ status: "mine too", media_ids: [media.id] });
    assert.deepEqual(taken.body, {
      error: `Media ${media.id} not found or already attached to another post`,
    });

    await c.tick();
    assert.deepEqual(authoredBy("alice", "later"), [], "not yet");
    c.advance(10 * MINUTE);
    await c.tick();
    const [published] = authoredBy("alice", "later");
    assert.ok(published);
    assert.equal(published.visibility, "unlisted");
    assert.deepEqual(published.media_ids, [media.id]);
    assert.equal(media.status_id, published.id);
    assert.equal(c.sb.context.state.scheduled.size, 0);
  });

  test("less than 5 minutes ahead is 422; a time already past posts at once", async () => {
    const soon = await schedule({ status: "soon", scheduled_at: at(4 * MINUTE) });
    assert.equal(soon.status, 422);
    assert.deepEqual(soon.body, { error: "Validation failed: Scheduled at date must be in the future" });
    const past = await schedule({ status: "past", scheduled_at: at(-MINUTE) });
    assert.equal(past.status, 200);
    assert.equal((past.body as { content?: string }).content, "<p>past</p>");
    const garbage = await schedule({ status: "when?", scheduled_at: "tomorrow-ish" });
    assert.equal(garbage.status, 422);
    assert.deepEqual(garbage.body, { error: "Validation failed: Scheduled at is invalid" });
    assert.equal(c.sb.context.state.scheduled.size, 0);
  });

  test("a scheduled status is checked when it is made: blank text, bad poll, unknown reply", async () => {
    const when = at(10 * MINUTE);
    assert.deepEqual((await schedule({ status: "", scheduled_at: when })).body, {
      error: "Validation failed: Text can't be blank",
    });
    assert.deepEqual(
      (await schedule({ status: "q", scheduled_at: when, poll: { options: ["a"], expires_in: 300 } })).body,
      {
        error: "Validation failed: Poll options must have more than one item",
      },
    );
    assert.equal((await schedule({ status: "r", scheduled_at: when, in_reply_to_id: "404" })).status, 404);
    assert.equal(c.sb.context.state.scheduled.size, 0);
  });

  test("list, show, move and cancel, each only for its owner", async () => {
    const alice = c.sb.client("alice");
    const first = (await alice.statusPost("first", { scheduled_at: at(20 * MINUTE) })) as ScheduledStatus;
    const second = (await alice.statusPost("second", {
      scheduled_at: at(30 * MINUTE),
      poll: { options: ["a", "b"], expires_in: 300 },
    })) as ScheduledStatus;
    assert.deepEqual(second.params.poll, {
      options: ["a", "b"],
      expires_in: 300,
      multiple: false,
      hide_totals: false,
    });
    assert.deepEqual(
      (await alice.scheduledStatuses()).map((s) => s.id),
      [second.id, first.id],
    );
    assert.deepEqual(await alice.scheduledStatus(first.id), first);
    const moved = await alice.scheduledStatusUpdate(first.id, new Date(c.sb.context.now() + 40 * MINUTE));
    assert.equal(moved.scheduled_at, at(40 * MINUTE));
    const tooSoon = await raw(c.sb, "PUT", `/api/v1/scheduled_statuses/${first.id}`, {
      user: "alice",
      body: { scheduled_at: at(MINUTE) },
    });
    assert.deepEqual(tooSoon.body, { error: "Validation failed: Scheduled at date must be in the future" });
    for (const [method, path] of [
      ["GET", `/api/v1/scheduled_statuses/${first.id}`],
      ["PUT", `/api/v1/scheduled_statuses/${first.id}`],
      ["DELETE", `/api/v1/scheduled_statuses/${first.id}`],
      ["GET", "/api/v1/scheduled_statuses/999"],
    ] as const) {
      assert.equal((await raw(c.sb, method, path, { user: "bob" })).status, 404, `${method} ${path}`);
    }
    assert.deepEqual(
      await raw(c.sb, "GET", "/api/v1/scheduled_statuses", { user: "bob" }).then((r) => r.body),
      [],
    );
    assert.deepEqual(await alice.scheduledStatusDelete(first.id), {});
    c.advance(45 * MINUTE);
    await c.tick();
    assert.deepEqual(authoredBy("alice", "first"), [], "a cancelled status is never published");
    const [poll] = authoredBy("alice", "second");
    assert.ok(poll?.poll_id, "the poll is made when it is published");
    assert.equal(
      c.sb.context.state.polls.get(poll.poll_id ?? "")?.expires_at,
      new Date(c.sb.context.now() + 300_000).toISOString(),
    );
  });

  test("a scheduled reply whose status is gone by then is dropped", async () => {
    const target = (await schedule({ status: "target" })).body as { id: string };
    await schedule({ status: "reply later", in_reply_to_id: target.id, scheduled_at: at(10 * MINUTE) });
    await raw(c.sb, "DELETE", `/api/v1/statuses/${target.id}`, { user: "alice" });
    c.advance(11 * MINUTE);
    await c.tick();
    assert.deepEqual(authoredBy("alice", "reply later"), []);
    assert.equal(c.sb.context.state.scheduled.size, 0);
  });

  test("the same Idempotency-Key gives the same scheduled status back", async () => {
    const send = () =>
      fetch(`${c.sb.url}/api/v1/statuses`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${c.sb.users.find((u) => u.username === "bob")?.access_token}`,
          "content-type": "application/json",
          "idempotency-key": "sched",
        },
        body: JSON.stringify({ status: "once", scheduled_at: at(10 * MINUTE) }),
      }).then((r) => r.json() as Promise<ScheduledStatus>);
    const first = await send();
    const second = await send();
    assert.equal(second.id, first.id);
    assert.equal(first.params.idempotency, "sched");
    assert.equal(c.sb.context.state.scheduled.lookup("account", userId(c.sb, "bob")).length, 1);
  });

  test("scopes: reading needs read:statuses, cancelling write:statuses", async () => {
    const token = tokenWithScopes(c.sb, "alice", ["read:accounts"]);
    const res = await raw(c.sb, "GET", "/api/v1/scheduled_statuses", { token });
    assert.equal(res.status, 403);
    const reader = tokenWithScopes(c.sb, "alice", ["read:statuses"]);
    assert.equal((await raw(c.sb, "GET", "/api/v1/scheduled_statuses", { token: reader })).status, 200);
    assert.equal((await raw(c.sb, "DELETE", "/api/v1/scheduled_statuses/1", { token: reader })).status, 403);
  });
});
