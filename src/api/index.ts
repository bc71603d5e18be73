/**
 * Every table-driven method: the tables of all API areas merged, and their signatures.
 */
import { type AccountMethods, accountEndpoints } from "./accounts.js";
import { type AppMethods, appEndpoints } from "./apps.js";
import type { MethodsOf } from "./define.js";
import type { EndpointSpec } from "./endpoint.js";
import { type StatusMethods, statusEndpoints } from "./statuses.js";
import { type TimelineMethods, timelineEndpoints } from "./timelines.js";

export interface EndpointMethodTypes extends AccountMethods, AppMethods, StatusMethods, TimelineMethods {}

export type EndpointMethods = MethodsOf<EndpointMethodTypes>;

export const endpoints: Readonly<Record<keyof EndpointMethodTypes, EndpointSpec>> = {
  ...accountEndpoints,
  ...appEndpoints,
  ...statusEndpoints,
  ...timelineEndpoints,
};
