/**
 * The OAuth errors as Doorkeeper (Mastodon's OAuth provider) words them: the `error` code, its
 * `error_description` and the status. A client that explains a refusal by its code (as mastodon-ts's
 * login does) sees the same thing from the sandbox as from a real server.
 */
import { ApiError } from "./reply.js";

export const OAUTH_DESCRIPTIONS = {
  invalid_request:
    "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.",
  invalid_client:
    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
  invalid_grant:
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
  unsupported_grant_type: "The authorization grant type is not supported by the authorization server.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
  invalid_redirect_uri: "The redirect uri included is not valid.",
  unauthorized_client: "The client is not authorized to perform this request using this method.",
  access_denied: "The resource owner or authorization server denied the request.",
  unsupported_response_type: "The authorization server does not support this response type.",
  invalid_code_challenge_method: "The code_challenge_method must be S256.",
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_DESCRIPTIONS;

/** Doorkeeper's wording for a request that lacks one parameter. */
export function missingParam(name: string): string {
  return `Missing required parameter: ${name}.`;
}

export interface OAuthFailure {
  error: OAuthErrorCode;
  error_description: string;
}

export function oauthFailure(error: OAuthErrorCode, description?: string): OAuthFailure {
  return { error, error_description: description ?? OAUTH_DESCRIPTIONS[error] };
}

/**
 * The token endpoint's refusal: 401 with a `WWW-Authenticate` challenge for a client that failed to
 * authenticate, 400 for everything else.
 */
export function tokenError(error: OAuthErrorCode, description?: string): ApiError {
  const body = oauthFailure(error, description);
  if (error !== "invalid_client") return new ApiError(400, { ...body });
  return new ApiError(
    401,
    { ...body },
    {
      "www-authenticate": `Bearer realm="Doorkeeper", error="invalid_client", error_description="${body.error_description}"`,
    },
  );
}
