/**
 * Scheduled statuses: posts made with statusPost's `scheduled_at`, waiting to be published.
 * Docs: https://docs.joinmastodon.org/methods/scheduled_statuses/
 */
import type { ScheduledStatus } from "../../entities/index.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { isoUtc, requireId, requireOptions } from "../validate.js";

export interface ScheduledEndpointMethods {
  /**
   * Your statuses waiting to be published, paginated.
   * Mastodon 2.7.0. https://docs.joinmastodon.org/methods/scheduled_statuses/#get
   */
  scheduledStatuses: { args: []; options: PageOptions; result: ScheduledStatus[] };
  /**
   * One scheduled status by id. Mastodon 2.7.0.
   * https://docs.joinmastodon.org/methods/scheduled_statuses/#get-one
   */
  scheduledStatus: { args: [id: IdLike]; options: NoOptions; result: ScheduledStatus };
  /**
   * Cancels a scheduled status; it is never published. Mastodon 2.7.0.
   * https://docs.joinmastodon.org/methods/scheduled_statuses/#cancel
   */
  scheduledStatusDelete: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

export const scheduledEndpoints = {
  scheduledStatuses: {
    route: "GET /api/v1/scheduled_statuses",
    since: "2.7.0",
    changed: "2.7.0",
    docs: "methods/scheduled_statuses/#get",
  },
  scheduledStatus: {
    route: "GET /api/v1/scheduled_statuses/:id",
    since: "2.7.0",
    changed: "2.7.0",
    docs: "methods/scheduled_statuses/#get-one",
  },
  scheduledStatusDelete: {
    route: "DELETE /api/v1/scheduled_statuses/:id",
    since: "2.7.0",
    changed: "2.7.0",
    docs: "methods/scheduled_statuses/#cancel",
  },
} as const satisfies EndpointTable<ScheduledEndpointMethods>;

export interface ScheduledCustomMethods {
  /**
   * Moves a scheduled status to another time: a Date or an ISO-8601 string, at least five minutes
   * ahead (the server checks). Answers the scheduled status as updated.
   * Mastodon 2.7.0. https://docs.joinmastodon.org/methods/scheduled_statuses/#update
   */
  scheduledStatusUpdate: {
    args: [id: IdLike, scheduled_at: Date | string];
    options: NoOptions;
    result: ScheduledStatus;
  };
}

const UPDATE: EndpointSpec = {
  route: "PUT /api/v1/scheduled_statuses/:id",
  since: "2.7.0",
  changed: "2.7.0",
  docs: "methods/scheduled_statuses/#update",
};

export const scheduledCustom = {
  async scheduledStatusUpdate(id, scheduled_at, options) {
    const name = "scheduledStatusUpdate";
    requireOptions(name, options);
    const scheduledId = requireId(name, "id", id);
    const when = isoUtc(name, "scheduled_at", scheduled_at);
    return (await this[INTERNAL].call(name, UPDATE, [
      scheduledId,
      { scheduled_at: when },
    ])) as ScheduledStatus;
  },
} satisfies CustomMethods<ScheduledCustomMethods>;
