// The statuses area against a scripted server: every route and its parameters, statusReply's
// mentions, edits with media attributes, polls, reports, server time, and every refused input
// (refused before any request is sent).
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { test } from "node:test";
import {
  Mastodon,
  MastodonAPIError,
  MastodonIllegalArgumentError,
  type MastodonOptions,
  MastodonVersionError,
  type Status,
} from "../src/index.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";
import { expectRefused } from "./support/refusals.js";

type Handler = (req: ParsedRequest, res: ServerResponse) => void;

const ME = { id: "100", acct: "me", username: "me" };
const ALICE = { id: "1", acct: "alice", username: "alice" };
const BOB = { id: "2", acct: "bob@remote.example", username: "bob" };
const CAROL = { id: "3", acct: "carol", username: "carol" };

function status(extra: Record<string, unknown> = {}): Status {
  return {
    id: "50",
    account: ALICE,
    mentions: [],
    visibility: "public",
    spoiler_text: "",
    content: "<p>hi</p>",
    reblog: null,
    ...extra,
  } as unknown as Status;
}

/** Echoes what it was asked, so tests can look at both the request and the result. */
const echo: Handler = (req, res) => {
  if (req.path === "/api/v1/accounts/verify_credentials") return json(res, 200, ME);
  if (req.method === "GET" && /^\/api\/v1\/statuses\/\d+$/.test(req.path)) return json(res, 200, status());
  json(res, 200, { id: "9", method: req.method, path: req.path, params: req.params });
};

async function setup(
  t: { after(fn: () => unknown): void },
  handler: Handler = echo,
  options: Partial<MastodonOptions> = {},
): Promise<{ server: TestServer; api: Mastodon }> {
  const server = await startServer(handler);
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "token-statuses",
    mastodon_version: "4.5.0",
    ...options,
  });
  return { server, api };
}

/** The one non-discovery request a call made. */
function only(server: TestServer): ParsedRequest {
  const calls = server.requests.filter((r) => !r.path.startsWith("/api/v1/instance"));
  assert.equal(calls.length, 1, `one request; got ${calls.map((r) => `${r.method} ${r.path}`).join(", ")}`);
  return calls[0] as ParsedRequest;
}

test("table routes: method, path and parameters", async (t) => {
  const { server, api } = await setup(t);
  const s = { id: "42" };
  const cases: [() => Promise<unknown>, string, Record<string, unknown>?][] = [
    [() => api.status(s), "GET /api/v1/statuses/42"],
    [() => api.statusContext(s), "GET /api/v1/statuses/42/context"],
    [() => api.statusRebloggedBy("42"), "GET /api/v1/statuses/42/reblogged_by"],
    [() => api.statusFavouritedBy(42), "GET /api/v1/statuses/42/favourited_by"],
    [() => api.statusHistory(s), "GET /api/v1/statuses/42/history"],
    [() => api.statusSource(s), "GET /api/v1/statuses/42/source"],
    [() => api.statusTranslate(s, { lang: "de" }), "POST /api/v1/statuses/42/translate", { lang: "de" }],
    [
      () => api.statusDelete(s, { delete_media: true }),
      "DELETE /api/v1/statuses/42",
      { delete_media: "true" },
    ],
    [() => api.statusUnreblog(s), "POST /api/v1/statuses/42/unreblog"],
    [() => api.statusFavourite(s), "POST /api/v1/statuses/42/favourite"],
    [() => api.statusUnfavourite(s), "POST /api/v1/statuses/42/unfavourite"],
    [() => api.statusMute(s), "POST /api/v1/statuses/42/mute"],
    [() => api.statusUnmute(s), "POST /api/v1/statuses/42/unmute"],
    [() => api.statusPin(s), "POST /api/v1/statuses/42/pin"],
    [() => api.statusUnpin(s), "POST /api/v1/statuses/42/unpin"],
    [() => api.statusBookmark(s), "POST /api/v1/statuses/42/bookmark"],
    [() => api.statusUnbookmark(s), "POST /api/v1/statuses/42/unbookmark"],
    [() => api.statusReblog(s), "POST /api/v1/statuses/42/reblog"],
    [
      () => api.statusQuotes(s, { limit: 5, max_id: "99" }),
      "GET /api/v1/statuses/42/quotes",
      { limit: "5", max_id: "99" },
    ],
    [() => api.statusQuoteRevoke(s, { id: "43" }), "POST /api/v1/statuses/42/quotes/43/revoke"],
    [
      () => api.statusUpdateQuoteApprovalPolicy(s, "nobody"),
      "PUT /api/v1/statuses/42/interaction_policy",
      { quote_approval_policy: "nobody" },
    ],
    [() => api.scheduledStatuses({ limit: 2 }), "GET /api/v1/scheduled_statuses", { limit: "2" }],
    [() => api.scheduledStatus(s), "GET /api/v1/scheduled_statuses/42"],
    [() => api.scheduledStatusDelete(s), "DELETE /api/v1/scheduled_statuses/42"],
    [
      () => api.scheduledStatusUpdate(s, new Date(Date.UTC(3000, 0, 1, 12))),
      "PUT /api/v1/scheduled_statuses/42",
      { scheduled_at: "3000-01-01T12:00:00.000Z" },
    ],
    [() => api.poll(s), "GET /api/v1/polls/42"],
    [() => api.conversations({ since_id: "7" }), "GET /api/v1/conversations", { since_id: "7" }],
    [() => api.conversationsRead(s), "POST /api/v1/conversations/42/read"],
    [() => api.conversationsUnread(s), "POST /api/v1/conversations/42/unread"],
    [() => api.conversationsDelete(s), "DELETE /api/v1/conversations/42"],
    [() => api.statuses(["1", { id: "2" }]), "GET /api/v1/statuses", { id: ["1", "2"] }],
  ];
  for (const [call, route, params] of cases) {
    server.requests.length = 0;
    await call();
    const request = only(server);
    assert.equal(`${request.method} ${request.path}`, route);
    const sent = { ...request.params };
    for (const [key, value] of Object.entries(params ?? {})) {
      assert.deepEqual(
        sent[key],
        typeof value === "string" && typeof sent[key] === "number" ? Number(value) : value,
        `${route}: ${key}`,
      );
    }
    if (params === undefined) assert.deepEqual(sent, {}, `${route} sends no parameters`);
    assert.equal(request.headers.authorization, "Bearer token-statuses");
  }
});

test("statusContext remembers the async refresh hint of a thread still being fetched", async (t) => {
  const { server, api } = await setup(t, (_req, res) =>
    json(res, 200, { ancestors: [], descendants: [] }, { "mastodon-async-refresh": 'id="ctx-1", retry=2' }),
  );
  const context = await api.statusContext({ id: "42" });
  assert.deepEqual(context, { ancestors: [], descendants: [] });
  assert.equal(only(server).path, "/api/v1/statuses/42/context");
  const info = api.getAsyncRefreshInfo(context);
  assert.equal(info?.[0].id, "ctx-1");
  assert.equal(info?.[1], 2);
});

test("statusCard reads the card of the status on Mastodon 3.0+, and asks the old endpoint before", async (t) => {
  const card = { url: "https://example.com", title: "Example" };
  const handler: Handler = (req, res) =>
    req.path.endsWith("/card") ? json(res, 200, card) : json(res, 200, status({ id: "5", card }));
  const { server, api } = await setup(t, handler);
  assert.deepEqual(await api.statusCard({ id: "5" }), card);
  assert.equal(only(server).path, "/api/v1/statuses/5");

  const old = await setup(t, handler, { mastodon_version: "2.9.0" });
  assert.deepEqual(await old.api.statusCard("5"), card);
  assert.equal(only(old.server).path, "/api/v1/statuses/5/card");

  const none = await setup(t, (_req, res) => json(res, 200, status({ card: null })));
  assert.equal(await none.api.statusCard("5"), null);
});

test("statusReply mentions the author and the others (not you), keeps visibility and warning", async (t) => {
  const { server, api } = await setup(t);
  const target = status({
    id: "77",
    account: ALICE,
    mentions: [ME, BOB, ALICE, CAROL],
    visibility: "unlisted",
    spoiler_text: "cw",
  });
  await api.statusReply(target, "hello");
  const post = server.requests.find((r) => r.method === "POST");
  assert.deepEqual(post?.params, {
    status: "@alice @bob@remote.example @carol hello",
    in_reply_to_id: "77",
    visibility: "unlisted",
    spoiler_text: "cw",
  });
  assert.ok(post?.headers["idempotency-key"], "posted with an Idempotency-Key");

  server.requests.length = 0;
  await api.statusReply(target, "just you", { untag: true, visibility: "private", spoiler_text: "" });
  assert.equal(server.requests.length, 1, "who is logged in was remembered");
  assert.deepEqual(server.requests[0]?.params, {
    status: "@alice just you",
    in_reply_to_id: "77",
    visibility: "private",
    spoiler_text: "",
  });
});

test("statusReply fetches a status given by id, and answers a boost's original", async (t) => {
  const { server, api } = await setup(t);
  await api.statusReply("50", "by id");
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path}`),
    ["GET /api/v1/statuses/50", "GET /api/v1/accounts/verify_credentials", "POST /api/v1/statuses"],
  );
  assert.equal(server.requests[2]?.params.status, "@alice by id");

  server.requests.length = 0;
  const boost = status({ id: "60", account: CAROL, reblog: status({ id: "61", account: BOB }) });
  await api.statusReply(boost, "to the original", { scheduled_at: "3000-01-01T00:00:00Z" });
  const post = server.requests.at(-1);
  assert.equal(post?.params.in_reply_to_id, "61");
  assert.equal(post?.params.status, "@bob@remote.example to the original");
  assert.equal(post?.params.scheduled_at, "3000-01-01T00:00:00.000Z");
});

test("statusReply refuses bad input before sending", async (t) => {
  const { server, api } = await setup(t);
  await expectRefused(
    server,
    () => api.statusReply(status(), 5 as unknown as string),
    /statusReply\(\): status/,
  );
  await expectRefused(
    server,
    () => api.statusReply(status(), "x", { in_reply_to_id: "1" } as never),
    /in_reply_to_id is to_status/,
  );
  await expectRefused(server, () => api.statusReply(status(), "x", { untag: "yes" as never }), /untag/);
  await expectRefused(server, () => api.statusReply({ nope: 1 } as never, "x"), /to_status must be a status/);
});

test("statusPost checks every option before sending", async (t) => {
  const { server, api } = await setup(t);
  const poll = { options: ["a", "b"], expires_in: 300 };
  await expectRefused(
    server,
    () => api.statusPost("x", { visibility: "everyone" }),
    /statusPost\(\): visibility must be one of "public", "unlisted", "private", "direct"; got "everyone"/,
  );
  await expectRefused(server, () => api.statusPost("x", { visibility: "local" }), /visibility/);
  await expectRefused(
    server,
    () => api.statusPost("x", { poll: { options: ["a", "b", "c", "d", "e"], expires_in: 300 } }),
    /poll\.options has 5 choices; Mastodon allows at most 4/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { poll: { options: ["a"], expires_in: 300 } }),
    /at least 2/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { poll: { options: ["a", ""], expires_in: 300 } }),
    /non-empty strings/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { poll: { options: ["a", "b"], expires_in: 1.5 } }),
    /expires_in/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { poll: { ...poll, multiple: "yes" as never } }),
    /poll\.multiple/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { poll: { ...poll, expires: 3 } as never }),
    /unknown key\(s\) expires/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { poll, media_ids: ["1"] }),
    /media or a poll attached, not both/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { quote_id: "1" }),
    /quote_id is Fedibird's parameter.*quoted_status_id/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { quoted_status_id: {} as never }),
    /statusPost\(\): quoted_status_id must be an id/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { quote_approval_policy: "everyone" }),
    /quote_approval_policy must be one of "public", "followers", "nobody"/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { media_ids: [{ url: "x" }] as never }),
    /media_ids must be an id/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { scheduled_at: "tomorrow" }),
    /scheduled_at must be a Date/,
  );
  await expectRefused(server, () => api.statusPost("x", { scheduled_at: new Date("nope") }), /scheduled_at/);
  await expectRefused(
    server,
    () => api.statusPost("x", { visiblity: "public" } as never),
    /unknown option\(s\) visiblity/,
  );
  await expectRefused(
    server,
    () => api.statusPost("x", { sensitive: "yes" as never }),
    /sensitive must be true or false/,
  );
  await expectRefused(server, () => api.statusPost(undefined as never), /status text must be a string/);
  await expectRefused(server, () => api.statusPost("x", "public" as never), /options object/);
  await expectRefused(
    server,
    () => api.statusPost("x", { content_type: "text/markdown", strict_content_type: true }),
    /content_type is only understood by Pleroma/,
  );
});

test("statusPost sends ids from entities, a lone media id, dates as ISO, quotes and policies", async (t) => {
  const { server, api } = await setup(t);
  await api.statusPost("quoting", {
    media_ids: { id: "m1" },
    in_reply_to_id: { id: "r1" },
    quoted_status_id: { id: "q1" },
    quote_approval_policy: "followers",
    scheduled_at: new Date(Date.UTC(2999, 11, 31, 23, 59)),
    visibility: "Unlisted",
    sensitive: false,
    language: "en",
    idempotency_key: "same-key",
  });
  const post = only(server);
  assert.match(String(post.headers["content-type"]), /application\/json/);
  assert.equal(post.headers["idempotency-key"], "same-key");
  assert.deepEqual(post.params, {
    status: "quoting",
    media_ids: ["m1"],
    in_reply_to_id: "r1",
    quoted_status_id: "q1",
    quote_approval_policy: "followers",
    scheduled_at: "2999-12-31T23:59:00.000Z",
    visibility: "unlisted",
    sensitive: false,
    language: "en",
  });
});

test("feature sets widen what statusPost accepts", async (t) => {
  const fedibird = await setup(t, echo, { feature_set: "fedibird" });
  await fedibird.api.statusPost("x", { quote_id: { id: "q" }, visibility: "mutual" });
  assert.deepEqual(only(fedibird.server).params, { status: "x", quote_id: "q", visibility: "mutual" });
  const pleroma = await setup(t, echo, { feature_set: "pleroma" });
  await pleroma.api.statusPost("x", {
    content_type: "text/markdown",
    strict_content_type: true,
    visibility: "local",
    poll: { options: ["1", "2", "3", "4", "5"], expires_in: 600 },
  });
  assert.equal(only(pleroma.server).params.content_type, "text/markdown");
  pleroma.server.requests.length = 0;
  await expectRefused(
    pleroma.server,
    () => pleroma.api.statusPost("x", { content_type: "text/rtf", strict_content_type: true }),
    /content_type must be one of/,
  );
});

test("statusUpdate sends the edit, with media attribute ids added to media_ids", async (t) => {
  const { server, api } = await setup(t);
  const edit = {
    media_attributes: [
      { id: "m1", description: "one" },
      { id: "m2", focus: "0.5,-0.5" },
    ],
    spoiler_text: "cw",
    sensitive: true,
    language: "de",
    quote_approval_policy: "nobody",
  };
  await api.statusUpdate({ id: "8" }, "new text", { media_ids: ["m1"], ...edit });
  const put = only(server);
  assert.equal(`${put.method} ${put.path}`, "PUT /api/v1/statuses/8");
  assert.deepEqual(put.params, { status: "new text", media_ids: ["m1", "m2"], ...edit });
});

test("statusUpdate refuses bad input before sending", async (t) => {
  const { server, api } = await setup(t);
  await expectRefused(
    server,
    () => api.statusUpdate("8", undefined as never),
    /statusUpdate\(\): status \(the new text\) is required/,
  );
  await expectRefused(
    server,
    () => api.statusUpdate("8", "x", { visibility: "public" } as never),
    /unknown option\(s\) visibility/,
  );
  await expectRefused(
    server,
    () => api.statusUpdate("8", "x", { media_attributes: "m1" as never }),
    /media_attributes must be a list/,
  );
  await expectRefused(
    server,
    () => api.statusUpdate("8", "x", { media_attributes: [{ description: "d" } as never] }),
    /media_attributes\[\]\.id/,
  );
  await expectRefused(
    server,
    () => api.statusUpdate("8", "x", { media_attributes: [{ id: "1", alt: "d" } as never] }),
    /got also alt/,
  );
  await expectRefused(
    server,
    () => api.statusUpdate(undefined as never, "x"),
    /statusUpdate\(\): id must be an id/,
  );
  await expectRefused(
    server,
    () => api.statusUpdate("8", "x", { quote_approval_policy: "all" }),
    /quote_approval_policy/,
  );
});

test("generateMediaEditAttributes builds a checked entry, with the thumbnail as a data: URL", async (t) => {
  const { server, api } = await setup(t);
  assert.deepEqual(
    await api.generateMediaEditAttributes({ id: "m1" }, { description: "alt", focus: [0.25, -1] }),
    {
      id: "m1",
      description: "alt",
      focus: "0.25,-1",
    },
  );
  const png = new Uint8Array(64).fill(0x20);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const withThumb = await api.generateMediaEditAttributes("m2", { thumbnail: png });
  assert.equal(withThumb.thumbnail, `data:image/png;base64,${Buffer.from(png).toString("base64")}`);
  await expectRefused(
    server,
    () => api.generateMediaEditAttributes("m1", { focus: [2, 0] }),
    /focus must be \[x, y\]/,
  );
  await expectRefused(
    server,
    () => api.generateMediaEditAttributes("m1", { description: 5 as never }),
    /description must be a string/,
  );
  await expectRefused(
    server,
    () => api.generateMediaEditAttributes("m1", { thumbnail: new Uint8Array([1, 2, 3]) }),
    /thumbnail/,
  );
  await expectRefused(
    server,
    () => api.generateMediaEditAttributes(null as never),
    /generateMediaEditAttributes\(\): id/,
  );
});

test("statusReblog checks the visibility; forks' visibilities with their feature set", async (t) => {
  const { server, api } = await setup(t);
  await expectRefused(
    server,
    () => api.statusReblog("1", { visibility: "friends" }),
    /statusReblog\(\): visibility must be one of/,
  );
  await expectRefused(server, () => api.statusReblog("1", { visibility: 3 as never }), /got number/);
  await api.statusReblog("1", { visibility: "Private" });
  assert.deepEqual(only(server).params, { visibility: "private" });
  const pleroma = await setup(t, echo, { feature_set: "pleroma" });
  await pleroma.api.statusReblog("1", { visibility: "local" });
  assert.deepEqual(only(pleroma.server).params, { visibility: "local" });
});

test("pollVote sends choices as a list, checked against the poll when it is given", async (t) => {
  const { server, api } = await setup(t);
  await api.pollVote("7", 1);
  assert.deepEqual(only(server).params, { choices: [1] });
  server.requests.length = 0;
  const poll = { id: "7", multiple: false, options: [{ title: "a" }, { title: "b" }] } as never;
  await api.pollVote(poll, [0]);
  assert.equal(only(server).path, "/api/v1/polls/7/votes");
  server.requests.length = 0;
  await expectRefused(
    server,
    () => api.pollVote(poll, 2),
    /the poll has 2 choices \(indices 0 to 1\); got 2/,
  );
  await expectRefused(server, () => api.pollVote(poll, [0, 1]), /takes a single choice; got 2/);
  await expectRefused(server, () => api.pollVote("7", [1, 1]), /same choice twice/);
  await expectRefused(server, () => api.pollVote("7", []), /choices must be/);
  await expectRefused(server, () => api.pollVote("7", -1), /choices must be/);
  await expectRefused(server, () => api.pollVote("7", "1" as never), /choices must be.*got "1"/);
  await expectRefused(server, () => api.pollVote(undefined as never, 1), /pollVote\(\): id/);
  await expectRefused(
    server,
    () => api.pollVote(status({ poll: { id: "7" } }) as never, 0),
    /the poll \(status\.poll\)/,
  );
});

test("makePoll builds the poll parameter, checked, without a request", async (t) => {
  const { server, api } = await setup(t);
  assert.deepEqual(api.makePoll(["yes", "no"], 3600), {
    options: ["yes", "no"],
    expires_in: 3600,
    multiple: false,
    hide_totals: false,
  });
  assert.deepEqual(api.makePoll(["yes", "no"], 300, { multiple: true, hide_totals: true }).hide_totals, true);
  assert.throws(
    () => api.makePoll(["a", "b", "c", "d", "e"], 300),
    /makePoll\(\): poll\.options has 5 choices/,
  );
  assert.throws(() => api.makePoll(["a", "b"], 0), MastodonIllegalArgumentError);
  assert.throws(() => api.makePoll("a,b" as never, 300), /options must be a list/);
  assert.equal(server.requests.length, 0);
});

test("report sends the checked report; refuses bad categories, rules and forwarding", async (t) => {
  const { server, api } = await setup(t);
  await api.report(
    { id: "5" },
    {
      status_ids: { id: "s1" },
      comment: "spam bot",
      category: "violation",
      rule_ids: ["r1", { id: "r2" }],
      forward: true,
      forward_to_domains: ["https://remote.example/", "other.example"],
      collection_ids: ["c1"],
    },
  );
  const post = only(server);
  assert.equal(`${post.method} ${post.path}`, "POST /api/v1/reports");
  assert.deepEqual(post.params, {
    account_id: "5",
    status_ids: ["s1"],
    comment: "spam bot",
    category: "violation",
    rule_ids: ["r1", "r2"],
    forward: true,
    forward_to_domains: ["remote.example", "other.example"],
    collection_ids: ["c1"],
  });
  server.requests.length = 0;
  await expectRefused(
    server,
    () => api.report("5", { category: "rude" }),
    /report\(\): category must be one of "spam", "legal", "violation", "other"; got "rude"/,
  );
  await expectRefused(
    server,
    () => api.report("5", { category: "spam", rule_ids: ["1"] }),
    /rule_ids .* category "violation"/,
  );
  await expectRefused(
    server,
    () => api.report("5", { forward_to_domains: ["a.example"] }),
    /forward_to_domains is only used when forward is true/,
  );
  await expectRefused(
    server,
    () => api.report("5", { forward: "yes" as never }),
    /forward must be true or false/,
  );
  await expectRefused(server, () => api.report("5", { comment: 3 as never }), /comment must be a string/);
  await expectRefused(
    server,
    () => api.report("5", { status: ["1"] } as never),
    /unknown option\(s\) status/,
  );
  await expectRefused(server, () => api.report(undefined as never), /report\(\): account_id must be an id/);
});

test("reports: removed in Mastodon 2.5, asked only of older servers", async (t) => {
  const { server, api } = await setup(t);
  await assert.rejects(
    api.reports(),
    (e: unknown) => e instanceof MastodonVersionError && /2\.5\.0/.test(e.message),
  );
  assert.equal(server.requests.length, 0);
  const old = await setup(t, (_req, res) => json(res, 200, []), { mastodon_version: "2.4.0" });
  assert.deepEqual(await old.api.reports(), []);
  assert.equal(only(old.server).path, "/api/v1/reports");
});

test("getApproxServerTime reads the Date header of a HEAD request", async (t) => {
  const date = "Wed, 01 Jan 2031 10:00:00 GMT";
  const { server, api } = await setup(t, (_req, res) => {
    res.writeHead(200, { date });
    res.end();
  });
  const time = await api.getApproxServerTime();
  assert.ok(time instanceof Date);
  assert.equal(time.toISOString(), "2031-01-01T10:00:00.000Z");
  assert.equal(`${only(server).method} ${only(server).path}`, "HEAD /");

  const noDate = await setup(t, (_req, res) => {
    res.sendDate = false;
    res.writeHead(200);
    res.end();
  });
  await assert.rejects(
    noDate.api.getApproxServerTime(),
    (e: unknown) => e instanceof MastodonAPIError && /Date/.test(e.message),
  );
});

test("ids and other arguments are refused before sending", async (t) => {
  const { server, api } = await setup(t);
  await expectRefused(server, () => api.statuses("1" as never), /statuses\(\): ids must be a list/);
  await expectRefused(server, () => api.statuses([{}] as never), /statuses\(\): ids must be an id/);
  await expectRefused(server, () => api.statusCard({} as never), /statusCard\(\): id/);
  await expectRefused(server, () => api.statusFavourite({} as never), /id must be an id/);
  await expectRefused(server, () => api.statusQuoteRevoke("1", undefined as never), /quoting_status_id/);
  await expectRefused(
    server,
    () => api.statusUpdateQuoteApprovalPolicy("1", "anyone"),
    /statusUpdateQuoteApprovalPolicy\(\): quote_approval_policy must be one of/,
  );
  await expectRefused(
    server,
    () => api.scheduledStatusUpdate("1", "next week"),
    /scheduledStatusUpdate\(\): scheduled_at must be a Date/,
  );
  await expectRefused(server, () => api.scheduledStatusUpdate("1", undefined as never), /scheduled_at/);
  await expectRefused(server, () => api.conversationsRead(null as never), /id must be an id/);
  await expectRefused(server, () => api.statusTranslate("1", "de" as never), /options object/);
});

test("version checks name the version that added a method", async (t) => {
  const { server, api } = await setup(t, echo, { mastodon_version: "4.4.0", version_check_mode: "created" });
  await assert.rejects(api.statusQuotes("1"), MastodonVersionError);
  await assert.rejects(api.statusUpdateQuoteApprovalPolicy("1", "public"), MastodonVersionError);
  await api.statuses(["1"]);
  assert.ok(
    server.requests.every((r) => !r.path.includes("/quotes") && !r.path.includes("interaction_policy")),
  );
});
