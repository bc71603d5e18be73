/**
 * The server's custom emojis. Docs: https://docs.joinmastodon.org/methods/custom_emojis/
 */
import type { CustomEmoji } from "../../entities/index.js";
import type { EndpointTable, NoOptions } from "../define.js";

export interface EmojiEndpointMethods {
  /** The custom emojis the server offers, with their images and categories (Mastodon 2.1.0). */
  customEmojis: { args: []; options: NoOptions; result: CustomEmoji[] };
}

export const emojiEndpoints = {
  customEmojis: {
    route: "GET /api/v1/custom_emojis",
    since: "2.1.0",
    anonymous: true,
    docs: "methods/custom_emojis/#get",
  },
} as const satisfies EndpointTable<EmojiEndpointMethods>;
