/**
 * Decrypting Web Push messages, with Web Crypto only. Mastodon sends one of two encodings:
 *
 *  - "aes128gcm" (RFC 8188 + RFC 8291; subscriptions made with `standard: true`, Mastodon 4.4+):
 *    the salt, record size and the sender's public key are in the body's own header; no HTTP
 *    headers are needed.
 *  - "aesgcm" (the earlier drafts that Mastodon.py implements; the default for other
 *    subscriptions): the salt is in the `Encryption` header and the sender's public key in the
 *    `Crypto-Key` header (`dh=`).
 *
 * Both derive a content key and nonce from an ECDH agreement with the sender's one-time key, mixed
 * with the subscription's authentication secret, then decrypt AES-128-GCM records.
 */

import { fromBase64 } from "../../core/base64.js";
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { quoteServer } from "../../core/printable.js";
import { concatBytes, utf8 } from "./bytes.js";
import { MastodonPushDecryptionError } from "./errors.js";
import { PUBLIC_KEY_BYTES, type ReceiverKeys, subtle } from "./webpush-keys.js";

/**
 * How a push message is encrypted, as its `Content-Encoding` header says: "aes128gcm" (RFC 8188 and
 * RFC 8291, the standard; Mastodon 4.4.0 with `standard: true`) or "aesgcm" (the older draft, with
 * the salt and the server's key in the Encryption and Crypto-Key headers).
 */
export type PushContentEncoding = "aesgcm" | "aes128gcm";

export interface PushHeaders {
  /** The `Encryption` header ("aesgcm" only): `salt=...` and optionally `rs=...`. */
  encryption?: string | null | undefined;
  /** The `Crypto-Key` header ("aesgcm" only): `dh=...` (and usually `p256ecdsa=...`). */
  crypto_key?: string | null | undefined;
  /** The `Content-Encoding` header; default: "aesgcm" when an Encryption header is given, else "aes128gcm". */
  content_encoding?: PushContentEncoding | undefined;
}

const TAG_BYTES = 16;
const SALT_BYTES = 16;
const AESGCM_DEFAULT_RS = 4096;

/**
 * Reads `name=value` pairs from a header such as `keyid=p256dh;dh=BNo...,p256ecdsa=BDd...`.
 * The first value of each name wins; quotes around values are removed.
 */
export function headerParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of header.split(/[;,]/)) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

async function hkdf(
  salt: Uint8Array<ArrayBuffer>,
  ikm: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  length: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await subtle().importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(
    await subtle().deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, length * 8),
  );
}

/** The ECDH shared secret between the receiver's private key and the sender's public point. */
async function agree(
  keys: ReceiverKeys,
  senderPublic: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  let sender: CryptoKey;
  try {
    sender = await subtle().importKey("raw", senderPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  } catch (cause) {
    throw new MastodonPushDecryptionError(
      "the sender's public key in the push message is not a valid P-256 point; the message is corrupt.",
      { cause },
    );
  }
  return new Uint8Array(await subtle().deriveBits({ name: "ECDH", public: sender }, keys.privateKey, 256));
}

/** The nonce of record `index`: the base nonce XOR the record number (big-endian, low 48 bits). */
function recordNonce(base: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const nonce = Uint8Array.from(base);
  let rest = index;
  for (let i = nonce.length - 1; i >= nonce.length - 6 && rest > 0; i--) {
    nonce[i] = (nonce[i] ?? 0) ^ (rest % 256);
    rest = Math.floor(rest / 256);
  }
  return nonce;
}

/** Decrypts the records of a message, giving each plaintext record to `unpad`. */
async function decryptRecords(
  ciphertext: Uint8Array<ArrayBuffer>,
  recordSize: number,
  cek: Uint8Array<ArrayBuffer>,
  nonce: Uint8Array<ArrayBuffer>,
  unpad: (record: Uint8Array, last: boolean) => Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  if (ciphertext.length <= TAG_BYTES) {
    throw new MastodonPushDecryptionError("the push message is too short to hold any encrypted data.");
  }
  const key = await subtle().importKey("raw", cek, { name: "AES-GCM" }, false, ["decrypt"]);
  const parts: Uint8Array[] = [];
  for (let start = 0, index = 0; start < ciphertext.length; start += recordSize, index++) {
    const record = ciphertext.subarray(start, start + recordSize);
    const last = start + recordSize >= ciphertext.length;
    if (record.length <= TAG_BYTES) {
      throw new MastodonPushDecryptionError(`record ${index} of the push message is truncated.`);
    }
    let plain: Uint8Array;
    try {
      plain = new Uint8Array(
        await subtle().decrypt(
          { name: "AES-GCM", iv: recordNonce(nonce, index), tagLength: 128 },
          key,
          record,
        ),
      );
    } catch (cause) {
      throw new MastodonPushDecryptionError(
        "the push message could not be decrypted with these keys: it was encrypted for another " +
          "subscription's keys, or the data or headers were changed on the way.",
        { cause },
      );
    }
    parts.push(unpad(plain, last));
  }
  return concatBytes(...parts);
}

/** Why a body without headers may fail to decrypt as aes128gcm. */
const AESGCM_HINT = "an aesgcm message needs its Encryption and Crypto-Key headers";

/** RFC 8188 / RFC 8291: everything needed is in the body's header. */
async function decryptAes128gcm(
  body: Uint8Array<ArrayBuffer>,
  keys: ReceiverKeys,
): Promise<Uint8Array<ArrayBuffer>> {
  if (body.length < SALT_BYTES + 5) {
    throw new MastodonPushDecryptionError("the push message is too short for an aes128gcm header.");
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const salt = body.slice(0, SALT_BYTES);
  const recordSize = view.getUint32(SALT_BYTES);
  const idLength = body[SALT_BYTES + 4] ?? 0;
  const senderPublic = body.slice(SALT_BYTES + 5, SALT_BYTES + 5 + idLength);
  if (recordSize < TAG_BYTES + 2) {
    throw new MastodonPushDecryptionError(
      `the push message declares an impossible record size (${recordSize}).`,
    );
  }
  if (idLength !== PUBLIC_KEY_BYTES || senderPublic.length !== PUBLIC_KEY_BYTES) {
    throw new MastodonPushDecryptionError(
      "the push message's header does not carry the sender's public key; it is not an aes128gcm Web Push " +
        `message (${AESGCM_HINT}).`,
    );
  }
  const secret = await agree(keys, senderPublic);
  const keyInfo = concatBytes(utf8.encode("WebPush: info\0"), keys.publicKey, senderPublic);
  const ikm = await hkdf(keys.auth, secret, keyInfo, 32);
  const cek = await hkdf(salt, ikm, utf8.encode("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, utf8.encode("Content-Encoding: nonce\0"), 12);
  // Each record ends with a delimiter (2 on the last record, 1 before) followed by zero padding.
  return decryptRecords(body.subarray(SALT_BYTES + 5 + idLength), recordSize, cek, nonce, (plain, last) => {
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    const delimiter = plain[end];
    if (delimiter !== (last ? 2 : 1)) {
      throw new MastodonPushDecryptionError("the push message's padding is malformed.");
    }
    return plain.subarray(0, end);
  });
}

/** The length-prefixed P-256 public key, as the aesgcm key derivation context spells it. */
function lengthPrefixed(key: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(key.length >> 8, key.length & 0xff), key);
}

/** The "aesgcm" drafts: salt and sender key come in the Encryption and Crypto-Key headers. */
async function decryptAesgcm(
  body: Uint8Array<ArrayBuffer>,
  keys: ReceiverKeys,
  headers: PushHeaders,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const encryption = headerParams(headers.encryption ?? "");
  const cryptoKey = headerParams(headers.crypto_key ?? "");
  const salt = fromBase64(encryption.get("salt") ?? "");
  if (salt?.length !== SALT_BYTES) {
    throw new MastodonIllegalArgumentError(
      `${what}: encryption_header must be the push request's Encryption header with a 16-byte salt ` +
        '(e.g. "salt=gQ0m..."); aesgcm messages cannot be decrypted without it.',
    );
  }
  const senderPublic = fromBase64(cryptoKey.get("dh") ?? "");
  if (senderPublic?.length !== PUBLIC_KEY_BYTES) {
    throw new MastodonIllegalArgumentError(
      `${what}: crypto_key_header must be the push request's Crypto-Key header with the sender's key ` +
        '(e.g. "dh=BNo...;p256ecdsa=BDd..."); aesgcm messages cannot be decrypted without it.',
    );
  }
  const rsText = encryption.get("rs");
  const recordSize = rsText === undefined ? AESGCM_DEFAULT_RS : Number(rsText);
  if (!Number.isInteger(recordSize) || recordSize <= 2) {
    throw new MastodonIllegalArgumentError(
      // quoteServer: the header is the push sender's text, of any length.
      `${what}: the Encryption header's rs is not a valid record size: ${quoteServer(rsText ?? "")}. ` +
        "Pass the push request's Encryption header unchanged.",
    );
  }
  const secret = await agree(keys, senderPublic);
  const ikm = await hkdf(keys.auth, secret, utf8.encode("Content-Encoding: auth\0"), 32);
  const context = concatBytes(
    utf8.encode("P-256\0"),
    lengthPrefixed(keys.publicKey),
    lengthPrefixed(senderPublic),
  );
  const cek = await hkdf(salt, ikm, concatBytes(utf8.encode("Content-Encoding: aesgcm\0"), context), 16);
  const nonce = await hkdf(salt, ikm, concatBytes(utf8.encode("Content-Encoding: nonce\0"), context), 12);
  // Each plaintext record starts with a two-byte padding length, then that many padding bytes.
  return decryptRecords(body, recordSize + TAG_BYTES, cek, nonce, (plain) => {
    const padding = ((plain[0] ?? 0) << 8) | (plain[1] ?? 0);
    if (plain.length < 2 || 2 + padding > plain.length) {
      throw new MastodonPushDecryptionError("the push message's padding is malformed.");
    }
    return plain.subarray(2 + padding);
  });
}

/** The encoding to use: as given, else aesgcm when aesgcm headers came along, else aes128gcm. */
export function chooseEncoding(headers: PushHeaders, what: string): PushContentEncoding {
  const given = headers.content_encoding;
  if (given !== undefined) {
    if (given !== "aesgcm" && given !== "aes128gcm") {
      throw new MastodonIllegalArgumentError(
        `${what}: content_encoding must be "aesgcm" or "aes128gcm"; got ${JSON.stringify(given)}.`,
      );
    }
    return given;
  }
  return headers.encryption ? "aesgcm" : "aes128gcm";
}

/** Decrypts one Web Push message body to its plaintext bytes. */
export async function decryptPushBody(
  body: Uint8Array<ArrayBuffer>,
  keys: ReceiverKeys,
  headers: PushHeaders,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (chooseEncoding(headers, what) === "aesgcm") return decryptAesgcm(body, keys, headers, what);
  if (headers.content_encoding !== undefined) return decryptAes128gcm(body, keys);
  // Guessed from the missing headers: an aesgcm body read as aes128gcm can, by chance, look like a
  // header with a key in it, so any failure also names the likelier cause.
  try {
    return await decryptAes128gcm(body, keys);
  } catch (error) {
    if (!(error instanceof MastodonPushDecryptionError) || error.message.includes(AESGCM_HINT)) throw error;
    throw new MastodonPushDecryptionError(`${error.message.replace(/\.$/, "")} (${AESGCM_HINT}).`, {
      cause: error,
    });
  }
}
