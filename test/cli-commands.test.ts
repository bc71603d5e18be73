// The everyday commands (whoami, credentials, toot, timeline, accounts, logout, revoke) as a child
// process against a local server: credential order, output, exit codes, and no secret in any output
// but `credentials`'.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { cliEnv, type Instance, loggedIn, runCli, secretsIn, startInstance, tempDir } from "./cli-harness.js";

const noSecrets = (server: Instance, ...texts: string[]) =>
  assert.deepEqual(secretsIn(texts.join("\n"), server.secrets()), [], "no secret in the output");

test("whoami: says who the token belongs to, in text and JSON, without secrets", async (t) => {
  const { server, env, account } = await loggedIn(t);
  const text = await runCli(["whoami"], env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^@alice@127\.0\.0\.1:\d+ \(Alice\) on http:\/\/127\.0\.0\.1:\d+$/m);
  assert.match(text.stdout, new RegExp(`credentials from config \\(account "${account}"\\)`));
  const asJson = await runCli(["whoami", "--json"], env);
  assert.equal(JSON.parse(asJson.stdout).username, "alice");
  noSecrets(server, text.stdout, text.stderr, asJson.stdout, asJson.stderr);
});

test("credentials: the three strings, as lines, as export lines a shell evaluates, and as JSON", async (t) => {
  const { env, stored } = await loggedIn(t);
  const plain = await runCli(["credentials"], env);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, new RegExp(`^client_id: +${stored.client_id}$`, "m"));
  assert.match(plain.stdout, new RegExp(`^client_secret: +${stored.client_secret}$`, "m"));
  assert.match(plain.stdout, new RegExp(`^access_token: +${stored.access_token}$`, "m"));

  const exports = await runCli(["credentials", "--env"], env);
  assert.equal(exports.code, 0, exports.stderr);
  assert.match(exports.stdout, /^export MASTODON_ACCESS_TOKEN='/m);
  const shell = spawnSync(
    "sh",
    [
      "-c",
      `${exports.stdout}\nprintf '%s|%s|%s|%s' "$MASTODON_API_BASE_URL" "$MASTODON_CLIENT_ID" "$MASTODON_CLIENT_SECRET" "$MASTODON_ACCESS_TOKEN"`,
    ],
    { encoding: "utf8", env: {} },
  );
  assert.equal(
    shell.stdout,
    [stored.api_base_url, stored.client_id, stored.client_secret, stored.access_token].join("|"),
  );

  const asJson = JSON.parse((await runCli(["credentials", "--json"], env)).stdout);
  assert.equal(asJson.access_token, stored.access_token);
  assert.equal(asJson.client_secret, stored.client_secret);

  const both = await runCli(["credentials", "--env", "--json"], env);
  assert.equal(both.code, 2);
});

test("credentials: flags, then environment variables, then the config file", async (t) => {
  const { server, env, token, home } = await loggedIn(t);
  const app = server.oauth.addApp();
  const envToken = server.oauth.addToken(app.client_id);
  const fromEnv = await runCli(["credentials", "--json"], {
    ...env,
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: envToken.token,
    MASTODON_CLIENT_ID: app.client_id,
    MASTODON_CLIENT_SECRET: app.client_secret,
  });
  const chosen = JSON.parse(fromEnv.stdout);
  assert.equal(chosen.access_token, envToken.token);
  assert.equal(chosen.client_id, app.client_id);

  const fromFlags = await runCli(
    ["credentials", "--json", "--access-token", "flag-token-value", "--instance", server.url],
    {
      ...env,
      MASTODON_ACCESS_TOKEN: envToken.token,
    },
  );
  assert.equal(JSON.parse(fromFlags.stdout).access_token, "flag-token-value");

  const fromConfig = await runCli(["credentials", "--json"], env);
  assert.equal(JSON.parse(fromConfig.stdout).access_token, token);

  // A bot with no file at all: the environment alone.
  const bare = cliEnv(home, {
    MASTODON_TS_CONFIG: path.join(home, "none.json"),
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: envToken.token,
  });
  const whoami = await runCli(["whoami"], bare);
  assert.equal(whoami.code, 0, whoami.stderr);
  assert.match(whoami.stdout, /credentials from environment/);
  noSecrets(server, whoami.stdout, whoami.stderr);

  // A token from the environment without a server is a usage error that names the variable.
  const noServer = await runCli(
    ["whoami"],
    cliEnv(home, { MASTODON_ACCESS_TOKEN: "x", MASTODON_TS_CONFIG: path.join(home, "none.json") }),
  );
  assert.equal(noServer.code, 2);
  assert.match(noServer.stderr, /MASTODON_API_BASE_URL/);
});

test("whoami: an expired or revoked token exits with 3 and says how to log in again", async (t) => {
  const { server, env, token } = await loggedIn(t);
  const issued = server.oauth.tokens.get(token);
  assert.ok(issued);
  issued.expiresAt = Date.now() - 1000;
  const result = await runCli(["whoami"], env);
  assert.equal(result.code, 3);
  assert.match(
    result.stderr,
    /refused the account "alice@127\.0\.0\.1:\d+" from the config file: the access token is invalid, expired or revoked/,
  );
  assert.match(result.stderr, new RegExp(`mastodon-ts login --instance ${server.url}`));
  noSecrets(server, result.stdout, result.stderr);
});

test("whoami: not logged in (3), unreachable server (4)", async (t) => {
  const home = tempDir(t);
  const none = await runCli(
    ["whoami", "--json"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
  );
  assert.equal(none.code, 3);
  assert.match(none.stderr, /Not logged in\. Run `mastodon-ts login --instance/);
  assert.equal(JSON.parse(none.stdout).error.exit_code, 3);
  const offline = await runCli(
    ["whoami", "--timeout", "5"],
    cliEnv(home, { MASTODON_API_BASE_URL: "http://127.0.0.1:9", MASTODON_ACCESS_TOKEN: "tok-offline-1234" }),
  );
  assert.equal(offline.code, 4);
  assert.match(offline.stderr, /Could not reach http:\/\/127\.0\.0\.1:9/);
  assert.ok(!offline.stderr.includes("tok-offline-1234"));
});

test("toot: posts with visibility, content warning, reply and language; prints the URL", async (t) => {
  const { server, env } = await loggedIn(t);
  const result = await runCli(
    [
      "toot",
      "Hello <world> & all",
      "--visibility",
      "unlisted",
      "--cw",
      "greetings",
      "--reply-to",
      "42",
      "--language",
      "en",
    ],
    env,
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Posted: http:\/\/127\.0\.0\.1:\d+\/@alice\/100 \(id 100, unlisted\)$/m);
  const sent = server.apiRequests.find((r) => r.path === "/api/v1/statuses")?.params;
  assert.equal(sent?.status, "Hello <world> & all");
  assert.equal(sent?.visibility, "unlisted");
  assert.equal(sent?.spoiler_text, "greetings");
  assert.equal(sent?.in_reply_to_id, "42");
  assert.equal(sent?.language, "en");
  noSecrets(server, result.stdout, result.stderr);

  const piped = await runCli(["toot", "-", "--json"], env, "from\nstandard input\n");
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(JSON.parse(piped.stdout).content, "<p>from\nstandard input</p>");
});

test("toot: bad input is refused before any request (exit code 2)", async (t) => {
  const { server, env, home } = await loggedIn(t);
  const cases: [string[], RegExp][] = [
    [["toot"], /toot needs the text/],
    [
      ["toot", "hi", "--visibility", "everyone"],
      /--visibility must be one of public, unlisted, private, direct/,
    ],
    [["toot", "hi", "--media", path.join(home, "missing.png")], /there is no file/],
    [["toot", "hi", "--description", "alt without media"], /more --description flags than --media files/],
    [["toot", "a", "b"], /unexpected argument "b"/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args, env);
    assert.equal(result.code, 2, args.join(" "));
    assert.match(result.stderr, message);
  }
  const empty = await runCli(["toot", "-"], env, "\n");
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /Standard input was empty/);
  assert.equal(server.apiRequests.length, 0);
});

test("toot: the server's refusals and failures have their own exit codes (6 refused, 5 server error)", async (t) => {
  const { server, env } = await loggedIn(t);
  server.failStatusPost = {
    status: 422,
    body: { error: "Validation failed: Text character limit of 500 exceeded" },
  };
  const refused = await runCli(["toot", "x"], env);
  assert.equal(refused.code, 6);
  assert.match(refused.stderr, /character limit of 500 exceeded/);
  server.failStatusPost = { status: 500, body: { error: "boom" } };
  const failed = await runCli(["toot", "x", "--json"], env);
  assert.equal(failed.code, 5);
  assert.equal(JSON.parse(failed.stdout).error.type, "MastodonInternalServerError");
});

test("timeline: home by default, --limit, text and JSON", async (t) => {
  const { server, env } = await loggedIn(t);
  for (const text of ["first", "second <b>bold</b>", "third"])
    assert.equal((await runCli(["toot", text], env)).code, 0);
  const result = await runCli(["timeline", "--limit", "2"], env);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.apiRequests.at(-1)?.path, "/api/v1/timelines/home");
  assert.equal(server.apiRequests.at(-1)?.query.get("limit"), "2");
  assert.match(result.stdout, /@alice@127\.0\.0\.1:\d+ \(Alice\) · 2026-01-01T12:00:02\.000Z\n {2}third\n/);
  assert.match(result.stdout, / {2}second <b>bold<\/b>\n/);
  assert.doesNotMatch(result.stdout, /first/);
  const asJson = JSON.parse((await runCli(["timeline", "home", "--json"], env)).stdout);
  assert.equal(asJson.length, 3);
  const kinds: [string[], string, string][] = [
    [["timeline", "local"], "/api/v1/timelines/public", "local=true"],
    [["timeline", "public", "--limit", "1"], "/api/v1/timelines/public", "limit=1"],
    [["timeline", "tag", "#caturday"], "/api/v1/timelines/tag/caturday", ""],
    [["timeline", "list", "7"], "/api/v1/timelines/list/7", ""],
  ];
  for (const [args, route, query] of kinds) {
    const listed = await runCli(args, env);
    assert.equal(listed.code, 0, `${args.join(" ")}: ${listed.stderr}`);
    assert.equal(server.apiRequests.at(-1)?.path, route);
    assert.ok(server.apiRequests.at(-1)?.query.toString().includes(query), args.join(" "));
  }
  const noTag = await runCli(["timeline", "tag"], env);
  assert.equal(noTag.code, 2);
  assert.match(noTag.stderr, /timeline tag needs the hashtag/);
  const bad = await runCli(["timeline", "sideways"], env);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /Unknown timeline "sideways"; use home, local, public, tag NAME, list ID or link URL/,
  );
  const badLimit = await runCli(["timeline", "--limit", "500"], env);
  assert.equal(badLimit.code, 2);
  assert.match(badLimit.stderr, /--limit must be a whole number from 1 to 40/);
});

test("timeline and errors: a server's control characters never reach the terminal; --json keeps the data exact", async (t) => {
  const { server, env } = await loggedIn(t);
  // A status from anyone on the fediverse: escape sequences raw and as HTML character references
  // (OSC 52 would set the clipboard, \r rewrites the line, U+009B is an 8-bit CSI).
  server.statuses.unshift({
    id: "666",
    uri: `${server.url}/users/mallory/statuses/666`,
    url: `${server.url}/@mallory/666`,
    created_at: "2026-01-01T12:00:00.000Z",
    content: "<p>look &#27;]52;c;aGk=&#7; here\u001b[2J\u009b31m</p>",
    spoiler_text: "cw\u001b[8m",
    visibility: "public",
    account: {
      id: "9",
      username: "mallory",
      acct: "mallory",
      display_name: "Mal\u001b]0;pwned\u0007\r@admin",
    },
    media_attachments: [{ id: "1", type: "image", url: null, description: "alt\u001b[1A" }],
    reblog: null,
  });
  const result = await runCli(["timeline", "--limit", "1"], env);
  assert.equal(result.code, 0, result.stderr);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
  assert.doesNotMatch(result.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(result.stdout, /\(Mal\ufffd\]0;pwned\ufffd\ufffd@admin\)/);
  assert.match(result.stdout, /CW: cw\ufffd\[8m\n/);
  assert.match(result.stdout, / {2}look \ufffd\]52;c;aGk=\ufffd here\ufffd\[2J\ufffd31m\n/);
  assert.match(result.stdout, /\[image\] alt\ufffd\[1A/);
  const jsonText = (await runCli(["timeline", "--limit", "1", "--json"], env)).stdout;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
  assert.doesNotMatch(jsonText, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, "escaped, C1 too");
  const asJson = JSON.parse(jsonText);
  assert.equal(asJson[0].account.display_name, "Mal\u001b]0;pwned\u0007\r@admin");
  assert.equal(
    asJson[0].content,
    "<p>look &#27;]52;c;aGk=&#7; here\u001b[2J\u009b31m</p>",
    "the data is exact",
  );

  // Numeric references String.fromCodePoint throws on (a server that is not Mastodon may send them).
  server.statuses.unshift({
    ...server.statuses[0],
    id: "667",
    content: "<p>far &#99999999; &#x110000; &#0; &#xD800; &#65;</p>",
    spoiler_text: "",
    media_attachments: [],
  });
  const references = await runCli(["timeline", "--limit", "1"], env);
  assert.equal(references.code, 0, references.stderr);
  assert.match(references.stdout, / {2}far \ufffd \ufffd \ufffd \ufffd A\n/);

  server.failStatusPost = {
    status: 422,
    body: { error: "Validation failed\u001b[2J\u001b]52;c;aGk=\u0007" },
  };
  const refused = await runCli(["toot", "hello"], env);
  assert.equal(refused.code, 6);
  assert.match(refused.stderr, /Validation failed\ufffd\[2J\ufffd\]52;c;aGk=\ufffd/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
  assert.doesNotMatch(refused.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});

test("accounts: lists the accounts and switches the active one; no tokens shown", async (t) => {
  const first = await loggedIn(t);
  const otherServer = await startInstance(t);
  const login = await runCli(
    ["login", "--instance", otherServer.url, "--password"],
    first.env,
    "a@b.test\npw-123456\n",
  );
  assert.equal(login.code, 0, login.stderr);
  const listed = await runCli(["accounts"], first.env);
  const lines = listed.stdout.trim().split("\n");
  assert.equal(lines.length, 2);
  assert.match(
    lines.find((l) => l.startsWith("*")) ?? "",
    new RegExp(`alice@${new URL(otherServer.url).host}`),
  );
  const switched = await runCli(["accounts", "switch", first.account], first.env);
  assert.equal(switched.code, 0, switched.stderr);
  const asJson = JSON.parse((await runCli(["accounts", "--json"], first.env)).stdout);
  assert.equal(asJson.accounts.find((a: { active: boolean }) => a.active).account, first.account);
  const unknown = await runCli(["accounts", "switch", "nobody@nowhere"], first.env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /There is no account "nobody@nowhere"\. Known accounts: /);
  noSecrets(first.server, listed.stdout, asJson && JSON.stringify(asJson));
  noSecrets(otherServer, listed.stdout, JSON.stringify(asJson));
});

test("logout: revokes the token on the server and forgets the account", async (t) => {
  const { server, env, token, config, account } = await loggedIn(t);
  const result = await runCli(["logout"], env);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`Logged out of ${account} \\(token revoked\\)`));
  assert.equal(server.oauth.tokens.get(token)?.revoked, true);
  const data = JSON.parse(fs.readFileSync(config, "utf8"));
  assert.deepEqual(data.accounts, {});
  assert.equal(data.active, undefined);
  assert.equal(data.apps.length, 1, "the app is kept for the next login");
  noSecrets(server, result.stdout, result.stderr);
  const again = await runCli(["whoami"], env);
  assert.equal(again.code, 3);
});

test("logout: an unreachable server keeps the account (exit 4) unless --no-revoke", async (t) => {
  const { config, env, account } = await loggedIn(t);
  const data = JSON.parse(fs.readFileSync(config, "utf8"));
  data.accounts[account].api_base_url = "http://127.0.0.1:9";
  fs.writeFileSync(config, JSON.stringify(data), { mode: 0o600 });
  const kept = await runCli(["logout", "--timeout", "5"], env);
  assert.equal(kept.code, 4);
  assert.match(kept.stderr, /was not forgotten; try again later, or use --no-revoke/);
  assert.ok(JSON.parse(fs.readFileSync(config, "utf8")).accounts[account]);
  const forced = await runCli(["logout", "--no-revoke"], env);
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual(JSON.parse(fs.readFileSync(config, "utf8")).accounts, {});
});

test("revoke: revokes a token given through the environment (with the app's id and secret)", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const app = server.oauth.addApp();
  const issued = server.oauth.addToken(app.client_id);
  const base = {
    MASTODON_TS_CONFIG: path.join(home, "c.json"),
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: issued.token,
  };
  const noApp = await runCli(["revoke"], cliEnv(home, base));
  assert.equal(noApp.code, 2);
  assert.match(noApp.stderr, /needs the app's client id and secret/);
  const result = await runCli(
    ["revoke"],
    cliEnv(home, { ...base, MASTODON_CLIENT_ID: app.client_id, MASTODON_CLIENT_SECRET: app.client_secret }),
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Token revoked on/);
  assert.equal(issued.revoked, true);
  noSecrets(server, result.stdout, result.stderr, noApp.stderr);
});

test("--help for every command, and usage errors for unknown commands", async (t) => {
  const home = tempDir(t);
  const env = cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") });
  const main = await runCli(["--help"], env);
  assert.equal(main.code, 0);
  const commands = [...main.stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1] ?? "");
  assert.ok(commands.length >= 8, commands.join(","));
  for (const name of commands) {
    const help = await runCli([name, "--help"], env);
    assert.equal(help.code, 0, name);
    assert.match(help.stdout, new RegExp(`^Usage: mastodon-ts ${name}`), name);
    assert.match(help.stdout, /Exit codes:/);
  }
  const unknown = await runCli(["tweet", "hi"], env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown command "tweet"/);
  const nothing = await runCli([], env);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /Usage: mastodon-ts COMMAND/);
});

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
  "base64",
);

test("toot --media: uploads with alt text, shows progress while the server processes it, attaches it", async (t) => {
  const { server, env, home } = await loggedIn(t);
  server.mediaProcessingPolls = 1;
  const image = path.join(home, "cat.png");
  fs.writeFileSync(image, PNG);
  const result = await runCli(
    [
      "toot",
      "Look at this",
      "--media",
      image,
      "--description",
      "A tiny green square",
      "--sensitive",
      "--json",
    ],
    env,
  );
  assert.equal(result.code, 0, result.stderr);
  // Without a terminal the progress display is plain lines on stderr; stdout holds only the JSON.
  assert.match(result.stderr, /^Uploading cat\.png \(\d+ B\) and waiting for processing\.\.\.$/m);
  assert.match(result.stderr, /^Uploading cat\.png .*: ready, media id 500 \(\d+\.\d s\)$/m);
  const status = JSON.parse(result.stdout);
  assert.equal(status.media_attachments[0].description, "A tiny green square");
  assert.ok(status.media_attachments[0].url, "attached after processing finished");
  const paths = server.apiRequests.map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(paths, ["POST /api/v2/media", "GET /api/v1/media/500", "POST /api/v1/statuses"]);
  const post = server.apiRequests.at(-1)?.params;
  assert.deepEqual(post?.media_ids, ["500"]);
  assert.equal(String(post?.sensitive), "true");
  noSecrets(server, result.stdout, result.stderr);
});

test("toot --media: a file the server would refuse is refused before any request (exit code 2)", async (t) => {
  const { server, env, home } = await loggedIn(t);
  const notMedia = path.join(home, "notes.txt");
  fs.writeFileSync(notMedia, "just some text, not an image\n");
  const result = await runCli(["toot", "hi", "--media", notMedia], env);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /notes\.txt|media_file/);
  assert.equal(server.apiRequests.length, 0);
});

test("--from-file reads a Mastodon.py token file; --config chooses the config file", async (t) => {
  const { server, env, home, config } = await loggedIn(t);
  const tokenFile = path.join(home, "usercred.secret");
  const written = await runCli(
    ["login", "--instance", server.url, "--password", "--to-file", tokenFile],
    env,
    "a@b.test\npw-123456\n",
  );
  assert.equal(written.code, 0, written.stderr);
  const elsewhere = cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "empty.json") });
  const fromFile = await runCli(["whoami", "--from-file", tokenFile], elsewhere);
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.match(fromFile.stdout, /credentials from flags/);
  const missing = await runCli(["whoami", "--from-file", path.join(home, "nope.secret")], elsewhere);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /does not exist/);
  const viaFlag = await runCli(["accounts", "--config", config, "--json"], elsewhere);
  assert.equal(JSON.parse(viaFlag.stdout).accounts.length, 1);
  noSecrets(server, fromFile.stdout, fromFile.stderr, viaFlag.stdout);
});

test("toot --media on a terminal: a spinner with the elapsed time while the upload is processed", async (t) => {
  const { server, env, home } = await loggedIn(t);
  server.mediaProcessingPolls = 1;
  const image = path.join(home, "dog.png");
  fs.writeFileSync(image, PNG);
  const command = `${process.execPath} --import tsx src/cli/main.ts toot 'On a terminal' --media ${image}`;
  // Asynchronously: the server answering the CLI runs in this process.
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...env, TERM: "dumb" },
  });
  child.stdin.end();
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const status = await new Promise((resolve) => child.on("close", resolve));
  const transcript = { status, stdout: output };
  assert.equal(transcript.status, 0, transcript.stdout);
  const screen = transcript.stdout.replaceAll("\u001b", "<ESC>");
  // The line is redrawn in place (carriage return, clear line) and ends with the result.
  assert.match(
    screen,
    /\r<ESC>\[2K[|/\\-] Uploading dog\.png \(\d+ B\) and waiting for processing \d+\.\d s/,
  );
  assert.match(screen, /\r<ESC>\[2KUploading dog\.png .*: ready, media id 500 \(\d+\.\d s\)\r?\n/);
  assert.match(transcript.stdout, /Posted: /);
});
