/**
 * `npm run demo`, the README's main job: examples/demo.mjs run as a child process on the built
 * package, with no network but loopback (in a fresh network namespace where `unshare -rn` works, as
 * on CI machines; otherwise as is, and the test says so). It must tell the whole story and exit 0.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEMO = fileURLToPath(new URL("../examples/demo.mjs", import.meta.url));

/** Whether this machine lets an unprivileged process make a network namespace with only loopback. */
function canIsolate(): boolean {
  const probe = spawnSync("unshare", ["-rn", "sh", "-c", "ip link set lo up"], { stdio: "ignore" });
  return probe.status === 0;
}

function runDemo(offline: boolean): Promise<{ code: number | null; out: string; ms: number }> {
  const node = JSON.stringify(process.execPath);
  const command = offline
    ? ["unshare", ["-rn", "sh", "-c", `ip link set lo up && exec ${node} ${JSON.stringify(DEMO)}`]]
    : [process.execPath, [DEMO]];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command[0] as string, command[1] as string[], { cwd: ROOT, timeout: 90_000 });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.on("close", (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

test("npm run demo: app, consent-page login, three strings, a toot, a reply through the stream, the timeline", async (t) => {
  const offline = canIsolate();
  if (!offline) t.diagnostic("unshare -rn is not available here: the demo ran with the machine's network");
  const { code, out, ms } = await runDemo(offline);
  t.diagnostic(`the demo took ${ms} ms${offline ? ", with loopback only" : ""}`);
  assert.equal(code, 0, out);
  const clientId = /^client id: {5}(\S+)$/m.exec(out)?.[1];
  const clientSecret = /^client secret: (\S+)$/m.exec(out)?.[1];
  const accessToken = /^access token: {2}(\S+)$/m.exec(out)?.[1];
  assert.ok(clientId && clientSecret && accessToken, "the three strings, each on its own line");
  assert.equal(new Set([clientId, clientSecret, accessToken]).size, 3);
  assert.match(out, /Posted: http:\/\/127\.0\.0\.1:\d+\/@howdybot\/\d+/);
  assert.match(out, /\[reply bot\] Answered @alice: /);
  assert.match(out, /The bot's home timeline[\s\S]*Thanks for the mention![\s\S]*howdy universe!/);
  assert.match(out, /Done in [\d.]+ s, offline/);
});
