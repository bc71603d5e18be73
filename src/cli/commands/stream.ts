/**
 * `stream`: prints a stream's events as they arrive (one JSON object per line with --json), until
 * Ctrl-C or --count events. Reconnects after a dropped connection; a stream that cannot be opened
 * at all (unreachable, token refused) fails at once with its exit code.
 */
import { MastodonError } from "../../core/errors.js";
import type { Mastodon } from "../../mastodon.js";
import type { StreamEvent } from "../../streaming/events.js";
import type { StreamHandle, StreamOptions, StreamTransport } from "../../streaming/handle.js";
import type { StreamListener } from "../../streaming/listener.js";
import { type Command, type Context, noMorePositionals, positiveInt, str } from "../command.js";
import {
  CREDENTIAL_HELP,
  CREDENTIAL_OPTIONS,
  type CredentialFlags,
  resolveCredentials,
} from "../credentials.js";
import { usageError } from "../exit-codes.js";
import { handle as accountHandle, htmlToText, statusLines } from "../format.js";
import { withClient } from "../session.js";

const TRANSPORTS: readonly StreamTransport[] = ["auto", "websocket", "sse"];

const NEEDS_ARGUMENT: Record<string, string> = {
  tag: "the hashtag: mastodon-ts stream tag caturday",
  hashtag: "the hashtag: mastodon-ts stream tag caturday",
  list: "the list's id: mastodon-ts stream list 42",
};
const KINDS = [
  "user",
  "notifications",
  "public",
  "local",
  "remote",
  "direct",
  ...Object.keys(NEEDS_ARGUMENT),
];

function open(
  api: Mastodon,
  kind: string,
  arg: string,
  listener: StreamListener,
  options: StreamOptions,
): StreamHandle {
  switch (kind) {
    case "user":
      return api.streamUser(listener, options);
    case "notifications":
      return api.streamUserNotification(listener, options);
    case "public":
      return api.streamPublic(listener, options);
    case "local":
      return api.streamLocal(listener, options);
    case "remote":
      return api.streamPublic(listener, { ...options, remote: true });
    case "direct":
      return api.streamDirect(listener, options);
    case "tag":
    case "hashtag":
      return api.streamHashtag(arg.replace(/^#/, ""), listener, options);
    default:
      return api.streamList(arg, listener, options);
  }
}

/** One event as text lines. */
function eventLines(event: StreamEvent, apiBaseUrl: string): string[] {
  switch (event.event) {
    case "update":
    case "status.update": {
      const [first = "", ...rest] = statusLines(event.payload, apiBaseUrl);
      return [`[${event.event === "update" ? "new" : "edited"}] ${first}`, ...rest];
    }
    case "delete":
      return [`[deleted] status ${event.payload}`];
    case "notification": {
      const n = event.payload;
      const text = n.status ? `: ${htmlToText(n.status.content ?? "").split("\n")[0]}` : "";
      return [`[notification] ${n.type} from ${accountHandle(n.account, apiBaseUrl)}${text}`];
    }
    case "conversation": {
      const last = event.payload.last_status;
      return [`[conversation] ${last ? htmlToText(last.content ?? "").split("\n")[0] : event.payload.id}`];
    }
    case "malformed":
      return [`[malformed ${event.name}] ${event.error.message}`];
    default:
      return [`[${event.event}]${"payload" in event ? ` ${JSON.stringify(event.payload)}` : ""}`];
  }
}

export const streamCommand: Command = {
  name: "stream",
  summary: "print a stream's events as they arrive: user, public, local, tag NAME, list ID, ...",
  credentials: true,
  options: { ...CREDENTIAL_OPTIONS, count: { type: "string" }, transport: { type: "string" } },
  help: `Usage: mastodon-ts stream [user | notifications | public | local | remote | direct | tag NAME | list ID]
                          [--count N] [--transport auto|websocket|sse] [--json]

Prints events from a stream (default: user, the home timeline and notifications) as they arrive,
until Ctrl-C or N events. With --json, each event is one line of JSON: {"event", "stream", "payload"}.
A dropped connection is re-established (noted on stderr); a stream that cannot be opened at all
fails at once (exit code 4 unreachable, 3 token refused).

  --count N        stop after N events
  --transport T    auto (default: WebSocket when available, else server-sent events), websocket, sse

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    const [kind = "user", arg = ""] = positionals;
    const needs = NEEDS_ARGUMENT[kind];
    noMorePositionals("stream", positionals, needs ? 2 : 1);
    if (!KINDS.includes(kind)) throw usageError(`Unknown stream "${kind}"; use ${KINDS.join(", ")}.`);
    if (needs && !arg) throw usageError(`stream ${kind} needs ${needs}`);
    const count = positiveInt(values, "count", Number.MAX_SAFE_INTEGER);
    const transport = str(values, "transport");
    if (transport !== undefined && !(TRANSPORTS as readonly string[]).includes(transport)) {
      throw usageError(`--transport must be one of ${TRANSPORTS.join(", ")}; got "${transport}".`);
    }
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    await withClient(creds, values, (api) =>
      follow(ctx, api, kind, arg, count, {
        ...(transport === undefined ? {} : { transport: transport as StreamTransport }),
      }),
    );
  },
};

async function follow(
  ctx: Context,
  api: Mastodon,
  kind: string,
  arg: string,
  count: number | undefined,
  options: StreamOptions,
): Promise<void> {
  let failure: Error | undefined;
  let stream: StreamHandle | undefined;
  const listener: StreamListener = {
    // Reported only while no connection has worked yet: a wrong address or a dead server. Give up then.
    onError(error) {
      failure ??= error;
      stream?.close();
    },
    onDisconnect(error) {
      ctx.io.info(`mastodon-ts: connection lost (${error.message}); reconnecting...`);
    },
    onReconnect(info) {
      ctx.io.info(`mastodon-ts: reconnected after ${Math.round(info.downtime / 1000)} s.`);
    },
  };
  stream = open(api, kind, arg, listener, options);
  const stop = () => stream?.close();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  ctx.io.info(`Streaming "${kind}${arg ? ` ${arg}` : ""}" from ${api.apiBaseUrl} (Ctrl-C stops)...`);
  let seen = 0;
  try {
    for await (const event of stream) {
      if (ctx.io.json) {
        const payload =
          event.event === "malformed"
            ? { error: event.error.message }
            : "payload" in event
              ? event.payload
              : null;
        ctx.io.out(
          JSON.stringify({
            event: event.event === "unknown" || event.event === "malformed" ? event.name : event.event,
            stream: event.stream,
            payload,
          }),
        );
      } else {
        for (const line of eventLines(event, api.apiBaseUrl)) ctx.io.out(line);
      }
      seen++;
      if (count !== undefined && seen >= count) break;
    }
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    stream.close();
  }
  if (failure)
    throw failure instanceof MastodonError ? failure : new MastodonError(failure.message, { cause: failure });
}
