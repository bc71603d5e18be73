/**
 * The server's basic health check, GET /health (Mastodon 3.0.0).
 * Docs: https://docs.joinmastodon.org/methods/health/
 */
import { MastodonServerError } from "../../core/errors.js";
import type { CustomMethods, NoOptions } from "../define.js";
import { INTERNAL } from "../internal.js";
import { requireOptions } from "../validate.js";

/** The answers that mean "healthy", as Mastodon.py reads them. */
const HEALTHY = ["OK", "success"];

export interface HealthCustomMethods {
  /**
   * Whether the server says it is healthy: true for its "OK", false when it answers otherwise or
   * with a server error (5xx). Network failures and other errors are thrown, as they say nothing
   * about the server's health (Mastodon 3.0.0).
   * https://docs.joinmastodon.org/methods/health/#get
   */
  instanceHealth: { args: []; options: NoOptions; result: boolean };
}

export const healthCustom = {
  async instanceHealth(options?: NoOptions) {
    const name = "instanceHealth";
    requireOptions(name, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "3.0.0", "3.0.0");
    let text: string;
    try {
      // Mastodon answers a plain-text "OK"; some servers and proxies answer JSON.
      ({ data: text } = await internal.request<string>({
        method: "GET",
        path: "/health",
        responseType: "text",
      }));
    } catch (error) {
      if (error instanceof MastodonServerError) return false;
      throw error;
    }
    return isHealthyAnswer(parseMaybeJson(text));
  },
} satisfies CustomMethods<HealthCustomMethods>;

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** "OK" as a JSON string, or a JSON object whose `status` says OK (some servers and proxies). */
export function isHealthyAnswer(answer: unknown): boolean {
  if (typeof answer === "string") return HEALTHY.includes(answer.trim());
  if (answer && typeof answer === "object" && "status" in answer) {
    const status = (answer as { status: unknown }).status;
    return typeof status === "string" && HEALTHY.some((ok) => ok.toLowerCase() === status.toLowerCase());
  }
  return false;
}
