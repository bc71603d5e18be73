/**
 * Instance information: the server's self-description (v1 and v2), its peers, weekly activity,
 * rules, policies and languages, and the domains it publicly moderates.
 * Docs: https://docs.joinmastodon.org/methods/instance/
 */

import { MastodonGoneError, MastodonNotFoundError } from "../../core/errors.js";
import { compareVersions } from "../../core/versions.js";
import type {
  Activity,
  DomainBlock,
  ExtendedDescription,
  Instance,
  InstanceV2,
  Rule,
  SupportedLocale,
  TermsOfService,
} from "../../entities/index.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireOptions } from "../validate.js";
import { calendarDate } from "./calendar-date.js";

/**
 * The server's privacy policy (Mastodon 4.0.0). Mastodon.py has no entity for it, so it is
 * described here.
 * @see https://docs.joinmastodon.org/entities/PrivacyPolicy/
 */
export interface PrivacyPolicy {
  /** When the policy was last changed (ISO 8601). */
  updated_at: string;
  /** The policy, as HTML. */
  content: string;
}

/** Source language code -> the language codes the server can translate it into. */
export type TranslationLanguages = Record<string, string[]>;

/**
 * Options of instanceTermsOfService (Mastodon 4.4.0). A date that is not a valid Date or
 * "YYYY-MM-DD" throws MastodonIllegalArgumentError before any request.
 */
export interface InstanceTermsOfServiceOptions {
  /**
   * The day the wanted version of the terms took effect: a Date (its UTC calendar day) or a
   * "YYYY-MM-DD" string. An exact day, not a range. Without it: the terms in effect now.
   */
  date?: Date | string | undefined;
}

export interface InstanceEndpointMethods {
  /** The server's description in the old (v1) shape, with `uri` and `invites_enabled` (Mastodon 1.1.0; changed in 2.3.0). */
  instanceV1: { args: []; options: NoOptions; result: Instance };
  /** The server's description in the v2 shape (Mastodon 4.0.0). */
  instanceV2: { args: []; options: NoOptions; result: InstanceV2 };
  /** Weekly statuses, logins and registrations for the last 12 weeks (Mastodon 2.1.2). */
  instanceActivity: { args: []; options: NoOptions; result: Activity[] };
  /** Domains this server knows of (Mastodon 2.1.2). */
  instancePeers: { args: []; options: NoOptions; result: string[] };
  /** The server's rules (Mastodon 3.4.0). */
  instanceRules: { args: []; options: NoOptions; result: Rule[] };
  /** The server's long description, as HTML (Mastodon 4.0.0). */
  instanceExtendedDescription: { args: []; options: NoOptions; result: ExtendedDescription };
  /** Which languages the server's translation service translates into which (Mastodon 4.2.0). */
  instanceTranslationLanguages: { args: []; options: NoOptions; result: TranslationLanguages };
  /** The domains this server limits or suspends, if it publishes them (Mastodon 4.0.0). */
  instanceDomainBlocks: { args: []; options: NoOptions; result: DomainBlock[] };
  /** The languages the server's interface is available in (Mastodon 4.2.0). */
  instanceLanguages: { args: []; options: NoOptions; result: SupportedLocale[] };
  /** The server's privacy policy, as HTML (Mastodon 4.0.0; not in Mastodon.py). */
  instancePrivacyPolicy: { args: []; options: NoOptions; result: PrivacyPolicy };
}

const docs = "methods/instance/";

export const instanceEndpoints = {
  instanceV1: {
    route: "GET /api/v1/instance",
    since: "1.1.0",
    changed: "2.3.0",
    anonymous: true,
    docs: `${docs}#v1`,
  },
  instanceV2: { route: "GET /api/v2/instance", since: "4.0.0", anonymous: true, docs: `${docs}#v2` },
  instanceActivity: {
    route: "GET /api/v1/instance/activity",
    since: "2.1.2",
    anonymous: true,
    docs: `${docs}#activity`,
  },
  instancePeers: {
    route: "GET /api/v1/instance/peers",
    since: "2.1.2",
    anonymous: true,
    docs: `${docs}#peers`,
  },
  instanceRules: {
    route: "GET /api/v1/instance/rules",
    since: "3.4.0",
    anonymous: true,
    docs: `${docs}#rules`,
  },
  instanceExtendedDescription: {
    route: "GET /api/v1/instance/extended_description",
    since: "4.0.0",
    anonymous: true,
    docs: `${docs}#extended_description`,
  },
  instanceTranslationLanguages: {
    // Mastodon.py does not version this one; the endpoint arrived in 4.2.0.
    route: "GET /api/v1/instance/translation_languages",
    since: "4.2.0",
    anonymous: true,
    docs: `${docs}#translation_languages`,
  },
  instanceDomainBlocks: {
    route: "GET /api/v1/instance/domain_blocks",
    since: "4.0.0",
    anonymous: true,
    docs: `${docs}#domain_blocks`,
  },
  instanceLanguages: {
    route: "GET /api/v1/instance/languages",
    since: "4.2.0",
    anonymous: true,
    docs: `${docs}#languages`,
  },
  instancePrivacyPolicy: {
    route: "GET /api/v1/instance/privacy_policy",
    since: "4.0.0",
    anonymous: true,
    docs: `${docs}#privacy_policy`,
  },
} as const satisfies EndpointTable<InstanceEndpointMethods>;

export interface InstanceCustomMethods {
  /**
   * The server's description in the newest shape it offers: v2 (`InstanceV2`, with `domain`) on
   * Mastodon 4.0 and newer, else v1 (`Instance`, with `uri`). As Mastodon.py, a server known to be
   * older than 4.0.0 is asked for v1 directly; otherwise v2 is asked for, and v1 when the server
   * answers that it has no v2 (404 or 410), which covers forks with their own version numbers.
   * The answer is returned as the server sent it; tell the shapes apart with `"domain" in result`.
   * Mastodon 1.1.0; last changed in 4.0.0.
   * https://docs.joinmastodon.org/methods/instance/#v2
   */
  instance: { args: []; options: NoOptions; result: InstanceV2 | Instance };
  /**
   * The server's terms of service: those in effect now, or with `date` the version that took
   * effect on that exact day (Mastodon 4.4.0). 404 (MastodonNotFoundError) when there are none.
   * https://docs.joinmastodon.org/methods/instance/#terms_of_service
   */
  instanceTermsOfService: { args: []; options: InstanceTermsOfServiceOptions; result: TermsOfService };
}

const specs = {
  termsNow: {
    route: "GET /api/v1/instance/terms_of_service",
    since: "4.4.0",
    anonymous: true,
    docs: `${docs}#terms_of_service`,
  },
  // The documented form; Mastodon also reads `?date=` (what Mastodon.py sends) on the route above.
  termsOn: {
    route: "GET /api/v1/instance/terms_of_service/:date",
    since: "4.4.0",
    anonymous: true,
    docs: `${docs}#terms_of_service_date`,
  },
} as const satisfies Record<string, EndpointSpec>;

/** The first Mastodon version with /api/v2/instance. */
const V2_INSTANCE = { major: 4, minor: 0, patch: 0 };

export const instanceCustom = {
  async instance(options?: NoOptions) {
    const name = "instance";
    requireOptions(name, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "1.1.0", "4.0.0");
    // Only a version already known is used: looking it up would cost the same request as asking.
    const known = this.versionCheckTried ? this.serverVersion : undefined;
    if (known?.comparable && compareVersions(known, V2_INSTANCE) < 0) {
      return (await internal.get("/api/v1/instance", {})) as Instance;
    }
    try {
      return (await internal.get("/api/v2/instance", {})) as InstanceV2;
    } catch (error) {
      if (!(error instanceof MastodonNotFoundError || error instanceof MastodonGoneError)) throw error;
    }
    return (await internal.get("/api/v1/instance", {})) as Instance;
  },

  async instanceTermsOfService(options = {}) {
    const name = "instanceTermsOfService";
    requireOptions(name, options);
    if (options.date === undefined || options.date === null) {
      return (await this[INTERNAL].call(name, specs.termsNow, [])) as TermsOfService;
    }
    const day = calendarDate(name, "date", options.date);
    return (await this[INTERNAL].call(name, specs.termsOn, [day])) as TermsOfService;
  },
} satisfies CustomMethods<InstanceCustomMethods>;
