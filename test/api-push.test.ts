// Push subscription methods against a scripted server: the JSON bodies, key encodings, and
// refusals before any request.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  Mastodon,
  MastodonIllegalArgumentError,
  type MastodonOptions,
  MastodonVersionError,
  PUSH_POLICIES,
} from "../src/index.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";

const SUBSCRIPTION = {
  id: 1,
  endpoint: "https://push.example/abc",
  standard: false,
  alerts: {},
  server_key: "BAhx",
  policy: "all",
};

// Fixed key material, so that the expected base64 is known.
const PUBKEY = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : (i * 37) % 256));
const AUTH = Uint8Array.from({ length: 16 }, (_, i) => 250 - i);
const PUBKEY_B64 = Buffer.from(PUBKEY).toString("base64");
const AUTH_B64 = Buffer.from(AUTH).toString("base64");
const KEYS = { pubkey: PUBKEY, auth: AUTH };

async function setup(
  t: { after(fn: () => unknown): void },
  options: Partial<MastodonOptions> = {},
): Promise<{ server: TestServer; api: Mastodon }> {
  const server = await startServer((req, res) =>
    req.method === "DELETE" ? json(res, 200, {}) : json(res, 200, SUBSCRIPTION),
  );
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "secret-token",
    mastodon_version: "4.5.0",
    ...options,
  });
  return { server, api };
}

function jsonBody(req: ParsedRequest | undefined): unknown {
  assert.match(String(req?.headers["content-type"]), /^application\/json/);
  return JSON.parse(req?.rawBody.toString("utf8") ?? "");
}

describe("pushSubscriptionSet", () => {
  test("sends the subscription and data as nested JSON, keys in standard base64", async (t) => {
    const { server, api } = await setup(t);
    const sub = await api.pushSubscriptionSet("https://push.example/abc", KEYS, {
      follow_events: true,
      mention_events: false,
      admin_sign_up_events: true,
      admin_report_events: false,
      policy: "followed",
    });
    assert.deepEqual(sub, SUBSCRIPTION);
    const req = server.requests[0];
    assert.equal(req?.method, "POST");
    assert.equal(req?.path, "/api/v1/push/subscription");
    assert.deepEqual(jsonBody(req), {
      subscription: { endpoint: "https://push.example/abc", keys: { p256dh: PUBKEY_B64, auth: AUTH_B64 } },
      data: {
        policy: "followed",
        alerts: { follow: true, mention: false, "admin.sign_up": true, "admin.report": false },
      },
    });
  });

  test("defaults: policy all, no alerts; standard only when asked for", async (t) => {
    const { server, api } = await setup(t);
    await api.pushSubscriptionSet("https://push.example/abc", KEYS);
    assert.deepEqual(jsonBody(server.requests[0]), {
      subscription: { endpoint: "https://push.example/abc", keys: { p256dh: PUBKEY_B64, auth: AUTH_B64 } },
      data: { policy: "all" },
    });
    await api.pushSubscriptionSet("https://push.example/abc", KEYS, { standard: true });
    assert.equal(
      (jsonBody(server.requests[1]) as { subscription: { standard: boolean } }).subscription.standard,
      true,
    );
  });

  test("status_events is sent on its own (Mastodon.py only sent it along with follow_request_events)", async (t) => {
    const { server, api } = await setup(t);
    await api.pushSubscriptionSet("https://push.example/abc", KEYS, { status_events: true });
    assert.deepEqual((jsonBody(server.requests[0]) as { data: unknown }).data, {
      policy: "all",
      alerts: { status: true },
    });
  });

  test("the endpoint gets a scheme when it has none and loses a trailing slash", async (t) => {
    const { server, api } = await setup(t);
    await api.pushSubscriptionSet("push.example/abc/", KEYS);
    assert.equal(
      (jsonBody(server.requests[0]) as { subscription: { endpoint: string } }).subscription.endpoint,
      "https://push.example/abc",
    );
  });

  test("keys as base64url text, and as a browser subscription's p256dh", async (t) => {
    const { server, api } = await setup(t);
    await api.pushSubscriptionSet("https://push.example/abc", {
      pubkey: Buffer.from(PUBKEY).toString("base64url"),
      auth: Buffer.from(AUTH).toString("base64url"),
    });
    await api.pushSubscriptionSet("https://push.example/abc", {
      p256dh: Buffer.from(PUBKEY).toString("base64url"),
      auth: Buffer.from(AUTH),
    });
    for (const req of server.requests) {
      assert.deepEqual((jsonBody(req) as { subscription: { keys: unknown } }).subscription.keys, {
        p256dh: PUBKEY_B64,
        auth: AUTH_B64,
      });
    }
  });

  test("keys from pushSubscriptionGenerateKeys work as they are", async (t) => {
    const { server, api } = await setup(t);
    const [, pub] = await api.pushSubscriptionGenerateKeys();
    await api.pushSubscriptionSet("https://push.example/abc", pub);
    const keys = (
      jsonBody(server.requests[0]) as { subscription: { keys: { p256dh: string; auth: string } } }
    ).subscription.keys;
    assert.deepEqual(new Uint8Array(Buffer.from(keys.p256dh, "base64")), pub.pubkey);
    assert.deepEqual(new Uint8Array(Buffer.from(keys.auth, "base64")), pub.auth);
  });
});

describe("pushSubscriptionSet: refused before any request", () => {
  const cases: Array<[string, (api: Mastodon) => Promise<unknown>, RegExp]> = [
    [
      "no endpoint",
      (api) => api.pushSubscriptionSet(undefined as never, KEYS),
      /pushSubscriptionSet\(\) needs endpoint/,
    ],
    [
      "an empty endpoint",
      (api) => api.pushSubscriptionSet("  ", KEYS),
      /needs endpoint as a non-empty string/,
    ],
    [
      "an endpoint that is not a web URL",
      (api) => api.pushSubscriptionSet("ftp://push.example/abc", KEYS),
      /endpoint must be the https URL Mastodon should push to; got "ftp:\/\/push\.example\/abc"/,
    ],
    [
      "no keys",
      (api) => api.pushSubscriptionSet("https://push.example", undefined as never),
      /encrypt_params must be the public dict from pushSubscriptionGenerateKeys/,
    ],
    [
      "a public key of the wrong length",
      (api) =>
        api.pushSubscriptionSet("https://push.example", { pubkey: PUBKEY.subarray(0, 33), auth: AUTH }),
      /encrypt_params: pubkey must be an uncompressed P-256 public key \(65 bytes starting with 4.*got 33 bytes/,
    ],
    [
      "a compressed public key",
      (api) =>
        api.pushSubscriptionSet("https://push.example", {
          pubkey: Uint8Array.of(2, ...PUBKEY.subarray(1)),
          auth: AUTH,
        }),
      /pubkey must be an uncompressed P-256 public key/,
    ],
    [
      "a public key that is not base64",
      (api) => api.pushSubscriptionSet("https://push.example", { pubkey: "not base64!", auth: AUTH }),
      /got text that is not base64/,
    ],
    [
      "an auth secret of the wrong length",
      (api) => api.pushSubscriptionSet("https://push.example", { pubkey: PUBKEY, auth: AUTH.subarray(0, 8) }),
      /auth must be the 16-byte authentication secret .* got 8 bytes/,
    ],
    [
      "an unknown policy",
      (api) => api.pushSubscriptionSet("https://push.example", KEYS, { policy: "friends" as never }),
      /pushSubscriptionSet\(\): policy must be one of "all", "none", "follower", "followed"; got "friends"/,
    ],
    [
      "an event flag that is not a boolean",
      (api) => api.pushSubscriptionSet("https://push.example", KEYS, { follow_events: "yes" as never }),
      /follow_events must be true or false; got "yes"/,
    ],
    [
      "a misspelt option",
      (api) => api.pushSubscriptionSet("https://push.example", KEYS, { follows_events: true } as never),
      /unknown option follows_events; the options are follow_events, .*policy/,
    ],
    [
      "standard that is not a boolean",
      (api) => api.pushSubscriptionSet("https://push.example", KEYS, { standard: 1 as never }),
      /standard must be true or false/,
    ],
    [
      "options that are not an object",
      (api) => api.pushSubscriptionSet("https://push.example", KEYS, "all" as never),
      /the last argument must be an options object/,
    ],
  ];
  for (const [name, call, message] of cases) {
    test(name, async (t) => {
      const { server, api } = await setup(t);
      await assert.rejects(call(api), (error: unknown) => {
        assert.ok(error instanceof MastodonIllegalArgumentError, String(error));
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, new RegExp(AUTH_B64.replace(/[+/=]/g, "\\$&")));
        return true;
      });
      assert.equal(server.requests.length, 0, "nothing was sent");
    });
  }
});

describe("pushSubscriptionUpdate, pushSubscription, pushSubscriptionDelete", () => {
  test("update sends only data: policy and the alerts given", async (t) => {
    const { server, api } = await setup(t);
    await api.pushSubscriptionUpdate({ reblog_events: true, quote_events: true, policy: "follower" });
    await api.pushSubscriptionUpdate();
    assert.equal(server.requests[0]?.method, "PUT");
    assert.equal(server.requests[0]?.path, "/api/v1/push/subscription");
    assert.deepEqual(jsonBody(server.requests[0]), {
      data: { policy: "follower", alerts: { reblog: true, quote: true } },
    });
    assert.deepEqual(jsonBody(server.requests[1]), { data: { policy: "all" } });
  });

  test("update refuses bad input before any request", async (t) => {
    const { server, api } = await setup(t);
    await assert.rejects(api.pushSubscriptionUpdate({ policy: "nobody" as never }), /policy must be one of/);
    await assert.rejects(
      api.pushSubscriptionUpdate({ poll_events: 1 as never }),
      /poll_events must be true or false/,
    );
    await assert.rejects(api.pushSubscriptionUpdate({ standard: true } as never), /unknown option standard/);
    assert.equal(server.requests.length, 0);
  });

  test("get and delete", async (t) => {
    const { server, api } = await setup(t);
    assert.deepEqual(await api.pushSubscription(), SUBSCRIPTION);
    assert.deepEqual(await api.pushSubscriptionDelete(), {});
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      ["GET /api/v1/push/subscription", "DELETE /api/v1/push/subscription"],
    );
  });

  test("every policy is accepted", async (t) => {
    const { server, api } = await setup(t);
    for (const policy of PUSH_POLICIES) await api.pushSubscriptionUpdate({ policy });
    assert.deepEqual(
      server.requests.map((r) => (jsonBody(r) as { data: { policy: string } }).data.policy),
      ["all", "none", "follower", "followed"],
    );
  });

  test("version checks: all four need Mastodon 2.4.0", async (t) => {
    const { server, api } = await setup(t, { mastodon_version: "2.3.0", version_check_mode: "created" });
    await assert.rejects(api.pushSubscriptionSet("https://push.example", KEYS), MastodonVersionError);
    await assert.rejects(api.pushSubscriptionUpdate({ follow_events: true }), MastodonVersionError);
    await assert.rejects(api.pushSubscription(), MastodonVersionError);
    await assert.rejects(api.pushSubscriptionDelete(), /pushSubscriptionDelete\(\) needs Mastodon 2\.4\.0/);
    assert.deepEqual(
      server.requests.filter((r) => r.path.includes("push")),
      [],
    );
  });
});
