/**
 * Every API method of the class, by area. Each area directory has an index.ts that exports:
 *   - `<Area>AreaEndpointMethods` (the type map of its table-driven methods) and
 *     `<area>AreaEndpoints` (their rows, checked with `satisfies EndpointTable<...>`);
 *   - `<Area>AreaCustomMethods` and `<area>AreaCustom`: hand-written methods (checked with
 *     `satisfies CustomMethods<...>`).
 * Adding an endpoint is one row in a table and one row in its type map.
 */

import type { StreamingAreaCustomMethods } from "../streaming/index.js";
import {
  type AccountAreaCustomMethods,
  type AccountAreaEndpointMethods,
  accountAreaEndpoints,
} from "./accounts/index.js";
import {
  type AdminAreaCustomMethods,
  type AdminAreaEndpointMethods,
  adminAreaEndpoints,
} from "./admin/index.js";
import { type AppEndpointMethods, appEndpoints } from "./apps.js";
import {
  type CollectionAreaCustomMethods,
  type CollectionAreaEndpointMethods,
  collectionAreaEndpoints,
} from "./collections/index.js";
import type { MethodsOf } from "./define.js";
import type { EndpointSpec } from "./endpoint.js";
import {
  type FilterAreaCustomMethods,
  type FilterAreaEndpointMethods,
  filterAreaEndpoints,
} from "./filters/index.js";
import {
  type InstanceAreaCustomMethods,
  type InstanceAreaEndpointMethods,
  instanceAreaEndpoints,
} from "./instance/index.js";
import {
  type MediaAreaCustomMethods,
  type MediaAreaEndpointMethods,
  mediaAreaEndpoints,
} from "./media/index.js";
import { type PushAreaCustomMethods, type PushAreaEndpointMethods, pushAreaEndpoints } from "./push/index.js";
import {
  type StatusAreaCustomMethods,
  type StatusAreaEndpointMethods,
  statusAreaEndpoints,
} from "./statuses/index.js";
import {
  type TimelineAreaCustomMethods,
  type TimelineAreaEndpointMethods,
  timelineAreaEndpoints,
} from "./timelines/index.js";

/**
 * Methods implemented by an endpoint table row: the type map (arguments, options, result per method).
 * The reference documents the same methods, with their signatures, under {@link ApiMethods}.
 * @hidden
 */
export interface ApiEndpointMethodTypes
  extends AppEndpointMethods,
    AccountAreaEndpointMethods,
    StatusAreaEndpointMethods,
    TimelineAreaEndpointMethods,
    InstanceAreaEndpointMethods,
    AdminAreaEndpointMethods,
    MediaAreaEndpointMethods,
    FilterAreaEndpointMethods,
    PushAreaEndpointMethods,
    CollectionAreaEndpointMethods {}

/**
 * Methods implemented by hand: the type map (arguments, options, result per method). The reference
 * documents the same methods, with their signatures, under {@link ApiMethods}.
 * @hidden
 */
export interface ApiCustomMethodTypes
  extends AccountAreaCustomMethods,
    StatusAreaCustomMethods,
    TimelineAreaCustomMethods,
    InstanceAreaCustomMethods,
    AdminAreaCustomMethods,
    MediaAreaCustomMethods,
    FilterAreaCustomMethods,
    PushAreaCustomMethods,
    CollectionAreaCustomMethods,
    StreamingAreaCustomMethods {}

/**
 * The methods as the type maps define them (a mapped type). Editors and the reference see its
 * expansion instead, {@link ApiMethods} in ./methods.generated.ts, written by scripts/api-signatures.ts.
 */
export type TableMethods = MethodsOf<ApiEndpointMethodTypes> & MethodsOf<ApiCustomMethodTypes>;

export type { ApiMethods } from "./methods.generated.js";

/**
 * The EndpointSpec of every table-driven method, by method name: e.g. `endpoints.statusFavourite`
 * is `{ route: "POST /api/v1/statuses/:id/favourite", since: "1.0.0", ... }`. Read-only data, for
 * tools and tests that want to know which request a method sends; the methods themselves are on
 * Mastodon.
 */
export const endpoints: { readonly [K in keyof ApiEndpointMethodTypes]: EndpointSpec } = {
  ...appEndpoints,
  ...accountAreaEndpoints,
  ...statusAreaEndpoints,
  ...timelineAreaEndpoints,
  ...instanceAreaEndpoints,
  ...adminAreaEndpoints,
  ...mediaAreaEndpoints,
  ...filterAreaEndpoints,
  ...pushAreaEndpoints,
  ...collectionAreaEndpoints,
};
