/**
 * Who is calling: the bearer token (the `Authorization` header, or `access_token` in the query as
 * Mastodon also accepts), checked against the route's needs with Mastodon's answers: 401 for a missing
 * or unknown token, 422 when an app token calls a route that needs a user, 403 for missing scopes.
 */
import type { SandboxContext } from "./context.js";
import type { AccountRecord, TokenRecord } from "./records.js";
import { ApiError, invalidToken, outsideScopes } from "./reply.js";
import type { Route } from "./router.js";
import { scopesAllow } from "./scopes.js";

/** The bearer string a request carries, if any. */
export function bearer(authorization: string | undefined, query: URLSearchParams): string | undefined {
  if (authorization !== undefined) {
    const m = /^Bearer[ ]+(\S{1,512})\s*$/i.exec(authorization);
    return m?.[1];
  }
  return query.get("access_token") ?? undefined;
}

export function findToken(ctx: SandboxContext, token: string): TokenRecord | undefined {
  return ctx.state.tokens.lookup("token", token)[0];
}

export interface Caller {
  token: TokenRecord | undefined;
  account: AccountRecord | undefined;
}

/**
 * Resolves and checks the caller for a route; throws Mastodon's error when it may not call it. It looks
 * only at the headers and the query, so a caller is refused before the body is read.
 */
export function authorize(
  ctx: SandboxContext,
  authorization: string | undefined,
  query: URLSearchParams,
  route: Route,
): Caller {
  if (route.auth === "none") return { token: undefined, account: undefined };
  const presented = bearer(authorization, query);
  const token = presented === undefined ? undefined : findToken(ctx, presented);
  if (presented !== undefined && !token) throw invalidToken();
  if (!token) {
    if (route.auth === "optional") return { token: undefined, account: undefined };
    throw invalidToken();
  }
  const account = token.account_id === null ? undefined : ctx.state.accounts.get(token.account_id);
  if (token.account_id !== null && !account) throw invalidToken();
  if (!scopesAllow(token.scopes, route.scopes)) throw outsideScopes();
  if (route.auth === "user" && !account) {
    throw new ApiError(422, { error: "This method requires an authenticated user" });
  }
  return { token, account };
}
