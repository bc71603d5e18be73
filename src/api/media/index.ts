/**
 * Area: media uploads (from a path, Blob/File, bytes or a stream, with MIME type sniffing and
 * waiting for processing), and local utilities (status length, blurhash, polls, server time,
 * async refreshes). Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";

export type MediaAreaEndpointMethods = {};

export type MediaAreaCustomMethods = {};

export const mediaAreaEndpoints = {} satisfies EndpointTable<MediaAreaEndpointMethods>;

export const mediaAreaCustom = {};
