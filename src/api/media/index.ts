/**
 * Area: media attachments. Uploads from a path, Blob/File, bytes or a stream, with the type
 * judged from the content and optional waiting for the server to finish processing; reading,
 * updating and deleting uploads. Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import { type MediaCustomMethods, type MediaEndpointMethods, mediaCustom, mediaEndpoints } from "./media.js";

export interface MediaAreaEndpointMethods extends MediaEndpointMethods {}

export interface MediaAreaCustomMethods extends MediaCustomMethods {}

export const mediaAreaEndpoints = {
  ...mediaEndpoints,
} satisfies EndpointTable<MediaAreaEndpointMethods>;

export const mediaAreaCustom = {
  ...mediaCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: mediaAreaEndpoints, custom: mediaAreaCustom };
