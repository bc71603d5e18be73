/**
 * The API methods load by area on first use. The class holds a small stand-in for each method;
 * its first call imports the area's code (accounts, statuses, admin, ...), puts the real methods
 * in the stand-ins' place, and goes on. Why: an app that calls a few methods should not download
 * (in a browser) or parse (at start-up) the code of all 268. Calls after the first go straight
 * to the real method. The names per area are generated (./area-methods.generated.ts, written by
 * scripts/area-methods.ts), so that listing them costs no import.
 */
import { MastodonError } from "../core/errors.js";
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import { AREA_METHODS, type AreaName } from "./area-methods.generated.js";
import type { EndpointSpec } from "./endpoint.js";
import { INTERNAL, type Internal } from "./internal.js";

/** What an area's code provides: table rows and hand-written methods, by method name. */
export interface AreaModule {
  readonly endpoints: { readonly [name: string]: EndpointSpec };
  readonly custom: { readonly [name: string]: unknown };
}

/**
 * The import of each area's code, whose `area` export is its AreaModule. Each is a separate chunk
 * for bundlers that split code (so each path is written out: a bundler must see it).
 */
export const AREA_LOADERS: { readonly [A in AreaName]: () => Promise<AreaModule> } = {
  apps: () => import("./apps.js").then(({ area }) => area),
  accounts: () => import("./accounts/index.js").then(({ area }) => area),
  admin: () => import("./admin/index.js").then(({ area }) => area),
  collections: () => import("./collections/index.js").then(({ area }) => area),
  filters: () => import("./filters/index.js").then(({ area }) => area),
  instance: () => import("./instance/index.js").then(({ area }) => area),
  media: () => import("./media/index.js").then(({ area }) => area),
  push: () => import("./push/index.js").then(({ area }) => area),
  statuses: () => import("./statuses/index.js").then(({ area }) => area),
  timelines: () => import("./timelines/index.js").then(({ area }) => area),
};

type Method = (this: { readonly [INTERNAL]: Internal }, ...args: unknown[]) => unknown;

/** The method a table row describes: one table-driven call. */
export function endpointMethod(name: string, spec: EndpointSpec): Method {
  return function (...args) {
    return this[INTERNAL].call(name, spec, args);
  };
}

/** The real method `name` of a loaded area. */
function implementationOf(area: AreaModule, name: string): Method {
  const spec = area.endpoints[name];
  if (spec !== undefined) return endpointMethod(name, spec);
  const custom = area.custom[name];
  if (typeof custom !== "function") {
    // Only when the generated list and the area disagree: a build problem, not a user's mistake.
    throw new MastodonError(
      `mastodon-ts: ${name}() is listed but its area does not define it; rebuild the package (scripts/area-methods.ts).`,
    );
  }
  return custom as Method;
}

/**
 * Puts a stand-in for every method of every area on `prototype` (through `define`, which refuses
 * a name defined twice). A stand-in's first call loads its area and puts the area's real methods
 * on the prototype, except where something else has been put there since (a user's patch).
 */
export function installLazyMethods<Area extends string = AreaName>(
  prototype: object,
  define: (name: string, method: Method) => void,
  areas: { readonly [A in Area]: readonly string[] } = AREA_METHODS as never,
  loaders: { readonly [A in Area]: () => Promise<AreaModule> } = AREA_LOADERS as never,
): void {
  const stubs = new Map<string, Method>();
  for (const areaName of Object.keys(areas) as Area[]) {
    const load = loadOnFirstUse(`its ${areaName} methods`, async () => {
      const area = await loaders[areaName]();
      for (const name of areas[areaName]) {
        const current = Object.getOwnPropertyDescriptor(prototype, name)?.value;
        if (current === stubs.get(name)) {
          Object.defineProperty(prototype, name, { value: implementationOf(area, name) });
        }
      }
      return area;
    });
    for (const name of areas[areaName]) {
      // Calls the area's own method, not `this[name]`: a subclass that overrides the method and
      // calls super must not be called again.
      const stub: Method = function (...args) {
        return load().then((area) => implementationOf(area, name).apply(this, args));
      };
      stubs.set(name, stub);
      define(name, stub);
    }
  }
}
