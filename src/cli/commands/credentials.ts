/**
 * `credentials`: the only command that prints secrets, and only when asked: the server, client id,
 * client secret and access token as lines (or `export` lines, JSON, or one bare value) for a bot.
 */
import { ENV_VARIABLES } from "../../auth/from-env.js";
import { type Command, flag, noMorePositionals, str } from "../command.js";
import {
  CREDENTIAL_HELP,
  CREDENTIAL_OPTIONS,
  type CredentialFlags,
  resolveCredentials,
} from "../credentials.js";
import { CliError, EXIT, usageError } from "../exit-codes.js";

/** A POSIX shell single-quoted string. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The values `credentials` prints, in order; --field picks one. */
const FIELDS = ["api_base_url", "client_id", "client_secret", "access_token"] as const;
type Field = (typeof FIELDS)[number];

export const credentialsCommand: Command = {
  name: "credentials",
  summary: "print the server, client id, client secret and access token (secrets!) for a bot",
  credentials: true,
  options: { ...CREDENTIAL_OPTIONS, env: { type: "boolean" }, field: { type: "string" } },
  help: `Usage: mastodon-ts credentials [--env | --json | --field NAME] [--account NAME]

Prints four values of the active account (or the one chosen with the credential flags), each on its
own line: the server (api_base_url), the app's client_id and client_secret, and the access_token,
so that they can be passed to a bot without a credential file. The client secret and the token are
secrets: anyone with the token can post as the account. This is the only command that prints them.

  --env         print them as shell export lines:
                  eval "$(mastodon-ts credentials --env)"
                sets ${Object.values(ENV_VARIABLES).join(", ")},
                which Mastodon.fromEnv() and every mastodon-ts command read.
  --json        print them as one JSON object
  --field NAME  print only one value, bare, for a script: NAME is ${FIELDS.join(", ")}.
                  TOKEN="$(mastodon-ts credentials --field access_token)"

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    noMorePositionals("credentials", positionals, 0);
    const field = str(values, "field");
    const outputs = [
      flag(values, "env") ? "--env" : "",
      ctx.io.json ? "--json" : "",
      field !== undefined ? "--field" : "",
    ].filter(Boolean);
    if (outputs.length > 1) throw usageError(`Choose one output: ${outputs.join(" or ")}.`);
    if (field !== undefined && !(FIELDS as readonly string[]).includes(field)) {
      throw usageError(`--field must be one of ${FIELDS.join(", ")}; got "${field.slice(0, 40)}".`);
    }
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    const valuesByField: Record<Field, string | undefined> = {
      api_base_url: creds.api_base_url,
      client_id: creds.client_id,
      client_secret: creds.client_secret,
      access_token: creds.access_token,
    };
    if (field !== undefined) {
      const value = valuesByField[field as Field];
      if (value === undefined) {
        // Nothing on stdout: `$(...)` must not capture a placeholder as if it were the value.
        throw new CliError(
          `The ${field} of these credentials is unknown: the token was not made by an app whose credentials ` +
            "mastodon-ts knows (log in with `mastodon-ts login` to have them).",
          EXIT.failure,
        );
      }
      ctx.io.out(value);
      return;
    }
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
      const names: Record<Field, string> = {
        api_base_url: ENV_VARIABLES.api_base_url,
        client_id: ENV_VARIABLES.client_id,
        client_secret: ENV_VARIABLES.client_secret,
        access_token: ENV_VARIABLES.access_token,
      };
      for (const name of FIELDS) {
        const value = valuesByField[name];
        if (value !== undefined) ctx.io.out(`export ${names[name]}=${shellQuote(value)}`);
      }
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
