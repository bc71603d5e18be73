// The accounts area against a scripted server: routes and parameters as sent, pages, the v1/v2
// suggestion switch, profile updates as multipart, and every bad input refused before a request.
import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import {
  Mastodon,
  MastodonFileNotFoundError,
  MastodonNotFoundError,
  MastodonVersionError,
} from "../src/index.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";
import { UploadedFile } from "./support/params.js";
import { expectRefusals } from "./support/refusals.js";

type Answer = { status?: number; body: unknown; headers?: Record<string, string> };
type Route = Answer | ((req: ParsedRequest, url: string) => Answer);

const account = (id: string, acct = `user${id}`) => ({
  id,
  username: acct,
  acct,
  display_name: "",
  note: "",
});
const relationship = (id: string, extra: object = {}) => ({ id, following: false, ...extra });

/**
 * A server that answers scripted "METHOD /path" routes; anything else gets `{}` (or `[]` for a GET),
 * so that tests can look at what was sent.
 */
async function scripted(t: TestContext, routes: Record<string, Route> = {}, options: object = {}) {
  const server = await startServer((req, res) => {
    const route = routes[`${req.method} ${req.path}`];
    const answer = typeof route === "function" ? route(req, server.url) : route;
    if (answer) json(res, answer.status ?? 200, answer.body, answer.headers);
    else json(res, 200, req.method === "GET" ? [] : {});
  });
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "tok",
    mastodon_version: "4.5.0",
    ...options,
  });
  return { server, api };
}

function only(server: { requests: ParsedRequest[] }): ParsedRequest {
  assert.equal(server.requests.length, 1, "one request");
  return server.requests[0] as ParsedRequest;
}

// A 1x1 PNG, small enough to inline.
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

test("reading accounts: by id, several ids, lookup, search, lists, featured tags", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/accounts/1": { body: account("1") },
    "GET /api/v1/accounts": { body: [account("1"), account("2")] },
    "GET /api/v1/accounts/lookup": { body: account("3", "gargron") },
  });
  assert.equal((await api.account({ id: "1" })).id, "1");
  assert.equal((await api.accounts(["1", { id: 2 }])).length, 2);
  assert.equal((await api.accountLookup("gargron@mastodon.social")).acct, "gargron");
  await api.accountSearch("garg", { limit: 5, following: true, offset: 10 });
  await api.accountSearch("garg");
  await api.accountLists(account("4"));
  await api.accountFeaturedTags("5");
  const seen = server.requests.map((r) => [r.method, r.path, r.params]);
  assert.deepEqual(seen, [
    ["GET", "/api/v1/accounts/1", {}],
    ["GET", "/api/v1/accounts", { id: ["1", "2"] }],
    ["GET", "/api/v1/accounts/lookup", { acct: "gargron@mastodon.social" }],
    [
      "GET",
      "/api/v1/accounts/search",
      { q: "garg", limit: "5", offset: "10", following: "true", resolve: "false" },
    ],
    ["GET", "/api/v1/accounts/search", { q: "garg", resolve: "false" }],
    ["GET", "/api/v1/accounts/4/lists", {}],
    ["GET", "/api/v1/accounts/5/featured_tags", {}],
  ]);
});

test("account statuses: flags only when set, tagged, and the next page keeps the filters", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/accounts/7/statuses": (req, url) =>
      req.params.max_id === undefined
        ? {
            body: [{ id: "30" }, { id: "20" }],
            // Mastodon's Link leaves `tagged` out; the client must keep it.
            headers: { link: `<${url}/api/v1/accounts/7/statuses?max_id=20&only_media=true>; rel="next"` },
          }
        : { body: [{ id: "10" }] },
  });
  const page = await api.accountStatuses("7", { only_media: true, pinned: false, tagged: "cats", limit: 2 });
  assert.deepEqual(server.requests[0]?.params, { only_media: "true", tagged: "cats", limit: "2" });
  const next = await api.fetchNext(page);
  assert.deepEqual(
    next?.map((s) => s.id),
    ["10"],
  );
  assert.equal(server.requests[1]?.params.tagged, "cats");
  assert.equal(server.requests[1]?.params.max_id, "20");
});

test("paged lists: routes, cursors from ids, entities and dates", async (t) => {
  const { server, api } = await scripted(t);
  const when = new Date("2024-01-01T00:00:00Z");
  await api.accountFollowers("1", { limit: 40 });
  await api.accountFollowing({ id: "1" }, { max_id: { id: "99" } });
  await api.mutes({ since_id: "5" });
  await api.blocks({ min_id: when });
  await api.followRequests();
  await api.domainBlocks({ limit: 1 });
  await api.favourites();
  await api.bookmarks({ max_id: "8" });
  await api.followedTags();
  await api.endorsements();
  await api.accountEndorsements("1", { limit: 3 });
  const seen = server.requests.map((r) => `${r.path} ${new URLSearchParams(r.query).toString()}`);
  assert.deepEqual(seen, [
    "/api/v1/accounts/1/followers limit=40",
    "/api/v1/accounts/1/following max_id=99",
    "/api/v1/mutes since_id=5",
    // Dates become the snowflake id of that moment, as in Mastodon.py.
    `/api/v1/blocks min_id=${BigInt(when.getTime()) << 16n}`,
    "/api/v1/follow_requests ",
    "/api/v1/domain_blocks limit=1",
    "/api/v1/favourites ",
    "/api/v1/bookmarks max_id=8",
    "/api/v1/followed_tags ",
    "/api/v1/endorsements ",
    "/api/v1/accounts/1/endorsements limit=3",
  ]);
});

test("relationships and familiar followers take one id or a list; with_suspended", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/accounts/relationships": { body: [relationship("1"), relationship("2")] },
  });
  await api.accountRelationships("1");
  await api.accountRelationships([{ id: "1" }, "2"], { with_suspended: true });
  await api.accountFamiliarFollowers(["1", "2"]);
  assert.deepEqual(
    server.requests.map((r) => new URLSearchParams(r.query).toString()),
    ["id%5B%5D=1", "id%5B%5D=1&id%5B%5D=2&with_suspended=true", "id%5B%5D=1&id%5B%5D=2"],
  );
});

test("follow, mute, note, unfollow, block, endorse: routes and bodies", async (t) => {
  const { server, api } = await scripted(t);
  await api.accountFollow("1", { reblogs: false, notify: true, languages: ["en", "de"] });
  await api.accountMute("1");
  await api.accountMute("1", { notifications: false, duration: 3600 });
  await api.accountNoteSet("1", "");
  await api.accountUnmute("1");
  await api.accountUnfollow("1");
  await api.accountRemoveFromFollowers("1");
  await api.accountBlock("1");
  await api.accountUnblock("1");
  await api.accountPin("1");
  await api.accountUnpin("1");
  await api.accountEndorse("1");
  await api.accountUnendorse("1");
  await api.followRequestAuthorize("2");
  await api.followRequestReject("2");
  await api.suggestionDelete({ id: "3" });
  const seen = server.requests.map((r) => [r.method, r.path, r.params]);
  assert.deepEqual(seen, [
    ["POST", "/api/v1/accounts/1/follow", { reblogs: false, notify: true, languages: ["en", "de"] }],
    ["POST", "/api/v1/accounts/1/mute", { notifications: true }],
    ["POST", "/api/v1/accounts/1/mute", { notifications: false, duration: 3600 }],
    ["POST", "/api/v1/accounts/1/note", { comment: "" }],
    ["POST", "/api/v1/accounts/1/unmute", {}],
    ["POST", "/api/v1/accounts/1/unfollow", {}],
    ["POST", "/api/v1/accounts/1/remove_from_followers", {}],
    ["POST", "/api/v1/accounts/1/block", {}],
    ["POST", "/api/v1/accounts/1/unblock", {}],
    ["POST", "/api/v1/accounts/1/pin", {}],
    ["POST", "/api/v1/accounts/1/unpin", {}],
    ["POST", "/api/v1/accounts/1/endorse", {}],
    ["POST", "/api/v1/accounts/1/unendorse", {}],
    ["POST", "/api/v1/follow_requests/2/authorize", {}],
    ["POST", "/api/v1/follow_requests/2/reject", {}],
    ["DELETE", "/api/v1/suggestions/3", {}],
  ]);
});

test("follows(): the first search hit is followed; nobody found is a MastodonNotFoundError", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/accounts/search": (req) => ({
      body: req.params.q === "nobody@example.com" ? [] : [account("9")],
    }),
    "POST /api/v1/accounts/9/follow": { body: relationship("9", { following: true }) },
  });
  assert.equal((await api.follows("someone@example.com")).following, true);
  assert.deepEqual(server.requests[1]?.params, { reblogs: true, notify: false });
  await assert.rejects(api.follows("nobody@example.com"), MastodonNotFoundError);
});

test("suggestions: v2 unpacked to accounts on 3.4+, v1 before; v1 and v2 directly", async (t) => {
  const routes = {
    "GET /api/v2/suggestions": { body: [{ source: "staff", sources: ["featured"], account: account("1") }] },
    "GET /api/v1/suggestions": { body: [account("2")] },
  };
  const { server, api } = await scripted(t, routes);
  assert.deepEqual(
    (await api.suggestions({ limit: 5 })).map((a) => a.id),
    ["1"],
  );
  assert.equal((await api.suggestionsV2())[0]?.sources[0], "featured");
  assert.equal((await api.suggestionsV1())[0]?.id, "2");
  assert.deepEqual(
    server.requests.map((r) => `${r.path}?${new URLSearchParams(r.query)}`),
    ["/api/v2/suggestions?limit=5", "/api/v2/suggestions?", "/api/v1/suggestions?"],
  );
  const old = await scripted(t, routes, { mastodon_version: "3.0.0" });
  assert.deepEqual(
    (await old.api.suggestions()).map((a) => a.id),
    ["2"],
  );
});

test("tags: follow, unfollow, get, feature by name or Tag; featured tags", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/tags/caf%C3%A9": { body: { id: "", name: "café", url: "", history: [] } },
  });
  const tag = await api.tag("café");
  await api.tagFollow(tag);
  await api.tagUnfollow("cats");
  await api.tagFeature({ name: "cats" });
  await api.tagUnfeature("cats");
  await api.featuredTags();
  await api.featuredTagSuggestions();
  await api.featuredTagCreate("dogs");
  await api.featuredTagDelete({ id: "4" });
  const seen = server.requests.map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(seen, [
    "GET /api/v1/tags/caf%C3%A9",
    "POST /api/v1/tags/caf%C3%A9/follow",
    "POST /api/v1/tags/cats/unfollow",
    "POST /api/v1/tags/cats/feature",
    "POST /api/v1/tags/cats/unfeature",
    "GET /api/v1/featured_tags",
    "GET /api/v1/featured_tags/suggestions",
    "POST /api/v1/featured_tags",
    "DELETE /api/v1/featured_tags/4",
  ]);
  assert.deepEqual(server.requests[7]?.params, { name: "dogs" });
});

test("markers: both timelines, one id per timeline", async (t) => {
  const { server, api } = await scripted(t, { "GET /api/v1/markers": { body: {} } });
  await api.markersGet({ timeline: ["home", "notifications"] });
  await api.markersGet({ timeline: "notifications" });
  await api.markersSet(["home", "notifications"], [{ id: "10" }, "20"]);
  assert.deepEqual(server.requests[0]?.params, { timeline: ["home", "notifications"] });
  assert.deepEqual(server.requests[1]?.params, { timeline: ["notifications"] });
  assert.deepEqual(JSON.parse(server.requests[2]?.rawBody.toString() ?? ""), {
    home: { last_read_id: "10" },
    notifications: { last_read_id: "20" },
  });
});

test("domain blocks: block the bare domain, unblock and preview reduce a URL to its host", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/domain_blocks/preview": { body: { following_count: 2, followers_count: 3 } },
  });
  assert.deepEqual(await api.domainBlock("spam.example"), {});
  await api.domainUnblock("https://spam.example/about");
  const preview = await api.domainBlockPreview("spam.example");
  assert.equal(preview.followers_count, 3);
  const seen = server.requests.map((r) => [r.method, r.path, r.params]);
  assert.deepEqual(seen, [
    ["POST", "/api/v1/domain_blocks", { domain: "spam.example" }],
    ["DELETE", "/api/v1/domain_blocks", { domain: "spam.example" }],
    ["GET", "/api/v1/domain_blocks/preview", { domain: "spam.example" }],
  ]);
});

test("preferences, directory, profile image removal", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/preferences": { body: { "posting:default:visibility": "unlisted" } },
  });
  assert.equal((await api.preferences())["posting:default:visibility"], "unlisted");
  await api.directory({ order: "new", local: true, offset: 0, limit: 10 });
  await api.accountDeleteAvatar();
  await api.accountDeleteHeader();
  const seen = server.requests.map((r) => [r.method, r.path, r.params]);
  assert.deepEqual(seen, [
    ["GET", "/api/v1/preferences", {}],
    ["GET", "/api/v1/directory", { offset: "0", limit: "10", order: "new", local: "true" }],
    ["DELETE", "/api/v1/profile/avatar", {}],
    ["DELETE", "/api/v1/profile/header", {}],
  ]);
});

test("accountUpdateCredentials: multipart with image parts, fields, domains and source[...]", async (t) => {
  const { server, api } = await scripted(t, {
    "PATCH /api/v1/accounts/update_credentials": { body: account("1") },
  });
  await api.accountUpdateCredentials({
    display_name: "",
    avatar: new Blob([PNG]),
    header: PNG,
    header_mime_type: "image/png",
    locked: false,
    bot: true,
    fields: [["pronouns", "they/them"]],
    attribution_domains: ["example.com"],
    default_privacy: "private",
    default_quote_policy: "nobody",
    default_sensitive: false,
  });
  const req = only(server);
  assert.match(String(req.headers["content-type"]), /^multipart\/form-data/);
  const { avatar, header, ...rest } = req.params;
  assert.ok(avatar instanceof UploadedFile && avatar.contentType === "image/png");
  assert.match((avatar as UploadedFile).filename, /\.png$/);
  assert.ok(header instanceof UploadedFile && header.size === PNG.length);
  assert.deepEqual(rest, {
    display_name: "",
    locked: "false",
    bot: "true",
    fields_attributes: [{ name: "pronouns", value: "they/them" }],
    attribution_domains: ["example.com"],
    source: { privacy: "private", sensitive: "false", quote_policy: "nobody" },
  });
});

test("profile API (4.6): read and update with the tab switches", async (t) => {
  const profile = {
    id: "1",
    display_name: "Me",
    note: "raw *bio*",
    fields: [],
    avatar: null,
    show_media: true,
  };
  const { server, api } = await scripted(
    t,
    {
      "GET /api/v1/profile": { body: profile },
      "PATCH /api/v1/profile": { body: { ...profile, show_media: false } },
    },
    { mastodon_version: "4.6.0" },
  );
  assert.equal((await api.profile()).note, "raw *bio*");
  const updated = await api.profileUpdate({ show_media: false, avatar_description: "a cat", note: "hi" });
  assert.equal(updated.show_media, false);
  assert.match(String(server.requests[1]?.headers["content-type"]), /^multipart\/form-data/);
  assert.deepEqual(server.requests[1]?.params, {
    show_media: "false",
    avatar_description: "a cat",
    note: "hi",
  });
});

test("version checks: a 4.4 method on a 4.0 server is refused when checks are on", async (t) => {
  const { server, api } = await scripted(t, {}, { mastodon_version: "4.0.0", version_check_mode: "created" });
  await assert.rejects(api.accountEndorse("1"), MastodonVersionError);
  await assert.rejects(api.tagFeature("cats"), MastodonVersionError);
  await assert.rejects(api.profile(), MastodonVersionError);
  assert.equal(server.requests.length, 0);
});

test("bad inputs are refused before any request, naming the method and parameter", async (t) => {
  const { server, api } = await scripted(t);
  const call = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await expectRefusals(server, [
    [() => call.account!(), /account\(\).*id/],
    [() => api.accounts([]), /accounts\(\) needs ids as a non-empty list/],
    [() => call.accounts!("1"), /accounts\(\) needs ids/],
    [() => api.accountLookup(""), /accountLookup\(\) needs acct/],
    [() => api.accountSearch("  "), /accountSearch\(\) needs q/],
    [
      () => api.accountSearch("x", { limit: 0 }),
      /accountSearch\(\): limit must be a whole number of at least 1/,
    ],
    [
      () => call.accountSearch!("x", { following: "yes" }),
      /accountSearch\(\): following must be true or false/,
    ],
    [
      () => api.accountStatuses("1", { tagged: "#cats" }),
      /accountStatuses\(\): give tagged without its leading "#"/,
    ],
    [
      () => call.accountStatuses!("1", { only_media: 1 }),
      /accountStatuses\(\): only_media must be true or false/,
    ],
    [() => api.accountFollowers("1", { limit: 2.5 }), /accountFollowers\(\): limit/],
    [() => api.mutes({ max_id: new Date("nope") }), /mutes\(\): max_id is an invalid Date/],
    [() => call.blocks!("10"), /blocks\(\): the last argument must be an options object/],
    [
      () => api.accountRelationships([]),
      /accountRelationships\(\): id must be an account id or a non-empty list/,
    ],
    [() => call.accountRelationships!([{}]), /accountRelationships\(\): id must be an id/],
    [() => call.accountFamiliarFollowers!(null), /accountFamiliarFollowers\(\)/],
    [() => call.accountFollow!("1", { reblogs: "no" }), /accountFollow\(\): reblogs must be true or false/],
    [
      () => api.accountFollow("1", { languages: ["English"] }),
      /accountFollow\(\): each item of languages must be a language code/,
    ],
    [() => call.accountFollow!("1", { languages: "en, de" }), /accountFollow\(\): each item of languages/],
    [() => api.follows(""), /follows\(\) needs uri/],
    [
      () => api.accountMute("1", { duration: -1 }),
      /accountMute\(\): duration must be a whole number of at least 0/,
    ],
    [() => call.accountNoteSet!("1"), /accountNoteSet\(\) needs comment as a string/],
    [() => call.accountBlock!(undefined), /id/],
    [() => api.domainBlock("https://spam.example"), /domainBlock\(\): domain must be a bare domain/],
    [() => api.domainUnblock(""), /domainUnblock\(\) needs domain/],
    [() => api.tagFollow("#cats"), /tagFollow\(\): give hashtag without its leading "#"/],
    [() => call.tag!({}), /tag\(\) needs hashtag/],
    [() => api.tagFeature("#cats"), /tagFeature\(\): give name without its leading "#"/],
    [() => api.featuredTagCreate(""), /featuredTagCreate\(\) needs name/],
    [
      () => call.markersGet!({ timeline: "public" }),
      /markersGet\(\): timeline must be one of "home", "notifications"; got "public"/,
    ],
    [() => api.markersGet({ timeline: [] }), /markersGet\(\): timeline must name at least one timeline/],
    [
      () => call.markersSet!("home", ["1", "2"]),
      /markersSet\(\): give one last_read_id per timeline; got 1 timeline\(s\) and 2 id\(s\)/,
    ],
    [
      () => call.markersSet!(["home", "home"], ["1", "2"]),
      /markersSet\(\): each timeline may be given only once/,
    ],
    [
      () => call.markersSet!("local", "1"),
      /markersSet\(\): timelines must be one of "home", "notifications"/,
    ],
    [
      () => call.directory!({ order: "popular" }),
      /directory\(\): order must be one of "active", "new"; got "popular"/,
    ],
    [() => api.directory({ offset: -1 }), /directory\(\): offset must be a whole number of at least 0/],
    [() => api.suggestions({ limit: 0 }), /suggestions\(\): limit must be a whole number/],
    [
      () => call.accountUpdateCredentials!({ default_privacy: "direct" }),
      /accountUpdateCredentials\(\): default_privacy must be one of "public", "unlisted", "private"; got "direct"/,
    ],
    [
      () => call.accountUpdateCredentials!({ default_quote_policy: "everyone" }),
      /default_quote_policy must be one of "public", "followers", "nobody"/,
    ],
    [
      () => call.accountUpdateCredentials!({ note: 5 }),
      /accountUpdateCredentials\(\): note must be a string/,
    ],
    [
      () => call.accountUpdateCredentials!({ bot: "true" }),
      /accountUpdateCredentials\(\): bot must be true or false/,
    ],
    [
      () => call.accountUpdateCredentials!({ fields: [["a"]] }),
      /accountUpdateCredentials\(\): fields\[0\] must be a \[name, value\] pair/,
    ],
    [
      () => call.accountUpdateCredentials!({ fields: "a=b" }),
      /accountUpdateCredentials\(\): fields must be a list/,
    ],
    [
      () => api.accountUpdateCredentials({ attribution_domains: ["https://example.com"] }),
      /attribution_domains must be a domain/,
    ],
    [
      () => api.accountUpdateCredentials({ avatar: new TextEncoder().encode("just some text") }),
      /accountUpdateCredentials: avatar/,
    ],
    [
      () => api.accountUpdateCredentials({ avatar: PNG, avatar_mime_type: "video/mp4" }),
      /avatar: mime_type says video\/mp4/,
    ],
    [() => call.profileUpdate!({ show_media: "no" }), /profileUpdate\(\): show_media must be true or false/],
  ]);
  // A missing image file is its own error, also before anything is sent.
  await assert.rejects(
    api.accountUpdateCredentials({ header: "/nonexistent/header.png" }),
    (error: unknown) => {
      assert.ok(error instanceof MastodonFileNotFoundError);
      assert.match(error.message, /accountUpdateCredentials: header: there is no file/);
      return true;
    },
  );
  assert.equal(server.requests.length, 0);
});

test("domain blocks are pages of strings that fetchNext and paginationIterator follow", async (t) => {
  const { server, api } = await scripted(t, {
    "GET /api/v1/domain_blocks": (req, url) =>
      req.params.max_id === undefined
        ? {
            body: ["a.example", "b.example"],
            headers: { link: `<${url}/api/v1/domain_blocks?max_id=2>; rel="next"` },
          }
        : { body: ["c.example"] },
  });
  const first = await api.domainBlocks({ limit: 2 });
  assert.deepEqual(await api.fetchNext(first), ["c.example"]);
  const all: string[] = [];
  for await (const domain of api.paginationIterator(await api.domainBlocks({ limit: 2 }))) all.push(domain);
  assert.deepEqual(all, ["a.example", "b.example", "c.example"]);
  assert.equal(server.requests[1]?.params.limit, "2", "the next page keeps the page size");
});
