/**
 * Statuses: reading single statuses and what hangs off them (thread, boosters, favouriters, edit
 * history, source, translation), and deleting. Posting is hand-written (../status-post.ts) because it
 * makes an idempotency key and validates its parameters.
 * Docs: https://docs.joinmastodon.org/methods/statuses/
 */

import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { compareVersions, parseRequiredVersion } from "../../core/versions.js";
import type {
  Account,
  Context,
  PreviewCard,
  Status,
  StatusEdit,
  StatusSource,
  Translation,
} from "../../entities/index.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requestRemembered } from "../pagination.js";
import { idList, requireId, requireOptions } from "../validate.js";

/** What deleting answers: the status with its source `text` (for delete-and-redraft) instead of `content`. */
export type DeletedStatus = Omit<Status, "content"> & {
  /** The status as its author wrote it (plain text, not HTML), to fill the compose box again. */
  text: string | null;
};

/** Options of statusTranslate (Mastodon 4.0.0). */
export interface StatusTranslateOptions {
  /** ISO 639 code of the language to translate into; default the user's interface language. */
  lang?: string | undefined;
}

export interface StatusEndpointMethods {
  /**
   * One status by id. Public statuses need no token (since Mastodon 2.7.0).
   * Mastodon 1.0.0, last changed 2.0.0. https://docs.joinmastodon.org/methods/statuses/#get
   */
  status: { args: [id: IdLike]; options: NoOptions; result: Status };
  /**
   * The accounts that boosted a status. Your own boost of a private status is not listed.
   * Mastodon 1.0.0, last changed 2.1.0. https://docs.joinmastodon.org/methods/statuses/#reblogged_by
   */
  statusRebloggedBy: { args: [id: IdLike]; options: NoOptions; result: Account[] };
  /**
   * The accounts that favourited a status.
   * Mastodon 1.0.0, last changed 2.1.0. https://docs.joinmastodon.org/methods/statuses/#favourited_by
   */
  statusFavouritedBy: { args: [id: IdLike]; options: NoOptions; result: Account[] };
  /**
   * Every version of an edited status, oldest (the original) first: a status edited once has two
   * entries. Mastodon 3.5.0. https://docs.joinmastodon.org/methods/statuses/#history
   */
  statusHistory: { args: [id: IdLike]; options: NoOptions; result: StatusEdit[] };
  /**
   * The plain source of your own status (`text`, `spoiler_text`), as needed to edit it without
   * losing what the HTML rendering dropped. Mastodon 3.5.0.
   * https://docs.joinmastodon.org/methods/statuses/#source
   */
  statusSource: { args: [id: IdLike]; options: NoOptions; result: StatusSource };
  /**
   * Deletes a status; the result carries its source text (and poll or media) for delete-and-redraft.
   * `delete_media` (Mastodon 4.4) deletes the attached media at once instead of keeping them a while,
   * so they cannot be reused. Mastodon 1.0.0. https://docs.joinmastodon.org/methods/statuses/#delete
   */
  statusDelete: {
    args: [id: IdLike];
    options: { delete_media?: boolean | undefined };
    result: DeletedStatus;
  };
  /**
   * Machine-translates a status's text, content warning, poll options and media descriptions.
   * Fails with an API error when the server has no translation service or cannot translate that
   * language pair. Mastodon 4.0.0. https://docs.joinmastodon.org/methods/statuses/#translate
   */
  statusTranslate: { args: [id: IdLike]; options: StatusTranslateOptions; result: Translation };
}

export const statusEndpoints = {
  status: {
    route: "GET /api/v1/statuses/:id",
    since: "1.0.0",
    changed: "2.0.0",
    anonymous: true,
    docs: "methods/statuses/#get",
  },
  statusRebloggedBy: {
    route: "GET /api/v1/statuses/:id/reblogged_by",
    since: "1.0.0",
    changed: "2.1.0",
    anonymous: true,
    docs: "methods/statuses/#reblogged_by",
  },
  statusFavouritedBy: {
    route: "GET /api/v1/statuses/:id/favourited_by",
    since: "1.0.0",
    changed: "2.1.0",
    anonymous: true,
    docs: "methods/statuses/#favourited_by",
  },
  statusHistory: {
    route: "GET /api/v1/statuses/:id/history",
    since: "3.5.0",
    changed: "3.5.0",
    anonymous: true,
    docs: "methods/statuses/#history",
  },
  statusSource: {
    route: "GET /api/v1/statuses/:id/source",
    since: "3.5.0",
    changed: "3.5.0",
    docs: "methods/statuses/#source",
  },
  statusDelete: {
    route: "DELETE /api/v1/statuses/:id",
    since: "1.0.0",
    changed: "1.0.0",
    docs: "methods/statuses/#delete",
  },
  statusTranslate: {
    route: "POST /api/v1/statuses/:id/translate",
    since: "4.0.0",
    changed: "4.0.0",
    docs: "methods/statuses/#translate",
  },
} as const satisfies EndpointTable<StatusEndpointMethods>;

export interface StatusReadCustomMethods {
  /**
   * Several statuses in one request, by id (entities accepted). Statuses that do not exist or that
   * you may not see are left out, so the result may be shorter than the list.
   * Mastodon 4.3.0. https://docs.joinmastodon.org/methods/statuses/#index
   */
  statuses: { args: [ids: readonly IdLike[]]; options: NoOptions; result: Status[] };
  /**
   * The link preview card of a status, or null when it has none. The card endpoint was removed in
   * Mastodon 3.0; as Mastodon.py does, this reads the `card` of the status instead (older servers
   * are asked the old endpoint). Mastodon 1.0.0, last changed 3.0.0.
   * https://docs.joinmastodon.org/methods/statuses/#card
   */
  statusCard: { args: [id: IdLike]; options: NoOptions; result: PreviewCard | null };
  /**
   * The statuses in a thread around one status: `ancestors` (what it replies to, up the chain) and
   * `descendants` (the replies below it). Anonymous callers get a shortened thread (Mastodon 4.0).
   * While the server is still fetching replies from other servers (Mastodon 4.5), the result
   * remembers its Mastodon-Async-Refresh hint: awaitAsyncRefresh(context) gives the fuller thread.
   * Mastodon 1.0.0. https://docs.joinmastodon.org/methods/statuses/#context
   */
  statusContext: { args: [id: IdLike]; options: NoOptions; result: Context };
}

/** The version that removed GET /api/v1/statuses/:id/card (the card is inlined in the status). */
const CARD_ENDPOINT_REMOVED = parseRequiredVersion("3.0.0");

export const statusReadCustom = {
  async statuses(ids, options) {
    const name = "statuses";
    requireOptions(name, options);
    if (!Array.isArray(ids)) {
      throw new MastodonIllegalArgumentError(`${name}(): ids must be a list of status ids or statuses.`);
    }
    const list = idList(name, "ids", ids);
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "4.3.0", "4.3.0");
    return (await internal.get("/api/v1/statuses", { id: list })) as Status[];
  },

  async statusContext(id, options) {
    const name = "statusContext";
    requireOptions(name, options);
    const statusId = requireId(name, "id", id);
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "1.0.0", "1.0.0");
    return (await requestRemembered(internal, {
      method: "GET",
      path: `/api/v1/statuses/${encodeURIComponent(statusId)}/context`,
      params: {},
    })) as Context;
  },

  async statusCard(id, options) {
    const name = "statusCard";
    requireOptions(name, options);
    const statusId = requireId(name, "id", id);
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "1.0.0", "3.0.0");
    const version = await internal.serverVersion();
    // Only a Mastodon API level can be compared (a fork's own version number says nothing here).
    if (version?.comparable && compareVersions(version, CARD_ENDPOINT_REMOVED) < 0) {
      const { data } = await internal.request<PreviewCard | null>({
        method: "GET",
        path: `/api/v1/statuses/${encodeURIComponent(statusId)}/card`,
      });
      // The old endpoint answered `{}` for a status without a card.
      return data && Object.keys(data).length > 0 ? data : null;
    }
    return (await this.status(statusId)).card ?? null;
  },
} satisfies CustomMethods<StatusReadCustomMethods>;
