/**
 * The key material of a Web Push subscription (RFC 8291): an ECDH P-256 key pair, whose public half
 * the server encrypts to, and a 16-byte authentication secret shared with the server. Generated and
 * read with Web Crypto only (`globalThis.crypto.subtle`), so it runs in Node, browsers, Deno and Bun.
 *
 * The shapes follow Mastodon.py's: the private dict holds the private key as a number (`privkey`)
 * and the secret (`auth`); the public dict holds the uncompressed public point (`pubkey`, 65 bytes)
 * and the same secret.
 */
import { fromBase64, toBase64Url } from "../../core/base64.js";
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { type BytesLike, bigIntToBytes, bytesOrBase64, bytesToBigInt, concatBytes } from "./bytes.js";

/** What the server needs to encrypt pushes to you; give it to pushSubscriptionSet. */
export interface WebpushCryptoParamsPubkey {
  /** The public key: an uncompressed P-256 point (65 bytes, starting with 4). */
  pubkey: Uint8Array;
  /** The 16-byte authentication secret. */
  auth: Uint8Array;
}

/** What you need to decrypt pushes; keep it private, give it to pushSubscriptionDecryptPush. */
export interface WebpushCryptoParamsPrivkey {
  /**
   * The private key as a number, as Mastodon.py keeps it. To store it as text use
   * `String(privkey)`; pushSubscriptionDecryptPush takes that decimal string back.
   */
  privkey: bigint;
  /** The 16-byte authentication secret. */
  auth: Uint8Array;
}

/**
 * Public key parameters as pushSubscriptionSet accepts them: bytes or base64/base64url text, and
 * `p256dh` as another name for `pubkey` (the name browsers' PushSubscription.toJSON() uses).
 */
export type WebpushPublicKeyInput =
  | {
      /** The public key: the uncompressed P-256 point (65 bytes), as bytes or base64/base64url text. */
      pubkey: BytesLike | string;
      /** The 16-byte authentication secret, as bytes or base64/base64url text. */
      auth: BytesLike | string;
    }
  | {
      /** The public key under the name browsers use: the uncompressed P-256 point (65 bytes). */
      p256dh: BytesLike | string;
      /** The 16-byte authentication secret, as bytes or base64/base64url text. */
      auth: BytesLike | string;
    };

/**
 * Private key parameters as pushSubscriptionDecryptPush accepts them. `privkey` may be the number
 * (bigint, or its decimal digits as a string), the 32 raw bytes, or their base64/base64url text.
 * `pubkey` is optional: it is computed from the private key when missing.
 */
export interface WebpushPrivateKeyInput {
  /** The private key: a bigint, its decimal digits, the 32 raw bytes, or their base64/base64url text. */
  privkey: bigint | BytesLike | string;
  /** The 16-byte authentication secret given to the server with the public key. */
  auth: BytesLike | string;
  /** The matching public key (65 bytes); computed from `privkey` when not given. */
  pubkey?: BytesLike | string | undefined;
}

const P256 = { name: "ECDH", namedCurve: "P-256" } as const;
/** The order of the P-256 group: a private key is a number from 1 to N - 1. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
export const AUTH_SECRET_BYTES = 16;
export const PUBLIC_KEY_BYTES = 65;

/** The PKCS #8 wrapping of a bare P-256 private key (RFC 5915 ECPrivateKey without its public key). */
const PKCS8_P256_PREFIX = fromBase64(
  "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCA=",
) as Uint8Array<ArrayBuffer>;

export function subtle(): SubtleCrypto {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (!crypto?.subtle) {
    throw new MastodonIllegalArgumentError(
      "Web Push keys need Web Crypto (globalThis.crypto.subtle), which this runtime does not offer. " +
        "Node.js >= 20, Deno, Bun and browsers (in secure contexts) have it.",
    );
  }
  return crypto.subtle;
}

/**
 * A new key pair and authentication secret: [private dict, public dict], as Mastodon.py's
 * push_subscription_generate_keys returns them.
 */
export async function generateWebPushKeys(): Promise<
  [WebpushCryptoParamsPrivkey, WebpushCryptoParamsPubkey]
> {
  const pair = await subtle().generateKey(P256, true, ["deriveBits"]);
  const jwk = await subtle().exportKey("jwk", pair.privateKey);
  const pubkey = new Uint8Array(await subtle().exportKey("raw", pair.publicKey));
  const auth = globalThis.crypto.getRandomValues(new Uint8Array(AUTH_SECRET_BYTES));
  const privkey = bytesToBigInt(fromBase64(jwk.d ?? "") ?? new Uint8Array());
  // Separate copies, so that changing one dict cannot change the other.
  return [
    { privkey, auth },
    { pubkey, auth: auth.slice() },
  ];
}

/** The 16-byte authentication secret from bytes or base64 text. */
export function readAuthSecret(value: unknown, what: string): Uint8Array<ArrayBuffer> {
  const auth = bytesOrBase64(value);
  if (auth?.length !== AUTH_SECRET_BYTES) {
    throw new MastodonIllegalArgumentError(
      `${what}: auth must be the ${AUTH_SECRET_BYTES}-byte authentication secret (bytes or base64 text), ` +
        `as pushSubscriptionGenerateKeys() makes it; got ${describe(value, auth)}.`,
    );
  }
  return auth;
}

/** The 65-byte uncompressed P-256 public point from bytes or base64 text. */
export function readPublicKey(value: unknown, what: string, name = "pubkey"): Uint8Array<ArrayBuffer> {
  const key = bytesOrBase64(value);
  if (key?.length !== PUBLIC_KEY_BYTES || key[0] !== 0x04) {
    throw new MastodonIllegalArgumentError(
      `${what}: ${name} must be an uncompressed P-256 public key (${PUBLIC_KEY_BYTES} bytes starting with 4, ` +
        `or their base64 text), as pushSubscriptionGenerateKeys() makes it; got ${describe(value, key)}.`,
    );
  }
  return key;
}

/** The private key as its 32 big-endian bytes, from a number, decimal digits, bytes or base64 text. */
export function readPrivateKey(value: unknown, what: string): Uint8Array<ArrayBuffer> {
  let scalar: bigint | undefined;
  if (typeof value === "bigint") scalar = value;
  else if (typeof value === "string" && /^\d+$/.test(value.trim())) scalar = BigInt(value.trim());
  else {
    const raw = bytesOrBase64(value);
    if (raw?.length === 32) scalar = bytesToBigInt(raw);
  }
  if (scalar === undefined || scalar <= 0n || scalar >= P256_ORDER) {
    throw new MastodonIllegalArgumentError(
      `${what}: privkey must be the private key from pushSubscriptionGenerateKeys() (a bigint, its decimal ` +
        `digits, or 32 bytes); got ${typeof value === "bigint" ? "a number outside the P-256 range" : describe(value, undefined)}.`,
    );
  }
  return bigIntToBytes(scalar, 32);
}

/** The receiving side's ECDH key and public point, ready for key agreement. */
export interface ReceiverKeys {
  privateKey: CryptoKey;
  publicKey: Uint8Array<ArrayBuffer>;
  auth: Uint8Array<ArrayBuffer>;
}

/** Imports decrypt_params into Web Crypto, computing the public point when it was not given. */
export async function importReceiverKeys(params: unknown, what: string): Promise<ReceiverKeys> {
  if (params === null || typeof params !== "object") {
    throw new MastodonIllegalArgumentError(
      `${what}: decrypt_params must be the private dict from pushSubscriptionGenerateKeys() ({ privkey, auth }); ` +
        `got ${describe(params, undefined)}.`,
    );
  }
  const input = params as Partial<WebpushPrivateKeyInput>;
  const d = readPrivateKey(input.privkey, what);
  const auth = readAuthSecret(input.auth, what);
  if (input.pubkey !== undefined) {
    const publicKey = readPublicKey(input.pubkey, what);
    const jwk = {
      kty: "EC",
      crv: "P-256",
      d: toBase64Url(d),
      x: toBase64Url(publicKey.subarray(1, 33)),
      y: toBase64Url(publicKey.subarray(33)),
    };
    const privateKey = await importOrExplain(
      () => subtle().importKey("jwk", jwk, P256, false, ["deriveBits"]),
      what,
    );
    return { privateKey, publicKey, auth };
  }
  // Web Crypto cannot compute a public key directly, but importing the bare private key and
  // exporting it as a JWK yields the public point along with it.
  const privateKey = await importOrExplain(
    () => subtle().importKey("pkcs8", concatBytes(PKCS8_P256_PREFIX, d), P256, true, ["deriveBits"]),
    what,
  );
  const jwk = await subtle().exportKey("jwk", privateKey);
  const x = fromBase64(jwk.x ?? "");
  const y = fromBase64(jwk.y ?? "");
  if (x?.length !== 32 || y?.length !== 32) {
    throw new MastodonIllegalArgumentError(
      `${what}: this runtime's Web Crypto cannot compute the public key from the private key; ` +
        "pass it as decrypt_params.pubkey (the public dict's pubkey).",
    );
  }
  return { privateKey, publicKey: concatBytes(Uint8Array.of(4), x, y), auth };
}

async function importOrExplain(load: () => Promise<CryptoKey>, what: string): Promise<CryptoKey> {
  try {
    return await load();
  } catch (cause) {
    throw new MastodonIllegalArgumentError(
      `${what}: decrypt_params do not form a valid P-256 key (${(cause as Error)?.message ?? "rejected by Web Crypto"}); ` +
        "privkey and pubkey must come from the same pushSubscriptionGenerateKeys() call.",
      { cause },
    );
  }
}

/** Describes a bad key value without echoing it (keys are secrets). */
function describe(value: unknown, decoded: Uint8Array | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (decoded !== undefined) return `${decoded.length} bytes`;
  if (typeof value === "string") return "text that is not base64";
  if (typeof value === "object") return "an object that is not bytes";
  return `a ${typeof value}`;
}
