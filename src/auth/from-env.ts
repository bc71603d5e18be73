/**
 * Client options from environment variables, so that a bot run by cron or in a container needs no
 * credential file: MASTODON_API_BASE_URL, MASTODON_ACCESS_TOKEN, MASTODON_CLIENT_ID and
 * MASTODON_CLIENT_SECRET. `Mastodon.fromEnv()` and the command line both use this.
 *
 * No Node built-in is imported: the environment is read from `process.env` when the runtime has one
 * (Node, Bun, Deno), or from the `env` option.
 */
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { MastodonOptions } from "../core/options.js";
import { credentialValue } from "./credential-value.js";

/** The environment variables read, by the option they fill. */
export const ENV_VARIABLES = {
  /** The server's address, e.g. `https://mastodon.social`; needed unless a credential file names it. */
  api_base_url: "MASTODON_API_BASE_URL",
  /** A user token, e.g. one made on the server's Preferences > Development page. */
  access_token: "MASTODON_ACCESS_TOKEN",
  /** The registered app's client id; set it together with the secret, or leave both out. */
  client_id: "MASTODON_CLIENT_ID",
  /** The registered app's client secret; set it together with the id, or leave both out. */
  client_secret: "MASTODON_CLIENT_SECRET",
} as const;

export type Environment = Readonly<Record<string, string | undefined>>;

/** Options of Mastodon.fromEnv(): the constructor's options, plus where to read the variables. */
export interface FromEnvOptions extends MastodonOptions {
  /** Where to read the variables; default `process.env`. */
  env?: Environment | undefined;
}

/** The process environment, or an empty one in runtimes without `process` (browsers). */
export function processEnv(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}

/** A variable's value, with blank values treated as unset (an empty `export X=` is a common slip). */
export function envValue(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The constructor options from the environment. Options given explicitly win over the variables.
 * Throws MastodonIllegalArgumentError when no server is named, or when only one of the client id
 * and secret is set.
 */
export function mastodonOptionsFromEnv(options: FromEnvOptions = {}): MastodonOptions {
  const { env = processEnv(), ...explicit } = options;
  const result: MastodonOptions = { ...explicit };
  for (const [option, variable] of Object.entries(ENV_VARIABLES) as [keyof typeof ENV_VARIABLES, string][]) {
    const value = envValue(env, variable);
    if (result[option] !== undefined || value === undefined) continue;
    // Checked here so that the error names the variable; the constructor's check names the option.
    result[option] = option === "api_base_url" ? value : credentialValue(variable, value);
  }
  const credentialFile = result.access_token_file ?? result.client_credential_file;
  if (result.api_base_url === undefined && credentialFile === undefined) {
    throw new MastodonIllegalArgumentError(
      `Mastodon.fromEnv() needs the server's address: set ${ENV_VARIABLES.api_base_url} ` +
        `(e.g. https://mastodon.social) and ${ENV_VARIABLES.access_token} (a token from the server's ` +
        "Preferences > Development page, or from `mastodon-ts credentials --env`).",
    );
  }
  if ((result.client_id === undefined) !== (result.client_secret === undefined)) {
    throw new MastodonIllegalArgumentError(
      `Mastodon.fromEnv(): ${result.client_id === undefined ? ENV_VARIABLES.client_secret : ENV_VARIABLES.client_id} ` +
        `is set but ${result.client_id === undefined ? ENV_VARIABLES.client_id : ENV_VARIABLES.client_secret} is not; ` +
        "set both, or neither (a bot that only posts needs just the access token).",
    );
  }
  return result;
}
