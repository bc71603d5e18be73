// The built package on every runtime it claims: the oldest Node that `engines` names, Node 22 and 24,
// the machine's Node, Deno and Bun each import "mastodon-ts" from a project where it was installed from
// the packed tarball, sign in, read a timeline page by page, post, meet a 404 and a 401, and read the
// user stream over SSE and over WebSocket from a local node:http server (test/support/runtime-smoke.mjs).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import {
  ACCOUNT,
  type CorsMastodon,
  STREAM_TEXTS,
  startCorsMastodon,
  TIMELINE_TEXTS,
  TOKEN,
} from "./support/cors-mastodon.js";
import { type PackedProject, packedProject } from "./support/packed-project.js";
import { ROOT, type RuntimeName, runtimeMissing, runtimePath } from "./support/runtimes.js";

const run = promisify(execFile);
let server: CorsMastodon;
let project: PackedProject;
let script: string;

before(async () => {
  server = await startCorsMastodon();
  project = packedProject();
  // Node 20 has no global WebSocket: there, as the README says, the user installs `ws`.
  cpSync(join(ROOT, "node_modules", "ws"), join(project.dir, "node_modules", "ws"), { recursive: true });
  script = project.add(join(ROOT, "test", "support", "runtime-smoke.mjs"), "smoke.mjs");
});
after(async () => {
  await server?.close();
  project?.remove();
});

/** The command line that runs the smoke script on a runtime. */
function command(name: RuntimeName | "node", args: string[]): [string, string[]] {
  if (name === "node") return [process.execPath, [script, ...args]];
  const path = runtimePath(name)!;
  if (name === "deno") return [path, ["run", "--allow-all", "--no-lock", script, ...args]];
  if (name === "bun") return [path, [script, ...args]];
  return [path, [script, ...args]];
}

async function smoke(name: RuntimeName | "node") {
  const seen = server.requests.length;
  const [file, args] = command(name, [server.url, TOKEN, "sse,websocket"]);
  const { stdout } = await run(file, args, {
    cwd: project.dir,
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DO_NOT_TRACK: "1" },
  });
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!);
  const expected = name.startsWith("node") ? "node" : name;
  assert.equal(report.runtime, expected);
  assert.equal(report.me, ACCOUNT.acct);
  assert.deepEqual(
    report.timeline,
    TIMELINE_TEXTS.map((text) => `<p>${text}</p>`),
  );
  assert.deepEqual(report.posted, { content: `<p>hello from ${expected}</p>`, visibility: "unlisted" });
  assert.equal(report.notFound.name, "MastodonNotFoundError");
  assert.equal(report.notFound.notFound, true);
  assert.equal(report.notFound.status, 404);
  assert.match(report.notFound.message, /Record not found/);
  assert.equal(report.unauthorized.unauthorized, true);
  assert.equal(report.unauthorized.status, 401);
  assert.doesNotMatch(report.unauthorized.message, /wrong-token/);
  const live = STREAM_TEXTS.map((text) => `<p>${text}</p>`);
  assert.deepEqual(report.streams, { sse: live, websocket: live });
  const requests = server.requests.slice(seen);
  assert.ok(requests.includes("GET /api/v1/streaming/user"), "an SSE connection");
  assert.ok(requests.includes("UPGRADE /api/v1/streaming"), "a WebSocket connection");
}

for (const name of ["node20", "node22", "node24", "deno", "bun"] as const) {
  const version = name.startsWith("node") ? ` (Node ${name.slice(4)})` : "";
  test(
    `${name}${version}: the packed package signs in, pages, posts, fails clearly and streams over SSE and WebSocket`,
    {
      skip: runtimeMissing(name),
    },
    () => smoke(name),
  );
}

test("the machine's node: the packed package passes the same smoke test", () => smoke("node"));

/** What requireFrom prints where require() of ES modules works: every subpath, the same modules as import(). */
const REQUIRED = {
  mastodon: "function",
  sameModule: true,
  sandbox: "function",
  light: "function",
  redis: "function",
  endpoints: "object",
};

/** require() of the package and each of its subpaths from a CommonJS file of the project, on a runtime. */
async function requireFrom(runtime: string) {
  const file = join(project.dir, "require.cjs");
  writeFileSync(
    file,
    `const api = require("mastodon-ts");
     const sandbox = require("mastodon-ts/sandbox");
     const light = require("mastodon-ts/light");
     const redis = require("mastodon-ts/redis");
     const endpoints = require("mastodon-ts/endpoints");
     Promise.all([import("mastodon-ts"), import("mastodon-ts/light")]).then(([esm, esmLight]) =>
       console.log(JSON.stringify({
         mastodon: typeof api.Mastodon,
         sameModule: api.Mastodon === esm.Mastodon && light.createClient === esmLight.createClient,
         sandbox: typeof sandbox.startSandbox,
         light: typeof light.timelineHome,
         redis: typeof redis.redisStore,
         endpoints: typeof endpoints.endpoints,
       })));`,
  );
  return run(runtime, [file], { cwd: project.dir, timeout: 30_000 });
}

for (const name of ["node22", "node24"] as const) {
  test(`${name}: require("mastodon-ts") gives the ES module itself`, {
    skip: runtimeMissing(name),
  }, async () => {
    const { stdout } = await requireFrom(runtimePath(name)!);
    assert.deepEqual(JSON.parse(stdout), REQUIRED);
  });
}

test(`the machine's node (${process.version}): require("mastodon-ts") works where Node can require ES modules`, async (t) => {
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  if ((major === 20 && minor < 19) || (major === 22 && minor < 12)) return t.skip("this Node cannot");
  const { stdout } = await requireFrom(process.execPath);
  assert.deepEqual(JSON.parse(stdout), REQUIRED);
});

test("node20 (the oldest Node named): require() fails saying what to do", {
  skip: runtimeMissing("node20"),
}, async () => {
  const failure = await requireFrom(runtimePath("node20")!).then(
    () => assert.fail("require() of an ES module worked on Node 20.16"),
    (error: { stderr: string }) => error.stderr,
  );
  assert.match(
    failure,
    /mastodon-ts is an ES module, and Node\.js v20\.16\.0 cannot load ES modules with require\(\)/,
  );
  assert.match(failure, /Use Node\.js 20\.19\+ or 22\.12\+/);
  assert.match(failure, /await import\("mastodon-ts"\)/);
  // Each subpath names itself in the same advice.
  for (const subpath of ["light", "redis", "endpoints", "sandbox"]) {
    const file = join(project.dir, `require-${subpath}.cjs`);
    writeFileSync(file, `require("mastodon-ts/${subpath}");`);
    const stderr = await run(runtimePath("node20")!, [file], { cwd: project.dir, timeout: 30_000 }).then(
      () => assert.fail(`require("mastodon-ts/${subpath}") worked on Node 20.16`),
      (error: { stderr: string }) => error.stderr,
    );
    assert.match(stderr, new RegExp(`await import\\("mastodon-ts/${subpath}"\\)`));
  }
});

test("node20 without ws: the class streams over SSE, the light fetch client says to install ws", {
  skip: runtimeMissing("node20"),
}, async () => {
  const hook = project.add(join(ROOT, "test", "support", "without-ws.mjs"), "without-ws.mjs");
  const file = project.add(join(ROOT, "test", "support", "runtime-no-websocket.mjs"), "no-websocket.mjs");
  const { stdout } = await run(runtimePath("node20")!, ["--import", hook, file, server.url, TOKEN], {
    cwd: project.dir,
    timeout: 60_000,
  });
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!);
  assert.equal(report.globalWebSocket, "undefined");
  assert.equal(report.classFirstUpdate, `<p>${STREAM_TEXTS[0]}</p>`);
  assert.equal(
    report.classWebSocketError,
    'transport: "websocket" needs a WebSocket implementation: this runtime has no global WebSocket; ' +
      "install the `ws` package, or pass one as the `websocket` option.",
  );
  assert.deepEqual(report.lightError, {
    name: "MastodonNetworkError",
    message:
      "This runtime has no WebSocket: install the `ws` package, or pass one as the `websocket` option. " +
      "This client streams over WebSocket only; createClient() or the Mastodon class can stream over SSE.",
  });
});

test("engines names the oldest Node these tests run on", async (t) => {
  const engines = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).engines.node as string;
  const oldest = /^>=(\d+\.\d+)$/.exec(engines)?.[1];
  assert.ok(oldest, `engines.node is ${engines}`);
  if (runtimeMissing("node20")) return t.skip("node20 not installed");
  const { stdout } = await run(runtimePath("node20")!, ["--version"]);
  assert.equal(stdout.trim(), `v${oldest}.0`);
});
