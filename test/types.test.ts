/**
 * Type-level tests: `npm run typecheck` compiles this file, so each `@ts-expect-error` below fails
 * the build if the mistake it marks ever stops being a type error. The runtime part checks that the
 * table-driven methods really exist on the prototype.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Account, Mastodon, type Status } from "../src/index.js";

// Never called: only compiled.
async function typeChecks(api: Mastodon): Promise<void> {
  const me: Account = await api.me();
  const acct: string = me.acct;
  const status = await api.toot("hi");
  const count: number = status.reblogs_count;
  const timeline: Status[] = await api.timelineHome({ limit: 40, only_media: true });
  await api.statusDelete(status, { delete_media: true });
  await api.statusDelete("123");
  void [acct, count, timeline];

  // Options take an explicit undefined as "not given", even under exactOptionalPropertyTypes
  // (this project compiles with it): settings often come from process.env or a condition.
  const quiet = Math.random() > 0.5;
  new Mastodon({
    api_base_url: process.env.MASTODON_API_BASE_URL,
    access_token: process.env.MASTODON_ACCESS_TOKEN,
  });
  await api.statusPost("hi", { visibility: quiet ? "unlisted" : undefined, spoiler_text: undefined });
  await api.timelineHome({ limit: quiet ? 20 : undefined });

  // @ts-expect-error a typo in a method name is a type error, not an HTTP request
  await api.timelineHomee();
  // @ts-expect-error unknown option
  await api.timelineHome({ bogus: 1 });
  // @ts-expect-error limit is a number
  await api.timelineHome({ limit: "40" });
  // @ts-expect-error the status text is required and a string
  await api.statusPost(42);
  // @ts-expect-error statusDelete needs an id
  await api.statusDelete();
  // @ts-expect-error accountVerifyCredentials takes no options
  await api.accountVerifyCredentials({ foo: 1 });
  // @ts-expect-error options are snake_case as on the wire
  await api.statusPost("x", { spoilerText: "cw" });
  // @ts-expect-error logIn takes an options object, not positional strings
  await api.logIn("user@example.com", "password");
  // @ts-expect-error ratelimit_method is one of wait/throw/pace
  new Mastodon({ api_base_url: "https://mastodon.example", ratelimit_method: "sometimes" });
}

test("table-driven methods are installed on the prototype", () => {
  const api = new Mastodon({ api_base_url: "https://mastodon.example" });
  for (const name of [
    "accountVerifyCredentials",
    "appVerifyCredentials",
    "status",
    "statusDelete",
    "timelineHome",
  ]) {
    assert.equal(typeof (api as unknown as Record<string, unknown>)[name], "function", name);
  }
  assert.equal(typeof typeChecks, "function");
});
