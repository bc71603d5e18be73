/**
 * Endpoints as data. One row per method says which route it calls, the Mastodon version that added
 * it (and last changed it), how its positional arguments are used, and where it is documented;
 * `installEndpoints` turns the rows into methods in one loop, and a type map (see ./types.ts) gives
 * each method its parameters and result.
 */
import type { BodyEncoding, Params } from "../core/encode.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { HttpMethod, ResultKind } from "../core/http.js";

/**
 * How one table-driven method maps to the server: its route, the Mastodon versions that added and
 * last changed it (for version_check_mode), how its parameters travel, and its documentation page.
 * `endpoints` holds one per method; reading them tells which request a method sends.
 */
export interface EndpointSpec {
  /** "METHOD /path/:param": `:param`s are filled from the positional arguments, in order. */
  route: `${HttpMethod} /${string}`;
  /** The Mastodon version that added the endpoint. */
  since: string;
  /** The last Mastodon version that changed it (for version_check_mode "changed"). */
  changed?: string | undefined;
  /** Names of positional arguments that are not path parameters; they become request parameters. */
  args?: readonly string[] | undefined;
  /** Body encoding when not the default (json; query for GET/DELETE). */
  encoding?: BodyEncoding | undefined;
  /** Whether the request may be sent without a user token (e.g. public timelines). */
  anonymous?: boolean | undefined;
  /** Path of the page in the Mastodon documentation, below https://docs.joinmastodon.org/. */
  docs: string;
  /**
   * What an empty answer (or JSON null) means, when a server quirk makes it differ from the declared
   * result (see ./result-kinds.ts, which derives it from the type map otherwise).
   * @internal An override for the HTTP core: most rows leave it out even where an answer may be empty,
   * so it does not tell tools which methods may resolve to null (their declared result types do).
   */
  result?: ResultKind | undefined;
}

/** An id, or any object with an `id` (an entity), as Mastodon.py accepts. */
export type IdLike =
  | string
  | number
  | {
      /** The entity's id (a Status, Account, Notification, ...): what is sent. */
      id: string | number;
    };

/**
 * Reads an id from a string, number or entity; rejects anything else before a request is sent.
 * `method`, when given, starts the message so that the caller knows which call was wrong.
 */
export function unpackId(value: unknown, name = "id", method?: string): string {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (value && typeof value === "object" && "id" in value)
    return unpackId((value as { id: unknown }).id, name, method);
  throw new MastodonIllegalArgumentError(
    `${method ? `${method}(): ` : ""}${name} must be an id (a string) or an object with an id, such as a status or account; got ${describe(value)}.`,
  );
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "object") return "an object without an id";
  return JSON.stringify(value);
}

export interface PreparedCall {
  method: HttpMethod;
  path: string;
  params: Params;
  encoding: BodyEncoding | undefined;
}

/** A route cut into its method, template and path parameters: once per endpoint, not once per call. */
interface ParsedRoute {
  method: HttpMethod;
  template: string;
  /** The template has no `:param` to fill. */
  fixed: boolean;
  pathParams: number;
}

const parsedRoutes = new WeakMap<EndpointSpec, ParsedRoute>();

function parseRoute(spec: EndpointSpec): ParsedRoute {
  let parsed = parsedRoutes.get(spec);
  if (!parsed) {
    const [method, template] = spec.route.split(" ") as [HttpMethod, string];
    const pathParams = [...template.matchAll(/:(\w+)/g)].length;
    parsed = { method, template, fixed: pathParams === 0, pathParams };
    parsedRoutes.set(spec, parsed);
  }
  return parsed;
}

/** Fills a route from positional arguments; the argument after them (if any) is the options object. */
export function prepareCall(name: string, spec: EndpointSpec, args: readonly unknown[]): PreparedCall {
  const { method, template, fixed, pathParams } = parseRoute(spec);
  const named = spec.args ?? [];
  const positional = pathParams + named.length;
  if (args.length > positional + 1) {
    throw new MastodonIllegalArgumentError(
      `${name}() takes at most ${positional} argument(s) and an options object; got ${args.length}.`,
    );
  }
  let index = 0;
  const path = fixed
    ? template
    : template.replace(/:(\w+)/g, (_m, param: string) => {
        const value = args[index++];
        return encodeURIComponent(
          param === "id" || param.endsWith("_id")
            ? unpackId(value, param, name)
            : requireArg(name, param, value),
        );
      });
  const params: Params = {};
  for (const argName of named) {
    const value = args[index++];
    if (value === undefined || value === null)
      throw new MastodonIllegalArgumentError(`${name}() needs ${argName}.`);
    params[argName] = value;
  }
  const options = args[index];
  if (options !== undefined && (options === null || typeof options !== "object" || Array.isArray(options))) {
    throw new MastodonIllegalArgumentError(
      `${name}(): the last argument must be an options object; got ${describe(options)}.`,
    );
  }
  Object.assign(params, options as Params | undefined);
  return { method, path, params, encoding: spec.encoding };
}

function requireArg(method: string, name: string, value: unknown): string {
  if (value === undefined || value === null || value === "") {
    throw new MastodonIllegalArgumentError(`${method}() needs ${name}.`);
  }
  return typeof value === "object" ? unpackId(value, name, method) : String(value);
}

/** The Mastodon docs URL of an endpoint. */
export function docsUrl(spec: EndpointSpec): string {
  return `https://docs.joinmastodon.org/${spec.docs}`;
}
