/**
 * What streaming adds to the package's public exports (listener and event types, the handle).
 * Re-exported by ../index.ts.
 */
export type * from "./events.js";
export type { StreamHandle, StreamOptions, StreamTransport } from "./handle.js";
export {
  CallbackStreamListener,
  type CallbackStreamListenerOptions,
  type ReconnectInfo,
  type StreamListener,
} from "./listener.js";
export type {
  StreamHashtagOptions,
  StreamHealthyOptions,
  StreamLocalOptions,
  StreamPublicOptions,
} from "./methods.js";
export { STREAM_NAMES, type StreamName, type StreamSubscription } from "./stream-names.js";
export type { WebSocketConstructor, WebSocketLike } from "./websocket-impl.js";
