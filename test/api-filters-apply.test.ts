// filtersApply as a local computation: Mastodon.py's matching (HTML stripped, case ignored,
// phrases escaped, whole words), the documented improvements, and refused inputs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { phrasePattern, plainText } from "../src/api/filters/apply-filters.js";
import {
  type Filter,
  type FilterV2,
  Mastodon,
  MastodonIllegalArgumentError,
  type Notification,
  type Status,
} from "../src/index.js";
import { json, startServer } from "./support/http-server.js";

// No request is ever made: the address only has to be valid.
const api = new Mastodon({ api_base_url: "http://127.0.0.1:9", access_token: "tok" });

function status(id: string, content: string, extra: Partial<Status> = {}): Status {
  return { id, content, spoiler_text: "", reblog: null, ...extra } as Status;
}

function v1(phrase: string, options: Partial<Filter> = {}): Filter {
  return {
    id: phrase,
    phrase,
    context: ["home"],
    expires_at: null,
    irreversible: false,
    whole_word: true,
    ...options,
  };
}

const ids = (list: { id: string }[]) => list.map((s) => s.id);

test("drops statuses whose text contains a phrase, ignoring case and HTML", () => {
  const statuses = [
    status("1", "<p>Nothing to see</p>"),
    status("2", "<p>Big <strong>SPOILER</strong> ahead</p>"),
    status("3", "<p>spoiler</p>"),
  ];
  const kept = api.filtersApply(statuses, [v1("spoiler")], "home");
  assert.deepEqual(ids(kept), ["1"]);
  assert.equal(kept[0], statuses[0], "the same objects, not copies");
});

test("tags become spaces, so words on either side of a tag stay apart", () => {
  assert.equal(plainText("<p>one</p><p>two</p>"), "one two");
  assert.equal(plainText("a<br>b<br/>c"), "a b c");
  assert.equal(plainText("  lots \n\t of   space  "), "lots of space");
  // "one</p><p>two" would read "onetwo" without the spaces, and whole-word "two" would not match.
  assert.deepEqual(ids(api.filtersApply([status("1", "<p>one</p><p>two</p>")], [v1("two")], "home")), []);
});

test("whole_word: only whole words match; without it, parts of words do", () => {
  const statuses = [status("1", "<p>catalog</p>"), status("2", "<p>a cat!</p>"), status("3", "<p>cat_x</p>")];
  assert.deepEqual(ids(api.filtersApply(statuses, [v1("cat")], "home")), ["1", "3"], "_ is a word character");
  assert.deepEqual(ids(api.filtersApply(statuses, [v1("cat", { whole_word: false })], "home")), []);
});

test("whole words are Unicode words, as in Python", () => {
  const statuses = [status("1", "<p>Käsekuchen</p>"), status("2", "<p>Käse!</p>"), status("3", "<p>дом</p>")];
  // JavaScript's own \b would see a boundary after "K" in "Käsekuchen"; Python's does not.
  assert.deepEqual(ids(api.filtersApply(statuses, [v1("käse")], "home")), ["1", "3"]);
  assert.deepEqual(
    ids(api.filtersApply(statuses, [v1("ДОМ")], "home")),
    ["1", "2"],
    "case folds beyond ASCII",
  );
  assert.deepEqual(ids(api.filtersApply([status("4", "<p>домик</p>")], [v1("дом")], "home")), ["4"]);
});

test("phrases are literal text: regular-expression characters are escaped", () => {
  const statuses = [
    status("1", "<p>what? really</p>"),
    status("2", "<p>wha really</p>"),
    status("3", "<p>1+1=2</p>"),
    status("4", "<p>11=2</p>"),
    status("5", "<p>a.b (c) [d] {e} ^f$ g|h \\i /j</p>"),
  ];
  const filters = [v1("what?", { whole_word: false }), v1("1+1", { whole_word: false })];
  assert.deepEqual(ids(api.filtersApply(statuses, filters, "home")), ["2", "4", "5"]);
  const special = v1("a.b (c) [d] {e} ^f$ g|h \\i /j", { whole_word: false });
  assert.deepEqual(ids(api.filtersApply(statuses, [special], "home")), ["1", "2", "3", "4"]);
  assert.deepEqual(ids(api.filtersApply([status("6", "<p>axb</p>")], [v1("a.b")], "home")), ["6"]);
});

test("whole-word phrases that start or end with a non-word character still match", () => {
  assert.equal(phrasePattern("#tag", true), "#tag(?![\\p{L}\\p{N}_])", "a boundary only after the word");
  assert.equal(phrasePattern("a.b", true), "(?<![\\p{L}\\p{N}_])a\\.b(?![\\p{L}\\p{N}_])");
  const statuses = [
    status("1", "<p>hello #tag</p>"),
    status("2", "<p>#tagged</p>"),
    status("3", "<p>x#tag</p>"),
  ];
  // Python's \b#tag\b would need a word character before "#", missing "hello #tag".
  assert.deepEqual(ids(api.filtersApply(statuses, [v1("#tag")], "home")), ["2"]);
});

test("only filters for the given context apply", () => {
  const statuses = [status("1", "<p>alpha</p>"), status("2", "<p>beta</p>")];
  const filters = [v1("alpha", { context: ["public", "thread"] }), v1("beta", { context: ["home"] })];
  assert.deepEqual(ids(api.filtersApply(statuses, filters, "home")), ["1"]);
  assert.deepEqual(ids(api.filtersApply(statuses, filters, "public")), ["2"]);
  assert.deepEqual(ids(api.filtersApply(statuses, filters, "notifications")), ["1", "2"]);
});

test("no filter for the context keeps everything (Mastodon.py's empty pattern would drop all)", () => {
  const statuses = [status("1", "<p>a</p>"), status("2", "")];
  assert.deepEqual(ids(api.filtersApply(statuses, [], "home")), ["1", "2"]);
  assert.deepEqual(ids(api.filtersApply(statuses, [v1("a", { context: ["thread"] })], "home")), ["1", "2"]);
});

test("expired filters are skipped; those expiring later apply", () => {
  const statuses = [status("1", "<p>old news</p>"), status("2", "<p>fresh news</p>")];
  const filters = [
    v1("old", { expires_at: "2001-01-01T00:00:00.000Z" }),
    v1("fresh", { expires_at: "2999-01-01T00:00:00.000Z" }),
  ];
  assert.deepEqual(ids(api.filtersApply(statuses, filters, "home")), ["1"]);
});

test("notifications are judged by their status; those without one are kept", () => {
  const notifications = [
    { id: "n1", type: "mention", status: status("1", "<p>@me spoiler</p>") },
    { id: "n2", type: "follow" },
    { id: "n3", type: "favourite", status: status("3", "<p>fine</p>") },
    { id: "n4", type: "follow", status: null },
  ] as unknown as Notification[];
  const kept = api.filtersApply(
    notifications,
    [v1("spoiler", { context: ["notifications"] })],
    "notifications",
  );
  assert.deepEqual(ids(kept), ["n2", "n3", "n4"]);
  // The result has the element type of the input.
  const typed: Notification[] = kept;
  assert.equal(typed[0]?.type, "follow");
});

test("a boost is judged by the boosted status; the content warning counts too", () => {
  const boosted = status("10", "<p>a spoiler inside</p>");
  const statuses = [
    status("1", "", { reblog: boosted }),
    status("2", "<p>harmless</p>", { spoiler_text: "Spoiler warning" }),
    status("3", "<p>harmless</p>"),
  ];
  assert.deepEqual(ids(api.filtersApply(statuses, [v1("spoiler")], "home")), ["3"]);
});

test("HTML entities are decoded before matching", () => {
  const statuses = [
    status("1", "<p>R&amp;D budget</p>"),
    status("2", "<p>&#82;&#x26;D</p>"),
    status("3", "<p>RD</p>"),
  ];
  assert.deepEqual(ids(api.filtersApply(statuses, [v1("R&D")], "home")), ["3"]);
  assert.equal(
    plainText("&lt;b&gt; &quot;q&quot; &apos;a&#39; &unknown; &#0;"),
    "<b> \"q\" 'a' &unknown; &#0;",
  );
});

test("v2 filters: keywords (whole_word defaults to false) and filtered statuses", () => {
  const filter: FilterV2 = {
    id: "12",
    title: "t",
    context: ["home"],
    expires_at: null,
    filter_action: "hide",
    keywords: [
      { id: "1", keyword: "cat", whole_word: false },
      { id: "2", keyword: "dog", whole_word: true },
    ],
    statuses: [{ id: "5", status_id: "3" }],
  };
  const statuses = [
    status("1", "<p>catalog</p>"),
    status("2", "<p>hotdogs</p>"),
    status("3", "<p>plain</p>"),
    status("4", "<p>a dog</p>"),
    status("6", "", { reblog: status("3", "<p>plain</p>") }),
  ];
  assert.deepEqual(ids(api.filtersApply(statuses, [filter], "home")), ["2"]);
});

test("the result keeps the page's cursors, so fetchNext continues after it", async (t) => {
  const page = [status("30", "<p>spoiler</p>"), status("29", "<p>ok</p>")];
  const server = await startServer((req, res) => {
    if (req.query.get("max_id") === "29") json(res, 200, [status("28", "<p>next</p>")]);
    else
      json(res, 200, page, {
        link: `<http://${req.headers.host}/api/v1/timelines/home?max_id=29>; rel="next"`,
      });
  });
  t.after(() => server.close());
  const client = new Mastodon({ api_base_url: server.url, access_token: "tok" });
  const home = await client.timelineHome();
  const kept = client.filtersApply(home, [v1("spoiler")], "home");
  assert.deepEqual(ids(kept), ["29"]);
  const next = await client.fetchNext(kept);
  assert.deepEqual(next && ids(next), ["28"]);
  assert.equal(server.requests.length, 2);
});

test("bad inputs are refused with a clear error", () => {
  const cases: [() => unknown, RegExp][] = [
    [
      () => api.filtersApply([], [], "everywhere" as "home"),
      /filtersApply\(\): context must be one of "home", "notifications", "public", "thread", "account"; got "everywhere"/,
    ],
    [
      () => api.filtersApply([], [], undefined as unknown as "home"),
      /filtersApply\(\): context must be one of .*got nothing/,
    ],
    [
      () => api.filtersApply("x" as unknown as Status[], [], "home"),
      /filtersApply\(\): objects must be a list of statuses or notifications/,
    ],
    [
      () => api.filtersApply([], {} as unknown as Filter[], "home"),
      /filtersApply\(\): filters must be a list of filters/,
    ],
    [
      () => api.filtersApply([], [{ id: "1" } as unknown as Filter], "home"),
      /filtersApply\(\): filters\[0\] is not a filter/,
    ],
    [() => api.filtersApply([], [null as unknown as Filter], "home"), /filters\[0\] is not a filter/],
    [
      () => api.filtersApply([status("1", ""), 5 as unknown as Status], [v1("x")], "home"),
      /filtersApply\(\): objects\[1\] is not a status or notification/,
    ],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (error: unknown) => {
      assert.ok(error instanceof MastodonIllegalArgumentError, String(error));
      assert.match(error.message, message);
      return true;
    });
  }
});
