/**
 * Area: streaming (WebSocket and server-sent events, listeners and async iteration, reconnects
 * and backfill). Its methods are installed on the class like every API area (see ../api/index.ts).
 */

// biome-ignore lint/complexity/noBannedTypes: filled in as the streaming methods land.
export type StreamingAreaCustomMethods = {};

export const streamingAreaCustom = {};
