/**
 * Replying as people do in a Mastodon app: the reply mentions the author and everyone the status
 * mentioned (except yourself), and keeps the status's visibility and content warning unless told
 * otherwise. Mastodon.py's status_reply.
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Account, ScheduledStatus, Status, StatusMention } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { CustomMethods } from "../define.js";
import type { IdLike } from "../endpoint.js";
import type { StatusPostOptions } from "../status-post.js";
import { optionalBoolean, requireOptions } from "../validate.js";

/**
 * Options of statusReply: statusPost's (but in_reply_to_id, which is the status replied to), plus
 * `untag`. visibility and spoiler_text default to those of the status replied to. Checked as
 * statusPost's are, before anything is sent.
 */
export interface StatusReplyOptions extends Omit<StatusPostOptions, "in_reply_to_id"> {
  /** Mention only the author, not the others the status mentioned (default false). */
  untag?: boolean | undefined;
}

/** The parts of a status a reply needs. */
export type ReplyTarget = Pick<Status, "id" | "account" | "mentions"> &
  Partial<Pick<Status, "visibility" | "spoiler_text" | "reblog">>;

export interface StatusReplyCustomMethods {
  /**
   * Replies to a status: prefixes the text with "@author" and the other accounts it mentions
   * (without you, and without them when `untag` is set), and keeps its visibility and content
   * warning unless the options say otherwise; everything else as statusPost. `to_status` is best
   * the Status itself; given an id, the status is fetched first. A boost is answered as the status
   * it boosts. Resolves to the new Status (a ScheduledStatus with `scheduled_at`).
   * Mastodon 1.0.0, last changed 4.5.0. https://docs.joinmastodon.org/methods/statuses/#create
   */
  statusReply: {
    args: [to_status: ReplyTarget | IdLike, status: string];
    options: StatusReplyOptions;
    result: Status | ScheduledStatus;
    signature: {
      (
        to_status: ReplyTarget | IdLike,
        status: string,
        options: StatusReplyOptions & { scheduled_at: Date | string },
      ): Promise<ScheduledStatus>;
      (
        to_status: ReplyTarget | IdLike,
        status: string,
        options?: StatusReplyOptions & { scheduled_at?: undefined },
      ): Promise<Status>;
      (
        to_status: ReplyTarget | IdLike,
        status: string,
        options?: StatusReplyOptions,
      ): Promise<Status | ScheduledStatus>;
    };
  };
}

// Who is logged in, per client and token, so that a bot's replies cost one look-up, not one each.
const loggedIn = new WeakMap<object, { token: string | undefined; id: Promise<string> }>();

function loggedInId(client: Mastodon): Promise<string> {
  const token = client.accessToken;
  const known = loggedIn.get(client);
  if (known && known.token === token) return known.id;
  const id = client.accountVerifyCredentials().then((me: Account) => me.id);
  loggedIn.set(client, { token, id });
  id.catch(() => loggedIn.delete(client));
  return id;
}

export const statusReplyCustom = {
  async statusReply(to_status, status, options = {}) {
    const name = "statusReply";
    requireOptions(name, options);
    if (typeof status !== "string") {
      throw new MastodonIllegalArgumentError(`${name}(): status (the reply's text) must be a string.`);
    }
    if ("in_reply_to_id" in options) {
      throw new MastodonIllegalArgumentError(
        `${name}(): in_reply_to_id is to_status; to reply to another status, pass that one instead.`,
      );
    }
    const { untag, ...postOptions } = options;
    optionalBoolean(name, "untag", untag);
    let target =
      typeof to_status === "object" && to_status !== null && "account" in to_status ? to_status : undefined;
    if (target === undefined) {
      if (typeof to_status === "object" && to_status !== null && !("id" in to_status)) {
        throw new MastodonIllegalArgumentError(`${name}(): to_status must be a status (or a status id).`);
      }
      target = await this.status(to_status as IdLike);
    }
    // Replying to a boost means replying to what was boosted, not to the booster's wrapper.
    if (target.reblog) target = target.reblog;
    const author = target.account;
    if (!author || typeof author.acct !== "string" || !Array.isArray(target.mentions)) {
      throw new MastodonIllegalArgumentError(
        `${name}(): to_status must be a status with an account and mentions (as the server returns it).`,
      );
    }
    const myId = await loggedInId(this);
    const mentioned = new Map<string, string>([[author.id, author.acct]]);
    if (!untag) {
      for (const account of target.mentions as StatusMention[]) {
        if (account.id !== myId && !mentioned.has(account.id)) mentioned.set(account.id, account.acct);
      }
    }
    // The author is always mentioned, even in a reply to yourself (a thread), as Mastodon.py does.
    const text = `${[...mentioned.values()].map((acct) => `@${acct}`).join(" ")} ${status}`;
    const post: StatusPostOptions = { ...postOptions, in_reply_to_id: target.id };
    if (post.visibility == null && target.visibility != null) post.visibility = target.visibility;
    if (post.spoiler_text == null && target.spoiler_text != null) post.spoiler_text = target.spoiler_text;
    return this.statusPost(text, post);
  },
} satisfies CustomMethods<StatusReplyCustomMethods>;
