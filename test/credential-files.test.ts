// Credential files in Mastodon.py's exact line formats, written here by hand:
//   client credential file: client_id / client_secret / api_base_url / client_name
//   access token file:      access_token / api_base_url / client_id / client_secret
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  DEFAULT_USER_AGENT,
  Mastodon,
  MastodonFileNotFoundError,
  MastodonIllegalArgumentError,
  MastodonIOError,
  readAccessTokenFile,
  readClientCredentialFile,
} from "../src/index.js";
import { type FakeOAuthServer, startFakeOAuthServer } from "./support/fake-oauth-server.js";

const CLIENT_ID = "fake_client_id_0123456789";
const CLIENT_SECRET = "fake_client_secret_0123456789";
const TOKEN = "fake_access_token_0123456789";

let dir: string;
let n = 0;
/** Writes a file in the temp dir and returns its path. */
function file(content: string | Buffer, name = `cred-${++n}.secret`): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mastodon-ts-credfiles-"));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Asserts a MastodonIllegalArgumentError that names the file and the line. */
function malformed(p: string, line: number) {
  return (err: unknown) => {
    assert.ok(err instanceof MastodonIllegalArgumentError, String(err));
    assert.ok(err.message.includes(`"${p}"`), `the message names the file: ${err.message}`);
    assert.match(err.message, new RegExp(`line ${line}\\b`));
    assert.match(err.message, /malformed/);
    return true;
  };
}

describe("client credential files", () => {
  const base = "https://mastodon.example";

  test("Mastodon.py's four-line file, passed as client_id", () => {
    const p = file(`${CLIENT_ID}\n${CLIENT_SECRET}\n${base}\nmy fine bot\n`);
    const api = new Mastodon({ client_id: p });
    assert.equal(api.clientId, CLIENT_ID);
    assert.equal(api.clientSecret, CLIENT_SECRET);
    assert.equal(api.apiBaseUrl, base);
    assert.equal(api.userAgent, "my fine bot", "the app name becomes the user agent");
    assert.equal(api.accessToken, undefined);
  });

  test("an explicit user_agent wins over the file's app name", () => {
    const p = file(`${CLIENT_ID}\n${CLIENT_SECRET}\n${base}\nmy fine bot\n`);
    assert.equal(new Mastodon({ client_id: p, user_agent: "custom/1.0" }).userAgent, "custom/1.0");
  });

  test("the same file via client_credential_file; a matching api_base_url is fine", () => {
    const p = file(`${CLIENT_ID}\n${CLIENT_SECRET}\n${base}\nbot\n`);
    const api = new Mastodon({ client_credential_file: p, api_base_url: "mastodon.example/" });
    assert.equal(api.clientId, CLIENT_ID);
    assert.equal(api.apiBaseUrl, base);
  });

  test("the old two-line file (no base URL, no name) needs api_base_url", () => {
    const p = file(`${CLIENT_ID}\n${CLIENT_SECRET}\n`);
    const api = new Mastodon({ client_id: p, api_base_url: base });
    assert.equal(api.clientId, CLIENT_ID);
    assert.equal(api.clientSecret, CLIENT_SECRET);
    assert.equal(api.userAgent, DEFAULT_USER_AGENT);
    assert.deepEqual(readClientCredentialFile(p), { client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    assert.throws(() => new Mastodon({ client_id: p }), /API base URL is required/);
  });

  test("CRLF line endings and a missing final newline", () => {
    const p = file(`${CLIENT_ID}\r\n${CLIENT_SECRET}\r\n${base}\r\nwindows bot`);
    assert.deepEqual(readClientCredentialFile(p), {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      api_base_url: base,
      client_name: "windows bot",
    });
    assert.equal(new Mastodon({ client_id: p }).clientSecret, CLIENT_SECRET);
  });

  test("a base URL in the file that disagrees with api_base_url is an error saying so", () => {
    const p = file(`${CLIENT_ID}\n${CLIENT_SECRET}\n${base}\nbot\n`);
    assert.throws(
      () => new Mastodon({ client_id: p, api_base_url: "https://other.example" }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonIllegalArgumentError);
        assert.ok(err.message.includes(p));
        assert.match(
          err.message,
          /is for https:\/\/mastodon\.example, but api_base_url is https:\/\/other\.example/,
        );
        return true;
      },
    );
  });

  test("a nonexistent client_credential_file: MastodonFileNotFoundError", () => {
    const p = path.join(dir, "does-not-exist.secret");
    assert.throws(
      () => new Mastodon({ client_credential_file: p, api_base_url: base }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonFileNotFoundError);
        assert.ok(err instanceof MastodonIOError);
        assert.ok(err.message.includes(p));
        return true;
      },
    );
    assert.throws(() => readClientCredentialFile(p), MastodonFileNotFoundError);
  });

  test("a client_id that is not a file needs client_secret", () => {
    assert.throws(
      () => new Mastodon({ client_id: path.join(dir, "typo.secret"), api_base_url: base }),
      /without client_secret \(and is not the path of a credential file\)/,
    );
  });

  test("malformed files name the file and the line", () => {
    const empty = file("");
    assert.throws(() => new Mastodon({ client_id: empty, api_base_url: base }), malformed(empty, 1));
    const secretMissing = file(`${CLIENT_ID}\n`);
    assert.throws(() => readClientCredentialFile(secretMissing), malformed(secretMissing, 2));
    const blankSecret = file(`${CLIENT_ID}\n\n${base}\n`);
    assert.throws(() => readClientCredentialFile(blankSecret), malformed(blankSecret, 2));
    const spaces = file(`${CLIENT_ID}\nthis is not a secret\n${base}\n`);
    assert.throws(
      () => new Mastodon({ client_credential_file: spaces }),
      (err: unknown) => {
        malformed(spaces, 2)(err);
        assert.match((err as Error).message, /spaces/);
        assert.ok(
          !(err as Error).message.includes("this is not a secret"),
          "the line's content is not echoed",
        );
        return true;
      },
    );
    const junk = file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x01]));
    assert.throws(() => new Mastodon({ client_id: junk, api_base_url: base }), malformed(junk, 1));
  });
});

describe("access token files", () => {
  test("one line (the token): needs api_base_url", () => {
    const p = file(`${TOKEN}\n`);
    const api = new Mastodon({ access_token: p, api_base_url: "https://mastodon.example" });
    assert.equal(api.accessToken, TOKEN);
    assert.equal(api.clientId, undefined);
    assert.deepEqual(readAccessTokenFile(p), { access_token: TOKEN });
    assert.throws(() => new Mastodon({ access_token: p }), /API base URL is required/);
  });

  test("two lines: token and base URL", () => {
    const p = file(`${TOKEN}\nhttps://mastodon.example\n`);
    const api = new Mastodon({ access_token: p });
    assert.equal(api.accessToken, TOKEN);
    assert.equal(api.apiBaseUrl, "https://mastodon.example");
    assert.equal(api.clientId, undefined);
  });

  test("four lines: token, base URL, client id and secret; via access_token_file too", () => {
    const content = `${TOKEN}\nhttps://mastodon.example\n${CLIENT_ID}\n${CLIENT_SECRET}\n`;
    for (const api of [
      new Mastodon({ access_token: file(content) }),
      new Mastodon({ access_token_file: file(content) }),
    ]) {
      assert.equal(api.accessToken, TOKEN);
      assert.equal(api.apiBaseUrl, "https://mastodon.example");
      assert.equal(api.clientId, CLIENT_ID);
      assert.equal(api.clientSecret, CLIENT_SECRET);
    }
  });

  test("CRLF line endings", () => {
    const p = file(`${TOKEN}\r\nhttps://mastodon.example\r\n${CLIENT_ID}\r\n${CLIENT_SECRET}\r\n`);
    assert.deepEqual(readAccessTokenFile(p), {
      access_token: TOKEN,
      api_base_url: "https://mastodon.example",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
  });

  test("client credentials given explicitly win over the token file's", () => {
    const p = file(`${TOKEN}\nhttps://mastodon.example\nfake_file_client\nfake_file_secret\n`);
    const api = new Mastodon({ access_token: p, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    assert.equal(api.clientId, CLIENT_ID);
    assert.equal(api.clientSecret, CLIENT_SECRET);
  });

  test("a client file and a token file together; their base URLs must agree", () => {
    const client = file(`${CLIENT_ID}\n${CLIENT_SECRET}\nhttps://mastodon.example\nbot\n`);
    const token = file(`${TOKEN}\nhttps://mastodon.example\n`);
    const api = new Mastodon({ client_id: client, access_token: token });
    assert.equal(api.clientId, CLIENT_ID);
    assert.equal(api.accessToken, TOKEN);
    const elsewhere = file(`${TOKEN}\nhttps://other.example\n`);
    assert.throws(
      () => new Mastodon({ client_id: client, access_token: elsewhere }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonIllegalArgumentError);
        assert.ok(err.message.includes(elsewhere));
        assert.match(
          err.message,
          /is for https:\/\/other\.example, but api_base_url is https:\/\/mastodon\.example/,
        );
        return true;
      },
    );
  });

  test("a token file's base URL disagreeing with api_base_url is an error", () => {
    const p = file(`${TOKEN}\nhttps://mastodon.example\n`);
    assert.throws(
      () => new Mastodon({ access_token: p, api_base_url: "https://other.example" }),
      /is for https:\/\/mastodon\.example, but api_base_url is https:\/\/other\.example/,
    );
  });

  test("a nonexistent access_token_file: MastodonFileNotFoundError", () => {
    const p = path.join(dir, "no-token-here.secret");
    assert.throws(
      () => new Mastodon({ access_token_file: p, api_base_url: "https://mastodon.example" }),
      (err: unknown) => {
        assert.ok(err instanceof MastodonFileNotFoundError);
        assert.ok(err.message.includes(p));
        return true;
      },
    );
  });

  test("malformed token files name the file and the line, and never echo the content", () => {
    const empty = file("\n\n");
    assert.throws(
      () => new Mastodon({ access_token: empty, api_base_url: "https://m.example" }),
      malformed(empty, 1),
    );
    const spaced = file("fake token with spaces\nhttps://mastodon.example\n");
    assert.throws(
      () => readAccessTokenFile(spaced),
      (err: unknown) => {
        malformed(spaced, 1)(err);
        assert.ok(!(err as Error).message.includes("fake token with spaces"));
        return true;
      },
    );
    const badSecret = file(`${TOKEN}\nhttps://mastodon.example\n${CLIENT_ID}\nfake secret with spaces\n`);
    assert.throws(() => readAccessTokenFile(badSecret), malformed(badSecret, 4));
    const junk = file(Buffer.from([0x00, 0xc3, 0x28, 0xa0, 0xa1, 0x0a, 0xe2, 0x82]));
    assert.throws(() => readAccessTokenFile(junk), malformed(junk, 1));
  });
});

describe("write -> read round trips against a server", () => {
  let server: FakeOAuthServer;
  before(async () => {
    server = await startFakeOAuthServer();
  });
  after(() => server.close());

  test("createApp to_file -> client file -> logIn to_file -> token file -> working client", async () => {
    const clientFile = path.join(dir, "roundtrip-client.secret");
    const tokenFile = path.join(dir, "roundtrip-token.secret");
    const app = await Mastodon.createApp("round trip", { api_base_url: server.url, to_file: clientFile });
    assert.deepEqual(readClientCredentialFile(clientFile), {
      client_id: app.client_id,
      client_secret: app.client_secret,
      api_base_url: server.url,
      client_name: "round trip",
    });

    const fromClientFile = new Mastodon({ client_id: clientFile });
    assert.equal(fromClientFile.apiBaseUrl, server.url);
    assert.equal(fromClientFile.userAgent, "round trip");
    const token = await fromClientFile.logIn({
      username: "alice@example.test",
      password: "fake-password",
      to_file: tokenFile,
    });
    assert.equal(server.requestsTo("/oauth/token")[0]?.headers["user-agent"], "round trip");
    assert.deepEqual(readAccessTokenFile(tokenFile), {
      access_token: token,
      api_base_url: server.url,
      client_id: app.client_id,
      client_secret: app.client_secret,
    });

    const fromTokenFile = new Mastodon({ access_token_file: tokenFile });
    assert.equal((await fromTokenFile.me()).username, "alice");
    assert.equal(
      server.requestsTo("/api/v1/accounts/verify_credentials")[0]?.headers.authorization,
      `Bearer ${token}`,
    );
  });

  test("a hand-written one-line token file authorizes requests", async () => {
    const issued = server.addToken("fake-client");
    const p = file(`${issued.token}\n`);
    const api = new Mastodon({ access_token: p, api_base_url: server.url });
    assert.equal((await api.accountVerifyCredentials()).acct, "alice");
  });
});

describe("mixed-up and damaged files never leak what they hold (issue 10, item 7)", () => {
  const base = "https://mastodon.example";
  /** Asserts a malformed-file error for `line` whose message holds none of `secrets`. */
  function refusedWithout(p: string, line: number, secrets: readonly string[]) {
    return (err: unknown) => {
      malformed(p, line)(err);
      const message = (err as Error).message;
      for (const secret of secrets) assert.ok(!message.includes(secret), `no file content in: ${message}`);
      return true;
    };
  }

  test("a client credential file passed as access_token_file: refused at line 2, the secret is not shown", () => {
    const p = file(`${CLIENT_ID}\n${CLIENT_SECRET}\n${base}\nbot\n`);
    for (const options of [
      { access_token_file: p },
      { access_token: p },
      { access_token_file: p, api_base_url: base },
    ]) {
      assert.throws(
        () => new Mastodon(options),
        (err: unknown) => {
          refusedWithout(p, 2, [CLIENT_ID, CLIENT_SECRET])(err);
          assert.match((err as Error).message, /looks like a client credential file/);
          assert.match((err as Error).message, /client_credential_file/);
          return true;
        },
      );
    }
    assert.throws(() => readAccessTokenFile(p), refusedWithout(p, 2, [CLIENT_SECRET]));
  });

  test("an access token file passed as client_credential_file: refused at line 3, nothing shown", () => {
    const p = file(`${TOKEN}\n${base}\n${CLIENT_ID}\n${CLIENT_SECRET}\n`);
    assert.throws(
      () => new Mastodon({ client_credential_file: p }),
      (err: unknown) => {
        refusedWithout(p, 3, [TOKEN, CLIENT_ID, CLIENT_SECRET])(err);
        assert.match((err as Error).message, /looks like an access token file/);
        return true;
      },
    );
  });

  test("the URL line must parse as an http(s) URL", () => {
    for (const [content, line] of [
      [`${TOKEN}\nmastodon.example\n`, 2],
      [`${TOKEN}\nftp://mastodon.example\n`, 2],
      [`${TOKEN}\nhttps://\n`, 2],
      [`${TOKEN}\nhttps://mastodon example\n`, 2],
    ] as const) {
      const p = file(content);
      assert.throws(
        () => readAccessTokenFile(p),
        refusedWithout(p, line, [TOKEN, "mastodon.example", "mastodon example"]),
      );
    }
    const client = file(`${CLIENT_ID}\n${CLIENT_SECRET}\njavascript:alert(1)\nbot\n`);
    assert.throws(() => readClientCredentialFile(client), refusedWithout(client, 3, ["javascript"]));
    const local = file(`${TOKEN}\nhttp://127.0.0.1:3000\n`);
    assert.equal(readAccessTokenFile(local).api_base_url, "http://127.0.0.1:3000");
  });

  test("extra lines and half an app pair are refused with the line number", () => {
    const extra = file(`${TOKEN}\n${base}\n${CLIENT_ID}\n${CLIENT_SECRET}\nfake_extra_line_0123\n\n`);
    assert.throws(() => readAccessTokenFile(extra), refusedWithout(extra, 5, ["fake_extra_line"]));
    const clientExtra = file(`${CLIENT_ID}\n${CLIENT_SECRET}\n${base}\nbot\nfake_extra_line_0123\n`);
    assert.throws(
      () => readClientCredentialFile(clientExtra),
      refusedWithout(clientExtra, 5, ["fake_extra"]),
    );
    const half = file(`${TOKEN}\n${base}\n${CLIENT_ID}\n`);
    assert.throws(() => readAccessTokenFile(half), refusedWithout(half, 4, [CLIENT_ID]));
    const gap = file(`${TOKEN}\n\n${CLIENT_ID}\n${CLIENT_SECRET}\n`);
    assert.throws(() => readAccessTokenFile(gap), refusedWithout(gap, 2, [CLIENT_ID]));
    // Trailing blank lines (an editor's habit) are fine.
    assert.equal(readAccessTokenFile(file(`${TOKEN}\n${base}\n\n\n`)).access_token, TOKEN);
  });
});
