/** `timeline`: prints a timeline (home, local, public, a hashtag or a list), newest first. */
import type { Status } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import { type Command, noMorePositionals, positiveInt } from "../command.js";
import {
  CREDENTIAL_HELP,
  CREDENTIAL_OPTIONS,
  type CredentialFlags,
  resolveCredentials,
} from "../credentials.js";
import { usageError } from "../exit-codes.js";
import { statusLines } from "../format.js";
import { withClient } from "../session.js";

const MAX_LIMIT = 40;

/** Reads the timeline named on the command line. */
function readTimeline(
  api: Mastodon,
  kind: string,
  arg: string | undefined,
  limit: number | undefined,
): Promise<Status[]> {
  const options = limit === undefined ? {} : { limit };
  switch (kind) {
    case "home":
      return api.timelineHome(options);
    case "local":
      return api.timelineLocal(options);
    case "public":
      return api.timelinePublic(options);
    case "tag":
    case "hashtag":
      return api.timelineHashtag(arg?.replace(/^#/, "") ?? "", options);
    case "list":
      return api.timelineList(arg ?? "", options);
    default: // "link"; run() has refused any other kind
      return api.timelineLink(arg ?? "", options);
  }
}

const NEEDS_ARGUMENT: Record<string, string> = {
  tag: "the hashtag: mastodon-ts timeline tag caturday",
  hashtag: "the hashtag: mastodon-ts timeline tag caturday",
  list: "the list's id: mastodon-ts timeline list 42",
  link: "the trending link's URL: mastodon-ts timeline link https://example.com/article",
};

export const timelineCommand: Command = {
  name: "timeline",
  summary: "show a timeline: home, local, public, tag NAME, list ID, link URL",
  credentials: true,
  options: { ...CREDENTIAL_OPTIONS, limit: { type: "string" } },
  help: `Usage: mastodon-ts timeline [home | local | public | tag NAME | list ID | link URL] [--limit N]

Prints the newest statuses of a timeline (default: home), newest first.

  --limit N   how many statuses (1-${MAX_LIMIT}; the server's default is 20)

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    const [kind = "home", arg] = positionals;
    const needs = NEEDS_ARGUMENT[kind];
    noMorePositionals("timeline", positionals, needs ? 2 : 1);
    if (needs && !arg) throw usageError(`timeline ${kind} needs ${needs}`);
    if (!needs && !["home", "local", "public"].includes(kind)) {
      throw usageError(`Unknown timeline "${kind}"; use home, local, public, tag NAME, list ID or link URL.`);
    }
    const limit = positiveInt(values, "limit", MAX_LIMIT);
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    const statuses = await withClient(creds, values, (api) => readTimeline(api, kind, arg, limit));
    ctx.io.result(statuses, () =>
      statuses.length === 0
        ? ["(no statuses)"]
        : statuses.flatMap((status) => [...statusLines(status, creds.api_base_url), ""]),
    );
  },
};
