/**
 * `credentials`: the only command that prints secrets, and only when asked: the client id, client
 * secret and access token as separate strings (or `export` lines, or JSON) for a bot's environment.
 */
import { ENV_VARIABLES } from "../../auth/from-env.js";
import { type Command, flag, noMorePositionals } from "../command.js";
import {
  CREDENTIAL_HELP,
  CREDENTIAL_OPTIONS,
  type CredentialFlags,
  resolveCredentials,
} from "../credentials.js";
import { usageError } from "../exit-codes.js";

/** A POSIX shell single-quoted string. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export const credentialsCommand: Command = {
  name: "credentials",
  summary: "print the client id, client secret and access token (secrets!) for a bot",
  credentials: true,
  options: { ...CREDENTIAL_OPTIONS, env: { type: "boolean" } },
  help: `Usage: mastodon-ts credentials [--env | --json] [--account NAME]

Prints the server, client id, client secret and access token of the active account (or the one
chosen with the credential flags), each on its own line, so that they can be passed to a bot
without a credential file. These are secrets: anyone with the token can post as the account.
This is the only command that prints them.

  --env    print them as shell export lines:
             eval "$(mastodon-ts credentials --env)"
           sets ${Object.values(ENV_VARIABLES).join(", ")},
           which Mastodon.fromEnv() and every mastodon-ts command read.
  --json   print them as one JSON object

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    noMorePositionals("credentials", positionals, 0);
    if (flag(values, "env") && ctx.io.json) throw usageError("Choose one output: --env or --json.");
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    const pairs: [string, string | undefined][] = [
      [ENV_VARIABLES.api_base_url, creds.api_base_url],
      [ENV_VARIABLES.client_id, creds.client_id],
      [ENV_VARIABLES.client_secret, creds.client_secret],
      [ENV_VARIABLES.access_token, creds.access_token],
    ];
    if (ctx.io.json) {
      return ctx.io.outJson({
        api_base_url: creds.api_base_url,
        client_id: creds.client_id ?? null,
        client_secret: creds.client_secret ?? null,
        access_token: creds.access_token,
        ...(creds.account ? { account: creds.account } : {}),
      });
    }
    if (flag(values, "env")) {
      for (const [name, value] of pairs)
        if (value !== undefined) ctx.io.out(`export ${name}=${shellQuote(value)}`);
      return;
    }
    ctx.io.out(`api_base_url:  ${creds.api_base_url}`);
    ctx.io.out(`client_id:     ${creds.client_id ?? "(unknown: the token was not made by this app)"}`);
    ctx.io.out(`client_secret: ${creds.client_secret ?? "(unknown)"}`);
    ctx.io.out(`access_token:  ${creds.access_token}`);
    if (ctx.io.streams.stdout.isTTY)
      ctx.io.info("Treat these like a password: anyone with the token can act as the account.");
  },
};
