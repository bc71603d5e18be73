/**
 * `mastodon-ts sandbox`, run as a real child process: what it prints (one JSON line with --json, or the
 * address, the watch page and each user's credentials), that the printed tokens work, that it refuses
 * bad flags with exit 2, that SIGTERM stops it cleanly, and that --data keeps the state across a restart
 * in a file only its owner can read.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { type TestContext, test } from "node:test";
import { type CliProcess, cliEnv, runCli, startCli, tempDir } from "./cli-harness.js";

interface SandboxLine {
  url: string;
  users: { username: string; email: string; password: string; id: string; access_token: string }[];
}

/** Resolves to stdout once it holds `lines` complete lines. */
function stdoutLines(cli: CliProcess, lines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let text = "";
    const check = () => {
      const done = text.split("\n").slice(0, -1);
      if (done.length >= lines) {
        cli.child.stdout.off("data", onData);
        resolve(done);
      }
    };
    const onData = (chunk: string) => {
      text += chunk;
      check();
    };
    cli.child.stdout.on("data", onData);
    cli.done.then((r) => reject(new Error(`the sandbox exited (${r.code}) early: ${r.stderr}`)));
  });
}

async function startJson(
  t: TestContext,
  args: string[] = [],
): Promise<{ cli: CliProcess; line: SandboxLine }> {
  const home = tempDir(t);
  const cli = startCli(["sandbox", "--port", "0", "--json", ...args], cliEnv(home));
  t.after(() => {
    cli.child.kill("SIGKILL");
  });
  const [first] = await stdoutLines(cli, 1);
  return { cli, line: JSON.parse(first!) as SandboxLine };
}

async function whoami(url: string, token: string): Promise<{ status: number; username?: string }> {
  const res = await fetch(`${url}/api/v1/accounts/verify_credentials`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { username?: string };
  return { status: res.status, ...(body.username ? { username: body.username } : {}) };
}

test("sandbox --json prints exactly one JSON line whose tokens work, and SIGTERM stops it with exit 0", async (t) => {
  const { cli, line } = await startJson(t, ["--users", "ada,grace"]);
  assert.match(line.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.deepEqual(
    line.users.map((u) => Object.keys(u).sort()),
    [0, 1].map(() => ["access_token", "email", "id", "password", "username"]),
  );
  assert.deepEqual(
    line.users.map((u) => u.username),
    ["ada", "grace"],
  );
  for (const user of line.users) {
    assert.deepEqual(await whoami(line.url, user.access_token), { status: 200, username: user.username });
  }
  cli.child.kill("SIGTERM");
  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim().split("\n").length, 1, "stdout holds the one JSON line only");
  await assert.rejects(fetch(`${line.url}/health`), "nothing listens after the stop");
});

test("sandbox without --json prints the address, the watch page and each user's credentials", async (t) => {
  const home = tempDir(t);
  const cli = startCli(["sandbox", "--port", "0", "--users", "alice"], cliEnv(home));
  t.after(() => cli.child.kill("SIGKILL"));
  const lines = await stdoutLines(cli, 7);
  const url = /Sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0]!)?.[1];
  assert.ok(url, lines.join("\n"));
  assert.equal(lines[1], `Watch page: ${url}/`);
  assert.match(
    lines.join("\n"),
    /alice \(id \d+\)\n {2}email {9}alice@sandbox\.example\n {2}password {6}\S+\n {2}access token {2}\S+/,
  );
  cli.child.kill("SIGINT");
  assert.equal((await cli.done).code, 0);
});

test("sandbox refuses a non-loopback host without --public, and bad flags, with exit 2", async (t) => {
  const env = cliEnv(tempDir(t));
  const cases: [string[], RegExp][] = [
    [["--host", "0.0.0.0"], /not a loopback address.*--public/s],
    [["--ratelimit", "lots"], /REQUESTS\/WINDOW, such as 300\/5m/],
    [["--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["--users", "bad name"], /"bad name" is not a valid username/],
    [["--users", ","], /--users needs at least one name/],
    [["extra"], /unexpected argument "extra"/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(["sandbox", "--port", "0", ...args], env);
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});

test("sandbox on a port in use says so and suggests another", async (t) => {
  const { line } = await startJson(t);
  const port = new URL(line.url).port;
  const result = await runCli(["sandbox", "--port", port], cliEnv(tempDir(t)));
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`Port ${port} is already in use.*--port 0`));
});

test("sandbox --data keeps users and tokens across a restart, in a file of mode 0600", async (t) => {
  const file = path.join(tempDir(t), "state.json");
  const first = await startJson(t, ["--data", file]);
  first.cli.child.kill("SIGTERM");
  assert.equal((await first.cli.done).code, 0);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const second = await startJson(t, ["--data", file]);
  assert.deepEqual(
    second.line.users.map(({ username, id, password, access_token }) => ({
      username,
      id,
      password,
      access_token,
    })),
    first.line.users.map(({ username, id, password, access_token }) => ({
      username,
      id,
      password,
      access_token,
    })),
  );
  const alice = second.line.users[0]!;
  assert.deepEqual(await whoami(second.line.url, alice.access_token), { status: 200, username: "alice" });
});

test("sandbox --data with a file that is not a sandbox state refuses to start and says why", async (t) => {
  const file = path.join(tempDir(t), "state.json");
  fs.writeFileSync(file, '{"hello": "world"}');
  const result = await runCli(["sandbox", "--port", "0", "--data", file], cliEnv(tempDir(t)));
  assert.equal(result.code, 1);
  assert.match(result.stderr, /is not a sandbox state .*--data/);
  assert.equal(fs.readFileSync(file, "utf8"), '{"hello": "world"}', "the file is left alone");
});
