/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */
export type { BytesLike } from "./bytes.js";
export { PUSH_POLICIES } from "./constants.js";
export { MastodonPushDecryptionError } from "./errors.js";
export type { PushAlertOptions, PushPolicy, PushSubscriptionSetOptions } from "./subscriptions.js";
export type { PushDecryptOptions } from "./webpush.js";
export type { PushContentEncoding } from "./webpush-decrypt.js";
export type {
  WebpushCryptoParamsPrivkey,
  WebpushCryptoParamsPubkey,
  WebpushPrivateKeyInput,
  WebpushPublicKeyInput,
} from "./webpush-keys.js";
