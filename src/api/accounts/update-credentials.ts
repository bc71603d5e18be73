/**
 * Updating the logged-in user's profile and posting defaults (PATCH update_credentials), sent as
 * multipart, which every server accepts for this endpoint (some ignore a JSON body here).
 * Docs: https://docs.joinmastodon.org/methods/accounts/#update_credentials
 */
import type { Account } from "../../entities/index.js";
import type { CustomMethods } from "../define.js";
import { INTERNAL } from "../internal.js";
import { optionalBoolean, optionalOneOf, requireString, without } from "../validate.js";
import { DEFAULT_PRIVACY_VALUES, DEFAULT_QUOTE_POLICIES } from "./constants.js";
import { type ProfileUpdateBase, profileParams } from "./profile-params.js";

/**
 * Options of accountUpdateCredentials: the profile (as for profileUpdate) and the posting defaults;
 * what is not given stays as it is. Images are read, and a bad value (an unknown default_privacy or
 * default_quote_policy, a flag that is not a boolean) throws MastodonIllegalArgumentError, before
 * any request.
 */
export interface AccountUpdateCredentialsOptions extends ProfileUpdateBase {
  /** Default visibility of new statuses (sent as `source[privacy]`). */
  default_privacy?: (typeof DEFAULT_PRIVACY_VALUES)[number] | undefined;
  /** Mark new statuses' media sensitive by default (`source[sensitive]`). */
  default_sensitive?: boolean | undefined;
  /** Default language of new statuses, an ISO 639 code (`source[language]`). */
  default_language?: string | undefined;
  /** Who may quote new statuses by default (`source[quote_policy]`; Mastodon 4.5.0). */
  default_quote_policy?: (typeof DEFAULT_QUOTE_POLICIES)[number] | undefined;
}

export interface UpdateCredentialsCustomMethods {
  /**
   * Changes the logged-in user's profile (name, bio, avatar, header, fields, flags) and posting
   * defaults; only what is given changes. Answers the account with its `source`. Too many fields
   * or too long values come back as MastodonUnprocessableEntityError with the server's `details`.
   * Mastodon 1.1.1, last changed 4.2.0. https://docs.joinmastodon.org/methods/accounts/#update_credentials
   */
  accountUpdateCredentials: { args: []; options: AccountUpdateCredentialsOptions; result: Account };
}

const SOURCE_KEYS = ["default_privacy", "default_sensitive", "default_language", "default_quote_policy"];

/** The posting defaults, checked, as the `source[...]` hash Mastodon takes; undefined when none. */
function postingDefaults(
  method: string,
  options: AccountUpdateCredentialsOptions | undefined,
): Record<string, unknown> | undefined {
  const language = options?.default_language;
  const source = without({
    privacy: optionalOneOf(method, "default_privacy", options?.default_privacy, DEFAULT_PRIVACY_VALUES),
    sensitive: optionalBoolean(method, "default_sensitive", options?.default_sensitive),
    language:
      language === undefined || language === null
        ? undefined
        : requireString(method, "default_language", language),
    quote_policy: optionalOneOf(
      method,
      "default_quote_policy",
      options?.default_quote_policy,
      DEFAULT_QUOTE_POLICIES,
    ),
  });
  return Object.keys(source).length > 0 ? source : undefined;
}

export const updateCredentialsCustom = {
  async accountUpdateCredentials(options) {
    const method = "accountUpdateCredentials";
    // The cheap checks first, so that a bad value is reported before any image is read.
    const source = postingDefaults(method, options);
    const params = await profileParams(this, method, options, SOURCE_KEYS);
    if (source !== undefined) params.source = source;
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "1.1.1", "4.2.0");
    const { data } = await internal.request<Account>({
      method: "PATCH",
      path: "/api/v1/accounts/update_credentials",
      params,
      encoding: "multipart",
    });
    return data;
  },
} satisfies CustomMethods<UpdateCredentialsCustomMethods>;
