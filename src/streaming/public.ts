/**
 * What streaming adds to the package's public exports (listener and event types, the handle).
 * Re-exported by ../index.ts.
 */
export {};
