/**
 * Quote posts (Mastodon 4.5): listing the quotes of a status, revoking one, and changing who may
 * quote a status. Quoting itself is statusPost's `quoted_status_id`.
 * Docs: https://docs.joinmastodon.org/methods/statuses/#quotes
 */
import type { Status } from "../../entities/index.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalOneOf, requireId, requireOneOf, requireOptions } from "../validate.js";
import { QUOTE_APPROVAL_POLICIES } from "./constants.js";

/**
 * Who may quote a status: anyone ("public"), followers and the author ("followers"), or only the
 * author ("nobody"). Private and direct statuses are always "nobody".
 */
export type QuoteApprovalPolicy = "public" | "followers" | "nobody";

/** Checks an optional quote_approval_policy option; undefined when not given. */
export function checkQuoteApprovalPolicy(method: string, value: unknown): QuoteApprovalPolicy | undefined {
  return optionalOneOf(method, "quote_approval_policy", value, QUOTE_APPROVAL_POLICIES);
}

/** Mastodon pages quotes with max_id and since_id only. */
export type StatusQuotesOptions = Omit<PageOptions, "min_id">;

export interface QuoteEndpointMethods {
  /**
   * The statuses that quote one of your statuses, newest first; paginated.
   * Mastodon 4.5.0. https://docs.joinmastodon.org/methods/statuses/#quotes
   */
  statusQuotes: { args: [id: IdLike]; options: StatusQuotesOptions; result: Status[] };
  /**
   * Withdraws your approval of a status (`quoting_status_id`) that quotes your status `id`. Answers
   * the quoting status, its quote now `revoked`. Past quotes stay until revoked this way.
   * Mastodon 4.5.0. https://docs.joinmastodon.org/methods/statuses/#revoke_quote
   */
  statusQuoteRevoke: { args: [id: IdLike, quoting_status_id: IdLike]; options: NoOptions; result: Status };
}

export const quoteEndpoints = {
  statusQuotes: {
    route: "GET /api/v1/statuses/:id/quotes",
    since: "4.5.0",
    changed: "4.5.0",
    docs: "methods/statuses/#quotes",
  },
  statusQuoteRevoke: {
    route: "POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke",
    since: "4.5.0",
    changed: "4.5.0",
    docs: "methods/statuses/#revoke_quote",
  },
} as const satisfies EndpointTable<QuoteEndpointMethods>;

export interface QuoteCustomMethods {
  /**
   * Changes who may quote one of your statuses, without editing it: "public", "followers" or
   * "nobody". Existing quotes are not affected (see statusQuoteRevoke). Answers the status.
   * Mastodon 4.5.0. https://docs.joinmastodon.org/methods/statuses/#edit_interaction_policy
   */
  statusUpdateQuoteApprovalPolicy: {
    args: [id: IdLike, quote_approval_policy: QuoteApprovalPolicy | (string & {})];
    options: NoOptions;
    result: Status;
  };
}

const INTERACTION_POLICY: EndpointSpec = {
  route: "PUT /api/v1/statuses/:id/interaction_policy",
  since: "4.5.0",
  changed: "4.5.0",
  docs: "methods/statuses/#edit_interaction_policy",
};

export const quoteCustom = {
  async statusUpdateQuoteApprovalPolicy(id, quote_approval_policy, options) {
    const name = "statusUpdateQuoteApprovalPolicy";
    requireOptions(name, options);
    const statusId = requireId(name, "id", id);
    const policy = requireOneOf(
      name,
      "quote_approval_policy",
      quote_approval_policy,
      QUOTE_APPROVAL_POLICIES,
    );
    return (await this[INTERNAL].call(name, INTERACTION_POLICY, [
      statusId,
      { quote_approval_policy: policy },
    ])) as Status;
  },
} satisfies CustomMethods<QuoteCustomMethods>;
