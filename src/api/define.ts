/**
 * The shape of the type map that gives each method its signature, and of the two ways a method is
 * implemented: a row in an endpoint table (most methods), or a hand-written function (methods that
 * do more than one request, validate, or compute locally).
 */
import type { Mastodon } from "../mastodon.js";
import type { EndpointSpec } from "./endpoint.js";

/** Positional arguments, options object and result of one method. */
export interface MethodTypes {
  args: readonly unknown[];
  options: object;
  result: unknown;
}

/** For methods without optional parameters. */
export type NoOptions = Record<string, never>;

/** The method signature a row of the type map describes. */
export type MethodOf<T extends MethodTypes> = (
  ...args: [...T["args"], options?: T["options"]]
) => Promise<T["result"]>;

/**
 * The flat methods a type map describes (rows with `sync: true` return their result directly; a row
 * with a `signature` gets that type instead, e.g. overloads whose result depends on the options).
 */
export type MethodsOf<Map> = {
  [K in keyof Map]: Map[K] extends { signature: infer F }
    ? F
    : Map[K] extends SyncMethodTypes
      ? (...args: [...Map[K]["args"], options?: Map[K]["options"]]) => Map[K]["result"]
      : Map[K] extends MethodTypes
        ? MethodOf<Map[K]>
        : never;
};

/** An endpoint table that must have exactly one row per method of the type map. */
export type EndpointTable<Map> = { readonly [K in keyof Map]: EndpointSpec };

/**
 * Hand-written implementations, one per method of the type map, called with the client as `this`.
 * Rows with `sync: true` are local computations that return their result directly.
 */
export type CustomMethods<Map> = {
  readonly [K in keyof Map]: Map[K] extends SyncMethodTypes
    ? (this: Mastodon, ...args: [...Map[K]["args"], options?: Map[K]["options"]]) => Map[K]["result"]
    : Map[K] extends MethodTypes
      ? (
          this: Mastodon,
          ...args: [...Map[K]["args"], options?: Map[K]["options"]]
        ) => Promise<Map[K]["result"]>
      : never;
};

/** A type map row for a local computation (no request), e.g. getStatusLength. */
export interface SyncMethodTypes extends MethodTypes {
  sync: true;
}
