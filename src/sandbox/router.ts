/**
 * The route table: method and path pattern (`/api/v1/statuses/:id`) to a handler and the token it
 * needs. Matching splits the path once and compares segment by segment; a trailing slash is ignored, as
 * Rails ignores it.
 */

import type { Reply } from "./reply.js";
import type { SandboxRequest } from "./request.js";

/**
 * Who may call a route:
 * - `none`: no token is looked at (OAuth, public pages);
 * - `optional`: a token is used when given, and must then be valid;
 * - `app`: any valid token, an app's own (client_credentials) included;
 * - `user`: a token that belongs to an account.
 */
export type Auth = "none" | "optional" | "app" | "user";

export interface RouteOptions {
  auth?: Auth;
  /** The token must hold one of these (broader scopes count: `read` covers `read:statuses`). */
  scopes?: readonly string[];
  /** Takes files: its body may be as large as an upload, where other bodies are capped small. */
  upload?: boolean;
}

export type Handler = (req: SandboxRequest) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  segments: readonly string[];
  handler: Handler;
  auth: Auth;
  scopes: readonly string[];
  upload: boolean;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

function split(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.split("/").slice(1);
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    this.routes.push({
      method,
      pattern,
      segments: split(pattern),
      handler,
      auth: options.auth ?? "user",
      scopes: options.scopes ?? [],
      upload: options.upload ?? false,
    });
  }

  get(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("GET", pattern, handler, options);
  }
  post(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("POST", pattern, handler, options);
  }
  put(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("PUT", pattern, handler, options);
  }
  patch(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("PATCH", pattern, handler, options);
  }
  delete(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add("DELETE", pattern, handler, options);
  }

  /**
   * The route for a request; `allowed` lists the methods the path has when the method has none. Where
   * several patterns match, the one with the most literal segments wins (`/accounts/search` over
   * `/accounts/:id`), whatever order they were added in.
   */
  match(method: string, path: string): { match?: Match; allowed: string[] } {
    const parts = split(path);
    const allowed: string[] = [];
    let best: Match | undefined;
    let bestScore = -1;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method && !(method === "HEAD" && route.method === "GET")) {
        allowed.push(route.method);
        continue;
      }
      const score = route.segments.filter((s) => !s.startsWith(":")).length;
      if (score > bestScore) {
        best = { route, params };
        bestScore = score;
      }
    }
    return best ? { match: best, allowed } : { allowed };
  }
}

function matchSegments(
  pattern: readonly string[],
  parts: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const part = parts[i]!;
    if (p.startsWith(":")) {
      if (part === "") return undefined;
      try {
        params[p.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (p !== part) return undefined;
  }
  return params;
}
