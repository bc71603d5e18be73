/**
 * Apps and OAuth information that is plain REST (registration and login are in ../auth/).
 * Docs: https://docs.joinmastodon.org/methods/apps/ and https://docs.joinmastodon.org/methods/oauth/
 */
import type { Application, OAuthUserInfo } from "../entities/index.js";
import type { EndpointTable, NoOptions } from "./define.js";
import type { AreaModule } from "./lazy-areas.js";

export interface AppEndpointMethods {
  /** The application the current token belongs to (Mastodon 2.0.0; changed in 2.7.2). */
  appVerifyCredentials: { args: []; options: NoOptions; result: Application };
  /** OpenID Connect user information for the current token (Mastodon 4.3.0; needs the `profile` scope). */
  oauthUserinfo: { args: []; options: NoOptions; result: OAuthUserInfo };
}

export const appEndpoints = {
  appVerifyCredentials: {
    route: "GET /api/v1/apps/verify_credentials",
    since: "2.0.0",
    changed: "2.7.2",
    docs: "methods/apps/#verify_credentials",
  },
  oauthUserinfo: { route: "GET /oauth/userinfo", since: "4.3.0", docs: "methods/oauth/#userinfo" },
} as const satisfies EndpointTable<AppEndpointMethods>;

/** This area as the class loads it on the first call of one of its methods (see ./lazy-areas.ts). */
export const area: AreaModule = { endpoints: appEndpoints, custom: {} };
