/**
 * statusPost's one implementation, shared by the Mastodon class and mastodon-ts/light: check every
 * option before sending, then post once with an Idempotency-Key. A client that retries also finds
 * the post after a failed retry (./post-recovery.ts); createFetchClient's, which never retries,
 * sends it once and bundles none of that.
 * Mastodon 1.0.0; last changed 4.5.0. https://docs.joinmastodon.org/methods/statuses/#create
 */
import type { ScheduledStatus, Status } from "../../entities/index.js";
import { INTERNAL, type MethodHost } from "../internal.js";
import { buildStatusParams, newIdempotencyKey, type StatusPostOptions } from "../status-post.js";
import type { StatusPostRequest } from "./post-recovery.js";

/** Posts `status` on `client`; a ScheduledStatus when `scheduled_at` is given, else the Status. */
export async function postStatus(
  client: MethodHost,
  status: string,
  options: StatusPostOptions = {},
): Promise<Status | ScheduledStatus> {
  const params = buildStatusParams("statusPost", status, options, client.featureSet);
  const internal = client[INTERNAL];
  // Skipped outright when checks are off (the default): no await on every post.
  if (client.versionCheckMode !== "none") await internal.checkVersion("statusPost", "1.0.0", "4.5.0");
  const request: StatusPostRequest = {
    method: "POST",
    path: "/api/v1/statuses",
    params,
    idempotencyKey: options.idempotency_key ?? newIdempotencyKey(),
    expected: params.scheduled_at === undefined ? "the posted Status" : "the ScheduledStatus",
  };
  if (internal.postRecovery === undefined) {
    return (await internal.request<Status | ScheduledStatus>(request)).data;
  }
  return (await internal.postRecovery()).postStatusOnce(internal, request);
}
