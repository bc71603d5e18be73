/**
 * The server's basic health check, GET /health (Mastodon 3.0.0).
 * Docs: https://docs.joinmastodon.org/methods/health/
 */
import { MastodonAPIError, MastodonServerError } from "../../core/errors.js";
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
    let answer: unknown;
    try {
      ({ data: answer } = await internal.request({ method: "GET", path: "/health" }));
    } catch (error) {
      if (error instanceof MastodonServerError) return false;
      // Mastodon answers a plain-text "OK", which the HTTP core (JSON only) reports as "not JSON".
      // That error only arises for a successful (2xx) answer, so the server did answer the check.
      if (
        error instanceof MastodonAPIError &&
        error.status === undefined &&
        error.cause instanceof SyntaxError
      ) {
        return true;
      }
      throw error;
    }
    return isHealthyAnswer(answer);
  },
} satisfies CustomMethods<HealthCustomMethods>;

/** "OK" as a JSON string, or a JSON object whose `status` says OK (some servers and proxies). */
export function isHealthyAnswer(answer: unknown): boolean {
  if (typeof answer === "string") return HEALTHY.includes(answer.trim());
  if (answer && typeof answer === "object" && "status" in answer) {
    const status = (answer as { status: unknown }).status;
    return typeof status === "string" && HEALTHY.some((ok) => ok.toLowerCase() === status.toLowerCase());
  }
  return false;
}
