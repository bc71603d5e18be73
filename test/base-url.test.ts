// Constructing a Mastodon client: base URL normalisation, refusing insecure or malformed URLs,
// option validation, and Mastodon.py's defaults.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  DEFAULT_USER_AGENT,
  Mastodon,
  MastodonError,
  MastodonIllegalArgumentError,
  type MastodonOptions,
  VERSION,
} from "../src/index.js";

/** Runs `fn`, expects a MastodonIllegalArgumentError, and returns its message. */
function illegal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(
      error instanceof MastodonIllegalArgumentError,
      `expected MastodonIllegalArgumentError, got ${String(error)}`,
    );
    assert.equal(error.name, "MastodonIllegalArgumentError");
    return error.message;
  }
  assert.fail("expected the constructor to throw");
}

/** Options that skip the static types, for checking what plain-JS callers get. */
const untyped = (value: unknown): MastodonOptions => value as MastodonOptions;

describe("api_base_url normalisation", () => {
  test("a bare host gets https:// and keeps no trailing slash", () => {
    assert.equal(new Mastodon({ api_base_url: "mastodon.example" }).apiBaseUrl, "https://mastodon.example");
    assert.equal(new Mastodon({ api_base_url: "mastodon.example/" }).apiBaseUrl, "https://mastodon.example");
    assert.equal(
      new Mastodon({ api_base_url: "https://mastodon.example///" }).apiBaseUrl,
      "https://mastodon.example",
    );
    assert.equal(
      new Mastodon({ api_base_url: "  https://mastodon.example/  " }).apiBaseUrl,
      "https://mastodon.example",
    );
  });

  test("a port and a path below the host are kept", () => {
    assert.equal(
      new Mastodon({ api_base_url: "https://example.org:8443/social/" }).apiBaseUrl,
      "https://example.org:8443/social",
    );
  });

  test("a missing base URL says to pass api_base_url", () => {
    for (const options of [{}, { api_base_url: "" }, { api_base_url: "   " }, undefined]) {
      const message = illegal(() => new Mastodon(options));
      assert.match(message, /api_base_url/);
      assert.match(message, /https:\/\/mastodon\.social/);
    }
  });
});

describe("refusing plain http", () => {
  test("http:// to a public host is refused, naming https and allow_http", () => {
    const message = illegal(() => new Mastodon({ api_base_url: "http://mastodon.example" }));
    assert.match(message, /http:\/\/mastodon\.example/);
    assert.match(message, /https:\/\//);
    assert.match(message, /allow_http/);
    assert.match(message, /unencrypted/);
  });

  test("http:// to a private-network address is refused too", () => {
    assert.match(
      illegal(() => new Mastodon({ api_base_url: "http://192.168.1.10:3000" })),
      /allow_http/,
    );
  });

  test("http:// to loopback addresses is allowed", () => {
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://127.1.2.3",
      "http://[::1]:3000",
      "http://foo.localhost",
      "http://LOCALHOST",
    ]) {
      const api = new Mastodon({ api_base_url: url });
      assert.equal(api.apiBaseUrl, url, url);
      assert.equal(api.allowHttp, false);
    }
  });

  test("a host that merely starts with localhost or 127 is not loopback", () => {
    illegal(() => new Mastodon({ api_base_url: "http://localhost.example.com" }));
    illegal(() => new Mastodon({ api_base_url: "http://127.0.0.1.example.com" }));
  });

  test("allow_http: true permits http to a public host", () => {
    const api = new Mastodon({ api_base_url: "http://mastodon.example/", allow_http: true });
    assert.equal(api.apiBaseUrl, "http://mastodon.example");
    assert.equal(api.allowHttp, true);
  });

  test("other schemes are refused", () => {
    assert.match(
      illegal(() => new Mastodon({ api_base_url: "ftp://mastodon.example" })),
      /https/,
    );
  });
});

describe("malformed base URLs", () => {
  test("an unparseable URL is refused with the URL and an example", () => {
    const message = illegal(() => new Mastodon({ api_base_url: "https://exa[mple.com" }));
    assert.match(message, /not a valid URL/);
    assert.match(message, /exa\[mple\.com/);
    assert.match(message, /https:\/\/mastodon\.social/);
  });

  test("a URL holding a space, a line break or a control character is refused (new URL() would drop some silently)", () => {
    for (const address of [
      "https://exa mple.com",
      "https://mastodon.social\nhttps://elsewhere.example",
      "https://masto\tdon.social",
      "https://mastodon.social/\u0000x",
    ]) {
      const message = illegal(() => new Mastodon({ api_base_url: address }));
      assert.match(
        message,
        /holds a space, a line break or another control character/,
        JSON.stringify(address),
      );
      assert.ok(!/[\n\t]/.test(message) && !message.includes("\u0000"), message);
    }
  });

  test("a URL with user:password@ is refused without echoing the password", () => {
    const message = illegal(
      () => new Mastodon({ api_base_url: "https://bot:pw_fake_1234@mastodon.example" }),
    );
    assert.match(message, /user name or password/);
    assert.match(message, /access_token/);
    assert.doesNotMatch(message, /pw_fake_1234/);
  });

  test("a URL with a query string or fragment is refused", () => {
    assert.match(
      illegal(() => new Mastodon({ api_base_url: "https://mastodon.example/?x=1" })),
      /query string/,
    );
    assert.match(
      illegal(() => new Mastodon({ api_base_url: "https://mastodon.example/#top" })),
      /fragment/,
    );
  });
});

describe("option validation", () => {
  const base = { api_base_url: "https://mastodon.example" };

  test("a non-object options argument is refused with an example", () => {
    for (const value of [null, "https://mastodon.example", 42]) {
      const message = illegal(() => new Mastodon(untyped(value)));
      assert.match(message, /options object/);
      assert.match(message, /api_base_url/);
    }
  });

  test("an unknown ratelimit_method names the allowed values", () => {
    const message = illegal(() => new Mastodon(untyped({ ...base, ratelimit_method: "sleep" })));
    assert.match(message, /ratelimit_method/);
    assert.match(message, /"wait", "throw", "pace"/);
    assert.match(message, /"sleep"/);
  });

  test("an unknown version_check_mode names the allowed values", () => {
    const message = illegal(() => new Mastodon(untyped({ ...base, version_check_mode: "always" })));
    assert.match(message, /version_check_mode/);
    assert.match(message, /"none", "created", "changed"/);
  });

  test("an unknown feature_set names the allowed values", () => {
    const message = illegal(() => new Mastodon(untyped({ ...base, feature_set: "misskey" })));
    assert.match(message, /feature_set/);
    assert.match(message, /"mainline", "fedibird", "pleroma"/);
  });

  test("a negative, zero or non-numeric request_timeout is refused", () => {
    for (const value of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, "30"]) {
      const message = illegal(() => new Mastodon(untyped({ ...base, request_timeout: value })));
      assert.match(message, /request_timeout must be a positive number of seconds/);
    }
  });

  test("a non-positive ratelimit_pacefactor is refused", () => {
    assert.match(
      illegal(() => new Mastodon({ ...base, ratelimit_pacefactor: -2 })),
      /ratelimit_pacefactor must be a positive number/,
    );
  });

  test("client_id without client_secret is refused", () => {
    const message = illegal(() => new Mastodon({ ...base, client_id: "fake-client-id" }));
    assert.match(message, /client_id/);
    assert.match(message, /client_secret/);
  });

  test("client_id with client_secret is accepted", () => {
    const api = new Mastodon({ ...base, client_id: "fake-client-id", client_secret: "fake-client-secret" });
    assert.equal(api.clientId, "fake-client-id");
    assert.equal(api.clientSecret, "fake-client-secret");
  });

  test("an invalid mastodon_version is refused", () => {
    assert.throws(
      () => new Mastodon({ ...base, mastodon_version: "not a version" }),
      (error: unknown) => error instanceof MastodonError && /mastodon_version/.test(error.message),
    );
  });
});

describe("defaults", () => {
  test("match Mastodon.py 2.x", () => {
    const api = new Mastodon({ api_base_url: "https://mastodon.example" });
    assert.equal(api.versionCheckMode, "none");
    assert.equal(api.ratelimitMethod, "wait");
    assert.equal(api.ratelimitPacefactor, 1.1);
    assert.equal(api.requestTimeout, 300);
    assert.equal(api.featureSet, "mainline");
    assert.equal(api.lang, undefined);
    assert.equal(api.accessToken, undefined);
    assert.equal(api.allowHttp, false);
  });

  test("the User-Agent is mastodon-ts/<VERSION>, and VERSION is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    assert.equal(VERSION, pkg.version);
    assert.equal(DEFAULT_USER_AGENT, `mastodon-ts/${pkg.version}`);
    assert.equal(new Mastodon({ api_base_url: "https://mastodon.example" }).userAgent, DEFAULT_USER_AGENT);
  });

  test("given options are kept", () => {
    const api = new Mastodon({
      api_base_url: "https://mastodon.example",
      ratelimit_method: "pace",
      ratelimit_pacefactor: 2,
      request_timeout: 12.5,
      version_check_mode: "changed",
      feature_set: "pleroma",
      user_agent: "my-bot/1.0",
      lang: "de",
    });
    assert.equal(api.ratelimitMethod, "pace");
    assert.equal(api.ratelimitPacefactor, 2);
    assert.equal(api.requestTimeout, 12.5);
    assert.equal(api.versionCheckMode, "changed");
    assert.equal(api.featureSet, "pleroma");
    assert.equal(api.userAgent, "my-bot/1.0");
    assert.equal(api.lang, "de");
  });
});
