/**
 * What `toot` checks before it sends anything: that each --media file is one the server can take
 * (read and recognised locally, as mediaPost would), and that the text is neither empty nor longer
 * than the server allows, counted as Mastodon counts (links as 23, @user@domain as @user, plus the
 * content warning). --force skips the text checks.
 */
import * as path from "node:path";
import { readFileInput } from "../api/media/read-file-input.js";
import { getStatusLength } from "../api/statuses/status-length.js";
import { MastodonError } from "../core/errors.js";
import type { Mastodon } from "../mastodon.js";
import { usageError } from "./exit-codes.js";

/** Reads and recognises every file; refuses the first one the upload would refuse, naming it. */
export async function prepareMedia(files: readonly string[]): Promise<File[]> {
  const prepared: File[] = [];
  for (const file of files) {
    try {
      prepared.push(await readFileInput(file, { what: `--media ${file}`, file_name: path.basename(file) }));
    } catch (error) {
      if (error instanceof MastodonError) throw usageError(error.message);
      throw error;
    }
  }
  return prepared;
}

/** The server's limit, or undefined when it does not say (or cannot be asked): the server then decides. */
async function maxCharacters(api: Mastodon): Promise<number | undefined> {
  try {
    const instance = (await api.instanceV2()) as {
      configuration?: { statuses?: { max_characters?: unknown } };
    };
    const max = instance?.configuration?.statuses?.max_characters;
    return typeof max === "number" && Number.isInteger(max) && max > 0 ? max : undefined;
  } catch {
    return undefined;
  }
}

/** Refuses empty text (without media) and text over the server's limit, with the count. */
export async function checkText(
  api: Mastodon,
  text: string,
  spoilerText: string | undefined,
  mediaCount: number,
): Promise<void> {
  const length = getStatusLength(text, spoilerText === undefined ? {} : { spoiler_text: spoilerText });
  if (text.trim() === "" && mediaCount === 0) {
    throw usageError(
      `The text is empty (${length} characters), so there is nothing to post. Give the text, attach --media, ` +
        "or pass --force to send it anyway.",
    );
  }
  const max = await maxCharacters(api);
  if (max !== undefined && length > max) {
    throw usageError(
      `The text is ${length} characters as Mastodon counts them (links count as 23, @user@domain as @user` +
        `${spoilerText ? ", plus the content warning" : ""}); ${api.apiBaseUrl} allows ${max}. ` +
        `Shorten it by ${length - max}, or pass --force to send it anyway.`,
    );
  }
}
