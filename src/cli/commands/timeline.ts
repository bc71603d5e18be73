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

/** The library method a timeline is read with, and its arguments. */
function timelineCall(kind: string, arg: string | undefined, limit: number | undefined): [string, unknown[]] {
  const options = limit === undefined ? {} : { limit };
  switch (kind) {
    case "home":
      return ["timelineHome", [options]];
    case "local":
      return ["timelineLocal", [options]];
    case "public":
      return ["timelinePublic", [options]];
    case "tag":
    case "hashtag":
      if (!arg) throw usageError("timeline tag needs the hashtag: mastodon-ts timeline tag caturday");
      return ["timelineHashtag", [arg.replace(/^#/, ""), options]];
    case "list":
      if (!arg) throw usageError("timeline list needs the list's id: mastodon-ts timeline list 42");
      return ["timelineList", [arg, options]];
    default:
      throw usageError(`Unknown timeline "${kind}"; use home, local, public, tag NAME or list ID.`);
  }
}

async function read(api: Mastodon, method: string, args: unknown[]): Promise<Status[]> {
  const fn = (api as unknown as Record<string, unknown>)[method];
  if (typeof fn !== "function") throw usageError(`This build of mastodon-ts has no ${method} yet.`);
  return (await fn.apply(api, args)) as Status[];
}

export const timelineCommand: Command = {
  name: "timeline",
  summary: "show a timeline: home, local, public, tag NAME, list ID",
  credentials: true,
  options: { ...CREDENTIAL_OPTIONS, limit: { type: "string" } },
  help: `Usage: mastodon-ts timeline [home | local | public | tag NAME | list ID] [--limit N]

Prints the newest statuses of a timeline (default: home), newest first.

  --limit N   how many statuses (1-${MAX_LIMIT}; the server's default is 20)

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    const [kind = "home", arg] = positionals;
    noMorePositionals(
      "timeline",
      positionals,
      kind === "tag" || kind === "hashtag" || kind === "list" ? 2 : 1,
    );
    const limit = positiveInt(values, "limit", MAX_LIMIT);
    const [method, args] = timelineCall(kind, arg, limit);
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    const statuses = await withClient(creds, values, (api) => read(api, method, args));
    ctx.io.result(statuses, () =>
      statuses.length === 0
        ? ["(no statuses)"]
        : statuses.flatMap((status) => [...statusLines(status, creds.api_base_url), ""]),
    );
  },
};
