/**
 * Accounts: the logged-in user's own account, its images, and registration follow-up.
 * Docs: https://docs.joinmastodon.org/methods/accounts/, https://docs.joinmastodon.org/methods/profile/
 */
import type { Account } from "../../entities/index.js";
import type { EndpointTable, NoOptions } from "../define.js";

export interface ProfileEndpointMethods {
  /** The logged-in user's account, with `source` (Mastodon 1.0.0; changed in 2.1.0). */
  accountVerifyCredentials: { args: []; options: NoOptions; result: Account };
  /** Resends the confirmation email to a newly registered, unconfirmed account (Mastodon 3.4.0). */
  emailResendConfirmation: {
    args: [];
    options: { email?: string | undefined };
    result: Record<string, never>;
  };
  /**
   * Whether the logged-in user has confirmed their email address yet: the server answers a bare
   * true or false. For apps that registered an account and wait for its confirmation. Undocumented;
   * Mastodon 4.2.0 added it for the web sign-up flow's polling (mastodon/mastodon#25013). Not in
   * Mastodon.py. https://docs.joinmastodon.org/methods/emails/ (the closest page)
   */
  emailCheckConfirmation: { args: []; options: NoOptions; result: boolean };
  /**
   * Removes the logged-in user's avatar (the server's default image shows instead); answers the
   * updated account.
   * Mastodon 4.2.0. https://docs.joinmastodon.org/methods/profile/#delete-profile-avatar
   */
  accountDeleteAvatar: { args: []; options: NoOptions; result: Account };
  /**
   * Removes the logged-in user's header image; answers the updated account.
   * Mastodon 4.2.0. https://docs.joinmastodon.org/methods/profile/#delete-profile-header
   */
  accountDeleteHeader: { args: []; options: NoOptions; result: Account };
}

export const profileEndpoints = {
  accountVerifyCredentials: {
    route: "GET /api/v1/accounts/verify_credentials",
    since: "1.0.0",
    changed: "2.1.0",
    docs: "methods/accounts/#verify_credentials",
  },
  emailResendConfirmation: {
    route: "POST /api/v1/emails/confirmations",
    since: "3.4.0",
    docs: "methods/emails/#confirmation",
  },
  emailCheckConfirmation: {
    // Undocumented; arrived in 4.2.0 with the web sign-up flow's confirmation polling (#25013).
    route: "GET /api/v1/emails/check_confirmation",
    since: "4.2.0",
    docs: "methods/emails/",
  },
  accountDeleteAvatar: {
    route: "DELETE /api/v1/profile/avatar",
    since: "4.2.0",
    docs: "methods/profile/#delete-profile-avatar",
  },
  accountDeleteHeader: {
    route: "DELETE /api/v1/profile/header",
    since: "4.2.0",
    docs: "methods/profile/#delete-profile-header",
  },
} as const satisfies EndpointTable<ProfileEndpointMethods>;
