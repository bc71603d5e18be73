/**
 * `logout`: revokes a stored account's token on the server and forgets the account.
 * `revoke`: revokes whichever token the credentials name (flags, environment or config).
 */
import { MastodonAPIError, MastodonNetworkError } from "../../core/errors.js";
import { type Command, flag, noMorePositionals, type Values } from "../command.js";
import type { ConfigFile } from "../config-file.js";
import {
  CREDENTIAL_HELP,
  CREDENTIAL_OPTIONS,
  type CredentialFlags,
  type Credentials,
  clientFor,
  findAccount,
  resolveCredentials,
  unknownAccount,
} from "../credentials.js";
import { authError, CliError, EXIT, usageError } from "../exit-codes.js";
import { ALLOW_HTTP_OPTION } from "../plain-http.js";

/** Revokes the token; the server's "unknown client / token" answers mean there is nothing left to revoke. */
async function revoke(creds: Credentials, values: Values): Promise<"revoked" | "already invalid"> {
  if (!creds.client_id || !creds.client_secret) {
    throw usageError(
      "Revoking needs the app's client id and secret as well as the token (OAuth requires the app to identify " +
        "itself): pass --client-id and --client-secret, or set MASTODON_CLIENT_ID and MASTODON_CLIENT_SECRET. " +
        "A token made under Preferences > Development is revoked on that page.",
    );
  }
  try {
    await clientFor(creds, values as { timeout?: string; "allow-http"?: boolean }).revokeAccessToken();
    return "revoked";
  } catch (error) {
    if (error instanceof MastodonAPIError && (error.error === "invalid_client" || error.status === 401)) {
      return "already invalid";
    }
    if (error instanceof MastodonAPIError && error.error === "unauthorized_client") {
      throw authError("The server says this token belongs to another app; it was not revoked.", error);
    }
    throw error;
  }
}

function forget(config: ConfigFile, key: string): string | undefined {
  return config.update((data) => {
    delete data.accounts[key];
    if (data.active === key) {
      const next = Object.keys(data.accounts)[0];
      if (next === undefined) delete data.active;
      else data.active = next;
    }
    return data.active;
  });
}

export const logoutCommand: Command = {
  name: "logout",
  summary: "revoke a stored account's token and forget the account",
  credentials: false,
  options: { "no-revoke": { type: "boolean" }, timeout: { type: "string" }, ...ALLOW_HTTP_OPTION },
  help: `Usage: mastodon-ts logout [NAME] [--no-revoke]

Revokes the token of the account NAME (default: the active account) on its server and removes the
account from the config file. If the server cannot be reached, nothing is forgotten (exit code 4);
--no-revoke forgets the account without asking the server (the token then stays valid until it is
revoked under Preferences > Account > Authorized apps).`,

  async run(ctx, values, positionals) {
    noMorePositionals("logout", positionals, 1);
    const data = ctx.config.load();
    const name = positionals[0];
    const found =
      name === undefined
        ? data.active
          ? findAccount(data, data.active)
          : undefined
        : findAccount(data, name);
    if (!found) {
      throw name === undefined
        ? authError("Not logged in: there is no active account to log out of.")
        : unknownAccount(data, name);
    }
    const [key, account] = found;
    let outcome: string = "not revoked (--no-revoke)";
    if (!flag(values, "no-revoke")) {
      try {
        outcome = await revoke({ ...account, source: "config", account: key }, values);
      } catch (error) {
        if (error instanceof MastodonNetworkError) {
          throw new CliError(
            `${error.message} The account "${key}" was not forgotten; try again later, or use --no-revoke to forget it anyway.`,
            EXIT.network,
            { cause: error },
          );
        }
        throw error;
      }
    }
    const active = forget(ctx.config, key);
    ctx.io.result({ account: key, token: outcome, active: active ?? null }, () => [
      `Logged out of ${key} (token ${outcome}).`,
      active ? `Active account is now ${active}.` : "No account is logged in now.",
    ]);
  },
};

export const revokeCommand: Command = {
  name: "revoke",
  summary: "revoke the token the credentials name (flags, environment or config)",
  credentials: true,
  options: { ...CREDENTIAL_OPTIONS },
  help: `Usage: mastodon-ts revoke [credential flags]

Revokes the access token found through the usual credential order on its server, so that it no
longer works anywhere. When the token came from the config file, the account is forgotten too.
Needs the app's client id and secret (stored by "login", or --client-id/--client-secret, or the
MASTODON_CLIENT_ID / MASTODON_CLIENT_SECRET variables).

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    noMorePositionals("revoke", positionals, 0);
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    const outcome = await revoke(creds, values);
    const forgotten = creds.source === "config" && creds.account !== undefined;
    if (forgotten && creds.account) forget(ctx.config, creds.account);
    ctx.io.result(
      { token: outcome, source: creds.source, forgotten: forgotten ? creds.account : null },
      () => [
        `Token ${outcome} on ${creds.api_base_url}.`,
        ...(forgotten ? [`Forgot the account "${creds.account}".`] : []),
      ],
    );
  },
};
