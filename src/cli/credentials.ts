/**
 * Which server and token a command uses. In order: flags (--instance, --access-token, --from-file),
 * then the environment (MASTODON_API_BASE_URL, MASTODON_ACCESS_TOKEN, MASTODON_CLIENT_ID,
 * MASTODON_CLIENT_SECRET), then the config file (--account NAME, else the active account). A bot run
 * by cron or in a container thus needs no file at all.
 *
 * A token is never paired with a server from another layer's account: naming a server with
 * --instance picks that server's account from the config, not the active account of another one.
 */
import { isHttpUrlLine, readAccessTokenFile } from "../auth/credential-files.js";
import { ENV_VARIABLES, envValue } from "../auth/from-env.js";
import { protocolize } from "../core/base-url.js";
import { Mastodon } from "../mastodon.js";
import { VERSION } from "../version.js";
import { positiveSeconds } from "./command.js";
import type { ConfigData, ConfigFile, StoredAccount } from "./config-file.js";
import { authError, type CliError, usageError } from "./exit-codes.js";
import { ALLOW_HTTP_HELP, ALLOW_HTTP_OPTION, checkPlainHttp } from "./plain-http.js";

export interface CredentialFlags {
  instance?: string | undefined;
  "access-token"?: string | undefined;
  "client-id"?: string | undefined;
  "client-secret"?: string | undefined;
  account?: string | undefined;
  "from-file"?: string | undefined;
  timeout?: string | undefined;
  "allow-http"?: boolean | undefined;
}

export interface Credentials {
  api_base_url: string;
  access_token: string;
  client_id?: string | undefined;
  client_secret?: string | undefined;
  /** Where they came from, for messages: "flags", "environment", "config". */
  source: "flags" | "environment" | "config";
  /** The config account's key, when they came from the config. */
  account?: string | undefined;
}

export const CREDENTIAL_OPTIONS = {
  instance: { type: "string" },
  "access-token": { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  account: { type: "string" },
  "from-file": { type: "string" },
  timeout: { type: "string" },
  ...ALLOW_HTTP_OPTION,
} as const;

export const CREDENTIAL_HELP = `Credentials (first found wins):
  --instance URL         the server, e.g. https://mastodon.social
  --access-token TOKEN   a token (visible to other users of this machine in the process list;
                         prefer MASTODON_ACCESS_TOKEN)
  --client-id ID, --client-secret SECRET   the app's credentials (needed to revoke)
  --from-file PATH       a Mastodon.py access token file (login --to-file writes one)
  --account NAME         an account from the config file (see "mastodon-ts accounts")
  environment: ${Object.values(ENV_VARIABLES).join(", ")}
  otherwise the active account of the config file (made by "mastodon-ts login")
  --timeout SECONDS      give up on a request after this long (default 300)
${ALLOW_HTTP_HELP}`;

export const NOT_LOGGED_IN =
  "Not logged in. Run `mastodon-ts login --instance https://your.server`, or set " +
  `${ENV_VARIABLES.api_base_url} and ${ENV_VARIABLES.access_token}.`;

/** The server named by --instance, else by MASTODON_API_BASE_URL. */
export function namedServer(
  flags: { instance?: string | undefined },
  env: NodeJS.ProcessEnv,
): string | undefined {
  return flags.instance ?? envValue(env, ENV_VARIABLES.api_base_url);
}

function fromFlagsOrEnv(flags: CredentialFlags, env: NodeJS.ProcessEnv): Credentials | undefined {
  const file = flags["from-file"];
  if (file !== undefined) {
    const data = readAccessTokenFile(file);
    const api_base_url = flags.instance ?? data.api_base_url ?? envValue(env, ENV_VARIABLES.api_base_url);
    if (!api_base_url)
      throw usageError(`The token file ${file} does not name its server; add --instance URL.`);
    return {
      api_base_url,
      access_token: data.access_token,
      client_id: flags["client-id"] ?? data.client_id,
      client_secret: flags["client-secret"] ?? data.client_secret,
      source: "flags",
    };
  }
  const layers = [
    {
      source: "flags" as const,
      token: flags["access-token"],
      id: flags["client-id"],
      secret: flags["client-secret"],
    },
    {
      source: "environment" as const,
      token: envValue(env, ENV_VARIABLES.access_token),
      id: envValue(env, ENV_VARIABLES.client_id),
      secret: envValue(env, ENV_VARIABLES.client_secret),
    },
  ];
  for (const layer of layers) {
    if (layer.token === undefined) continue;
    const api_base_url = namedServer(flags, env);
    if (!api_base_url) {
      throw usageError(
        `An access token was given (${layer.source === "flags" ? "--access-token" : ENV_VARIABLES.access_token}) ` +
          `but no server: add --instance URL or set ${ENV_VARIABLES.api_base_url}.`,
      );
    }
    return {
      api_base_url,
      access_token: layer.token,
      client_id: layer.id ?? flags["client-id"],
      client_secret: layer.secret ?? flags["client-secret"],
      source: layer.source,
    };
  }
  return undefined;
}

/** The config account a command uses: --account, else the active one (on the named server, if any). */
export function pickAccount(
  data: ConfigData,
  flags: CredentialFlags,
  env: NodeJS.ProcessEnv,
): [string, StoredAccount] | undefined {
  if (flags.account !== undefined) {
    const found = findAccount(data, flags.account);
    if (!found) throw unknownAccount(data, flags.account);
    return found;
  }
  const instance = namedServer(flags, env);
  const entries = Object.entries(data.accounts);
  if (instance === undefined) {
    const active = data.active ? data.accounts[data.active] : undefined;
    return active && data.active ? [data.active, active] : undefined;
  }
  const base = protocolize(instance);
  const onServer = entries.filter(([, account]) => account.api_base_url === base);
  return onServer.find(([key]) => key === data.active) ?? onServer[0];
}

/** The usage error for an account name that findAccount does not know. */
export function unknownAccount(data: ConfigData, name: string): CliError {
  const known = Object.keys(data.accounts);
  return usageError(
    `There is no account "${name}". ` +
      (known.length ? `Known accounts: ${known.join(", ")}.` : "Log in first with `mastodon-ts login`."),
  );
}

/** An account by its key ("alice@host"), or by "@alice@host" or its bare username when that is unique. */
export function findAccount(data: ConfigData, name: string): [string, StoredAccount] | undefined {
  const wanted = name.replace(/^@/, "");
  const exact = data.accounts[wanted];
  if (exact) return [wanted, exact];
  const byUser = Object.entries(data.accounts).filter(([, account]) => account.username === wanted);
  return byUser.length === 1 ? byUser[0] : undefined;
}

export function resolveCredentials(
  flags: CredentialFlags,
  env: NodeJS.ProcessEnv,
  config: ConfigFile,
): Credentials {
  const direct = fromFlagsOrEnv(flags, env);
  if (direct) return direct;
  const picked = pickAccount(config.load(), flags, env);
  if (!picked) {
    const instance = namedServer(flags, env);
    throw authError(
      instance
        ? `Not logged in on ${protocolize(instance)}. Run \`mastodon-ts login --instance ${protocolize(instance)}\`, ` +
            `or set ${ENV_VARIABLES.access_token}.`
        : NOT_LOGGED_IN,
    );
  }
  const [key, account] = picked;
  // A hand-edited config could hold anything there: check it before it becomes a server (or a message).
  if (typeof account.api_base_url !== "string" || !isHttpUrlLine(account.api_base_url)) {
    throw usageError(
      `The account "${key}" in ${config.path} has no valid api_base_url (an http(s) URL). ` +
        "Log in again with `mastodon-ts login`, or fix that entry.",
    );
  }
  if (typeof account.access_token !== "string" || account.access_token === "") {
    throw authError(
      `The account "${key}" in ${config.path} has no access token. Log in again with \`mastodon-ts login\`.`,
    );
  }
  return {
    api_base_url: account.api_base_url,
    access_token: account.access_token,
    client_id: account.client_id,
    client_secret: account.client_secret,
    source: "config",
    account: key,
  };
}

export function requestTimeout(flags: { timeout?: string | undefined }): number | undefined {
  return positiveSeconds(flags, "timeout");
}

export const USER_AGENT = `mastodon-ts-cli/${VERSION}`;

/** A client for the credentials. */
export function clientFor(
  credentials: Credentials,
  flags: { timeout?: string | undefined; "allow-http"?: boolean | undefined },
): Mastodon {
  const allowHttp = flags["allow-http"] === true;
  checkPlainHttp(credentials.api_base_url, allowHttp);
  return new Mastodon({
    ...(allowHttp ? { allow_http: true } : {}),
    api_base_url: credentials.api_base_url,
    access_token: credentials.access_token,
    ...(credentials.client_id && credentials.client_secret
      ? { client_id: credentials.client_id, client_secret: credentials.client_secret }
      : {}),
    user_agent: USER_AGENT,
    request_timeout: requestTimeout(flags),
  });
}
