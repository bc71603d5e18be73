/** `whoami`: checks the token with the server and says which account it belongs to. */
import type { Account } from "../../entities/index.js";
import { type Command, noMorePositionals } from "../command.js";
import {
  CREDENTIAL_HELP,
  CREDENTIAL_OPTIONS,
  type CredentialFlags,
  resolveCredentials,
} from "../credentials.js";
import { accountLine } from "../format.js";
import { withClient } from "../session.js";

export const whoamiCommand: Command = {
  name: "whoami",
  summary: "check the token and show which account it belongs to",
  credentials: true,
  options: { ...CREDENTIAL_OPTIONS },
  help: `Usage: mastodon-ts whoami [--json]

Asks the server who the token belongs to (GET /api/v1/accounts/verify_credentials). Exits with 3
when the token is invalid, expired or revoked.

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    noMorePositionals("whoami", positionals, 0);
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    const account = await withClient(
      creds,
      values,
      (api) => api.accountVerifyCredentials() as Promise<Account>,
    );
    ctx.io.result(account, () => [
      `${accountLine(account, creds.api_base_url)} on ${creds.api_base_url}`,
      `credentials from ${creds.source}${creds.account ? ` (account "${creds.account}")` : ""}`,
    ]);
  },
};
