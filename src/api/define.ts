/**
 * The shape of the type map that gives each table-driven method its signature.
 */
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

/** The flat methods a type map describes. */
export type MethodsOf<Map> = { [K in keyof Map]: Map[K] extends MethodTypes ? MethodOf<Map[K]> : never };

/** An endpoint table that must have exactly one row per method of the type map. */
export type EndpointTable<Map> = { readonly [K in keyof Map]: EndpointSpec };
