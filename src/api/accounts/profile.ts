/**
 * Accounts: the logged-in user's own account and registration.
 * Docs: https://docs.joinmastodon.org/methods/accounts/
 */
import type { Account } from "../../entities/index.js";
import type { EndpointTable, NoOptions } from "../define.js";

export interface ProfileEndpointMethods {
  /** The logged-in user's account, with `source` (Mastodon 1.0.0; changed in 2.1.0). */
  accountVerifyCredentials: { args: []; options: NoOptions; result: Account };
  /** Resends the confirmation email to a newly registered, unconfirmed account (Mastodon 3.4.0). */
  emailResendConfirmation: { args: []; options: { email?: string }; result: Record<string, never> };
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
} as const satisfies EndpointTable<ProfileEndpointMethods>;
