/**
 * The user's preferences (default visibility, language, media display, ...), read-only for apps.
 * Docs: https://docs.joinmastodon.org/methods/preferences/
 */
import type { Preferences } from "../../entities/index.js";
import type { EndpointTable, NoOptions } from "../define.js";

export interface PreferenceEndpointMethods {
  /**
   * The user's preferences, keyed as in the web settings ("posting:default:visibility", ...), so
   * that an app can use the same defaults.
   * Mastodon 2.8.0. https://docs.joinmastodon.org/methods/preferences/#get
   */
  preferences: { args: []; options: NoOptions; result: Preferences };
}

export const preferenceEndpoints = {
  preferences: { route: "GET /api/v1/preferences", since: "2.8.0", docs: "methods/preferences/#get" },
} as const satisfies EndpointTable<PreferenceEndpointMethods>;
