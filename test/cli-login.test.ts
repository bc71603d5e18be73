// The `login` command end to end: the real CLI as a child process against a local Mastodon-like
// server over real sockets. The test plays the user's browser.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { type TestContext, test } from "node:test";
import { readAccessTokenFile } from "../src/auth/credential-files.js";
import {
  cliEnv,
  runCli,
  secretsIn,
  startCli,
  startInstance,
  tempDir,
  unreachableUrl,
} from "./cli-harness.js";
import { json, startServer } from "./support/http-server.js";

const EMAIL = "alice@example.test";
const PASSWORD = "correct-horse-battery-staple-9";

const readConfig = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

test("login: the browser flow with a loopback redirect, PKCE and state, stores the account with mode 0600", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const config = path.join(home, "conf", "mastodon-ts.json");
  const cli = startCli(
    ["login", "--instance", server.url, "--scopes", "read,write", "--json"],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
  );
  const [, authUrl = ""] = await cli.waitForStderr(/^\s+(http\S+\/oauth\/authorize\S+)$/m);
  const url = new URL(authUrl);
  const redirect = new URL(url.searchParams.get("redirect_uri") ?? "");
  assert.equal(redirect.hostname, "127.0.0.1");
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  assert.equal(url.searchParams.get("scope"), "read write");
  const state = url.searchParams.get("state") ?? "";
  assert.ok(state.length >= 16, "a random state is sent");

  // A request that does not carry the state is refused and does not end the login.
  const forged = await fetch(`${redirect.href}?code=forged&state=wrong`);
  assert.equal(forged.status, 400);
  assert.match(await forged.text(), /does not belong to the login/);

  // The user authorizes; the server redirects the browser back to the CLI's loopback address.
  const consent = await fetch(authUrl, { method: "POST", redirect: "manual" });
  assert.equal(consent.status, 302);
  const back = new URL(consent.headers.get("location") ?? "");
  assert.equal(back.origin, redirect.origin);
  assert.equal(back.searchParams.get("state"), state);
  const landing = await fetch(back);
  assert.equal(landing.status, 200);
  assert.match(await landing.text(), /You can close this tab/);

  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assert.equal(out.acct, "alice");
  assert.equal(out.active, true);
  assert.deepEqual(out.scopes, ["read", "write"]);

  const exchange = server.oauth.requestsTo("/oauth/token").at(-1);
  assert.equal(exchange?.params.grant_type, "authorization_code");
  assert.equal(exchange?.params.redirect_uri, redirect.href);
  assert.ok(typeof exchange?.params.code_verifier === "string", "the PKCE verifier is sent with the code");

  assert.equal(mode(config), 0o600);
  assert.equal(mode(path.dirname(config)), 0o700);
  const stored = readConfig(config);
  assert.equal(stored.active, out.account);
  assert.equal(stored.accounts[out.account].access_token, [...server.oauth.tokens.values()].at(-1)?.token);
  assert.equal(stored.apps.length, 1);
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);

  // A second login on that server reuses the app (here with a pasted code: the app has both URIs).
  const again = startCli(
    ["login", "--instance", server.url, "--no-browser", "--scopes", "read,write"],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
  );
  const [, oobUrl = ""] = await again.waitForStderr(/^\s+(http\S+\/oauth\/authorize\S+)$/m);
  const { code } = await server.oauth.approve(oobUrl);
  again.child.stdin.end(`${code}\n`);
  const second = await again.done;
  assert.equal(second.code, 0, second.stderr);
  assert.equal(server.oauth.requestsTo("/api/v1/apps").length, 1, "the app was registered once");
  assert.match(second.stdout, /Logged in as @alice@127\.0\.0\.1:\d+ \(Alice\)/);
  assert.deepEqual(secretsIn(second.stdout + second.stderr, server.secrets()), []);
});

test("login: declining in the browser ends the login with exit code 3 and saves no account", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const config = path.join(home, "c.json");
  const cli = startCli(["login", "--instance", server.url], cliEnv(home, { MASTODON_TS_CONFIG: config }));
  const [, authUrl = ""] = await cli.waitForStderr(/^\s+(http\S+\/oauth\/authorize\S+)$/m);
  const url = new URL(authUrl);
  const back = new URL(url.searchParams.get("redirect_uri") ?? "");
  back.searchParams.set("error", "access_denied");
  back.searchParams.set("state", url.searchParams.get("state") ?? "");
  assert.equal((await fetch(back)).status, 200);
  const result = await cli.done;
  assert.equal(result.code, 3);
  assert.match(result.stderr, /declined in the browser; nothing was saved/);
  assert.deepEqual(readConfig(config).accounts, {});
});

test("login: the browser flow gives up after --wait seconds with exit code 3", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const result = await runCli(
    ["login", "--instance", server.url, "--wait", "0.5"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
  );
  assert.equal(result.code, 3);
  assert.match(result.stderr, /No authorization arrived within 0\.5 s.*--no-browser/);
});

/** Plays the user's browser: approves on the authorization page, follows the redirect to the loopback. */
async function approveInBrowser(authUrl: string): Promise<Response> {
  const consent = await fetch(authUrl, { method: "POST", redirect: "manual" });
  assert.equal(consent.status, 302);
  return fetch(consent.headers.get("location") ?? "");
}

/** The status line of one raw request to the loopback port (fetch cannot send an absolute-form target). */
function rawRequest(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(answer.split("\r\n")[0] ?? ""));
    socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  });
}

/** A browser login started with `extra` flags, up to the printed authorization URL. */
async function startBrowserLogin(t: TestContext, extra: string[] = []) {
  const server = await startInstance(t);
  const home = tempDir(t);
  const cli = startCli(
    ["login", "--instance", server.url, ...extra],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
  );
  const [, authUrl = ""] = await cli.waitForStderr(/^\s+(http\S+\/oauth\/authorize\S+)$/m);
  const url = new URL(authUrl);
  return {
    cli,
    authUrl,
    redirect: new URL(url.searchParams.get("redirect_uri") ?? ""),
    state: url.searchParams.get("state") ?? "",
  };
}

test("login: a request whose target does not parse as a URL is answered 400; the login goes on", async (t) => {
  const { cli, authUrl, redirect, state } = await startBrowserLogin(t);
  // Any local process can send this; `new URL` throws on the port, which crashed the waiting login.
  for (const target of [
    `http://127.0.0.1:99999/callback?state=${state}&code=forged`,
    "http://[::1/callback",
  ]) {
    assert.equal(await rawRequest(Number(redirect.port), target), "HTTP/1.1 400 Bad Request", target);
  }
  assert.equal((await approveInBrowser(authUrl)).status, 200);
  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Logged in as @alice/);
});

test("login --wait longer than setTimeout's limit (2147484 s) waits instead of giving up at once", async (t) => {
  const { cli, authUrl } = await startBrowserLogin(t, ["--wait", "2147484"]);
  await cli.waitForStderr(/Waiting for the authorization \(up to 2147484 s/);
  // An overflowing delay fired within a millisecond or so; give it ample time to show.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(cli.child.exitCode, null, "the login is still waiting");
  assert.equal((await approveInBrowser(authUrl)).status, 200);
  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /TimeoutOverflowWarning/);
});

test("login: the server's error and description from the redirect are quoted, cut short", async (t) => {
  const { cli, redirect: back, state } = await startBrowserLogin(t);
  back.searchParams.set("error", "invalid_scope");
  back.searchParams.set("error_description", `\u001b]0;pwned\u0007${"y".repeat(5000)}`);
  back.searchParams.set("state", state);
  assert.equal((await fetch(back)).status, 200);
  const result = await cli.done;
  assert.equal(result.code, 3);
  assert.match(result.stderr, /did not authorize the app \(invalid_scope: .*y… \(4,\d+ more characters\)\)/);
  assert.ok(result.stderr.length < 3000, `${result.stderr.length} characters on stderr`);
});

/** Plays the user of the paste flow: waits for the URL, authorizes, pastes the code; returns the result. */
async function pasteFlow(
  server: Awaited<ReturnType<typeof startInstance>>,
  cli: ReturnType<typeof startCli>,
) {
  const [, authUrl = ""] = await cli.waitForStderr(/^\s+(http\S+\/oauth\/authorize\S+)$/m);
  assert.equal(new URL(authUrl).searchParams.get("redirect_uri"), "urn:ietf:wg:oauth:2.0:oob");
  await cli.waitForStderr(/paste the code/);
  const { code } = await server.oauth.approve(authUrl);
  cli.child.stdin.end(`${code}\n`);
  return cli.done;
}

test("login on a headless machine (no display, no $BROWSER): straight to the paste flow, saying why", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const env = cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") });
  delete env.BROWSER;
  const started = Date.now();
  const result = await pasteFlow(server, startCli(["login", "--instance", server.url], env));
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stderr,
    /No browser can be opened: there is no graphical session here \(DISPLAY and WAYLAND_DISPLAY are unset\)/,
  );
  assert.doesNotMatch(result.stderr, /Opened your browser|Waiting for the authorization/);
  assert.ok(Date.now() - started < 60_000, "no wait for a redirect");
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);
});

test("login: an opener that is missing or fails sends the user to the paste flow, saying why", async (t) => {
  for (const [browser, reason] of [
    [path.join(tempDir(t), "no-such-opener"), /is not installed/],
    ["false", /"false" failed \(exit code 1\)/],
  ] as const) {
    const server = await startInstance(t);
    const home = tempDir(t);
    const env = cliEnv(home, {
      MASTODON_TS_CONFIG: path.join(home, "c.json"),
      BROWSER: browser,
      DISPLAY: ":0",
    });
    const result = await pasteFlow(server, startCli(["login", "--instance", server.url], env));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Could not open a browser: the browser opener/);
    assert.match(result.stderr, reason);
    assert.doesNotMatch(result.stderr, /Opened your browser|Waiting for the authorization/);
  }
});

test("login --no-browser: prints the URL and reads the pasted code from standard input", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const config = path.join(home, "c.json");
  const toFile = path.join(home, "usercred.secret");
  const cli = startCli(
    ["login", "--instance", server.url, "--no-browser", "--to-file", toFile],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
  );
  const [, authUrl = ""] = await cli.waitForStderr(/^\s+(http\S+\/oauth\/authorize\S+)$/m);
  assert.equal(new URL(authUrl).searchParams.get("redirect_uri"), "urn:ietf:wg:oauth:2.0:oob");
  await cli.waitForStderr(/paste the code/);
  const { code } = await server.oauth.approve(authUrl);
  cli.child.stdin.end(`  ${code}  \n`);
  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Logged in as @alice@127\.0\.0\.1:\d+ \(Alice\)/);
  assert.match(result.stdout, /Mastodon\.py format, mode 0600/);
  // The Mastodon.py-format file: token, server, client id, client secret.
  assert.equal(mode(toFile), 0o600);
  const file = readAccessTokenFile(toFile);
  const stored = readConfig(config);
  const account = stored.accounts[stored.active];
  assert.equal(file.access_token, account.access_token);
  assert.equal(file.api_base_url, server.url);
  assert.equal(file.client_id, account.client_id);
  assert.equal(file.client_secret, account.client_secret);
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);
});

test("login --no-browser: no code on standard input is a usage error (exit code 2)", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const result = await runCli(
    ["login", "--instance", server.url, "--no-browser"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
    "",
  );
  assert.equal(result.code, 2);
  assert.match(result.stderr, /No authorization code was given/);
});

test("login --password without a terminal: email and password are the first two lines of standard input", async (t) => {
  const server = await startInstance(t, { version: "4.3.0" });
  const home = tempDir(t);
  const config = path.join(home, "c.json");
  const result = await runCli(
    ["login", "--instance", server.url, "--password", "--scopes", "read write"],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
    `${EMAIL}\n${PASSWORD}\n`,
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /Email: /);
  assert.match(result.stderr, /Password \(not shown\): /);
  assert.match(result.stdout, /Logged in as @alice/);
  const grant = server.oauth.requestsTo("/oauth/token").find((r) => r.params.grant_type === "password");
  assert.equal(grant?.params.username, EMAIL);
  assert.equal(grant?.params.password, PASSWORD);
  assert.ok(!(result.stdout + result.stderr).includes(PASSWORD), "the password is never echoed");
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);
  assert.equal(mode(config), 0o600);
});

test("login --password on Mastodon 4.4+: explains that the password grant is gone before asking for it", async (t) => {
  const server = await startInstance(t, { version: "4.5.0" });
  const home = tempDir(t);
  const result = await runCli(
    ["login", "--instance", server.url, "--password"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
    `${EMAIL}\n${PASSWORD}\n`,
  );
  assert.equal(result.code, 3);
  assert.match(result.stderr, /runs Mastodon 4\.5\.0.*removed the email-and-password login.*4\.4/);
  assert.match(result.stderr, new RegExp(`mastodon-ts login --instance ${server.url}\``));
  assert.doesNotMatch(result.stderr, /Email: /, "no password is asked for");
  assert.equal(
    server.oauth.requestsTo("/oauth/token").filter((r) => r.params.grant_type === "password").length,
    0,
  );
});

test("login --password: a server claiming Mastodon 4.4+ whose OAuth metadata lists the grant is tried (forks keep it)", async (t) => {
  const server = await startInstance(t, {
    version: "4.5.0",
    metadataOverride: { grant_types_supported: ["authorization_code", "password", "refresh_token"] },
  });
  const home = tempDir(t);
  const result = await runCli(
    ["login", "--instance", server.url, "--password", "--json"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
    `${EMAIL}\n${PASSWORD}\n`,
  );
  assert.equal(result.code, 0, result.stderr);
  const grant = server.oauth.requestsTo("/oauth/token").find((r) => r.params.grant_type === "password");
  assert.equal(grant?.params.redirect_uri, "urn:ietf:wg:oauth:2.0:oob", "redirect_uri goes along");
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);
});

test("login --password: a server that refuses the grant gets the 4.4 explanation (exit code 3)", async (t) => {
  for (const passwordGrant of ["unsupported", "invalid_grant"] as const) {
    const server = await startInstance(t, { version: "4.3.0", passwordGrant });
    const home = tempDir(t);
    const result = await runCli(
      ["login", "--instance", server.url, "--password"],
      cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
      `${EMAIL}\n${PASSWORD}\n`,
    );
    assert.equal(result.code, 3, passwordGrant);
    assert.match(result.stderr, /Mastodon removed the email-and-password login .* in version 4\.4/);
    assert.match(result.stderr, /--no-browser/);
    assert.ok(!result.stderr.includes(PASSWORD));
  }
});

test("login: scopes the server did not grant are refused (exit code 3) and the token is revoked", async (t) => {
  const server = await startInstance(t, { grantedScope: "read" });
  const home = tempDir(t);
  const config = path.join(home, "c.json");
  const result = await runCli(
    ["login", "--instance", server.url, "--password", "--scopes", "read,write"],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
    `${EMAIL}\n${PASSWORD}\n`,
  );
  assert.equal(result.code, 3);
  assert.match(result.stderr, /missing: write/);
  assert.match(result.stderr, /--scopes/);
  const user = [...server.oauth.tokens.values()].filter((tok) => tok.kind === "user");
  assert.equal(user.length, 1);
  assert.equal(user[0]?.revoked, true);
  assert.deepEqual(readConfig(config).accounts, {});
});

test("login: a token answer whose scope is not a string is refused as malformed, and the token revoked", async (t) => {
  const server = await startInstance(t, { grantedScope: null as unknown as string });
  const home = tempDir(t);
  const config = path.join(home, "c.json");
  const result = await runCli(
    ["login", "--instance", server.url, "--password"],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
    `${EMAIL}\n${PASSWORD}\n`,
  );
  assert.equal(result.code, 5, result.stderr);
  assert.match(result.stderr, /has null as scope, where OAuth requires a string .*it was revoked/);
  assert.doesNotMatch(result.stderr, /looks like a bug/);
  const user = [...server.oauth.tokens.values()].filter((tok) => tok.kind === "user");
  assert.equal(user.length, 1);
  assert.equal(user[0]?.revoked, true);
  assert.deepEqual(readConfig(config).accounts, {});
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);
});

test("login: a refused app registration quotes the server's error, cut short", async (t) => {
  const refusing = await startServer((_req, res) =>
    json(res, 422, { error: `Validation failed: \u001b[2J${"z".repeat(100_000)}` }),
  );
  t.after(() => refusing.close());
  const home = tempDir(t);
  const result = await runCli(
    ["login", "--instance", refusing.url, "--no-browser"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
  );
  assert.equal(result.code, 6, result.stderr);
  assert.match(
    result.stderr,
    /refused to register the app: Validation failed: .*z… \(99,\d+ more characters\)/,
  );
  assert.ok(result.stderr.length < 3000, `${result.stderr.length} characters on stderr`);
});

test("login: bad input is refused before any request (exit code 2)", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const env = cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") });
  const cases: [string[], RegExp][] = [
    [["login"], /login needs the server: --instance/],
    [["login", "--instance", server.url, "--scopes", "read,bogus"], /Unknown scope: bogus/],
    [
      ["login", "--instance", server.url, "--password", "--no-browser"],
      /--password or --no-browser, not both/,
    ],
    [["login", "--instance", "http://mastodon.example"], /plain http:\/\//],
    [["login", "--instance", server.url, "--wait", "soon"], /--wait must be a positive number/],
    [["login", "--instance", server.url, "--frobnicate"], /Unknown option '--frobnicate'/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args, env);
    assert.equal(result.code, 2, args.join(" "));
    assert.match(result.stderr, message);
  }
  assert.equal(server.oauth.requests.length, 0);
  assert.equal(fs.existsSync(path.join(home, "c.json")), false);
});

test("login: an address that is not a Mastodon server is named as such (exit code 2)", async (t) => {
  const notMastodon = await startServer((_req, res) => {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<h1>Not here</h1>");
  });
  t.after(() => notMastodon.close());
  const home = tempDir(t);
  const result = await runCli(
    ["login", "--instance", notMastodon.url, "--no-browser"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
  );
  assert.equal(result.code, 2);
  assert.match(result.stderr, /does not look like a Mastodon server/);
});

test("login: an unreachable server is a network failure (exit code 4)", async (t) => {
  const url = await unreachableUrl();
  const home = tempDir(t);
  const result = await runCli(
    ["login", "--instance", url, "--no-browser", "--json"],
    cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") }),
  );
  assert.equal(result.code, 4);
  assert.match(result.stderr, /Could not reach/);
  assert.equal(JSON.parse(result.stdout).error.exit_code, 4);
});

test("login: a stored app the server no longer knows is replaced by a new registration", async (t) => {
  const server = await startInstance(t);
  const home = tempDir(t);
  const config = path.join(home, "c.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      version: 1,
      accounts: {},
      apps: [
        {
          api_base_url: server.url,
          name: "mastodon-ts CLI",
          client_id: "deleted-app-id",
          client_secret: "deleted-app-secret",
          scopes: ["read", "write", "follow", "push"],
          redirect_uris: ["urn:ietf:wg:oauth:2.0:oob"],
        },
      ],
    }),
    { mode: 0o600 },
  );
  const result = await runCli(
    ["login", "--instance", server.url, "--password"],
    cliEnv(home, { MASTODON_TS_CONFIG: config }),
    `${EMAIL}\n${PASSWORD}\n`,
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.oauth.requestsTo("/api/v1/apps").length, 1);
  const apps = readConfig(config).apps;
  assert.equal(apps.length, 1);
  assert.notEqual(apps[0].client_id, "deleted-app-id");
});

test("login --password on a terminal: the password is not echoed (run in a pseudo-terminal with script(1))", async (t) => {
  const server = await startInstance(t, { version: "4.3.0" });
  const home = tempDir(t);
  const env = cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json"), TERM: "dumb" });
  const command = `${process.execPath} --import tsx src/cli/main.ts login --instance ${server.url} --password`;
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env,
  });
  let transcript = "";
  let answered = 0;
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    transcript += chunk;
    // Answer each prompt once it is on the screen, as a person would.
    if (answered === 0 && /Email: $/.test(transcript)) {
      answered = 1;
      child.stdin.write(`${EMAIL}\r`);
    } else if (answered === 1 && /Password \(not shown\): $/.test(transcript)) {
      answered = 2;
      child.stdin.write(`${PASSWORD}\r`);
    }
  });
  const code = await new Promise((resolve) => child.on("close", resolve));
  assert.equal(code, 0, transcript);
  assert.ok(transcript.includes(EMAIL), "the email is echoed as typed");
  assert.ok(!transcript.includes(PASSWORD), "the password is not echoed");
  assert.match(transcript, /Logged in as @alice/);
  const grant = server.oauth.requestsTo("/oauth/token").find((r) => r.params.grant_type === "password");
  assert.equal(grant?.params.password, PASSWORD);
});
