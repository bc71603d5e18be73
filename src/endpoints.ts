/**
 * mastodon-ts/endpoints: which request each table-driven method of the Mastodon class sends, as
 * data, for tools and tests (e.g. `endpoints.statusFavourite.route` is
 * "POST /api/v1/statuses/:id/favourite"). A subpath of its own because it holds every area's table:
 * importing it from the main entry would load all of them at start, which the class avoids (it
 * loads an area's code on the first call of one of its methods).
 *
 *   import { endpoints } from "mastodon-ts/endpoints";
 */
export type { EndpointSpec } from "./api/endpoint.js";
export { endpoints } from "./api/index.js";
export type { BodyEncoding } from "./core/encode.js";
