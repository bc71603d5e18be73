/**
 * Conversations: the direct-message threads of the logged-in user, each with its participants and
 * latest status. Docs: https://docs.joinmastodon.org/methods/conversations/
 */
import type { Conversation } from "../../entities/index.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";

export interface ConversationEndpointMethods {
  /**
   * Your direct-message conversations, most recently active first; paginated.
   * Mastodon 2.6.0. https://docs.joinmastodon.org/methods/conversations/#get
   */
  conversations: { args: []; options: PageOptions; result: Conversation[] };
  /**
   * Marks a conversation as read; answers it with `unread: false`.
   * Mastodon 2.6.0. https://docs.joinmastodon.org/methods/conversations/#read
   */
  conversationsRead: { args: [id: IdLike]; options: NoOptions; result: Conversation };
  /**
   * Marks a conversation as unread again; answers it with `unread: true`. Not in Mastodon.py; not
   * yet on the documentation page (added by mastodon/mastodon#25509).
   * Mastodon 4.2.0. https://docs.joinmastodon.org/methods/conversations/
   */
  conversationsUnread: { args: [id: IdLike]; options: NoOptions; result: Conversation };
  /**
   * Removes a conversation from your list. Its statuses stay; a new message brings it back.
   * Not in Mastodon.py. Mastodon 2.6.0. https://docs.joinmastodon.org/methods/conversations/#delete
   */
  conversationsDelete: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

export const conversationEndpoints = {
  conversations: {
    route: "GET /api/v1/conversations",
    since: "2.6.0",
    changed: "2.6.0",
    docs: "methods/conversations/#get",
  },
  conversationsRead: {
    route: "POST /api/v1/conversations/:id/read",
    since: "2.6.0",
    changed: "2.6.0",
    docs: "methods/conversations/#read",
  },
  conversationsUnread: {
    route: "POST /api/v1/conversations/:id/unread",
    since: "4.2.0",
    changed: "4.2.0",
    docs: "methods/conversations/",
  },
  conversationsDelete: {
    route: "DELETE /api/v1/conversations/:id",
    since: "2.6.0",
    changed: "2.6.0",
    docs: "methods/conversations/#delete",
  },
} as const satisfies EndpointTable<ConversationEndpointMethods>;
