/**
 * Relationships in the sandbox: follow (and follow requests for locked accounts), unfollow, remove from
 * followers, block, mute (with a duration), notes, endorsements, and the lists of each, over real
 * sockets with the library and raw requests for exact bodies.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { MastodonAPIError } from "../src/core/errors.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { raw, tokenWithScopes, userId } from "./sandbox-accounts-support.js";

const NOTHING = {
  following: false,
  showing_reblogs: false,
  notifying: false,
  languages: null,
  followed_by: false,
  blocking: false,
  blocked_by: false,
  muting: false,
  muting_notifications: false,
  muting_expires_at: null,
  requested: false,
  requested_by: false,
  domain_blocking: false,
  endorsed: false,
  note: "",
};

let clock = Date.parse("2026-01-01T00:00:00Z");

function notificationsOf(sb: Sandbox, username: string) {
  return sb.context.state.notifications
    .lookup("account", userId(sb, username))
    .map((n) => [n.type, sb.context.state.accounts.get(n.from_account_id)?.username]);
}

describe("sandbox relationships", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ port: 0, users: ["alice", "bob", "carol", "dave"], now: () => clock });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it("follow answers the Relationship Mastodon answers, notifies, and updates the options of an existing follow", async () => {
    const bob = userId(sb, "bob");
    const r = await raw(sb, "POST", `/api/v1/accounts/${bob}/follow`, {
      user: "alice",
      body: "reblogs=1&notify=0",
    });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body as object), ["id", ...Object.keys(NOTHING)]);
    assert.deepEqual(r.body, { id: bob, ...NOTHING, following: true, showing_reblogs: true });
    assert.deepEqual(notificationsOf(sb, "bob"), [["follow", "alice"]]);

    const changed = await sb
      .client("alice")
      .accountFollow(bob, { reblogs: false, notify: true, languages: ["en", "de"] });
    assert.deepEqual(
      [changed.following, changed.showing_reblogs, changed.notifying, changed.languages],
      [true, false, true, ["en", "de"]],
    );
    // Following again is not a second follow nor a second notification.
    assert.equal(sb.context.state.follows.size, 1);
    assert.equal(notificationsOf(sb, "bob").length, 1);
    const theirs = await sb.client("bob").accountRelationships([userId(sb, "alice")]);
    assert.deepEqual([theirs[0]?.followed_by, theirs[0]?.following], [true, false]);
    const badLanguage = await raw(sb, "POST", `/api/v1/accounts/${bob}/follow`, {
      user: "alice",
      body: { languages: ["en", "<script>"] },
    });
    assert.deepEqual(
      [badLanguage.status, badLanguage.body],
      [
        422,
        {
          error: "Validation failed: Languages is invalid",
          details: { languages: [{ error: "ERR_INVALID", description: "is invalid" }] },
        },
      ],
    );
  });

  it("following yourself is 403, an unknown account 404, a blocked one 403", async () => {
    const self = await raw(sb, "POST", `/api/v1/accounts/${userId(sb, "alice")}/follow`, { user: "alice" });
    assert.deepEqual([self.status, self.body], [403, { error: "Following your own account is not allowed" }]);
    const unknown = await raw(sb, "POST", "/api/v1/accounts/12345/follow", { user: "alice" });
    assert.deepEqual([unknown.status, unknown.body], [404, { error: "Record not found" }]);
    await sb.client("bob").accountBlock(userId(sb, "alice"));
    const blocked = await raw(sb, "POST", `/api/v1/accounts/${userId(sb, "bob")}/follow`, { user: "alice" });
    assert.deepEqual([blocked.status, blocked.body], [403, { error: "This action is not allowed" }]);
    await assert.rejects(sb.client("alice").accountFollow(userId(sb, "alice")), MastodonAPIError);
    assert.equal(sb.context.state.follows.size, 0);
  });

  it("a locked account gets a follow request, which it can authorize", async () => {
    const alice = userId(sb, "alice");
    const bob = userId(sb, "bob");
    await sb.client("bob").accountUpdateCredentials({ locked: true });
    const requested = await sb.client("alice").accountFollow(bob);
    assert.deepEqual(requested, { id: bob, ...NOTHING, requested: true, showing_reblogs: true });
    assert.deepEqual(notificationsOf(sb, "bob"), [["follow_request", "alice"]]);
    assert.equal((await sb.client("bob").accountVerifyCredentials()).source?.follow_requests_count, 1);
    const seenByBob = await sb.client("bob").accountRelationships([alice]);
    assert.equal(seenByBob[0]?.requested_by, true);

    const requests = await raw(sb, "GET", "/api/v1/follow_requests", { user: "bob" });
    assert.deepEqual(
      (requests.body as { id: string }[]).map((a) => a.id),
      [alice],
    );
    const requestId = sb.context.state.followRequests.all()[0]?.id;
    assert.equal(
      requests.headers.get("link"),
      `<${sb.url}/api/v1/follow_requests?since_id=${requestId}>; rel="prev"`,
    );

    const authorized = await sb.client("bob").followRequestAuthorize(alice);
    assert.deepEqual(authorized, { id: alice, ...NOTHING, followed_by: true });
    assert.deepEqual(notificationsOf(sb, "bob"), [
      ["follow_request", "alice"],
      ["follow", "alice"],
    ]);
    const mine = await sb.client("alice").accountRelationships([bob]);
    assert.deepEqual([mine[0]?.following, mine[0]?.requested], [true, false]);
    assert.deepEqual(await sb.client("bob").followRequests(), []);
    // Nothing left to authorize.
    const again = await raw(sb, "POST", `/api/v1/follow_requests/${alice}/authorize`, { user: "bob" });
    assert.deepEqual([again.status, again.body], [404, { error: "Record not found" }]);
  });

  it("a follow request can be rejected or withdrawn", async () => {
    const alice = userId(sb, "alice");
    const bob = userId(sb, "bob");
    await sb.client("bob").accountUpdateCredentials({ locked: true });
    await sb.client("alice").accountFollow(bob);
    const rejected = await sb.client("bob").followRequestReject(alice);
    assert.deepEqual(rejected, { id: alice, ...NOTHING });
    assert.equal((await sb.client("alice").accountRelationships([bob]))[0]?.requested, false);
    await sb.client("alice").accountFollow(bob);
    const withdrawn = await sb.client("alice").accountUnfollow(bob);
    assert.deepEqual(withdrawn, { id: bob, ...NOTHING });
    assert.equal(sb.context.state.followRequests.size, 0);
    const unknown = await raw(sb, "POST", "/api/v1/follow_requests/999/reject", { user: "bob" });
    assert.equal(unknown.status, 404);
  });

  it("unfollow and remove_from_followers end a follow", async () => {
    const alice = userId(sb, "alice");
    const bob = userId(sb, "bob");
    await sb.client("alice").accountFollow(bob);
    assert.deepEqual(await sb.client("alice").accountUnfollow(bob), { id: bob, ...NOTHING });
    await sb.client("alice").accountFollow(bob);
    const removed = await sb.client("bob").accountRemoveFromFollowers(alice);
    assert.deepEqual(removed, { id: alice, ...NOTHING });
    assert.equal(sb.context.state.follows.size, 0);
  });

  it("a block ends follows and requests both ways; blocks are listed and paged by the block's id", async () => {
    const alice = userId(sb, "alice");
    const bob = userId(sb, "bob");
    await sb.client("alice").accountFollow(bob);
    await sb.client("bob").accountFollow(alice);
    const blocked = await raw(sb, "POST", `/api/v1/accounts/${bob}/block`, { user: "alice" });
    assert.deepEqual(blocked.body, { id: bob, ...NOTHING, blocking: true });
    assert.equal(sb.context.state.follows.size, 0);
    assert.equal((await sb.client("bob").accountRelationships([alice]))[0]?.blocked_by, true);
    await sb.client("alice").accountBlock(userId(sb, "carol"));
    const page = await raw(sb, "GET", "/api/v1/blocks?limit=1", { user: "alice" });
    const blocks = sb.context.state.blocks.lookup("account", alice);
    assert.deepEqual(
      (page.body as { username: string }[]).map((a) => a.username),
      ["carol"],
    );
    assert.equal(
      page.headers.get("link"),
      `<${sb.url}/api/v1/blocks?limit=1&max_id=${blocks[1]?.id}>; rel="next", <${sb.url}/api/v1/blocks?limit=1&since_id=${blocks[1]?.id}>; rel="prev"`,
    );
    assert.deepEqual(
      (await sb.client("alice").blocks()).map((a) => a.username),
      ["carol", "bob"],
    );
    assert.deepEqual(await sb.client("alice").accountUnblock(bob), { id: bob, ...NOTHING });
    assert.deepEqual(
      (await sb.client("alice").blocks()).map((a) => a.username),
      ["carol"],
    );
    const self = await raw(sb, "POST", `/api/v1/accounts/${alice}/block`, { user: "alice" });
    assert.deepEqual([self.status, self.body], [403, { error: "This action is not allowed" }]);
  });

  it("a mute hides notifications unless told not to, ends after its duration, and lists its end", async () => {
    const bob = userId(sb, "bob");
    const muted = await raw(sb, "POST", `/api/v1/accounts/${bob}/mute`, {
      user: "alice",
      body: { duration: 60 },
    });
    const expires = new Date(clock + 60_000).toISOString();
    assert.deepEqual(muted.body, {
      id: bob,
      ...NOTHING,
      muting: true,
      muting_notifications: true,
      muting_expires_at: expires,
    });
    const list = await raw(sb, "GET", "/api/v1/mutes", { user: "alice" });
    assert.deepEqual(
      (list.body as { username: string; mute_expires_at: string }[]).map((a) => [
        a.username,
        a.mute_expires_at,
      ]),
      [["bob", expires]],
    );
    // Bob's follow does not reach a muted alice.
    await sb.client("bob").accountFollow(userId(sb, "alice"));
    assert.deepEqual(notificationsOf(sb, "alice"), []);
    clock += 61_000;
    assert.deepEqual((await sb.client("alice").accountRelationships([bob]))[0]?.muting, false);
    assert.deepEqual(await sb.client("alice").mutes(), []);
    // Muting again, for ever and with notifications shown.
    const forever = await sb.client("alice").accountMute(bob, { notifications: false });
    assert.deepEqual(
      [forever.muting, forever.muting_notifications, forever.muting_expires_at],
      [true, false, null],
    );
    assert.equal(sb.context.state.mutes.size, 1);
    assert.deepEqual(await sb.client("alice").accountUnmute(bob), { id: bob, ...NOTHING, followed_by: true });
  });

  it("relationships for several ids: unknown ids left out, order kept", async () => {
    const ids = [userId(sb, "carol"), "4040", userId(sb, "bob")];
    const rels = await sb.client("alice").accountRelationships(ids);
    assert.deepEqual(
      rels.map((r) => r.id),
      [userId(sb, "carol"), userId(sb, "bob")],
    );
    const none = await raw(sb, "GET", "/api/v1/accounts/relationships", { user: "alice" });
    assert.deepEqual([none.status, none.body], [200, []]);
    const anonymous = await raw(sb, "GET", `/api/v1/accounts/relationships?id[]=${ids[0]}`);
    assert.equal(anonymous.status, 401);
  });

  it("private notes: set, replaced, cleared, and limited to 2000 characters", async () => {
    const bob = userId(sb, "bob");
    const alice = sb.client("alice");
    assert.equal(
      (await alice.accountNoteSet(bob, "top ebayer gerne wieder")).note,
      "top ebayer gerne wieder",
    );
    assert.equal((await alice.accountRelationships([bob]))[0]?.note, "top ebayer gerne wieder");
    assert.equal((await sb.client("carol").accountRelationships([bob]))[0]?.note, "");
    assert.equal((await alice.accountNoteSet(bob, "second")).note, "second");
    assert.equal((await alice.accountNoteSet(bob, "")).note, "");
    assert.equal(sb.context.state.accountNotes.size, 0);
    const long = await raw(sb, "POST", `/api/v1/accounts/${bob}/note`, {
      user: "alice",
      body: { comment: "x".repeat(2001) },
    });
    assert.deepEqual(
      [long.status, long.body],
      [
        422,
        {
          error: "Validation failed: Comment is too long (maximum is 2000 characters)",
          details: {
            comment: [{ error: "ERR_TOO_LONG", description: "is too long (maximum is 2000 characters)" }],
          },
        },
      ],
    );
  });

  it("endorsements need a follow, and are listed paged by account id", async () => {
    const bob = userId(sb, "bob");
    const notFollowing = await raw(sb, "POST", `/api/v1/accounts/${bob}/endorse`, { user: "alice" });
    assert.deepEqual(
      [notFollowing.status, notFollowing.body],
      [422, { error: "Validation failed: You must be already following the person you want to endorse" }],
    );
    await sb.client("alice").accountFollow(bob);
    assert.equal((await sb.client("alice").accountEndorse(bob)).endorsed, true);
    const list = await raw(sb, "GET", "/api/v1/endorsements", { user: "alice" });
    assert.deepEqual(
      (list.body as { id: string }[]).map((a) => a.id),
      [bob],
    );
    assert.equal(list.headers.get("link"), `<${sb.url}/api/v1/endorsements?since_id=${bob}>; rel="prev"`);
    assert.deepEqual(
      (await sb.client("carol").accountEndorsements(userId(sb, "alice"))).map((a) => a.id),
      [bob],
    );
    assert.equal((await sb.client("alice").accountUnendorse(bob)).endorsed, false);
    assert.deepEqual(await sb.client("alice").endorsements(), []);
    // The pre-4.4 names do the same.
    assert.equal((await sb.client("alice").accountPin(bob)).endorsed, true);
    assert.equal((await sb.client("alice").accountUnpin(bob)).endorsed, false);
  });

  it("familiar followers: the accounts I follow that follow them", async () => {
    const dave = userId(sb, "dave");
    await sb.client("alice").accountFollow(userId(sb, "bob"));
    await sb.client("bob").accountFollow(dave);
    await sb.client("carol").accountFollow(dave);
    const familiar = await sb.client("alice").accountFamiliarFollowers([dave, "777"]);
    assert.deepEqual(
      familiar.map((f) => [f.id, f.accounts.map((a) => a.username)]),
      [[dave, ["bob"]]],
    );
  });

  it("scopes: follow needs write:follows (or follow), blocks need read:blocks", async () => {
    const bob = userId(sb, "bob");
    const readOnly = tokenWithScopes(sb, "alice", ["read"]);
    const denied = await raw(sb, "POST", `/api/v1/accounts/${bob}/follow`, { token: readOnly });
    assert.deepEqual(
      [denied.status, denied.body],
      [403, { error: "This action is outside the authorized scopes" }],
    );
    const legacy = tokenWithScopes(sb, "alice", ["follow"]);
    assert.equal((await raw(sb, "POST", `/api/v1/accounts/${bob}/follow`, { token: legacy })).status, 200);
    assert.equal((await raw(sb, "GET", "/api/v1/blocks", { token: legacy })).status, 200);
    const granular = tokenWithScopes(sb, "alice", ["write:mutes"]);
    assert.equal((await raw(sb, "POST", `/api/v1/accounts/${bob}/mute`, { token: granular })).status, 200);
    assert.equal((await raw(sb, "POST", `/api/v1/accounts/${bob}/block`, { token: granular })).status, 403);
  });

  it("hostile input: wrong types and odd ids never crash or corrupt", async () => {
    const bob = userId(sb, "bob");
    const weird = await raw(sb, "POST", `/api/v1/accounts/${bob}/follow`, {
      user: "alice",
      body: { reblogs: { a: 1 }, notify: [1, 2], languages: "en" },
    });
    assert.deepEqual(weird.body, {
      id: bob,
      ...NOTHING,
      following: true,
      showing_reblogs: true,
      languages: ["en"],
    });
    const mute = await raw(sb, "POST", `/api/v1/accounts/${bob}/mute`, {
      user: "alice",
      body: { duration: "soon", notifications: "no" },
    });
    assert.equal(mute.status, 200);
    assert.equal((mute.body as { muting_expires_at: null }).muting_expires_at, null);
    const huge = await raw(sb, "POST", `/api/v1/accounts/${bob}/mute`, {
      user: "alice",
      body: { duration: "9".repeat(400) },
    });
    assert.equal(huge.status, 200);
    for (const path of [
      "/api/v1/accounts/%ZZ/follow",
      "/api/v1/accounts/'%20OR%201=1/block",
      `/api/v1/accounts/${"9".repeat(5000)}/mute`,
    ]) {
      const r = await raw(sb, "POST", path, { user: "alice" });
      assert.equal(r.status, 404, path);
    }
    const ids = Array.from({ length: 500 }, (_, i) => `id[]=${i}`).join("&");
    const many = await raw(sb, "GET", `/api/v1/accounts/relationships?${ids}`, { user: "alice" });
    assert.deepEqual([many.status, many.body], [200, []]);
    const list = await raw(sb, "GET", "/api/v1/mutes?limit=-5&max_id=abc", { user: "alice" });
    assert.equal(list.status, 200);
    assert.equal((await sb.client("alice").accountVerifyCredentials()).following_count, 1);
  });
});
