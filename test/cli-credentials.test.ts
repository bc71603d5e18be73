// `credentials` for scripts (--field, one bare value), its help, and a damaged config file that
// must not become a server or a message (issue 10, items 22 and 7); a refusal's text quoted, cut short.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { cliEnv, loggedIn, runCli, secretsIn } from "./cli-harness.js";
import { json, startServer } from "./support/http-server.js";

test("credentials --field NAME prints one bare value, for $(...)", async (t) => {
  const { env, stored, home, server } = await loggedIn(t);
  for (const field of ["api_base_url", "client_id", "client_secret", "access_token"]) {
    const result = await runCli(["credentials", "--field", field], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${stored[field]}\n`, field);
  }
  // A token without its app's credentials: no placeholder on stdout, exit 1, a reason on stderr.
  const bare = await runCli(["credentials", "--field", "client_secret"], {
    ...cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "none.json") }),
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: "fake-env-token-0123",
  });
  assert.equal(bare.code, 1);
  assert.equal(bare.stdout, "");
  assert.match(bare.stderr, /client_secret of these credentials is unknown/);
});

test("credentials --field: an unknown name, or two outputs at once, are usage errors", async (t) => {
  const { env, server } = await loggedIn(t);
  const unknown = await runCli(["credentials", "--field", "password"], env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--field must be one of api_base_url, client_id, client_secret, access_token/);
  assert.equal(unknown.stdout, "");
  for (const other of ["--json", "--env"]) {
    const both = await runCli(["credentials", "--field", "access_token", other], env);
    assert.equal(both.code, 2, other);
    assert.match(both.stderr, /Choose one output/);
    assert.deepEqual(secretsIn(both.stdout + both.stderr, server.secrets()), []);
  }
});

test("credentials --help names the four values it prints and --field; the main help too", async () => {
  const help = await runCli(["credentials", "--help"], cliEnv("/nonexistent"));
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Prints four values/);
  assert.match(help.stdout, /api_base_url.*client_id and client_secret.*access_token/s);
  assert.match(help.stdout, /--field NAME/);
  const main = await runCli(["--help"], cliEnv("/nonexistent"));
  assert.doesNotMatch(main.stdout, /three strings/);
  assert.match(main.stdout, /credentials --field access_token/);
  assert.match(main.stdout, /credentials +print the server, client id, client secret and access token/);
});

test("a damaged account in the config file is named, never used as a server or shown", async (t) => {
  const { env, config, account, stored, server } = await loggedIn(t);
  const data = JSON.parse(fs.readFileSync(config, "utf8"));
  // A secret where the server should be (the client-file mix-up, by hand).
  data.accounts[account].api_base_url = stored.client_secret;
  fs.writeFileSync(config, JSON.stringify(data), { mode: 0o600 });
  const result = await runCli(["whoami"], env);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, new RegExp(`The account "${account}" in .* has no valid api_base_url`));
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);
  assert.ok(!result.stderr.includes(stored.client_secret));
});

test("a refused token: the server's error is quoted in the explanation, cut short", async (t) => {
  const refusing = await startServer((_req, res) =>
    json(res, 401, { error: `The access token is invalid \u001b[2J${"q".repeat(100_000)}` }),
  );
  t.after(() => refusing.close());
  const result = await runCli(["whoami"], {
    ...cliEnv("/nonexistent", { MASTODON_TS_CONFIG: "/nonexistent/none.json" }),
    MASTODON_API_BASE_URL: refusing.url,
    MASTODON_ACCESS_TOKEN: "fake-env-token-0123",
  });
  assert.equal(result.code, 3, result.stderr);
  assert.match(
    result.stderr,
    /\(the server said: The access token is invalid .*q… \(99,\d+ more characters\)\)/,
  );
  assert.ok(result.stderr.length < 3000, `${result.stderr.length} characters on stderr`);
});
