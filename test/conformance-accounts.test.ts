// Accounts-area scenarios replayed from real Mastodon 4.6.4 traffic (recorded with Mastodon.py's
// tests): following, blocking, muting, endorsing, notes, follow requests, profile updates with
// images, featured and followed tags, domain blocks and read markers.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { type Account, type Mastodon, MastodonUnprocessableEntityError, type Status } from "../src/index.js";
import { UploadedFile } from "./support/params.js";
import { conformanceTest, recordedPath } from "./support/recorded.js";
import { recordedClient as api, calls, RECORDED_TOKENS, replay } from "./support/recorded-client.js";
import type { ReplayServer } from "./support/replay-server.js";

const IMAGE = join(dirname(recordedPath()), "media", "image.jpg");
const TOKEN_2 = RECORDED_TOKENS.admin;

/** Which token each non-discovery request carried, in order. */
function tokens(server: ReplayServer): string[] {
  return calls(server).map((r) =>
    (r.authorization ?? "").replace(/^Bearer __MASTODON_PY_TEST_ACCESS_TOKEN/, "T"),
  );
}

/** The parameters the server saw for the first request to `path`. */
function paramsOf(server: ReplayServer, path: string): Record<string, unknown> {
  const request = server.requests.find((r) => r.path === path);
  assert.ok(request, `a request to ${path}`);
  return request.params;
}

conformanceTest("test_account_block_unblock", async (t) => {
  const server = await replay(t, "test_account_block_unblock");
  const other = await api(server.url, TOKEN_2).accountVerifyCredentials();
  const client = api(server.url);
  const blocked = await client.accountBlock(other);
  assert.equal(blocked.id, other.id);
  assert.equal(blocked.blocking, true);
  const unblocked = await client.accountUnblock(other.id);
  assert.equal(unblocked.blocking, false);
  assert.deepEqual(tokens(server), ["T_2", "T", "T"]);
  server.assertAllConsumed();
});

conformanceTest("test_account_follow_unfollow", async (t) => {
  const server = await replay(t, "test_account_follow_unfollow");
  const other = await api(server.url, TOKEN_2).accountVerifyCredentials();
  const client = api(server.url);
  const followed = await client.accountFollow(other);
  assert.equal(followed.following, true);
  assert.equal(followed.showing_reblogs, true);
  // Mastodon.py's defaults go on the wire: reblogs on, notify off.
  const sent = paramsOf(server, `/api/v1/accounts/${other.id}/follow`);
  assert.equal(sent.reblogs, true);
  assert.equal(sent.notify, false);
  const unfollowed = await client.accountUnfollow(other);
  assert.equal(unfollowed.following, false);
  server.assertAllConsumed();
});

conformanceTest("test_account_endorse_unendorse", async (t) => {
  const server = await replay(t, "test_account_endorse_unendorse");
  const other = await api(server.url, TOKEN_2).accountVerifyCredentials();
  const client = api(server.url);
  await client.accountFollow(other);
  // Unendorsing an account that is not endorsed is fine (the recording starts from a clean state).
  assert.equal((await client.accountUnendorse(other)).endorsed, false);
  assert.equal((await client.accountEndorse(other)).endorsed, true);
  const featured = await client.endorsements();
  assert.deepEqual(
    featured.map((a) => a.id),
    [other.id],
  );
  assert.equal((await client.accountUnendorse(other)).endorsed, false);
  assert.deepEqual(await client.endorsements(), []);
  await client.accountUnfollow(other);
  server.assertAllConsumed();
});

conformanceTest("test_account_notes", async (t) => {
  const server = await replay(t, "test_account_notes");
  const other = await api(server.url, TOKEN_2).accountVerifyCredentials();
  const relationship = await api(server.url).accountNoteSet(other, "top ebayer gerne wieder");
  assert.equal(relationship.note, "top ebayer gerne wieder");
  server.assertAllConsumed();
});

conformanceTest("test_account_remove_from_followers", async (t) => {
  const server = await replay(t, "test_account_remove_from_followers");
  const client = api(server.url);
  const client2 = api(server.url, TOKEN_2);
  await client.accountFollow(await client2.accountVerifyCredentials());
  const before = await client.accountRelationships((await client2.accountVerifyCredentials()).id);
  assert.equal(before.length, 1);
  assert.equal(before[0]?.following, true);
  const me = await client.accountVerifyCredentials();
  const removed = await client2.accountRemoveFromFollowers(me);
  assert.equal(removed.followed_by, false);
  const after = await client.accountRelationships([await client2.accountVerifyCredentials()]);
  assert.equal(after[0]?.following, false);
  assert.deepEqual(tokens(server), ["T_2", "T", "T_2", "T", "T", "T_2", "T_2", "T"]);
  server.assertAllConsumed();
});

conformanceTest(
  "test_account_update_credentials: name, bio, fields, attribution, avatar and header",
  async (t) => {
    const server = await replay(t, "test_account_update_credentials");
    const client = api(server.url);
    const account: Account = await client.accountUpdateCredentials({
      display_name: "John Lennon",
      note: "I walk funny",
      avatar: IMAGE,
      header: IMAGE,
      fields: [["bread", "toasty."], { name: "lasagna", value: "no!!!" }],
      attribution_domains: ["example.com", "another-example.com"],
    });
    assert.equal(account.display_name, "John Lennon");
    assert.equal(account.note, "<p>I walk funny</p>");
    assert.match(account.avatar, /\/system\/accounts\/avatars\//);
    const sent = paramsOf(server, "/api/v1/accounts/update_credentials");
    assert.ok(sent.avatar instanceof UploadedFile && sent.avatar.contentType === "image/jpeg");
    assert.ok(sent.header instanceof UploadedFile && sent.header.size === 53310);
    assert.deepEqual(sent.fields_attributes, [
      { name: "bread", value: "toasty." },
      { name: "lasagna", value: "no!!!" },
    ]);
    const noAvatar = await client.accountDeleteAvatar();
    assert.match(noAvatar.avatar, /missing\.png$/);
    const noHeader = await client.accountDeleteHeader();
    assert.match(noHeader.header, /missing\.png$/);
    server.assertAllConsumed();
  },
);

conformanceTest("test_account_update_credentials_no_header: the avatar as bytes", async (t) => {
  const server = await replay(t, "test_account_update_credentials_no_header");
  const { readFile } = await import("node:fs/promises");
  const account = await api(server.url).accountUpdateCredentials({
    display_name: "John Lennon",
    note: "I walk funny",
    avatar: await readFile(IMAGE),
  });
  assert.equal(account.display_name, "John Lennon");
  const sent = paramsOf(server, "/api/v1/accounts/update_credentials");
  assert.ok(sent.avatar instanceof UploadedFile);
  assert.match(sent.avatar.filename, /\.jpg$/, "a name with the detected type's extension");
  assert.equal(sent.header, undefined);
  server.assertAllConsumed();
});

conformanceTest("test_account_update_credentials_source_and_privacy", async (t) => {
  const server = await replay(t, "test_account_update_credentials_source_and_privacy");
  const account = await api(server.url).accountUpdateCredentials({
    hide_collections: true,
    indexable: true,
    default_privacy: "unlisted",
    default_sensitive: true,
    default_language: "en",
  });
  assert.equal(account.indexable, true);
  assert.equal(account.source?.privacy, "unlisted");
  assert.equal(account.source?.sensitive, true);
  assert.equal(account.source?.language, "en");
  const request = server.requests.find((r) => r.path === "/api/v1/accounts/update_credentials");
  assert.match(String(request?.headers["content-type"]), /^multipart\/form-data/);
  server.assertAllConsumed();
});

conformanceTest(
  "test_account_update_credentials_too_many_fields: the server's limit comes back as a 422",
  async (t) => {
    const server = await replay(t, "test_account_update_credentials_too_many_fields");
    const fields = [
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
      ["g", "h"],
      ["i", "j"],
    ] as const;
    await assert.rejects(api(server.url).accountUpdateCredentials({ fields }), (error: unknown) => {
      assert.ok(error instanceof MastodonUnprocessableEntityError);
      assert.equal(error.status, 422);
      assert.ok(error.details && typeof error.details === "object" && "fields" in error.details);
      return true;
    });
    server.assertAllConsumed();
  },
);

for (const [name, read] of [
  ["test_blocks", (c: Mastodon) => c.blocks()],
  ["test_mutes", (c: Mastodon) => c.mutes()],
  ["test_domain_blocks", (c: Mastodon) => c.domainBlocks()],
] as const) {
  conformanceTest(`${name}: an empty list`, async (t) => {
    const server = await replay(t, name);
    assert.deepEqual(await read(api(server.url)), []);
    server.assertAllConsumed();
  });
}

conformanceTest("test_featured_tags", async (t) => {
  const server = await replay(t, "test_featured_tags");
  const client = api(server.url);
  const ringtones = await client.featuredTagCreate("ringtones");
  assert.equal(ringtones.name, "ringtones");
  // The server drops the "#" of the older endpoint itself.
  const coolfree = await client.featuredTagCreate("#coolfree");
  assert.equal(coolfree.name, "coolfree");
  assert.deepEqual(await client.featuredTagDelete(ringtones), {});
  const me = await client.accountVerifyCredentials();
  const featured = await client.accountFeaturedTags(me);
  assert.deepEqual(
    featured.map((tag) => tag.name),
    ["coolfree"],
  );
  await client.featuredTagDelete(coolfree.id);
  server.assertAllConsumed();
});

for (const action of ["authorize", "reject"] as const) {
  conformanceTest(`test_follow_request_${action}`, async (t) => {
    const server = await replay(t, `test_follow_request_${action}`);
    const client = api(server.url);
    const client2 = api(server.url, TOKEN_2);
    const me = await client.accountVerifyCredentials();
    const pending = await client2.accountFollow(me);
    assert.equal(pending.requested, true, "a locked account: the follow is a request");
    const requests = await client.followRequests();
    assert.equal(requests.length, 1);
    const requester = requests[0] as Account;
    if (action === "authorize") {
      assert.equal((await client.followRequestAuthorize(requester)).followed_by, true);
      await client2.accountUnfollow(me);
    } else {
      assert.equal((await client.followRequestReject(requester.id)).followed_by, false);
    }
    server.assertAllConsumed();
  });
}

conformanceTest("test_followed_hashtags", async (t) => {
  const server = await replay(t, "test_followed_hashtags");
  const client = api(server.url);
  await client.tagUnfollow("heeho");
  assert.deepEqual(await client.followedTags(), []);
  const followed = await client.tagFollow("heeho");
  assert.equal(followed.following, true);
  const list = await client.followedTags();
  assert.deepEqual(
    list.map((tag) => tag.name),
    ["heeho"],
  );
  // A Tag entity works too (by its name).
  const unfollowed = await client.tagUnfollow(followed);
  assert.equal(unfollowed.following, false);
  const tag = await client.tag("heeho");
  assert.equal(tag.name, "heeho");
  server.assertAllConsumed();
});

conformanceTest("test_markers", async (t) => {
  const server = await replay(t, "test_markers");
  const client = api(server.url);
  const status = (await client.statusPost("Toot!")) as Status;
  const saved = await client.markersSet("home", status);
  assert.equal(saved.home?.last_read_id, status.id);
  assert.deepEqual(paramsOf(server, "/api/v1/markers"), { home: { last_read_id: status.id } });
  const markers = await client.markersGet();
  assert.equal(markers.home?.last_read_id, status.id);
  assert.equal(markers.notifications, undefined);
  await client.statusDelete(status);
  server.assertAllConsumed();
});
