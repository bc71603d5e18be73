/**
 * The options createFetchClient takes: the part of MastodonOptions that a request over plain
 * `fetch` can honour. Every other option is refused by name, so that nobody silently loses what
 * they asked for (a `ratelimit_method: "wait"` that would not wait, retries that would not happen).
 */
import { normaliseBaseUrl } from "../core/base-url.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { FetchLike } from "../core/http.js";
import { byteCount, DEFAULT_USER_AGENT, defaultFetch, oneOf, positiveNumber } from "../core/option-checks.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_REQUEST_TIMEOUT,
  FEATURE_SETS,
  type FeatureSet,
  type MastodonOptions,
} from "../core/options.js";

/** The options of createFetchClient: these MastodonOptions, with the same meaning and checks. */
export type FetchClientOptions = Pick<
  MastodonOptions,
  | "api_base_url"
  | "access_token"
  | "user_agent"
  | "request_timeout"
  | "fetch"
  | "allow_http"
  | "lang"
  | "feature_set"
  | "max_response_bytes"
> & {
  /** Only "none" (or leaving it out): the fetch client never asks the server's version. */
  version_check_mode?: "none" | undefined;
  /** Only "fetch" (or leaving it out): the undici transport needs createClient. */
  transport?: "fetch" | undefined;
  /** Only false (or leaving it out): the fetch client never retries. */
  retry?: false | undefined;
};

/** What the client is made of, checked. */
export interface FetchSettings {
  apiBaseUrl: string;
  accessToken: string | undefined;
  userAgent: string;
  /** request_timeout, in seconds. */
  timeoutSeconds: number;
  fetch: FetchLike;
  allowHttp: boolean;
  lang: string | undefined;
  featureSet: FeatureSet;
  maxBytes: number;
}

const SUPPORTED: ReadonlySet<string> = new Set([
  "api_base_url",
  "access_token",
  "user_agent",
  "request_timeout",
  "fetch",
  "allow_http",
  "lang",
  "feature_set",
  "max_response_bytes",
]);

/** The values of the engine's options that mean "off", which is what the fetch client does anyway. */
const OFF: Readonly<Record<string, unknown>> = {
  version_check_mode: "none",
  transport: "fetch",
  retry: false,
};

const RATE = "rate-limit waiting, pacing and shared budgets";
const CREDENTIALS = "credential files and client credentials";
/** What each refused option would have done, for the message. */
const LEFT_OUT: Readonly<Record<string, string>> = {
  ratelimit_method: RATE,
  ratelimit_pacefactor: RATE,
  ratelimit_store: RATE,
  ratelimit_key: RATE,
  on_ratelimit: RATE,
  retry: "retries",
  client_id: CREDENTIALS,
  client_secret: CREDENTIALS,
  client_credential_file: CREDENTIALS,
  access_token_file: CREDENTIALS,
  mastodon_version: "version checks",
  version_check_mode: "version checks",
  transport: "the undici transport",
  dispatcher: "the undici transport",
  debug_requests: "request logging",
};

/** Checks the options and reads them; throws MastodonIllegalArgumentError naming a refused option. */
export function readFetchOptions(options: FetchClientOptions): FetchSettings {
  if (options === null || typeof options !== "object") {
    throw new MastodonIllegalArgumentError(
      'createFetchClient() takes one options object, e.g. createFetchClient({ access_token, api_base_url: "https://mastodon.social" }).',
    );
  }
  const given = options as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (value === undefined || SUPPORTED.has(name) || (name in OFF && OFF[name] === value)) continue;
    const what = LEFT_OUT[name];
    throw new MastodonIllegalArgumentError(
      `createFetchClient() does not support the option ${name}${what ? ` (${what})` : ""}. ` +
        "Use createClient() from mastodon-ts/light instead: it runs the Mastodon class's full request engine.",
    );
  }
  const allowHttp = options.allow_http === true;
  // The class's own checks and messages (option-checks.ts), in the same order.
  const featureSet = oneOf(options.feature_set, FEATURE_SETS, "mainline", "feature_set");
  const timeoutSeconds = positiveNumber(options.request_timeout, DEFAULT_REQUEST_TIMEOUT, "request_timeout");
  const maxBytes = byteCount(options.max_response_bytes, DEFAULT_MAX_RESPONSE_BYTES, "max_response_bytes");
  return {
    apiBaseUrl: normaliseBaseUrl(options.api_base_url, allowHttp),
    accessToken: options.access_token === "" ? undefined : options.access_token,
    userAgent: options.user_agent ?? DEFAULT_USER_AGENT,
    timeoutSeconds,
    fetch: options.fetch ?? defaultFetch(),
    allowHttp,
    lang: options.lang,
    featureSet,
    maxBytes,
  };
}
