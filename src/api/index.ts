/**
 * Every API method of the class, by area. Each area module exports:
 *   - `<Area>EndpointMethods`: the type map of its table-driven methods, and `<area>Endpoints`,
 *     their rows (checked against the map with `satisfies EndpointTable<...>`);
 *   - optionally `<Area>CustomMethods` and `<area>Custom`: hand-written methods (checked with
 *     `satisfies CustomMethods<...>`).
 * Adding an endpoint is one row here and one row in its type map.
 */
import { type AccountEndpointMethods, accountEndpoints } from "./accounts.js";
import { type AppEndpointMethods, appEndpoints } from "./apps.js";
import type { MethodsOf } from "./define.js";
import type { EndpointSpec } from "./endpoint.js";
import { type StatusEndpointMethods, statusEndpoints } from "./statuses.js";
import { type TimelineEndpointMethods, timelineEndpoints } from "./timelines.js";

/** Methods implemented by an endpoint table row. */
export interface ApiEndpointMethodTypes
  extends AccountEndpointMethods,
    AppEndpointMethods,
    StatusEndpointMethods,
    TimelineEndpointMethods {}

/** Methods implemented by hand. */
export type ApiCustomMethodTypes = {};

export type ApiMethods = MethodsOf<ApiEndpointMethodTypes> & MethodsOf<ApiCustomMethodTypes>;

export const endpoints: { readonly [K in keyof ApiEndpointMethodTypes]: EndpointSpec } = {
  ...accountEndpoints,
  ...appEndpoints,
  ...statusEndpoints,
  ...timelineEndpoints,
};

export const customMethods: { readonly [K in keyof ApiCustomMethodTypes]: unknown } = {};
