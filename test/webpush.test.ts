// Web Push keys and decryption. The sending side (what Mastodon does) is written here with
// node:crypto, independently of the library, for both encodings; the RFC 8291 example checks the
// receiving side against published values.
import assert from "node:assert/strict";
import { createCipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { decryptPushBody, headerParams } from "../src/api/push/webpush-decrypt.js";
import { importReceiverKeys } from "../src/api/push/webpush-keys.js";
import { fromBase64 } from "../src/core/base64.js";
import {
  Mastodon,
  MastodonIllegalArgumentError,
  MastodonPushDecryptionError,
  type PushNotification,
  type WebpushCryptoParamsPrivkey,
  type WebpushCryptoParamsPubkey,
} from "../src/index.js";
import { startServer, type TestServer } from "./support/http-server.js";

// ---- The sender: what a Mastodon server does to push a notification ----

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer | string, length: number): Buffer {
  return Buffer.from(
    hkdfSync("sha256", ikm, salt, typeof info === "string" ? Buffer.from(info) : info, length),
  );
}

function sealRecord(key: Buffer, baseNonce: Buffer, index: number, plaintext: Buffer): Buffer {
  const nonce = Buffer.from(baseNonce);
  // The record number is XORed into the low bytes of the nonce (small numbers here: 32 bits do).
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ index) >>> 0, 8);
  const cipher = createCipheriv("aes-128-gcm", key, nonce);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

interface SendOptions {
  recordSize?: number;
  padding?: number;
  salt?: Buffer;
  senderPrivate?: Buffer;
}

/** RFC 8291 / RFC 8188 "aes128gcm": header (salt, rs, key id = sender key), then records. */
function sendAes128gcm(message: Buffer, uaPublic: Buffer, auth: Buffer, options: SendOptions = {}): Buffer {
  const rs = options.recordSize ?? 4096;
  const salt = options.salt ?? randomBytes(16);
  const sender = createECDH("prime256v1");
  if (options.senderPrivate) sender.setPrivateKey(options.senderPrivate);
  else sender.generateKeys();
  const asPublic = sender.getPublicKey();
  const secret = sender.computeSecret(uaPublic);
  const ikm = hkdf(auth, secret, Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]), 32);
  const cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0", 16);
  const nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0", 12);
  const header = Buffer.alloc(21);
  salt.copy(header);
  header.writeUInt32BE(rs, 16);
  header[20] = asPublic.length;
  const perRecord = rs - 16 - 1 - (options.padding ?? 0);
  const records: Buffer[] = [];
  for (let at = 0, i = 0; at < message.length || i === 0; at += perRecord, i++) {
    const last = at + perRecord >= message.length;
    const chunk = message.subarray(at, at + perRecord);
    const padded = Buffer.concat([chunk, Buffer.from([last ? 2 : 1]), Buffer.alloc(options.padding ?? 0)]);
    records.push(sealRecord(cek, nonce, i, padded));
  }
  return Buffer.concat([header, asPublic, ...records]);
}

/** The draft "aesgcm" encoding Mastodon uses for legacy subscriptions: salt and key in headers. */
function sendAesgcm(
  message: Buffer,
  uaPublic: Buffer,
  auth: Buffer,
  options: SendOptions = {},
): { body: Buffer; encryption: string; cryptoKey: string } {
  const rs = options.recordSize ?? 4096;
  const pad = options.padding ?? 0;
  const salt = options.salt ?? randomBytes(16);
  const sender = createECDH("prime256v1");
  sender.generateKeys();
  const asPublic = sender.getPublicKey();
  const secret = sender.computeSecret(uaPublic);
  const ikm = hkdf(auth, secret, "Content-Encoding: auth\0", 32);
  const length = (key: Buffer) => Buffer.from([0, key.length]);
  const context = Buffer.concat([
    Buffer.from("P-256\0"),
    length(uaPublic),
    uaPublic,
    length(asPublic),
    asPublic,
  ]);
  const cek = hkdf(salt, ikm, Buffer.concat([Buffer.from("Content-Encoding: aesgcm\0"), context]), 16);
  const nonce = hkdf(salt, ikm, Buffer.concat([Buffer.from("Content-Encoding: nonce\0"), context]), 12);
  const perRecord = rs - 2 - pad;
  const records: Buffer[] = [];
  for (let at = 0, i = 0; at < message.length || i === 0; at += perRecord, i++) {
    const padding = Buffer.alloc(2 + pad);
    padding.writeUInt16BE(pad);
    records.push(sealRecord(cek, nonce, i, Buffer.concat([padding, message.subarray(at, at + perRecord)])));
  }
  const vapid = createECDH("prime256v1");
  vapid.generateKeys();
  return {
    body: Buffer.concat(records),
    encryption: `salt=${salt.toString("base64url")}${options.recordSize ? `;rs=${rs}` : ""}`,
    cryptoKey: `dh=${asPublic.toString("base64url")};p256ecdsa=${vapid.getPublicKey().toString("base64url")}`,
  };
}

// ---- Fixtures ----

const NOTIFICATION: PushNotification = {
  access_token: "push-access-token",
  body: "Someone favourited your post: Toot! 🎺",
  icon: "https://mastodon.example/avatars/original/missing.png",
  notification_id: "117020576906745532",
  notification_type: "favourite",
  preferred_locale: "en",
  title: "Your post was favourited",
};
const MESSAGE = Buffer.from(JSON.stringify(NOTIFICATION));

// RFC 8291, section 5 (Appendix A lists the intermediate values).
const RFC = {
  plaintext: "When I grow up, I want to be a watermelon",
  uaPrivate: "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
  uaPublic: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
  asPrivate: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
  auth: "BTBZMqHH6r4Tts7J_aSIgg",
  salt: "DGv6ra1nlYgDCS1FRnbzlw",
  body:
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_" +
    "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
};
const b64u = (text: string) => Buffer.from(text, "base64url");

let server: TestServer;
let api: Mastodon;
let priv: WebpushCryptoParamsPrivkey;
let pub: WebpushCryptoParamsPubkey;

before(async () => {
  // A real server that must stay untouched: these methods compute locally.
  server = await startServer((_req, res) => {
    res.end();
  });
  api = new Mastodon({ api_base_url: server.url, access_token: "t", mastodon_version: "4.5.0" });
  [priv, pub] = await api.pushSubscriptionGenerateKeys();
});
after(async () => {
  assert.equal(server.requests.length, 0, "no request was sent");
  await server.close();
});

describe("pushSubscriptionGenerateKeys", () => {
  test("returns [private dict, public dict] in Mastodon.py's shapes", () => {
    assert.deepEqual(Object.keys(priv).sort(), ["auth", "privkey"]);
    assert.deepEqual(Object.keys(pub).sort(), ["auth", "pubkey"]);
    assert.equal(typeof priv.privkey, "bigint");
    assert.ok(priv.privkey > 0n && priv.privkey < 2n ** 256n);
    assert.ok(pub.pubkey instanceof Uint8Array);
    assert.equal(pub.pubkey.length, 65);
    assert.equal(pub.pubkey[0], 4, "an uncompressed point");
    assert.equal(priv.auth.length, 16);
    assert.deepEqual(priv.auth, pub.auth, "one shared secret");
    assert.notEqual(priv.auth, pub.auth, "in separate copies");
  });

  test("the public key belongs to the private key", () => {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(priv.privkey.toString(16).padStart(64, "0"), "hex"));
    assert.deepEqual(new Uint8Array(ecdh.getPublicKey()), pub.pubkey);
  });

  test("every call makes new keys", async () => {
    const [priv2, pub2] = await api.pushSubscriptionGenerateKeys();
    assert.notEqual(priv2.privkey, priv.privkey);
    assert.notDeepEqual(pub2.auth, pub.auth);
  });
});

describe("pushSubscriptionDecryptPush: aes128gcm (RFC 8291)", () => {
  test("decrypts and parses a notification; the headers may be undefined or null", async () => {
    const body = sendAes128gcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    assert.deepEqual(await api.pushSubscriptionDecryptPush(body, priv), NOTIFICATION);
    assert.deepEqual(await api.pushSubscriptionDecryptPush(body, priv, null, null), NOTIFICATION);
    assert.deepEqual(
      await api.pushSubscriptionDecryptPush(body, priv, undefined, undefined, {
        content_encoding: "aes128gcm",
      }),
      NOTIFICATION,
    );
  });

  test("several records, padding, and every kind of bytes", async () => {
    const body = sendAes128gcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth), {
      recordSize: 40,
      padding: 3,
    });
    assert.ok(body.length > 21 + 65 + 3 * 40, "the message spans several records");
    const copy = new Uint8Array(body);
    for (const data of [body, copy, copy.buffer, new DataView(copy.buffer)]) {
      assert.deepEqual(await api.pushSubscriptionDecryptPush(data, priv), NOTIFICATION);
    }
  });

  test("the private key may be stored as decimal text, raw bytes or base64, with or without pubkey", async () => {
    const body = sendAes128gcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    const raw = Buffer.from(priv.privkey.toString(16).padStart(64, "0"), "hex");
    const variants = [
      { privkey: String(priv.privkey), auth: priv.auth },
      { privkey: raw, auth: Buffer.from(priv.auth).toString("base64") },
      { privkey: raw.toString("base64url"), auth: Buffer.from(priv.auth).toString("base64url") },
      { ...priv, pubkey: pub.pubkey },
      { ...priv, pubkey: Buffer.from(pub.pubkey).toString("base64") },
    ];
    for (const params of variants)
      assert.deepEqual(await api.pushSubscriptionDecryptPush(body, params), NOTIFICATION);
  });

  test("RFC 8291 section 5: the published message decrypts to its plaintext", async () => {
    const keys = await importReceiverKeys({ privkey: b64u(RFC.uaPrivate), auth: RFC.auth }, "test");
    assert.equal(
      Buffer.from(keys.publicKey).toString("base64url"),
      RFC.uaPublic,
      "the public key computed from d",
    );
    const plain = await decryptPushBody(fromBase64(RFC.body) as Uint8Array<ArrayBuffer>, keys, {}, "test");
    assert.equal(Buffer.from(plain).toString("utf8"), RFC.plaintext);
  });

  test("RFC 8291 section 5: our sender reproduces the published message byte for byte", () => {
    // Shows that the sender used by the other tests is itself right, not only consistent.
    const body = sendAes128gcm(Buffer.from(RFC.plaintext), b64u(RFC.uaPublic), b64u(RFC.auth), {
      salt: b64u(RFC.salt),
      senderPrivate: b64u(RFC.asPrivate),
    });
    assert.equal(body.toString("base64url"), RFC.body);
  });

  test("RFC 8291 section 5 through the method: decrypted, then refused as not a notification", async () => {
    await assert.rejects(
      api.pushSubscriptionDecryptPush(b64u(RFC.body), {
        privkey: RFC.uaPrivate,
        auth: RFC.auth,
        pubkey: RFC.uaPublic,
      }),
      (error: unknown) =>
        error instanceof MastodonPushDecryptionError &&
        /was decrypted, but it is not JSON/.test(error.message),
    );
  });
});

describe("pushSubscriptionDecryptPush: aesgcm (legacy, with Encryption and Crypto-Key headers)", () => {
  test("decrypts and parses a notification", async () => {
    const sent = sendAesgcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    assert.deepEqual(
      await api.pushSubscriptionDecryptPush(sent.body, priv, sent.encryption, sent.cryptoKey),
      NOTIFICATION,
    );
  });

  test("several records with padding and an explicit rs", async () => {
    const sent = sendAesgcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth), {
      recordSize: 30,
      padding: 4,
    });
    assert.match(sent.encryption, /;rs=30$/);
    assert.ok(sent.body.length > 3 * 46, "the message spans several records");
    assert.deepEqual(
      await api.pushSubscriptionDecryptPush(sent.body, priv, sent.encryption, sent.cryptoKey),
      NOTIFICATION,
    );
  });

  test("header variants: keyid entries, quotes, comma-separated keys, standard base64", async () => {
    const sent = sendAesgcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    const salt = headerParams(sent.encryption).get("salt") ?? "";
    const dh = headerParams(sent.cryptoKey).get("dh") ?? "";
    const variants: Array<[string, string]> = [
      [`keyid=p256dh;salt="${salt}"`, `keyid=p256dh;dh="${dh}",p256ecdsa=BDd3`],
      [`salt=${Buffer.from(salt, "base64url").toString("base64")}`, `dh=${dh}`],
      [` salt = ${salt} `, `p256ecdsa=BDd3; dh=${dh}`],
    ];
    for (const [encryption, cryptoKey] of variants) {
      assert.deepEqual(
        await api.pushSubscriptionDecryptPush(sent.body, priv, encryption, cryptoKey),
        NOTIFICATION,
      );
    }
  });
});

describe("pushSubscriptionDecryptPush: refusals", () => {
  test("a message for other keys", async () => {
    const [, otherPub] = await api.pushSubscriptionGenerateKeys();
    const body = sendAes128gcm(MESSAGE, Buffer.from(otherPub.pubkey), Buffer.from(otherPub.auth));
    await assert.rejects(api.pushSubscriptionDecryptPush(body, priv), (error: unknown) => {
      assert.ok(error instanceof MastodonPushDecryptionError);
      assert.ok(error instanceof MastodonIllegalArgumentError, "a kind of illegal argument");
      assert.match(
        error.message,
        /^pushSubscriptionDecryptPush\(\): the push message could not be decrypted/,
      );
      assert.doesNotMatch(error.message, new RegExp(String(priv.privkey)));
      return true;
    });
  });

  test("a changed byte, a changed salt, a wrong auth secret", async () => {
    const body = sendAes128gcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    const flipped = Buffer.from(body);
    flipped[body.length - 20] = (flipped[body.length - 20] ?? 0) ^ 1;
    await assert.rejects(api.pushSubscriptionDecryptPush(flipped, priv), MastodonPushDecryptionError);
    await assert.rejects(
      api.pushSubscriptionDecryptPush(body, { ...priv, auth: new Uint8Array(16) }),
      MastodonPushDecryptionError,
    );
    const sent = sendAesgcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    const otherSalt = `salt=${randomBytes(16).toString("base64url")}`;
    await assert.rejects(
      api.pushSubscriptionDecryptPush(sent.body, priv, otherSalt, sent.cryptoKey),
      MastodonPushDecryptionError,
    );
  });

  test("an aesgcm message without its headers", async () => {
    const sent = sendAesgcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    await assert.rejects(
      api.pushSubscriptionDecryptPush(sent.body, priv),
      /an aesgcm message needs its Encryption and Crypto-Key headers/,
    );
    // One random aesgcm body in 256 reads, as aes128gcm, like a header with a key in it: the
    // message still names the missing headers.
    const lookalike = Buffer.from(sent.body);
    lookalike.writeUInt32BE(4096, 16);
    lookalike[20] = 65;
    await assert.rejects(
      api.pushSubscriptionDecryptPush(lookalike, priv),
      /an aesgcm message needs its Encryption and Crypto-Key headers/,
    );
    await assert.rejects(
      api.pushSubscriptionDecryptPush(sent.body, priv, undefined, sent.cryptoKey, {
        content_encoding: "aesgcm",
      }),
      /encryption_header must be the push request's Encryption header/,
    );
    await assert.rejects(
      api.pushSubscriptionDecryptPush(sent.body, priv, sent.encryption, "p256ecdsa=BDd3"),
      /crypto_key_header must be the push request's Crypto-Key header/,
    );
  });

  test("bad arguments", async () => {
    const body = sendAes128gcm(MESSAGE, Buffer.from(pub.pubkey), Buffer.from(pub.auth));
    const cases: Array<[() => Promise<unknown>, RegExp]> = [
      [
        () => api.pushSubscriptionDecryptPush("text" as never, priv),
        /data must be the push request's body as bytes/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, undefined as never),
        /decrypt_params must be the private dict/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, { privkey: 0n, auth: priv.auth }),
        /privkey must be the private key/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, { privkey: 2n ** 256n, auth: priv.auth }),
        /outside the P-256 range/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, { privkey: "not a key!", auth: priv.auth }),
        /privkey must be/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, { privkey: priv.privkey, auth: new Uint8Array(8) }),
        /auth must be the 16-byte/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, { ...priv, pubkey: new Uint8Array(65) }),
        /pubkey must be an uncompressed P-256 public key/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, priv, 5 as never),
        /encryption_header must be the header's text/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body, priv, null, null, { content_encoding: "br" as never }),
        /content_encoding must be "aesgcm" or "aes128gcm"; got "br"/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body.subarray(0, 10), priv),
        /too short for an aes128gcm header/,
      ],
      [
        () => api.pushSubscriptionDecryptPush(body.subarray(0, 21 + 65 + 5), priv),
        /too short to hold any encrypted data/,
      ],
      [() => api.pushSubscriptionGenerateKeys("x" as never), /the last argument must be an options object/],
    ];
    for (const [call, message] of cases) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof MastodonIllegalArgumentError, String(error));
        assert.match(error.message, message);
        return true;
      });
    }
  });
});
