/**
 * Polls: reading one, voting, and building the `poll` parameter of statusPost / statusUpdate.
 * Docs: https://docs.joinmastodon.org/methods/polls/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { FeatureSet } from "../../core/options.js";
import type { Poll } from "../../entities/index.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireId, requireOptions } from "../validate.js";

/** The `poll` parameter of a new or edited status (what makePoll builds). */
export interface PollParams {
  /** The choices, in order. Mastodon takes 2 to 4 of them, each up to 50 characters. */
  options: string[];
  /** Seconds until the poll closes (Mastodon: 5 minutes to a month). */
  expires_in: number;
  /** Whether a voter may pick several choices (default false). */
  multiple?: boolean | undefined;
  /** Whether the counts stay hidden until the poll closes (default false). */
  hide_totals?: boolean | undefined;
}

/** How many choices stock Mastodon allows in a poll (its PollValidator). */
export const MAX_POLL_OPTIONS = 4;

/**
 * Checks a poll before it is sent. The choice limit is Mastodon's own; other feature sets (Pleroma
 * and Fedibird servers allow more) are left to the server.
 */
export function checkPoll(method: string, poll: unknown, featureSet: FeatureSet): PollParams {
  const where = `${method}(): poll`;
  if (poll === null || typeof poll !== "object" || Array.isArray(poll)) {
    throw new MastodonIllegalArgumentError(
      `${where} must be an object such as makePoll() builds: { options, expires_in, multiple?, hide_totals? }.`,
    );
  }
  const { options, expires_in, multiple, hide_totals, ...rest } = poll as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new MastodonIllegalArgumentError(
      `${where} has unknown key(s) ${unknown.join(", ")}; allowed: options, expires_in, multiple, hide_totals.`,
    );
  }
  if (!Array.isArray(options) || options.some((o) => typeof o !== "string" || o.trim() === "")) {
    throw new MastodonIllegalArgumentError(`${where}.options must be a list of non-empty strings.`);
  }
  if (options.length < 2) {
    throw new MastodonIllegalArgumentError(
      `${where}.options needs at least 2 choices; got ${options.length}.`,
    );
  }
  if (featureSet === "mainline" && options.length > MAX_POLL_OPTIONS) {
    throw new MastodonIllegalArgumentError(
      `${where}.options has ${options.length} choices; Mastodon allows at most ${MAX_POLL_OPTIONS}.`,
    );
  }
  if (typeof expires_in !== "number" || !Number.isInteger(expires_in) || expires_in < 1) {
    throw new MastodonIllegalArgumentError(
      `${where}.expires_in must be a whole number of seconds (at least 300 on Mastodon); got ${String(expires_in)}.`,
    );
  }
  for (const [key, value] of [
    ["multiple", multiple],
    ["hide_totals", hide_totals],
  ] as const) {
    if (value !== undefined && value !== null && typeof value !== "boolean") {
      throw new MastodonIllegalArgumentError(`${where}.${key} must be true or false; got ${String(value)}.`);
    }
  }
  const out: PollParams = { options: [...options], expires_in };
  if (typeof multiple === "boolean") out.multiple = multiple;
  if (typeof hide_totals === "boolean") out.hide_totals = hide_totals;
  return out;
}

export interface PollEndpointMethods {
  /**
   * A poll by id, with its current counts. Public when its status is public.
   * Mastodon 2.8.0. https://docs.joinmastodon.org/methods/polls/#get
   */
  poll: { args: [id: IdLike]; options: NoOptions; result: Poll };
}

export const pollEndpoints = {
  poll: {
    route: "GET /api/v1/polls/:id",
    since: "2.8.0",
    changed: "2.8.0",
    anonymous: true,
    docs: "methods/polls/#get",
  },
} as const satisfies EndpointTable<PollEndpointMethods>;

/** Options of makePoll; both default to false and are always in the poll it builds. */
export interface MakePollOptions {
  /** Let a voter pick several choices. */
  multiple?: boolean | undefined;
  /** Hide the vote counts until the poll closes. */
  hide_totals?: boolean | undefined;
}

export interface PollCustomMethods {
  /**
   * Votes in a poll. `choices` is the index of a choice in the poll's `options` (from 0), or a list
   * of indices for a poll with `multiple`. Pass the Poll itself (not just its id) to have the
   * indices and their number checked against it before anything is sent. Answers the updated poll.
   * Mastodon 2.8.0. https://docs.joinmastodon.org/methods/polls/#vote
   */
  pollVote: {
    args: [id: IdLike | Poll, choices: number | readonly number[]];
    options: NoOptions;
    result: Poll;
  };
  /**
   * Builds the `poll` parameter for statusPost / statusUpdate, checked: 2 to 4 choices (Mastodon's
   * limit), `expires_in` in seconds. No request is sent. Mastodon 2.8.0.
   * https://docs.joinmastodon.org/methods/statuses/#create
   */
  makePoll: {
    sync: true;
    args: [options: readonly string[], expires_in: number];
    options: MakePollOptions;
    result: Required<PollParams>;
  };
}

const VOTE: EndpointSpec = {
  route: "POST /api/v1/polls/:id/votes",
  since: "2.8.0",
  changed: "2.8.0",
  docs: "methods/polls/#vote",
};

export const pollCustom = {
  async pollVote(id, choices, options) {
    const name = "pollVote";
    requireOptions(name, options);
    if (typeof id === "object" && id !== null && "account" in id && "poll" in id) {
      // A status's id is not its poll's id: voting with it would hit another poll or none.
      throw new MastodonIllegalArgumentError(
        `${name}(): id must be the poll (status.poll) or its id, not the status that carries it.`,
      );
    }
    const pollId = requireId(name, "id", id);
    const list = checkChoices(name, choices, typeof id === "object" ? (id as Partial<Poll>) : undefined);
    return (await this[INTERNAL].call(name, VOTE, [pollId, { choices: list }])) as Poll;
  },

  makePoll(options, expires_in, extra = {}) {
    requireOptions("makePoll", extra);
    const poll = checkPoll(
      "makePoll",
      { options, expires_in, multiple: extra.multiple ?? false, hide_totals: extra.hide_totals ?? false },
      this[INTERNAL].featureSet,
    );
    return {
      options: poll.options,
      expires_in: poll.expires_in,
      multiple: poll.multiple ?? false,
      hide_totals: poll.hide_totals ?? false,
    };
  },
} satisfies CustomMethods<PollCustomMethods>;

/** Choice indices as a list; checked against the poll when the caller passed the Poll itself. */
function checkChoices(method: string, choices: unknown, poll: Partial<Poll> | undefined): number[] {
  const list = Array.isArray(choices) ? choices : [choices];
  if (list.length === 0 || list.some((c) => typeof c !== "number" || !Number.isInteger(c) || c < 0)) {
    throw new MastodonIllegalArgumentError(
      `${method}(): choices must be the index of a choice (a whole number from 0) or a non-empty list of them; got ${describe(choices)}.`,
    );
  }
  const indices = list as number[];
  if (new Set(indices).size !== indices.length) {
    throw new MastodonIllegalArgumentError(`${method}(): choices lists the same choice twice.`);
  }
  if (poll && Array.isArray(poll.options)) {
    const count = poll.options.length;
    const outside = indices.filter((c) => c >= count);
    if (outside.length > 0) {
      throw new MastodonIllegalArgumentError(
        `${method}(): the poll has ${count} choices (indices 0 to ${count - 1}); got ${outside.join(", ")}.`,
      );
    }
  }
  if (poll && poll.multiple === false && indices.length > 1) {
    throw new MastodonIllegalArgumentError(
      `${method}(): this poll takes a single choice; got ${indices.length}.`,
    );
  }
  return indices;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v) ?? String(v)).join(", ")}]`;
  return JSON.stringify(value) ?? String(value);
}
