// Polls in the sandbox: reading, voting (single and multiple choice), Mastodon's refusals with their
// exact texts, hidden totals, and the "poll" notifications sent to the author and the voters when a
// poll ends on the sandbox's clock.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Poll, Status } from "../src/index.js";
import { raw } from "./sandbox-accounts-support.js";
import { type ClockedSandbox, clockedSandbox, notificationsOf } from "./sandbox-statuses-support.js";

let c: ClockedSandbox;
before(async () => {
  c = await clockedSandbox();
});
after(() => c.sb.close());

async function makePoll(extra: Record<string, unknown> = {}, visibility = "public"): Promise<Poll> {
  const res = await raw(c.sb, "POST", "/api/v1/statuses", {
    user: "alice",
    body: {
      status: "vote!",
      visibility,
      poll: { options: ["one", "two", "three"], expires_in: 600, ...extra },
    },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const poll = (res.body as Status).poll;
  assert.ok(poll);
  return poll;
}

function vote(pollId: string, body: unknown, user = "bob") {
  return raw(c.sb, "POST", `/api/v1/polls/${pollId}/votes`, { user, body });
}

describe("voting", () => {
  test("the author counts as having voted; a single-choice vote is counted once", async () => {
    const poll = await makePoll();
    assert.equal(poll.voted, true);
    assert.deepEqual(poll.own_votes, []);
    assert.equal(poll.id, "1", "poll ids are small serial numbers, as Mastodon's");
    const bob = c.sb.client("bob");
    const voted = await bob.pollVote(poll.id, 2);
    assert.equal(voted.voted, true);
    assert.deepEqual(voted.own_votes, [2]);
    assert.deepEqual(
      voted.options.map((o) => o.votes_count),
      [0, 0, 1],
    );
    assert.equal(voted.votes_count, 1);
    assert.equal(voted.voters_count, 1);
    const again = await vote(poll.id, { choices: [0] });
    assert.equal(again.status, 422);
    assert.deepEqual(again.body, { error: "Validation failed: You have already voted on this poll" });
    const anonymous = (await raw(c.sb, "GET", `/api/v1/polls/${poll.id}`)).body as Poll;
    assert.equal("voted" in anonymous, false);
    assert.equal(anonymous.votes_count, 1);
    const carol = (await raw(c.sb, "GET", `/api/v1/polls/${poll.id}`, { user: "carol" })).body as Poll;
    assert.equal(carol.voted, false);
  });

  test("several choices in one vote count only on a multiple-choice poll, which takes more later", async () => {
    const single = await makePoll();
    const two = await vote(single.id, { choices: ["0", "1"] });
    assert.deepEqual(two.body, { error: "Validation failed: You have already voted on this poll" });
    assert.equal(
      c.sb.context.state.polls.get(single.id)?.votes.bob,
      undefined,
      "a refused vote counts nothing",
    );
    const multiple = await makePoll({ multiple: true });
    const first = await vote(multiple.id, "choices[]=1");
    assert.deepEqual((first.body as Poll).own_votes, [1]);
    const second = (await vote(multiple.id, { choices: [0, 2] })).body as Poll;
    assert.deepEqual(second.own_votes, [1, 0, 2]);
    assert.equal(second.votes_count, 3);
    assert.equal(second.voters_count, 1);
    const same = await vote(multiple.id, { choices: [1] });
    assert.deepEqual(same.body, { error: "Validation failed: You have already voted on this poll" });
  });

  test("refusals: own poll, a choice out of range or not a number, no choices, an ended poll", async () => {
    const poll = await makePoll();
    assert.deepEqual((await vote(poll.id, { choices: [0] }, "alice")).body, {
      error: "Validation failed: You cannot vote in your own polls",
    });
    for (const choice of [3, -1, "x", 1.5, "99999999999999999999"]) {
      const res = await vote(poll.id, { choices: [choice] });
      assert.equal(res.status, 422, String(choice));
      assert.deepEqual(res.body, { error: "Validation failed: The chosen vote option does not exist" });
    }
    for (const body of [{}, { choices: [] }, { choices: { a: 1 } }]) {
      const res = await vote(poll.id, body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: "param is missing or the value is empty or invalid: choices" });
    }
    c.advance(601_000);
    const ended = await vote(poll.id, { choices: [0] });
    assert.deepEqual(ended.body, { error: "Validation failed: The poll has already ended" });
    assert.deepEqual(c.sb.context.state.polls.get(poll.id)?.votes, {});
  });

  test("a poll on a status one cannot see is 404, as an unknown one", async () => {
    const hidden = await makePoll({}, "direct");
    for (const path of [`/api/v1/polls/${hidden.id}`, "/api/v1/polls/9999", "/api/v1/polls/abc"]) {
      assert.equal((await raw(c.sb, "GET", path, { user: "bob" })).status, 404);
    }
    assert.deepEqual((await vote(hidden.id, { choices: [0] })).body, { error: "Record not found" });
  });

  test("hide_totals hides the counts from voters until the end, never from the author", async () => {
    const poll = await makePoll({ hide_totals: true });
    const voted = (await vote(poll.id, { choices: [1] })).body as Poll;
    assert.deepEqual(
      voted.options.map((o) => o.votes_count),
      [null, null, null],
    );
    const author = (await raw(c.sb, "GET", `/api/v1/polls/${poll.id}`, { user: "alice" })).body as Poll;
    assert.deepEqual(
      author.options.map((o) => o.votes_count),
      [0, 1, 0],
    );
    c.advance(601_000);
    const ended = (await raw(c.sb, "GET", `/api/v1/polls/${poll.id}`, { user: "bob" })).body as Poll;
    assert.equal(ended.expired, true);
    assert.deepEqual(
      ended.options.map((o) => o.votes_count),
      [0, 1, 0],
    );
  });
});

describe("the end of a poll", () => {
  test("the author and every voter get a 'poll' notification once, when the clock passes its end", async () => {
    const poll = await makePoll({ multiple: true });
    await vote(poll.id, { choices: [0] }, "bob");
    await vote(poll.id, { choices: [1, 2] }, "carol");
    const statusId = c.sb.context.state.polls.get(poll.id)?.status_id;
    const pollNotes = (user: string) =>
      notificationsOf(c.sb, user).filter(([type, , id]) => type === "poll" && id === statusId);
    await c.tick();
    assert.deepEqual(pollNotes("bob"), [], "not before the end");
    c.advance(600_000);
    await c.tick();
    for (const user of ["alice", "bob", "carol"])
      assert.deepEqual(pollNotes(user), [["poll", "alice", statusId]], user);
    await c.tick();
    assert.equal(pollNotes("bob").length, 1, "announced once");
  });

  test("a deleted status takes its poll with it", async () => {
    const poll = await makePoll();
    const statusId = c.sb.context.state.polls.get(poll.id)?.status_id ?? "";
    const deleted = await c.sb.client("alice").statusDelete(statusId);
    assert.equal(deleted.poll?.id, poll.id, "the answer keeps the poll for redrafting");
    assert.equal((await raw(c.sb, "GET", `/api/v1/polls/${poll.id}`)).status, 404);
  });
});
