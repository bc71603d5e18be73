/**
 * The server's clock, read from the `Date` header of an answer. Useful to tell how far the local
 * clock is off before scheduling statuses or judging expiry times the server wrote.
 */
import { MastodonAPIError } from "../../core/errors.js";
import type { CustomMethods, NoOptions } from "../define.js";
import { INTERNAL } from "../internal.js";
import { requireOptions } from "../validate.js";

export interface ServerTimeCustomMethods {
  /**
   * The server's approximate current time, from the `Date` header of a HEAD request to the server's
   * root (as Mastodon.py does). The header has one-second resolution and the time the answer took
   * to arrive is not compensated. Raises MastodonAPIError when the server sends no usable Date.
   * Any Mastodon version. https://www.rfc-editor.org/rfc/rfc9110#field.date
   */
  getApproxServerTime: { args: []; options: NoOptions; result: Date };
}

export const serverTimeCustom = {
  async getApproxServerTime(options) {
    requireOptions("getApproxServerTime", options);
    const { headers } = await this[INTERNAL].request({ method: "HEAD", path: "/" });
    const date = headers.get("date");
    const when = date === null ? Number.NaN : Date.parse(date);
    if (Number.isNaN(when)) {
      throw new MastodonAPIError(
        "getApproxServerTime(): the server's answer carried no readable Date header, so its time is unknown.",
      );
    }
    return new Date(when);
  },
} satisfies CustomMethods<ServerTimeCustomMethods>;
