// Credential and config files that are not what they should be, and writing them safely: a FIFO,
// /dev/zero behind a symlink, a huge file or a directory where a credential file or the config
// belongs are refused at once (reading them blocked for ever or ate all memory); a write that fails
// leaves the old file as it was; a symlink planted where the config's temporary file used to go is
// not written through.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type TestContext, test } from "node:test";
import { ConfigFile } from "../src/cli/config-file.js";
import { Mastodon, MastodonIOError, readAccessTokenFile, readClientCredentialFile } from "../src/index.js";
import { type CliResult, cliEnv, startCli, tempDir } from "./cli-harness.js";
import { startFakeOAuthServer } from "./support/fake-oauth-server.js";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A sparse file of `bytes` zero bytes (no disk used). */
function sparse(file: string, bytes: number): string {
  const fd = fs.openSync(file, "w");
  fs.ftruncateSync(fd, bytes);
  fs.closeSync(fd);
  return file;
}

/** The CLI to its end, killed if it has not ended after `seconds` (a read that blocks never ends). */
async function runCliWithin(args: string[], env: NodeJS.ProcessEnv, seconds = 15): Promise<CliResult> {
  const cli = startCli(args, env);
  cli.child.stdin.end();
  const timer = setTimeout(() => cli.child.kill("SIGKILL"), seconds * 1000);
  const result = await cli.done;
  clearTimeout(timer);
  return result;
}

/** A FIFO nobody writes to, and a symlink to /dev/zero, in a fresh directory. */
function specialFiles(t: TestContext) {
  const home = tempDir(t);
  const fifo = path.join(home, "fifo");
  execFileSync("mkfifo", [fifo]);
  const zero = path.join(home, "zero");
  fs.symlinkSync("/dev/zero", zero);
  return { home, fifo, zero };
}

test("CLI: a FIFO or /dev/zero as --from-file or --config is refused at once, saying what it is", async (t) => {
  const { home, fifo, zero } = specialFiles(t);
  const env = cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "none.json") });
  const cases: [string[], RegExp][] = [
    [
      ["whoami", "--from-file", fifo],
      /access token file ".*fifo" is a FIFO \(named pipe\), not a regular file/,
    ],
    [["whoami", "--from-file", zero], /access token file ".*zero" is a device, not a regular file/],
    [["accounts", "--config", zero], /config file .*zero is a device, not a regular file\. Move it away/],
    [["accounts", "--config", fifo], /config file .*fifo is a FIFO \(named pipe\), not a regular file/],
  ];
  for (const [args, message] of cases) {
    const result = await runCliWithin(args, env);
    assert.equal(result.code, 1, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /looks like a bug/);
  }
});

test("CLI: a config file over 1 MB is refused without reading it all", async (t) => {
  const home = tempDir(t);
  const config = sparse(path.join(home, "config.json"), 50 * 1024 * 1024);
  const result = await runCliWithin(["accounts", "--config", config], cliEnv(home));
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /config file .*config\.json is larger than 1,048,576 bytes/);
});

test("library: a credential file over 64 KB or a directory is a MastodonIOError naming the file", (t) => {
  const home = tempDir(t);
  const big = sparse(path.join(home, "big.secret"), 200 * 1024 * 1024);
  const directory = path.join(home, "dir.secret");
  fs.mkdirSync(directory);
  const refused = (file: string, what: RegExp) => (err: unknown) => {
    assert.ok(err instanceof MastodonIOError, String(err));
    assert.ok(err.message.includes(`"${file}"`), err.message);
    assert.match(err.message, what);
    return true;
  };
  const tooLarge = /is larger than 65,536 bytes.* Pass the file (logIn|createApp) wrote with to_file\./;
  assert.throws(() => readAccessTokenFile(big), refused(big, tooLarge));
  assert.throws(() => readClientCredentialFile(big), refused(big, tooLarge));
  assert.throws(
    () => new Mastodon({ access_token_file: big, api_base_url: "https://mastodon.example" }),
    refused(big, tooLarge),
  );
  assert.throws(
    () => readAccessTokenFile(directory),
    refused(directory, /is a directory, not a regular file/),
  );
  // A file just under the limit is read (and judged by its lines).
  const fine = path.join(home, "fine.secret");
  fs.writeFileSync(fine, `fake_access_token_0123\nhttps://mastodon.example\n${"\n".repeat(60_000)}`);
  assert.equal(readAccessTokenFile(fine).access_token, "fake_access_token_0123");
});

test("config: a symlink planted at the old temporary name is not written through", (t) => {
  const home = tempDir(t);
  const victim = path.join(home, "someone-elses-file.txt");
  fs.writeFileSync(victim, "important data\n", { mode: 0o644 });
  const config = path.join(home, "config.json");
  // The temporary file's name was `${config}.${pid}.tmp`, so anyone who could write the directory
  // could plant a link there in advance.
  fs.symlinkSync(victim, `${config}.${process.pid}.tmp`);
  const data = { version: 1 as const, accounts: {}, apps: [] };
  new ConfigFile(config).save({ ...data, active: "fake-account" });
  assert.equal(fs.readFileSync(victim, "utf8"), "important data\n", "the link's target is untouched");
  assert.equal(fs.lstatSync(config).isFile(), true, "the config is a file of its own, not the link");
  assert.equal(fs.statSync(config).mode & 0o777, 0o600);
  assert.equal(new ConfigFile(config).load().active, "fake-account");
  // Nothing is left beside it but the planted link: the temporary file was renamed into place.
  assert.deepEqual(fs.readdirSync(home).sort(), [
    "config.json",
    `config.json.${process.pid}.tmp`,
    "someone-elses-file.txt",
  ]);
});

test("to_file: a write that fails (file size limit, as on a full disk) leaves the old file as it was", async (t) => {
  const server = await startFakeOAuthServer();
  t.after(() => server.close());
  const home = tempDir(t);
  const file = path.join(home, "app.secret");
  const old = `fake_old_client_id\nfake_old_client_secret\n${server.url}\nold app\n`;
  fs.writeFileSync(file, old, { mode: 0o600 });
  // A child with a file size limit of 0 bytes: creating a file works, writing any byte fails with
  // EFBIG (Node ignores SIGXFSZ). Before, the file was truncated first and stayed empty.
  const script = path.join(home, "write.mts");
  fs.writeFileSync(
    script,
    `import { Mastodon } from ${JSON.stringify(path.join(ROOT, "src", "index.ts"))};\n` +
      `try { await Mastodon.createApp("new app", { api_base_url: ${JSON.stringify(server.url)}, to_file: ${JSON.stringify(file)} }); console.log("written"); }\n` +
      "catch (error) { console.log(error.name, error.message); }\n",
  );
  const child = spawn(
    "bash",
    ["-c", 'ulimit -f 0 && exec "$0" --import tsx "$1"', process.execPath, script],
    {
      cwd: ROOT,
    },
  );
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  child.stderr.resume();
  await new Promise((resolve) => child.on("close", resolve));
  assert.match(out, /^MastodonIOError Could not write the credential file ".*app\.secret" \(EFBIG\)/);
  assert.match(out, /a file already there was left as it was/);
  assert.equal(server.requestsTo("/api/v1/apps").length, 1, "the app was registered");
  assert.equal(fs.readFileSync(file, "utf8"), old);
  assert.deepEqual(fs.readdirSync(home).sort(), ["app.secret", "write.mts"], "no temporary file is left");
});

test("to_file replaces an existing file with one of mode 0600 through a new file beside it", async (t) => {
  const server = await startFakeOAuthServer();
  t.after(() => server.close());
  const home = tempDir(t);
  const file = path.join(home, "app.secret");
  fs.writeFileSync(file, "old content\n", { mode: 0o644 });
  const before = fs.statSync(file).ino;
  const app = await Mastodon.createApp("new app", { api_base_url: server.url, to_file: file });
  assert.equal(
    fs.readFileSync(file, "utf8"),
    `${app.client_id}\n${app.client_secret}\n${server.url}\nnew app\n`,
  );
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.notEqual(fs.statSync(file).ino, before, "a new file was renamed over the old one");
  assert.deepEqual(fs.readdirSync(home), ["app.secret"]);
});
