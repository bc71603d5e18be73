/**
 * Receiving Web Push yourself: making the keys a push subscription needs, and reading the
 * encrypted messages Mastodon then sends to your endpoint. Local computations (no request),
 * with Web Crypto only.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { PushNotification } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { CustomMethods, NoOptions } from "../define.js";
import { requireOptions } from "../validate.js";
import { asBytes, type BytesLike, utf8 } from "./bytes.js";
import { MastodonPushDecryptionError } from "./errors.js";
import type { PushContentEncoding } from "./webpush-decrypt.js";
import type {
  WebpushCryptoParamsPrivkey,
  WebpushCryptoParamsPubkey,
  WebpushPrivateKeyInput,
} from "./webpush-keys.js";

// The crypto (key handling, RFC 8291 / draft aesgcm decryption) is loaded on first use: few apps
// receive Web Push themselves, and both methods are asynchronous anyway.
const loadKeys = () => import("./webpush-keys.js");
const loadDecrypt = () => import("./webpush-decrypt.js");

/**
 * Options of pushSubscriptionDecryptPush. A message that does not decrypt with the keys given (or
 * is not UTF-8 JSON once decrypted) throws MastodonPushDecryptionError.
 */
export interface PushDecryptOptions {
  /**
   * The push request's `Content-Encoding` header. Default: "aesgcm" when an Encryption header is
   * given, else "aes128gcm" (whose salt and key travel inside the body).
   */
  content_encoding?: PushContentEncoding | undefined;
}

export interface WebPushCustomMethods {
  /**
   * Makes a new key pair and authentication secret for a push subscription. Resolves to two
   * dicts, the private one first: give the public one to pushSubscriptionSet, keep the private one
   * (it decrypts the pushes) safe. Local; no request. Web Crypto's key generation is
   * asynchronous, so unlike Mastodon.py this returns a promise.
   * https://docs.joinmastodon.org/methods/push/#create
   */
  pushSubscriptionGenerateKeys: {
    args: [];
    options: NoOptions;
    result: [WebpushCryptoParamsPrivkey, WebpushCryptoParamsPubkey];
  };
  /**
   * Decrypts the body of a Web Push request Mastodon sent to your endpoint and parses the
   * notification in it. Takes the private dict from pushSubscriptionGenerateKeys and, for the
   * legacy "aesgcm" encoding (the default before `standard: true` subscriptions, Mastodon 4.4),
   * the request's Encryption and Crypto-Key headers; for "aes128gcm" (RFC 8291) they are not
   * needed and may be undefined or null. Local; no request. Mastodon 2.4.0.
   * https://docs.joinmastodon.org/methods/push/
   */
  pushSubscriptionDecryptPush: {
    args: [
      data: BytesLike,
      decrypt_params: WebpushCryptoParamsPrivkey | WebpushPrivateKeyInput,
      encryption_header?: string | null | undefined,
      crypto_key_header?: string | null | undefined,
    ];
    options: PushDecryptOptions;
    result: PushNotification;
  };
}

function optionalHeader(value: unknown, what: string, name: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  throw new MastodonIllegalArgumentError(
    `${what}: ${name} must be the header's text (or undefined for aes128gcm messages); got a ${typeof value}.`,
  );
}

export const webPushCustom = {
  async pushSubscriptionGenerateKeys(this: Mastodon, options?: NoOptions) {
    requireOptions("pushSubscriptionGenerateKeys", options);
    return (await loadKeys()).generateWebPushKeys();
  },

  async pushSubscriptionDecryptPush(
    this: Mastodon,
    data: BytesLike,
    decrypt_params: WebpushCryptoParamsPrivkey | WebpushPrivateKeyInput,
    encryption_header?: string | null,
    crypto_key_header?: string | null,
    options: PushDecryptOptions = {},
  ) {
    const what = "pushSubscriptionDecryptPush()";
    requireOptions("pushSubscriptionDecryptPush", options);
    const body = asBytes(data);
    if (body === undefined) {
      throw new MastodonIllegalArgumentError(
        `${what}: data must be the push request's body as bytes (Uint8Array, Buffer or ArrayBuffer); ` +
          `got ${typeof data === "string" ? "text (read the body with arrayBuffer(), not text())" : typeof data}.`,
      );
    }
    const headers = {
      encryption: optionalHeader(encryption_header, what, "encryption_header"),
      crypto_key: optionalHeader(crypto_key_header, what, "crypto_key_header"),
      content_encoding: options.content_encoding,
    };
    const [{ importReceiverKeys }, { decryptPushBody }] = await Promise.all([loadKeys(), loadDecrypt()]);
    const keys = await importReceiverKeys(decrypt_params, what);
    let text: string;
    try {
      text = utf8.decode(await decryptPushBody(body, keys, headers, what));
    } catch (error) {
      if (error instanceof MastodonPushDecryptionError) {
        throw new MastodonPushDecryptionError(`${what}: ${error.message}`, { cause: error.cause });
      }
      if (error instanceof TypeError) {
        throw new MastodonPushDecryptionError(`${what}: the decrypted message is not UTF-8 text.`, {
          cause: error,
        });
      }
      throw error;
    }
    try {
      return JSON.parse(text) as PushNotification;
    } catch (cause) {
      throw new MastodonPushDecryptionError(
        `${what}: the message was decrypted, but it is not JSON, so it is not a Mastodon notification.`,
        { cause },
      );
    }
  },
} satisfies CustomMethods<WebPushCustomMethods>;
