// Every spelling of "version" prints it, and the main help lists it (issue 10, item 26).
import assert from "node:assert/strict";
import { test } from "node:test";
import { VERSION } from "../src/version.js";
import { cliEnv, runCli, tempDir } from "./cli-harness.js";

test("-v, --version, -V and version print the version; --help lists it", async (t) => {
  const env = cliEnv(tempDir(t));
  for (const spelling of ["-v", "--version", "-V", "version"]) {
    const result = await runCli([spelling], env);
    assert.equal(result.code, 0, `${spelling}: ${result.stderr}`);
    assert.equal(result.stdout, `${VERSION}\n`, spelling);
    assert.equal(result.stderr, "");
  }
  const help = await runCli(["--help"], env);
  assert.match((await runCli(["version", "--help"], env)).stdout, /^Usage: mastodon-ts version/);
  assert.match(help.stdout, /^ {2}version +print the version of mastodon-ts \(also -v, --version\)$/m);
  const unknown = await runCli(["versoin"], env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Commands: .*sandbox, version\./);
});
