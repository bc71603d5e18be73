/**
 * A request as a handler sees it: path parameters, the merged query and body parameters, and the
 * caller (token and account) that the route's `auth` resolved. The readers coerce as Rails does
 * (`"true"`, `"1"` and `true` are all true; `"5"` is 5) and never throw on a value of the wrong type:
 * they answer undefined, and the handler decides whether that is a 422.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { SandboxContext } from "./context.js";
import { isObject, type ParamObject, type ParamValue, UploadedFile } from "./params.js";
import type { AccountRecord, TokenRecord } from "./records.js";

const TRUE = new Set(["true", "1", "t", "on", "yes"]);
const FALSE = new Set(["false", "0", "f", "off", "no", ""]);

export class SandboxRequest {
  token: TokenRecord | undefined;
  account: AccountRecord | undefined;

  constructor(
    readonly ctx: SandboxContext,
    readonly method: string,
    readonly path: string,
    readonly query: URLSearchParams,
    readonly headers: IncomingHttpHeaders,
    /** Query and body merged; body keys win. */
    readonly params: ParamObject,
    /** Path parameters (`:id`). */
    readonly route: Record<string, string>,
  ) {}

  /** The signed-in account; only call on `auth: "user"` routes, where the router guarantees one. */
  get me(): AccountRecord {
    if (!this.account) throw new Error(`${this.method} ${this.path}: no account on a route that needs one`);
    return this.account;
  }

  header(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  param(name: string): ParamValue | undefined {
    return this.params[name];
  }

  /** A string parameter (numbers are given as their text); undefined when absent or not a scalar. */
  string(name: string, from: ParamObject = this.params): string | undefined {
    const v = from[name];
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return undefined;
  }

  boolean(name: string, from: ParamObject = this.params): boolean | undefined {
    const v = from[name];
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    if (typeof v !== "string") return undefined;
    const lower = v.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    return undefined;
  }

  /** A whole number; undefined when absent or not one. */
  integer(name: string, from: ParamObject = this.params): number | undefined {
    const v = from[name];
    const n =
      typeof v === "number" ? v : typeof v === "string" && /^-?\d{1,15}$/.test(v.trim()) ? Number(v) : NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  }

  /** A list of strings: `a[]=1&a[]=2`, `{"a":[1,2]}` and a lone `a=1` all work. */
  strings(name: string, from: ParamObject = this.params): string[] {
    const v = from[name];
    const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    return items.flatMap((item) =>
      typeof item === "string"
        ? [item]
        : typeof item === "number" || typeof item === "boolean"
          ? [String(item)]
          : [],
    );
  }

  object(name: string, from: ParamObject = this.params): ParamObject | undefined {
    const v = from[name];
    return isObject(v) ? v : undefined;
  }

  file(name: string): UploadedFile | undefined {
    const v = this.params[name];
    return v instanceof UploadedFile ? v : undefined;
  }
}
