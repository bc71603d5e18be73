/**
 * Timelines. Docs: https://docs.joinmastodon.org/methods/timelines/
 */
import type { Status } from "../../entities/index.js";
import type { PageOptions } from "../common-types.js";
import type { EndpointTable } from "../define.js";

export interface TimelineOptions extends PageOptions {
  only_media?: boolean;
  local?: boolean;
  remote?: boolean;
}

export interface TimelineEndpointMethods {
  /** The logged-in user's home timeline, newest first (Mastodon 1.0.0; changed in 3.1.4). */
  timelineHome: { args: []; options: TimelineOptions; result: Status[] };
}

export const timelineEndpoints = {
  timelineHome: {
    route: "GET /api/v1/timelines/home",
    since: "1.0.0",
    changed: "3.1.4",
    docs: "methods/timelines/#home",
  },
} as const satisfies EndpointTable<TimelineEndpointMethods>;
