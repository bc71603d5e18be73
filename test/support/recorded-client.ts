// What the conformance tests share: a replay server per test, and a client configured as the
// recording client was (its tokens, user agent and declared version; see the conformance README).
import type { TestContext } from "node:test";
import { Mastodon } from "../../src/index.js";
import { loadScenario } from "./recorded.js";
import {
  type ReplayOptions,
  type ReplayRequest,
  type ReplayServer,
  startReplayServer,
} from "./replay-server.js";

export const RECORDED_SET = "mastodon-4.6.4";

/** The recording's users: 1 is mastodonpy_test, 2 the admin, 3 mastodonpy_test_2. */
export const RECORDED_TOKENS = {
  user1: "__MASTODON_PY_TEST_ACCESS_TOKEN",
  admin: "__MASTODON_PY_TEST_ACCESS_TOKEN_2",
  user3: "__MASTODON_PY_TEST_ACCESS_TOKEN_3",
} as const;

/** Replays a scenario of the 4.6.4 set over a real socket; closed after the test. */
export async function replay(
  t: TestContext,
  name: string,
  options: ReplayOptions = {},
): Promise<ReplayServer> {
  const server = await startReplayServer(loadScenario(RECORDED_SET, name), options);
  t.after(() => server.close());
  return server;
}

/** A client as the recording's, logged in with `access_token` (user 1 by default). */
export function recordedClient(url: string, access_token: string = RECORDED_TOKENS.user1): Mastodon {
  return new Mastodon({
    api_base_url: url,
    access_token,
    user_agent: "tests/v311",
    mastodon_version: "4.5.0",
  });
}

/** The requests that were not discovery look-ups. */
export function calls(server: ReplayServer): ReplayRequest[] {
  return server.requests.filter((r) => !r.discovery);
}
