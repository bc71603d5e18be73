// Waits longer than a timer can hold (2^31 - 1 ms, about 24.8 days): setTimeout fires such a timer
// after 1 ms, with a TimeoutOverflowWarning. A huge request_timeout, stream timeout or sleep must
// mean "a very long time", never "at once".
import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_TIMER_MS, sleep, timerDelay } from "../src/core/sleep.js";
import { Mastodon } from "../src/index.js";
import { createFetchClient, timelineHome } from "../src/light.js";
import { json, startServer } from "./support/http-server.js";

/** Collects the process's TimeoutOverflowWarnings while `run` runs. */
async function overflowWarnings(run: () => Promise<void>): Promise<number> {
  let count = 0;
  const onWarning = (warning: Error) => {
    if (warning.name === "TimeoutOverflowWarning") count++;
  };
  process.on("warning", onWarning);
  try {
    await run();
    // Warnings are emitted on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
  }
  return count;
}

test("timerDelay holds a delay to what a timer can wait, and a negative or NaN one to 0", () => {
  assert.equal(timerDelay(1e12), MAX_TIMER_MS);
  assert.equal(timerDelay(Number.POSITIVE_INFINITY), MAX_TIMER_MS);
  assert.equal(timerDelay(1500), 1500);
  assert.equal(timerDelay(-5), 0);
  assert.equal(timerDelay(Number.NaN), 0);
});

test("sleep for a month is still asleep 50 ms later, and ends when its signal is aborted", async () => {
  const warnings = await overflowWarnings(async () => {
    const controller = new AbortController();
    let woke = false;
    const asleep = sleep(30 * 24 * 3600, controller.signal).then(() => {
      woke = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(woke, false);
    controller.abort(new Error("enough"));
    await assert.rejects(asleep, /enough/);
  });
  assert.equal(warnings, 0);
});

test("a request_timeout of 1e7 seconds lets a slow answer arrive, on the class and on the fetch client", async (t) => {
  const server = await startServer(async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    json(res, 200, []);
  });
  t.after(() => server.close());
  const options = { api_base_url: server.url, access_token: "long-waits-token", request_timeout: 1e7 };
  const warnings = await overflowWarnings(async () => {
    for (const transport of ["fetch", "undici"] as const) {
      assert.deepEqual([...(await new Mastodon({ ...options, transport }).timelineHome())], [], transport);
    }
    assert.deepEqual([...(await timelineHome(createFetchClient(options)))], []);
  });
  assert.equal(warnings, 0);
});

test("a stream with a timeout of two months neither warns nor wakes every millisecond", async (t) => {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(":)\n");
  });
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: "long-waits-token" });
  const warnings = await overflowWarnings(async () => {
    let heartbeats = 0;
    const handle = api.streamPublic(
      { handleHeartbeat: () => heartbeats++ },
      { transport: "sse", streaming_base_url: server.url, timeout: 5_000_000 },
    );
    while (heartbeats === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // Long enough for a silence watch that wakes every millisecond to warn hundreds of times.
    await new Promise((resolve) => setTimeout(resolve, 100));
    handle.close();
    await handle.done;
  });
  assert.equal(warnings, 0);
});
