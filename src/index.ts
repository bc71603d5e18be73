/**
 * mastodon-ts: a typed client for the Mastodon API, with Mastodon.py's methods in camelCase.
 *
 *   import { Mastodon } from "mastodon-ts";
 *   const api = new Mastodon({ access_token: "...", api_base_url: "https://mastodon.social" });
 *   await api.toot("Hello from mastodon-ts!");
 */

export * from "./api/accounts/public.js";
export * from "./api/admin/public.js";
export * from "./api/collections/public.js";
export type { EmptyObject, PageOptions } from "./api/common-types.js";
export type { NoOptions } from "./api/define.js";
export type { EndpointSpec, IdLike } from "./api/endpoint.js";
export * from "./api/filters/public.js";
export type { ApiCustomMethodTypes, ApiEndpointMethodTypes, ApiMethods } from "./api/index.js";
export * from "./api/instance/public.js";
export * from "./api/media/public.js";
export type { NotificationCheckpointOptions } from "./api/notification-checkpoint.js";
export type { Direction } from "./api/pagination.js";
export { dateToSnowflake, type PaginationInfo } from "./api/pagination-links.js";
export * from "./api/push/public.js";
export * from "./api/statuses/public.js";
export * from "./api/timelines/public.js";
export type { TimelineOptions } from "./api/timelines/timelines.js";
export {
  type AuthRequestUrlOptions,
  type CreateAppOptions,
  type LogInOptions,
  OOB_REDIRECT_URI,
} from "./auth/auth-methods.js";
export {
  type AccessTokenFile,
  type ClientCredentialFile,
  readAccessTokenFile,
  readClientCredentialFile,
} from "./auth/credential-files.js";
export { ENV_VARIABLES, type FromEnvOptions } from "./auth/from-env.js";
export { codeChallengeS256, generateCodeVerifier, generateState } from "./auth/pkce.js";
export { DEFAULT_SCOPES, expandScopes, missingScopes, SCOPE_SETS } from "./auth/scopes.js";
export { isLoopbackHost, protocolize } from "./core/base-url.js";
export type { BudgetName, RatelimitEvent, RatelimitListener } from "./core/budgets.js";
export { DEFAULT_USER_AGENT } from "./core/client.js";
export type { BodyEncoding } from "./core/encode.js";
export * from "./core/errors.js";
export type { FetchLike } from "./core/http.js";
export type { FeatureSet, MastodonOptions, VersionCheckMode } from "./core/options.js";
export type { RatelimitMethod } from "./core/ratelimit.js";
export type { RetryOptions } from "./core/retry.js";
export { SUPPORTED_MASTODON_VERSION } from "./core/server-version.js";
export { type ParsedVersion, parseVersion } from "./core/versions.js";
export * from "./entities/index.js";
export { type CreateAccountOptions, Mastodon } from "./mastodon.js";
export * from "./stores/index.js";
export * from "./streaming/public.js";
export { VERSION } from "./version.js";
