/**
 * Statuses: reading and deleting single statuses. Posting is hand-written (./status-post.ts)
 * because it makes an idempotency key and validates its parameters.
 * Docs: https://docs.joinmastodon.org/methods/statuses/
 */
import type { Status } from "../../entities/index.js";
import type { EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";

/** What deleting answers: the status with its source `text` (for delete-and-redraft) instead of `content`. */
export type DeletedStatus = Omit<Status, "content"> & { text: string | null };

export interface StatusEndpointMethods {
  /** One status by id (Mastodon 1.0.0; public statuses need no token since 2.7.0). */
  status: { args: [id: IdLike]; options: NoOptions; result: Status };
  /**
   * Deletes a status; the result carries its source text for delete-and-redraft (Mastodon 1.0.0).
   * `delete_media` (Mastodon 4.4) deletes the attached media at once instead of keeping them a while.
   */
  statusDelete: { args: [id: IdLike]; options: { delete_media?: boolean }; result: DeletedStatus };
}

export const statusEndpoints = {
  status: {
    route: "GET /api/v1/statuses/:id",
    since: "1.0.0",
    changed: "2.0.0",
    anonymous: true,
    docs: "methods/statuses/#get",
  },
  statusDelete: { route: "DELETE /api/v1/statuses/:id", since: "1.0.0", docs: "methods/statuses/#delete" },
} as const satisfies EndpointTable<StatusEndpointMethods>;
