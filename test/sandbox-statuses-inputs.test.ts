// Every refused input of the statuses API answers Mastodon's exact status and body, and none of them
// crashes the sandbox or leaves a half-made status behind: validations, media, scopes, Idempotency-Key,
// unknown ids, wrong types, huge fields and malformed bodies.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Status } from "../src/index.js";
import { raw, tokenWithScopes, userId } from "./sandbox-accounts-support.js";
import { type ClockedSandbox, clockedSandbox, upload } from "./sandbox-statuses-support.js";

let c: ClockedSandbox;
before(async () => {
  c = await clockedSandbox();
});
after(() => c.sb.close());

function post(body: unknown, options: { user?: string; type?: string } = {}) {
  return raw(c.sb, "POST", "/api/v1/statuses", {
    user: options.user ?? "alice",
    body,
    ...(options.type ? { type: options.type } : {}),
  });
}

function statusCount(): number {
  return c.sb.context.state.statuses.size;
}

async function refused(body: unknown, status: number, error: unknown, type?: string) {
  const before = statusCount();
  const res = await post(body, type ? { type } : {});
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.deepEqual(res.body, error);
  assert.equal(statusCount(), before, "nothing was made");
}

describe("validation", () => {
  test("blank text, and text over the limit, as Rails words them", async () => {
    await refused({ status: "" }, 422, { error: "Validation failed: Text can't be blank" });
    await refused("status=", 422, { error: "Validation failed: Text can't be blank" });
    await refused({}, 422, { error: "Validation failed: Text can't be blank" });
    await refused({ status: "x".repeat(501) }, 422, {
      error: "Validation failed: Text character limit of 500 exceeded",
    });
    await refused({ status: "x".repeat(300), spoiler_text: "y".repeat(201) }, 422, {
      error: "Validation failed: Text character limit of 500 exceeded",
    });
    // a URL counts as 23 characters, as Mastodon counts it
    const ok = await post({ status: `${"x".repeat(470)} https://example.com/${"a".repeat(200)}` });
    assert.equal(ok.status, 200);
  });

  test("a huge text is refused quickly and the server keeps answering", async () => {
    const started = Date.now();
    const text = "@alice #tag https://a.example/(x) ";
    // 1 MB, just under the cap on bodies without files (1 MiB and 12 bytes a character): Mastodon's 422.
    await refused({ status: text.repeat(30_000) }, 422, {
      error: "Validation failed: Text character limit of 500 exceeded",
    });
    // 6.8 MB: over the cap, refused unread.
    await refused({ status: text.repeat(200_000) }, 413, { error: "Request entity too large" });
    assert.ok(Date.now() - started < 10_000);
    assert.equal((await post({ status: "still here" })).status, 200);
  });

  test("an unknown visibility is a validation error", async () => {
    await refused({ status: "x", visibility: "everyone" }, 422, {
      error: "Validation failed: Visibility is not included in the list",
    });
  });

  test("wrong types are read as Rails reads them: a number is text, an object is no text", async () => {
    const numeric = await post({ status: 42, sensitive: "true", language: 7 });
    assert.equal(numeric.status, 200);
    assert.equal((numeric.body as Status).content, "<p>42</p>");
    assert.equal((numeric.body as Status).sensitive, true);
    assert.equal((numeric.body as Status).language, "en");
    await refused({ status: { nested: "x" } }, 422, { error: "Validation failed: Text can't be blank" });
    await refused({ status: ["a", "b"] }, 422, { error: "Validation failed: Text can't be blank" });
  });

  test("an unknown language falls back to English; a known one is kept", async () => {
    assert.equal(((await post({ status: "x", language: "not a language" })).body as Status).language, "en");
    assert.equal(((await post({ status: "x", language: "de" })).body as Status).language, "de");
  });

  test("malformed JSON is 400 and the server carries on", async () => {
    await refused(
      '{"status": "x"',
      400,
      { error: "Error occurred while parsing request parameters" },
      "application/json",
    );
    assert.equal((await post({ status: "fine" })).status, 200);
  });
});

describe("polls on posting", () => {
  test("Mastodon's limits: 2 to 4 options of at most 50 characters, no duplicates, 5 minutes to a month", async () => {
    const poll = (extra: Record<string, unknown>) => ({
      status: "q",
      poll: { options: ["a", "b"], expires_in: 300, ...extra },
    });
    await refused(poll({ options: ["a"] }), 422, {
      error: "Validation failed: Poll options must have more than one item",
    });
    await refused(poll({ options: Array.from({ length: 100 }, (_, i) => `o${i}`) }), 422, {
      error: "Validation failed: Poll options can't contain more than 4 items",
    });
    await refused(poll({ options: ["a", "b".repeat(51)] }), 422, {
      error: "Validation failed: Poll options cannot be longer than 50 characters each",
    });
    await refused(poll({ options: ["a", "a"] }), 422, {
      error: "Validation failed: Poll options contain duplicate items",
    });
    await refused(poll({ expires_in: 299 }), 422, {
      error: "Validation failed: Poll expires at is too soon",
    });
    await refused(poll({ expires_in: 2_629_747 }), 422, {
      error: "Validation failed: Poll expires at is too far into the future",
    });
    await refused(poll({ expires_in: "soon" }), 422, {
      error: "Validation failed: Poll expires at can't be blank",
    });
    await refused(poll({ options: "a,b" }), 422, {
      error: "Validation failed: Poll options must have more than one item",
    });
    const made = await post(
      poll({ options: ["a", "b", "c", "d".repeat(50)], expires_in: 2_629_746, multiple: "1" }),
    );
    assert.equal(made.status, 200);
    assert.equal((made.body as Status).poll?.multiple, true);
    assert.equal(c.sb.context.state.polls.size, 1, "no poll is left from the refused posts");
  });

  test("form-encoded poll parameters work as JSON ones do", async () => {
    const res = await post(
      "status=q&poll[options][]=yes&poll[options][]=no&poll[expires_in]=600&poll[hide_totals]=true",
    );
    assert.equal(res.status, 200);
    const poll = (res.body as Status).poll;
    assert.deepEqual(
      poll?.options.map((o) => o.title),
      ["yes", "no"],
    );
    assert.equal(poll?.expires_at, new Date(c.sb.context.now() + 600_000).toISOString());
  });
});

describe("media on posting", () => {
  test("unknown, someone else's, too many, beside a poll, a video among images: Mastodon's texts", async () => {
    const mine = upload(c.sb, "alice");
    const bobs = upload(c.sb, "bob");
    await refused({ status: "x", media_ids: ["123", bobs.id] }, 422, {
      error: `Media 123, ${bobs.id} not found or already attached to another post`,
    });
    const five = [1, 2, 3, 4, 5].map(() => upload(c.sb, "alice").id);
    await refused({ status: "x", media_ids: five }, 422, { error: "Cannot attach more than 4 files" });
    await refused(
      { status: "x", media_ids: [mine.id], poll: { options: ["a", "b"], expires_in: 300 } },
      422,
      {
        error: "Cannot attach more than 4 files",
      },
    );
    const video = upload(c.sb, "alice", "video");
    await refused({ status: "x", media_ids: [mine.id, video.id] }, 422, {
      error: "Cannot attach a video to a post that already contains images",
    });
    assert.equal(mine.status_id, null, "a refused post attaches nothing");
    const attached = await post({ status: "x", media_ids: [mine.id] });
    assert.equal(attached.status, 200);
    await refused({ status: "again", media_ids: [mine.id] }, 422, {
      error: `Media ${mine.id} not found or already attached to another post`,
    });
  });

  test("an upload still processing, an avatar, and audio among images are refused as Mastodon refuses them", async () => {
    const processing = upload(c.sb, "alice", "video", 60_000);
    await refused({ status: "x", media_ids: [processing.id] }, 422, {
      error: "Cannot attach files that have not finished processing. Try again in a moment!",
    });
    const alice = c.sb.context.state.accounts.get(processing.account_id)!;
    const avatar = upload(c.sb, "alice");
    alice.avatar_media_id = avatar.id;
    await refused({ status: "x", media_ids: [avatar.id] }, 422, {
      error: `Media ${avatar.id} not found or already attached to another post`,
    });
    alice.avatar_media_id = null;
    const image = upload(c.sb, "alice");
    const audio = upload(c.sb, "alice", "audio");
    await refused({ status: "x", media_ids: [image.id, audio.id] }, 422, {
      error: "Cannot attach a video to a post that already contains images",
    });
    const gifv = upload(c.sb, "alice", "gifv");
    assert.equal(
      (await post({ status: "two", media_ids: [image.id, gifv.id] })).status,
      200,
      "a gifv is an image",
    );
  });
});

describe("editing inputs", () => {
  test("media_attributes update the description and focus; malformed ones are ignored, never a crash", async () => {
    const media = upload(c.sb, "alice");
    const status = (await post({ status: "pic", media_ids: [media.id] })).body as Status;
    const edit = (body: unknown) =>
      raw(c.sb, "PUT", `/api/v1/statuses/${status.id}`, { user: "alice", body });
    const res = await edit({
      status: "pic",
      media_ids: [media.id],
      media_attributes: [{ id: media.id, description: "a cat", focus: "0.5,-0.25" }],
    });
    assert.equal(res.status, 200);
    assert.equal((res.body as Status).media_attachments[0]?.description, "a cat");
    assert.deepEqual(media.focus, { x: 0.5, y: -0.25 });
    for (const attributes of [
      "nonsense",
      [1, 2],
      [{ id: media.id, focus: "9,9" }],
      { 0: { description: 5 } },
    ]) {
      const r = await edit({ status: "pic", media_ids: [media.id], media_attributes: attributes });
      assert.equal(r.status, 200, JSON.stringify(attributes));
    }
    assert.deepEqual(media.focus, { x: 0.5, y: -0.25 }, "an out-of-range focus is not taken");
    const other = upload(c.sb, "bob");
    const refusedEdit = await edit({ status: "pic", media_ids: [other.id] });
    assert.deepEqual(refusedEdit.body, {
      error: `Media ${other.id} not found or already attached to another post`,
    });
    // an edit without media_ids drops the media, as Mastodon's does, and frees them
    const dropped = (await edit({ status: "no pic" })).body as Status;
    assert.deepEqual(dropped.media_attachments, []);
    assert.equal(media.status_id, null);
  });
});

describe("Idempotency-Key", () => {
  test("the same key by the same account within the hour gives the first status back", async () => {
    const send = (user: string, text: string, key: string) =>
      fetch(`${c.sb.url}/api/v1/statuses`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${c.sb.users.find((u) => u.username === user)?.access_token}`,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify({ status: text }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Status }));
    const first = await send("alice", "once", "k1");
    const count = statusCount();
    const second = await send("alice", "twice", "k1");
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.content, "<p>once</p>");
    assert.equal(statusCount(), count);
    const other = await send("bob", "bob's", "k1");
    assert.notEqual(other.body.id, first.body.id, "keys are per account");
    c.advance(3_600_001);
    const later = await send("alice", "an hour later", "k1");
    assert.notEqual(later.body.id, first.body.id, "a key is remembered for an hour");
    // the library sends the key as Mastodon.py does
    const viaLibrary = (await c.sb.client("carol").statusPost("lib", { idempotency_key: "k2" })) as Status;
    const again = (await c.sb.client("carol").statusPost("lib again", { idempotency_key: "k2" })) as Status;
    assert.equal(again.id, viaLibrary.id);
    // the status made by a key is gone: 404, as Mastodon finds nothing for it
    await raw(c.sb, "DELETE", `/api/v1/statuses/${viaLibrary.id}`, { user: "carol" });
    assert.equal((await send("carol", "third", "k2")).status, 404);
  });
});

describe("scopes and ids", () => {
  test("a token without write:statuses may not post; write:favourites may favourite but not post", async () => {
    const readOnly = tokenWithScopes(c.sb, "alice", ["read"]);
    const res = await raw(c.sb, "POST", "/api/v1/statuses", { token: readOnly, body: { status: "x" } });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: "This action is outside the authorized scopes" });
    const status = (await post({ status: "fav me" }, { user: "bob" })).body as Status;
    const favOnly = tokenWithScopes(c.sb, "alice", ["write:favourites"]);
    assert.equal(
      (await raw(c.sb, "POST", `/api/v1/statuses/${status.id}/favourite`, { token: favOnly })).status,
      200,
    );
    assert.equal(
      (await raw(c.sb, "POST", `/api/v1/statuses/${status.id}/bookmark`, { token: favOnly })).status,
      403,
    );
    assert.equal(
      (await raw(c.sb, "POST", "/api/v1/statuses", { token: favOnly, body: { status: "x" } })).status,
      403,
    );
    const statusesOnly = tokenWithScopes(c.sb, "alice", ["write:statuses"]);
    assert.equal(
      (await raw(c.sb, "POST", "/api/v1/statuses", { token: statusesOnly, body: { status: "ok" } })).status,
      200,
    );
    assert.equal(
      (await raw(c.sb, "GET", `/api/v1/statuses/${status.id}/source`, { token: statusesOnly })).status,
      403,
    );
  });

  test("no token: posting is 401; reading a public status works", async () => {
    const res = await raw(c.sb, "POST", "/api/v1/statuses", { body: { status: "x" } });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: "The access token is invalid" });
    const status = (await post({ status: "public" })).body as Status;
    const anonymous = await raw(c.sb, "GET", `/api/v1/statuses/${status.id}`);
    assert.equal(anonymous.status, 200);
    assert.equal("favourited" in (anonymous.body as object), false, "no viewer, no viewer fields");
  });

  test("unknown and odd ids are 404 on every route, never a crash", async () => {
    const ids = [
      "0",
      "99999999999999999999",
      "abc",
      "%00",
      "..%2F..",
      "1e5",
      encodeURIComponent("a".repeat(5000)),
    ];
    const routes: [string, string][] = [
      ["GET", ""],
      ["DELETE", ""],
      ["PUT", ""],
      ["GET", "/context"],
      ["GET", "/history"],
      ["GET", "/source"],
      ["GET", "/favourited_by"],
      ["GET", "/reblogged_by"],
      ["POST", "/favourite"],
      ["POST", "/unfavourite"],
      ["POST", "/reblog"],
      ["POST", "/unreblog"],
      ["POST", "/bookmark"],
      ["POST", "/pin"],
      ["POST", "/unpin"],
      ["POST", "/mute"],
    ];
    for (const id of ids) {
      for (const [method, suffix] of routes) {
        const body = method === "GET" ? undefined : { status: "x" };
        const res = await raw(c.sb, method, `/api/v1/statuses/${id}${suffix}`, { user: "alice", body });
        assert.equal(res.status, 404, `${method} ${id}${suffix}`);
      }
    }
    assert.equal((await post({ status: "alive" })).status, 200);
  });

  test("last_status_at follows the author's newest post", async () => {
    c.advance(86_400_000);
    const status = (await post({ status: "tomorrow" }, { user: "bob" })).body as Status;
    assert.equal(c.sb.context.state.accounts.get(userId(c.sb, "bob"))?.last_status_at, status.created_at);
    const account = (await raw(c.sb, "GET", `/api/v1/statuses/${status.id}`)).body as Status;
    assert.equal(account.account.last_status_at, status.created_at.slice(0, 10));
  });
});
