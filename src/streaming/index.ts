/**
 * Area: streaming (WebSocket and server-sent events, listeners and async iteration, reconnects
 * and backfill). Its methods are installed on the class like every API area (see ../api/index.ts).
 */
import { type StreamingMethodTypes, streamingMethods } from "./methods.js";

export type StreamingAreaCustomMethods = StreamingMethodTypes;

export const streamingAreaCustom = streamingMethods;
