/**
 * streamHealthy's request: GET /api/v1/streaming/health at the advertised streaming address, then
 * at the API's own. Loaded on the method's first call (few apps ask), with the streaming address
 * look-up it shares with the stream engine.
 */
import { INTERNAL, type MethodHost } from "../api/internal.js";
import { apiErrorFromResponse, describeUrl } from "../core/error-factory.js";
import { MastodonNetworkError } from "../core/errors.js";
import { readBodyIfSmall } from "../core/response-body.js";
import { timerDelay } from "../core/sleep.js";
import { clientSettings } from "./client-access.js";
import type { StreamHealthyOptions } from "./methods.js";
import { streamingBases } from "./stream-url.js";

const HEALTH_ANSWER_BYTES = 64 * 1024;

/** Whether the streaming server answers "OK" (options checked by the caller). */
export async function streamingHealth(api: MethodHost, opts: StreamHealthyOptions): Promise<boolean> {
  const internal = api[INTERNAL];
  await internal.checkVersion("streamHealthy", "2.5.0", "2.5.0");
  const settings = clientSettings(api);
  const bases = await streamingBases(internal, {
    override: opts.streaming_base_url,
    allowHttp: settings.allowHttp,
  });
  let lastError: unknown;
  for (const base of bases) {
    const url = `${base}/api/v1/streaming/health`;
    let response: Response;
    try {
      response = await settings.fetch(url, {
        method: "GET",
        headers: { "User-Agent": settings.userAgent },
        signal: AbortSignal.timeout(timerDelay(api.requestTimeout * 1000)),
      });
    } catch (error) {
      lastError = error;
      continue;
    }
    // "OK" on Mastodon; a longer answer (or an error page) is read no further than this.
    const text = await readBodyIfSmall(response, { method: "GET", url, maxBytes: HEALTH_ANSWER_BYTES });
    if (!response.ok) {
      throw apiErrorFromResponse({
        status: response.status,
        reason: response.statusText,
        bodyText: text,
        method: "GET",
        url,
        secrets: [settings.token],
      });
    }
    return ["OK", "success"].includes(text.trim());
  }
  throw new MastodonNetworkError(
    `Could not reach the streaming server (${bases.map(describeUrl).join(", ")}).`,
    { cause: lastError },
  );
}
