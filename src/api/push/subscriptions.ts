/**
 * The Web Push subscription of the current app and user: which endpoint Mastodon pushes to, with
 * which keys, for which kinds of notification. Only one subscription exists per access token;
 * setting a new one replaces the old.
 * Docs: https://docs.joinmastodon.org/methods/push/
 */
import { protocolize } from "../../core/base-url.js";
import { toBase64 } from "../../core/base64.js";
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { WebPushSubscription } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import { INTERNAL } from "../internal.js";
import { optionalBoolean, optionalOneOf, requireOptions, requireString } from "../validate.js";
import { PUSH_POLICIES } from "./constants.js";
import type { WebpushPublicKeyInput } from "./webpush-keys.js";

/** Whose actions may cause a push: everyone, nobody, followers, or accounts you follow. */
export type PushPolicy = "all" | "none" | "follower" | "followed";

/** Which notifications are pushed (unset ones are off), and from whom. */
export interface PushAlertOptions {
  /** Someone followed you. */
  follow_events?: boolean | undefined;
  /** Someone favourited your status. */
  favourite_events?: boolean | undefined;
  /** Someone boosted your status. */
  reblog_events?: boolean | undefined;
  /** Someone mentioned you. */
  mention_events?: boolean | undefined;
  /** A poll you voted in or made has ended (Mastodon 2.8.0). */
  poll_events?: boolean | undefined;
  /** Someone asked to follow you. */
  follow_request_events?: boolean | undefined;
  /** Someone whose posts you get notified about posted (Mastodon 3.3.0). */
  status_events?: boolean | undefined;
  /** A status you boosted was edited (Mastodon 3.5.0). */
  update_events?: boolean | undefined;
  /** Someone signed up (admins only; Mastodon 3.5.0). */
  admin_sign_up_events?: boolean | undefined;
  /** A report came in (admins only; Mastodon 4.0.0). */
  admin_report_events?: boolean | undefined;
  /** Someone quoted your status (Mastodon 4.5.0). */
  quote_events?: boolean | undefined;
  /** A status you quoted was edited (Mastodon 4.5.0). */
  quoted_update_events?: boolean | undefined;
  /** Whose actions may cause a push (Mastodon 3.4.0). Default "all". */
  policy?: PushPolicy | undefined;
}

/**
 * Options of pushSubscriptionSet: the alerts to turn on (unset ones are off), from whom (`policy`,
 * default "all"), and the message format. A bad value throws MastodonIllegalArgumentError before any
 * request.
 */
export interface PushSubscriptionSetOptions extends PushAlertOptions {
  /**
   * Ask for standard RFC 8291 messages ("aes128gcm") instead of the legacy draft format
   * ("aesgcm"; Mastodon 4.4.0). pushSubscriptionDecryptPush reads both.
   */
  standard?: boolean | undefined;
}

/** Option name -> the server's alert name (`data[alerts][...]`). */
const ALERTS: ReadonlyArray<readonly [keyof PushAlertOptions, string]> = [
  ["follow_events", "follow"],
  ["favourite_events", "favourite"],
  ["reblog_events", "reblog"],
  ["mention_events", "mention"],
  ["poll_events", "poll"],
  ["follow_request_events", "follow_request"],
  ["status_events", "status"],
  ["update_events", "update"],
  ["admin_sign_up_events", "admin.sign_up"],
  ["admin_report_events", "admin.report"],
  ["quote_events", "quote"],
  ["quoted_update_events", "quoted_update"],
];
const ALERT_OPTIONS: readonly string[] = [...ALERTS.map(([option]) => option), "policy"];

/**
 * The `data` part of the request: `{ policy, alerts: { follow: true, ... } }`. Unlike Mastodon.py,
 * `policy` goes inside `data`, where Mastodon reads it (Mastodon.py sends it at the top level,
 * where the server ignores it), and `status` is sent whenever `status_events` is given.
 */
function subscriptionData(method: string, options: PushAlertOptions) {
  const unknown = Object.keys(options).filter((key) => !ALERT_OPTIONS.includes(key));
  if (unknown.length > 0) {
    throw new MastodonIllegalArgumentError(
      `${method}(): unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; the options are ${ALERT_OPTIONS.join(", ")}.`,
    );
  }
  const alerts: Record<string, boolean> = {};
  for (const [option, alert] of ALERTS) {
    const value = optionalBoolean(method, option, options[option]);
    if (value !== undefined) alerts[alert] = value;
  }
  const policy = optionalOneOf(method, "policy", options.policy, PUSH_POLICIES) ?? "all";
  return Object.keys(alerts).length > 0 ? { policy, alerts } : { policy };
}

/** The endpoint as Mastodon.py sends it (scheme added when missing, trailing slash dropped). */
function pushEndpoint(method: string, value: unknown): string {
  const endpoint = protocolize(requireString(method, "endpoint", value));
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new MastodonIllegalArgumentError(
      `${method}(): endpoint must be the https URL Mastodon should push to; got ${JSON.stringify(value)}.`,
    );
  }
  return endpoint;
}

/**
 * The subscription keys as Mastodon.py sends them: standard base64 with padding. The key checks
 * are loaded here, on first use, with the rest of the push crypto: most apps never subscribe.
 */
async function subscriptionKeys(method: string, value: unknown): Promise<{ p256dh: string; auth: string }> {
  if (value === null || typeof value !== "object") {
    throw new MastodonIllegalArgumentError(
      `${method}(): encrypt_params must be the public dict from pushSubscriptionGenerateKeys() ({ pubkey, auth }).`,
    );
  }
  const params = value as { pubkey?: unknown; p256dh?: unknown; auth?: unknown };
  const what = `${method}(): encrypt_params`;
  const { readAuthSecret, readPublicKey } = await import("./webpush-keys.js");
  const pubkey = readPublicKey(params.pubkey ?? params.p256dh, what);
  return { p256dh: toBase64(pubkey), auth: toBase64(readAuthSecret(params.auth, what)) };
}

export interface PushSubscriptionEndpointMethods {
  /**
   * The push subscription of this app for the logged-in user (404 when there is none).
   * Mastodon 2.4.0. https://docs.joinmastodon.org/methods/push/#get
   */
  pushSubscription: { args: []; options: NoOptions; result: WebPushSubscription };
  /**
   * Removes this app's push subscription for the logged-in user.
   * Mastodon 2.4.0. https://docs.joinmastodon.org/methods/push/#delete
   */
  pushSubscriptionDelete: { args: []; options: NoOptions; result: EmptyObject };
}

export const pushSubscriptionEndpoints = {
  pushSubscription: { route: "GET /api/v1/push/subscription", since: "2.4.0", docs: "methods/push/#get" },
  pushSubscriptionDelete: {
    route: "DELETE /api/v1/push/subscription",
    since: "2.4.0",
    docs: "methods/push/#delete",
  },
} as const satisfies EndpointTable<PushSubscriptionEndpointMethods>;

export interface PushSubscriptionCustomMethods {
  /**
   * Subscribes this app to Web Push for the logged-in user, replacing any earlier subscription:
   * Mastodon will POST encrypted notifications to `endpoint` (an https URL), encrypted to
   * `encrypt_params` (the public dict from pushSubscriptionGenerateKeys). The options choose
   * which notifications are pushed (unset ones are off) and from whom (`policy`).
   * Mastodon 2.4.0; last changed in 4.0.0. https://docs.joinmastodon.org/methods/push/#create
   */
  pushSubscriptionSet: {
    args: [endpoint: string, encrypt_params: WebpushPublicKeyInput];
    options: PushSubscriptionSetOptions;
    result: WebPushSubscription;
  };
  /**
   * Changes which notifications the current subscription pushes, and from whom. The server
   * replaces the whole choice: alerts left out are turned off, and `policy` is reset to "all"
   * unless given.
   * Mastodon 2.4.0. https://docs.joinmastodon.org/methods/push/#update
   */
  pushSubscriptionUpdate: { args: []; options: PushAlertOptions; result: WebPushSubscription };
}

export const pushSubscriptionCustom = {
  async pushSubscriptionSet(
    this: Mastodon,
    endpoint: string,
    encrypt_params: WebpushPublicKeyInput,
    options: PushSubscriptionSetOptions = {},
  ) {
    const method = "pushSubscriptionSet";
    requireOptions(method, options);
    const { standard: standardOption, ...alertOptions } = options;
    const standard = optionalBoolean(method, "standard", standardOption);
    const subscription = {
      endpoint: pushEndpoint(method, endpoint),
      keys: await subscriptionKeys(method, encrypt_params),
      ...(standard === undefined ? {} : { standard }),
    };
    const data = subscriptionData(method, alertOptions);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "2.4.0", "4.0.0");
    const { data: result } = await internal.request<WebPushSubscription>({
      method: "POST",
      path: "/api/v1/push/subscription",
      params: { subscription, data },
    });
    return result;
  },

  async pushSubscriptionUpdate(this: Mastodon, options: PushAlertOptions = {}) {
    const method = "pushSubscriptionUpdate";
    requireOptions(method, options);
    const data = subscriptionData(method, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "2.4.0", "2.4.0");
    const { data: result } = await internal.request<WebPushSubscription>({
      method: "PUT",
      path: "/api/v1/push/subscription",
      params: { data },
    });
    return result;
  },
} satisfies CustomMethods<PushSubscriptionCustomMethods>;
