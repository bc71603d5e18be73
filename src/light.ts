/**
 * mastodon-ts/light: the same methods as the Mastodon class, as functions that take the client
 * first, so that a bundler keeps only the ones an app imports.
 *
 *   import { createClient, statusPost, timelineHome } from "mastodon-ts/light";
 *   const client = createClient({ access_token: "...", api_base_url: "https://mastodon.social" });
 *   await statusPost(client, "Hello from mastodon-ts!");
 *
 * Each function is the class method's own implementation (one definition, two ways to call it).
 * Two clients run them:
 * - createClient: the class's request path (retries, rate limits, redirects, version checks), so
 *   the functions behave exactly as the class's methods;
 * - createFetchClient: one plain fetch per request, a much smaller bundle; the same requests,
 *   results and errors for the same answers, without retries, rate-limit waiting, version checks
 *   and the rest listed on it (src/light/fetch-client.ts).
 * Neither has a login flow (createApp, logIn): pass an access token.
 */
import { MastodonBase } from "./api/client-base.js";
import type { MethodHost } from "./api/internal.js";
import type { StatusPostOptions } from "./api/status-post.js";
import { postStatus } from "./api/statuses/post-status.js";
import { type TimelineOptions, timelineHome as timelineHomeMethod } from "./api/timelines/timelines.js";
import type { MastodonOptions } from "./core/options.js";
import type { ScheduledStatus, Status } from "./entities/index.js";
import { withWebSocketStreams } from "./light/fetch-streams.js";
import type { StreamHandle, StreamOptions } from "./streaming/handle.js";
import type { StreamListener } from "./streaming/listener.js";
import { streamUser as streamUserMethod } from "./streaming/methods.js";

export type { MethodHost } from "./api/internal.js";
export { createFetchClient, FetchClient, type FetchClientOptions } from "./light/fetch-client.js";
export type { MastodonBase };

/**
 * The client the functions of mastodon-ts/light take: createClient's MastodonBase (server,
 * credentials, rate limits and the server's version, as in the Mastodon class, without its
 * methods) or createFetchClient's FetchClient. Both are a MethodHost: what the methods read.
 */
export type LightClient = MethodHost;

/**
 * A client for the functions of mastodon-ts/light on the Mastodon class's request path; takes its
 * options. Its rate-limit attributes (ratelimitRemaining, ...) read as on the class.
 */
export function createClient(options: MastodonOptions = {}): MastodonBase {
  return new MastodonBase(options);
}

/** The logged-in user's home timeline, newest first (Mastodon#timelineHome). */
export function timelineHome(client: LightClient, options?: TimelineOptions): Promise<Status[]> {
  return timelineHomeMethod.call(client, options);
}

/** Posts a status (Mastodon#statusPost): the Status, or a ScheduledStatus with `scheduled_at`. */
export function statusPost(
  client: LightClient,
  status: string,
  options: StatusPostOptions & { scheduled_at: Date | string },
): Promise<ScheduledStatus>;
export function statusPost(
  client: LightClient,
  status: string,
  options?: StatusPostOptions & { scheduled_at?: undefined },
): Promise<Status>;
export function statusPost(
  client: LightClient,
  status: string,
  options?: StatusPostOptions,
): Promise<Status | ScheduledStatus>;
export function statusPost(
  client: LightClient,
  status: string,
  options?: StatusPostOptions,
): Promise<Status | ScheduledStatus> {
  return postStatus(client, status, options);
}

/** Streams the user's home timeline and notifications (Mastodon#streamUser); returns the running handle. */
export function streamUser(
  client: LightClient,
  listener?: StreamListener,
  options?: StreamOptions,
): StreamHandle {
  // createFetchClient's client gets its WebSocket-only engine here, on its first stream.
  return streamUserMethod.call(withWebSocketStreams(client), listener, options);
}
