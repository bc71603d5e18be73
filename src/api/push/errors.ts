/**
 * The error pushSubscriptionDecryptPush raises when a well-formed call still cannot decrypt.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";

/**
 * A Web Push message could not be decrypted or read: it was meant for other keys, was changed on
 * the way, or is not a Mastodon push message. A kind of MastodonIllegalArgumentError, since the
 * data handed in does not fit the keys handed in; retrying will not help.
 */
export class MastodonPushDecryptionError extends MastodonIllegalArgumentError {
  static override readonly errorName: string = "MastodonPushDecryptionError";
}
