/**
 * oEmbed: the HTML that embeds one of this server's statuses in another web page.
 * Docs: https://docs.joinmastodon.org/methods/oembed/
 */
import type { CustomMethods } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalInteger, requireOptions, requireString, without } from "../validate.js";

/**
 * The oEmbed answer for a status (an oEmbed "rich" response). No entity for it exists in
 * Mastodon.py or the generated ones, so it is described here.
 * @see https://docs.joinmastodon.org/methods/oembed/#get
 */
export interface OEmbed {
  /** Always "rich" for Mastodon statuses. */
  type: string;
  /** The oEmbed version, "1.0". */
  version: string;
  /** A title for the embed, such as "New status by trwnh". */
  title: string;
  /** The author's display name (their username when they have none). */
  author_name: string;
  /** The author's profile page, such as "https://mastodon.social/@trwnh". */
  author_url: string;
  /** The server's domain, such as "mastodon.social". */
  provider_name: string;
  /** The server's home page, such as "https://mastodon.social/". */
  provider_url: string;
  /** How long the answer may be cached, in seconds. */
  cache_age: number;
  /** The iframe (and script) to paste into a page. */
  html: string;
  /** The iframe's width in pixels: `maxwidth`, or 400 when it was not given. */
  width: number;
  /** The iframe's height in pixels: `maxheight`, or null when it was not given (the iframe sizes itself). */
  height: number | null;
}

/**
 * Options of oembed: the size of the iframe. A value that is not a whole number of at least 1 throws
 * MastodonIllegalArgumentError before any request.
 */
export interface OembedOptions {
  /** Width of the iframe in pixels (the server's default: 400). */
  maxwidth?: number | undefined;
  /** Height of the iframe in pixels (default: none, the iframe sizes itself). */
  maxheight?: number | undefined;
}

const OEMBED: EndpointSpec = {
  route: "GET /api/oembed",
  since: "1.0.0",
  anonymous: true,
  docs: "methods/oembed/#get",
};

export interface OembedCustomMethods {
  /**
   * The oEmbed description of a status of this server, given by its URL: mainly the HTML that
   * embeds it in a web page. Public, no token needed; 404 (MastodonNotFoundError) for a URL that
   * is not a public status here. Mastodon 1.0.0; not in Mastodon.py.
   * https://docs.joinmastodon.org/methods/oembed/#get
   */
  oembed: { args: [url: string]; options: OembedOptions; result: OEmbed };
}

export const oembedCustom = {
  async oembed(url, options) {
    const method = "oembed";
    const checkedUrl = requireString(method, "url", url);
    requireOptions(method, options);
    // Other keys go to the server as they are, as in the other methods.
    const params: Record<string, unknown> = { ...without(options, "maxwidth", "maxheight"), url: checkedUrl };
    const maxwidth = optionalInteger(method, "maxwidth", options?.maxwidth, 1);
    if (maxwidth !== undefined) params.maxwidth = maxwidth;
    const maxheight = optionalInteger(method, "maxheight", options?.maxheight, 1);
    if (maxheight !== undefined) params.maxheight = maxheight;
    return (await this[INTERNAL].call(method, OEMBED, [params])) as OEmbed;
  },
} satisfies CustomMethods<OembedCustomMethods>;
