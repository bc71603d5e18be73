/**
 * `login`: registers the app (or reuses one registered before for the server), gets a token through
 * the browser (loopback redirect, PKCE, state checked), a pasted code (--no-browser), or email and
 * password (--password, for servers that still allow it), verifies it, and stores the account.
 */
import { OOB_REDIRECT_URI } from "../../auth/auth-methods.js";
import { writeSecretFile } from "../../auth/credential-file-writing.js";
import { ENV_VARIABLES } from "../../auth/from-env.js";
import { generateState } from "../../auth/pkce.js";
import { normaliseBaseUrl } from "../../core/base-url.js";
import { MastodonAPIError, MastodonLoginError } from "../../core/errors.js";
import type { Account } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import { appClient, DEFAULT_APP_NAME, type LoginMode, obtainApp } from "../apps.js";
import { noBrowserReason, openBrowser } from "../browser.js";
import { type Command, type Context, flag, noMorePositionals, positiveSeconds, str } from "../command.js";
import { accountKey, type StoredAccount } from "../config-file.js";
import { type CredentialFlags, namedServer, requestTimeout } from "../credentials.js";
import { authError, CliError, EXIT, usageError } from "../exit-codes.js";
import { accountLine } from "../format.js";
import type { LoopbackServer } from "../loopback.js";
import { ALLOW_HTTP_OPTION, checkPlainHttp } from "../plain-http.js";
import { parseScopes } from "../scopes-arg.js";

const DEFAULT_WAIT_SECONDS = 300;

export const loginCommand: Command = {
  name: "login",
  summary: "log in to a server (browser, pasted code, or password) and remember the account",
  credentials: false,
  options: {
    instance: { type: "string" },
    scopes: { type: "string" },
    name: { type: "string" },
    "no-browser": { type: "boolean" },
    password: { type: "boolean" },
    "to-file": { type: "string" },
    wait: { type: "string" },
    timeout: { type: "string" },
    ...ALLOW_HTTP_OPTION,
  },
  help: `Usage: mastodon-ts login --instance URL [--scopes read,write] [--name NAME] [--no-browser | --password] [--to-file PATH]

Logs in to a Mastodon server and stores the account (with its token) in the config file, as the
active account. The app is registered on first use and reused by later logins on that server.

  --instance URL     the server, e.g. https://mastodon.social (or ${ENV_VARIABLES.api_base_url})
  --scopes LIST      what the app may do, comma- or space-separated (default: read,write,follow,push)
  --name NAME        the app's name, shown to the user on the server (default: "${DEFAULT_APP_NAME}")
  --no-browser       print the authorization URL and read the code the page shows (out of band);
                     for machines without a browser. Without a terminal, the code is the first
                     line of standard input.
  --password         log in with email and password, asked without echo. Mastodon removed this
                     in 4.4; it works only on servers that still allow it. Without a terminal,
                     the email and the password are the first two lines of standard input.
  --to-file PATH     also write the credentials to PATH in Mastodon.py's access token format
                     (mode 0600): token, server, client id, client secret, one per line
  --wait SECONDS     how long to wait for the browser (default ${DEFAULT_WAIT_SECONDS})
  --timeout SECONDS  give up on a request after this long (default 300)
  --allow-http       permit a plain http:// server that is not on this machine (the password or
                     token then travels unencrypted; for test servers on a private network)

By default the browser opens on the server's authorization page (the URL is printed too; $BROWSER
chooses the browser) and the server sends it back to a one-time address on 127.0.0.1; PKCE and a
random state protect the exchange. Where no browser can be opened (no graphical session and no
$BROWSER, or the opener fails), login says so and goes to the --no-browser flow at once.`,

  async run(ctx, values, positionals) {
    noMorePositionals("login", positionals, 0);
    const instance = namedServer(values as CredentialFlags, ctx.env);
    if (!instance) {
      throw usageError(
        "login needs the server: --instance https://your.server (e.g. https://mastodon.social).",
      );
    }
    const allow_http = flag(values, "allow-http");
    checkPlainHttp(instance, allow_http);
    const api_base_url = normaliseBaseUrl(instance, allow_http);
    const scopes = parseScopes(str(values, "scopes"));
    const name = str(values, "name") ?? DEFAULT_APP_NAME;
    if (!name.trim()) throw usageError("--name must not be empty.");
    if (flag(values, "password") && flag(values, "no-browser")) {
      throw usageError("Choose one way to log in: --password or --no-browser, not both.");
    }
    let mode: LoginMode = flag(values, "password")
      ? "password"
      : flag(values, "no-browser")
        ? "oob"
        : "loopback";
    const headless = mode === "loopback" ? noBrowserReason(ctx.env) : undefined;
    if (headless) {
      // Waiting for a redirect from a browser that cannot open would only end in a timeout.
      ctx.io.info(`No browser can be opened: ${headless}. Logging in by pasting a code instead.`);
      mode = "oob";
    }
    const waitSeconds = positiveSeconds(values, "wait") ?? DEFAULT_WAIT_SECONDS;
    const request_timeout = requestTimeout(values);

    const { app, loopback } = await obtainApp(
      { api_base_url, name, scopes, mode, request_timeout, allow_http },
      ctx.config,
    );
    const api = appClient(app, request_timeout, allow_http);
    let account: Account;
    try {
      if (mode === "loopback" && loopback) {
        const opened = await browserLogin(ctx, api, loopback, scopes, waitSeconds);
        if (!opened) await pastedCodeLogin(ctx, api, scopes);
      } else if (mode === "oob") await pastedCodeLogin(ctx, api, scopes);
      else await passwordLogin(ctx, api, scopes);
      account = await api.accountVerifyCredentials();
    } finally {
      loopback?.close();
    }

    const key = accountKey(account.username, api_base_url);
    const stored: StoredAccount = {
      api_base_url,
      id: account.id,
      username: account.username,
      acct: account.acct,
      display_name: account.display_name,
      access_token: api.accessToken ?? "",
      client_id: app.client_id,
      client_secret: app.client_secret,
      scopes,
    };
    ctx.config.update((data) => {
      data.accounts[key] = stored;
      data.active = key;
    });
    const toFile = str(values, "to-file");
    if (toFile !== undefined) writeSecretFile(toFile, api.persistableLoginCredentials());
    ctx.io.result(
      {
        account: key,
        api_base_url,
        id: account.id,
        username: account.username,
        acct: account.acct,
        display_name: account.display_name,
        scopes,
        active: true,
        config_file: ctx.config.path,
        ...(toFile === undefined ? {} : { to_file: toFile }),
      },
      () => [
        `Logged in as ${accountLine(account, api_base_url)} on ${api_base_url}.`,
        `Saved as the active account "${key}" in ${ctx.config.path}.`,
        ...(toFile === undefined
          ? []
          : [`Credentials also written to ${toFile} (Mastodon.py format, mode 0600).`]),
        'Try: mastodon-ts toot "Hello, fediverse!"   (mastodon-ts credentials --env prints the four values a bot needs)',
      ],
    );
  },
};

/**
 * The browser login. Resolves to false, having said why, when the browser could not be opened: the
 * caller then goes to the paste flow (the app is registered with the out-of-band URI as well).
 */
async function browserLogin(
  ctx: Context,
  api: Mastodon,
  loopback: LoopbackServer,
  scopes: string[],
  waitSeconds: number,
): Promise<boolean> {
  const state = generateState();
  const url = await api.authRequestUrl({ redirect_uris: loopback.redirectUri, scopes, state });
  const failure = await openBrowser(url, ctx.env);
  if (failure) {
    ctx.io.info(`Could not open a browser: ${failure}. Logging in by pasting a code instead.`);
    return false;
  }
  ctx.io.info("Opened your browser on the server's authorization page. If it did not open, visit:");
  ctx.io.info(`  ${url}`);
  ctx.io.info(`Waiting for the authorization (up to ${waitSeconds} s; Ctrl-C cancels)...`);
  const code = await loopback.waitForCode(state, waitSeconds);
  await exchange(api, { code, redirect_uri: loopback.redirectUri, scopes });
  return true;
}

async function pastedCodeLogin(ctx: Context, api: Mastodon, scopes: string[]): Promise<void> {
  const url = await api.authRequestUrl({ redirect_uris: OOB_REDIRECT_URI, scopes });
  ctx.io.info("Open this page in a browser, log in if asked, and authorize the app:");
  ctx.io.info(`  ${url}`);
  const code = await ctx.io.prompt("Then paste the code the page shows: ", "authorization code");
  if (!code) throw usageError("No authorization code was given.");
  await exchange(api, { code, redirect_uri: OOB_REDIRECT_URI, scopes });
}

async function passwordLogin(ctx: Context, api: Mastodon, scopes: string[]): Promise<void> {
  // A Mastodon 4.4+ server is named before anyone types a password, unless its OAuth metadata lists
  // the grant: forks that keep it may claim any Mastodon version (Pleroma and Akkoma name themselves
  // and are simply tried).
  await api.retrieveMastodonVersion().catch(() => undefined);
  const version = api.serverVersion;
  if (
    version?.software === "mastodon" &&
    version.comparable &&
    (version.major > 4 || (version.major === 4 && version.minor >= 4)) &&
    !(await metadataListsPasswordGrant(api))
  ) {
    throw authError(passwordGoneMessage(api.apiBaseUrl, `This server runs Mastodon ${version.raw}, and`));
  }
  const username = await ctx.io.prompt("Email: ", "email address");
  const password = await ctx.io.promptSecret("Password (not shown): ", "password");
  if (!username || !password)
    throw usageError("Logging in with --password needs both the email and the password.");
  await exchange(api, { username, password, scopes });
}

/** Whether the server's OAuth metadata (RFC 8414) says it offers the password grant. */
async function metadataListsPasswordGrant(api: Mastodon): Promise<boolean> {
  const info = await api.oauthAuthorizationServerInfo().catch(() => undefined);
  const grants = (info as { grant_types_supported?: unknown } | undefined)?.grant_types_supported;
  return Array.isArray(grants) && grants.includes("password");
}

function passwordGoneMessage(apiBaseUrl: string, lead: string): string {
  return (
    `${lead} Mastodon removed the email-and-password login (the OAuth password grant) in version 4.4. ` +
    `Log in through the browser instead: \`mastodon-ts login --instance ${apiBaseUrl}\` ` +
    "(add --no-browser to paste a code on a machine without a browser). A bot can also use a token made under " +
    `Preferences > Development on the server, passed as ${ENV_VARIABLES.access_token}.`
  );
}

/** logIn, with refusals explained in the command line's terms. */
async function exchange(
  api: Mastodon,
  options: { code?: string; redirect_uri?: string; username?: string; password?: string; scopes: string[] },
): Promise<void> {
  try {
    await api.logIn(options);
  } catch (error) {
    if (error instanceof MastodonLoginError) {
      if (error.grant_type === "password" && error.error === "unsupported_grant_type") {
        throw authError(
          passwordGoneMessage(api.apiBaseUrl, "The server does not offer the password login:"),
          error,
        );
      }
      if (error.grant_type === "password" && error.error === "invalid_grant") {
        throw authError(
          passwordGoneMessage(
            api.apiBaseUrl,
            "The server refused the email and password. They may be wrong, or the account unconfirmed, disabled or " +
              "protected by two-factor authentication (which this login cannot do). If the server runs Mastodon 4.4 or later,",
          ),
          error,
        );
      }
      throw new CliError(error.message, EXIT.auth, { cause: error });
    }
    if (error instanceof MastodonAPIError && error.status === undefined && api.accessToken) {
      // The token came back with fewer scopes than asked: do not keep (or leave behind) a half-working token.
      await api.revokeAccessToken().catch(() => undefined);
      throw authError(
        `${error.message.replace(/ Register the app with.*$/, "")} Log in again and approve every permission ` +
          "the page asks for, or ask only for what you need with --scopes.",
        error,
      );
    }
    throw error;
  }
}
