/** `toot`: posts a status, with media (uploaded with a progress display), visibility, CW and reply. */
import * as fs from "node:fs";
import type { Status } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import { type Command, type Context, flag, list, noMorePositionals, str } from "../command.js";
import {
  CREDENTIAL_HELP,
  CREDENTIAL_OPTIONS,
  type CredentialFlags,
  resolveCredentials,
} from "../credentials.js";
import { usageError } from "../exit-codes.js";
import { startProgress } from "../progress.js";
import { withClient } from "../session.js";
import { checkText, prepareMedia } from "../toot-checks.js";

const VISIBILITIES = ["public", "unlisted", "private", "direct"] as const;
const MAX_MEDIA = 4;

export const tootCommand: Command = {
  name: "toot",
  summary: "post a status, optionally with media",
  credentials: true,
  options: {
    ...CREDENTIAL_OPTIONS,
    media: { type: "string", multiple: true },
    description: { type: "string", multiple: true },
    visibility: { type: "string" },
    cw: { type: "string" },
    "reply-to": { type: "string" },
    sensitive: { type: "boolean" },
    language: { type: "string" },
    force: { type: "boolean" },
  },
  help: `Usage: mastodon-ts toot TEXT [--media FILE [--description ALT]]... [--visibility V] [--cw TEXT] [--reply-to ID]

Posts TEXT (use - to read it from standard input) and prints the new status's URL.

  --media FILE         attach an image, video or audio file (up to ${MAX_MEDIA}; repeat the flag)
  --description ALT    alt text for the media, in the same order as --media (please describe images)
  --visibility V       ${VISIBILITIES.join(", ")} (default: the account's default)
  --cw TEXT            a content warning shown before the text
  --reply-to ID        the id of the status this answers
  --sensitive          mark the media as sensitive
  --language CODE      the language of the text (ISO 639-1, e.g. en)
  --force              send even empty text, or text longer than the server's limit (which is
                       otherwise refused before sending, with the count as Mastodon counts it)

${CREDENTIAL_HELP}`,

  async run(ctx, values, positionals) {
    const [textArg] = positionals;
    noMorePositionals("toot", positionals, 1);
    const files = list(values, "media");
    const descriptions = list(values, "description");
    const visibility = str(values, "visibility");
    if (visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(visibility)) {
      throw usageError(`--visibility must be one of ${VISIBILITIES.join(", ")}; got "${visibility}".`);
    }
    if (files.length > MAX_MEDIA)
      throw usageError(`At most ${MAX_MEDIA} --media files can go in one status.`);
    if (descriptions.length > files.length) {
      throw usageError(
        "There are more --description flags than --media files; each describes one file, in order.",
      );
    }
    for (const file of files) {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile())
        throw usageError(`--media: there is no file "${file}".`);
    }
    // Every file is read and recognised before anything is uploaded (or "Uploading" is printed).
    const media = await prepareMedia(files);
    if (textArg === undefined && files.length === 0) {
      throw usageError(
        'toot needs the text: mastodon-ts toot "Hello, fediverse!" (or - to read standard input).',
      );
    }
    const text = textArg === "-" ? await readAll(ctx) : (textArg ?? "");
    const creds = resolveCredentials(values as CredentialFlags, ctx.env, ctx.config);
    const cw = str(values, "cw");
    const status = await withClient(creds, values, async (api) => {
      if (!flag(values, "force")) await checkText(api, text, cw, files.length);
      const media_ids: string[] = [];
      for (const [index, file] of media.entries()) {
        media_ids.push(await upload(ctx, api, file, descriptions[index]));
      }
      const replyTo = str(values, "reply-to");
      const language = str(values, "language");
      return (await api.statusPost(text, {
        ...(visibility === undefined ? {} : { visibility }),
        ...(cw === undefined ? {} : { spoiler_text: cw }),
        ...(replyTo === undefined ? {} : { in_reply_to_id: replyTo }),
        ...(language === undefined ? {} : { language }),
        ...(media_ids.length ? { media_ids } : {}),
        ...(flag(values, "sensitive") ? { sensitive: true } : {}),
      })) as Status;
    });
    ctx.io.result(status, () => [
      `Posted: ${status.url ?? status.uri} (id ${status.id}, ${status.visibility})`,
    ]);
  },
};

async function readAll(ctx: Context): Promise<string> {
  const lines: string[] = [];
  for (let line = await ctx.io.nextLine(); line !== undefined; line = await ctx.io.nextLine())
    lines.push(line);
  const text = lines.join("\n").trim();
  if (!text) throw usageError("Standard input was empty; there is nothing to post.");
  return text;
}

/** Uploads one file and waits until the server has processed it, showing progress on stderr. */
async function upload(
  ctx: Context,
  api: Mastodon,
  file: File,
  description: string | undefined,
): Promise<string> {
  const progress = startProgress(
    ctx.io,
    `Uploading ${file.name} (${formatBytes(file.size)}) and waiting for processing`,
  );
  try {
    const media = await api.mediaPost(file, {
      ...(description === undefined ? {} : { description }),
      synchronous: true,
    });
    progress.done(`ready, media id ${media.id}`);
    return String(media.id);
  } catch (error) {
    progress.fail();
    throw error;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
