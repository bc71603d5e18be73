/**
 * Credential files in Mastodon.py's line formats, so that either library reads the other's files:
 *
 *   client credential file (create_app to_file):   client_id / client_secret / api_base_url / client_name
 *   access token file (log_in to_file):             access_token / api_base_url / client_id / client_secret
 *
 * Lines after the first ones are optional (older Mastodon.py versions wrote fewer). Files are
 * written with mode 0600, as they hold secrets (credential-file-writing.ts, which loads with the
 * login flows and the CLI: the constructor only reads).
 */
import type * as Fs from "node:fs";
import { MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonIOError } from "../core/errors.js";
import { nodeFs } from "../core/node-fs.js";
import { isCredential } from "./credential-value.js";

/** A client credential file's contents (what createApp writes with `to_file`). */
export interface ClientCredentialFile {
  /** The app's client id (line 1). */
  client_id: string;
  /** The app's client secret (line 2). */
  client_secret: string;
  /** The server the app is registered on (line 3; files of old Mastodon.py versions lack it). */
  api_base_url?: string | undefined;
  /** The app's name (line 4, optional). */
  client_name?: string | undefined;
}

/** An access token file's contents (what logIn writes with `to_file`). */
export interface AccessTokenFile {
  /** The user's access token (line 1). */
  access_token: string;
  /** The server the token belongs to (line 2, optional). */
  api_base_url?: string | undefined;
  /** The app's client id (line 3, optional; needed to refresh or revoke the token). */
  client_id?: string | undefined;
  /** The app's client secret (line 4; present whenever line 3 is). */
  client_secret?: string | undefined;
}

type FileKind = "client credential file" | "access token file";

/** The method that writes each kind of file (with its to_file option). */
const WRITERS: Record<FileKind, string> = {
  "client credential file": "createApp",
  "access token file": "logIn",
};

/** A credential file is a few lines; anything much bigger is the wrong file (or /dev/zero via a link). */
const MAX_CREDENTIAL_FILE_BYTES = 64 * 1024;

/** What a special file is, for the message that refuses it. */
function fileType(stat: Fs.Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "a special file";
}

/**
 * The text of a small regular file (credentials, the CLI's config). Reading a FIFO would block for
 * ever, and /dev/zero or a huge file would eat memory until the process dies, so anything but a
 * regular file of at most `maxBytes` is refused with MastodonIOError (`label` names the file,
 * `advice` says what to do). The type is checked on the opened descriptor, not by a stat of the
 * path that could be swapped in between. A failed open throws the file system's own error (ENOENT...).
 */
export function readSmallFile(
  fs: typeof Fs,
  path: string,
  maxBytes: number,
  label: string,
  advice: string,
): string {
  // O_NONBLOCK, so that opening a FIFO returns at once instead of waiting for a writer (no effect on
  // regular files; Windows has no such flag, nor FIFOs to open).
  const fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new MastodonIOError(`${label} is ${fileType(stat)}, not a regular file. ${advice}`);
    }
    const tooLarge = () =>
      new MastodonIOError(
        `${label} is larger than ${maxBytes.toLocaleString("en-US")} bytes, too large to be one. ${advice}`,
      );
    if (stat.size > maxBytes) throw tooLarge();
    // Room for one byte past the limit, whatever fstat said: the file may have grown since.
    const buffer = new Uint8Array(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw tooLarge();
    // ignoreBOM keeps a byte order mark, as readFileSync(path, "utf8") did.
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(buffer.subarray(0, length));
  } finally {
    fs.closeSync(fd);
  }
}

function readLines(path: string, what: FileKind): string[] {
  const fs = nodeFs(`Reading the ${what} "${path}"`);
  let text: string;
  try {
    text = readSmallFile(
      fs,
      path,
      MAX_CREDENTIAL_FILE_BYTES,
      `The ${what} "${path}"`,
      `Pass the file ${WRITERS[what]} wrote with to_file.`,
    );
  } catch (cause) {
    if (cause instanceof MastodonIOError) throw cause;
    const code = (cause as { code?: string }).code;
    if (code === "ENOENT") {
      throw new MastodonFileNotFoundError(`The ${what} "${path}" does not exist.`, { cause });
    }
    throw new MastodonIOError(`Could not read the ${what} "${path}" (${code ?? "error"}).`, { cause });
  }
  return text.split(/\r?\n/).map((line) => line.trim());
}

/** What each line of a file holds, in order, and whether the reader needs it. */
interface LineSpec {
  name: string;
  kind: "credential" | "url" | "text";
  required: boolean;
}

const LAYOUTS: Record<FileKind, readonly LineSpec[]> = {
  "client credential file": [
    { name: "client id", kind: "credential", required: true },
    { name: "client secret", kind: "credential", required: true },
    { name: "server's URL", kind: "url", required: false },
    { name: "app name", kind: "text", required: false },
  ],
  "access token file": [
    { name: "access token", kind: "credential", required: true },
    { name: "server's URL", kind: "url", required: false },
    { name: "client id", kind: "credential", required: false },
    { name: "client secret", kind: "credential", required: false },
  ],
};

/** Whether a line is an absolute http(s) URL. Only a line that passes is ever shown in a message. */
export function isHttpUrlLine(value: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The other kind of file, if the lines look like one: a client credential file has its URL on
 * line 3, an access token file on line 2. Mixing them up put a client secret where a URL belongs.
 */
function looksLikeOtherKind(kind: FileKind, lines: readonly string[]): string {
  const urlLine = kind === "access token file" ? 2 : 1;
  if (isHttpUrlLine(lines[urlLine] ?? "")) {
    return kind === "access token file"
      ? " It looks like a client credential file (written by createApp with to_file): pass it as client_credential_file or client_id."
      : " It looks like an access token file (written by logIn with to_file): pass it as access_token_file or access_token.";
  }
  return "";
}

/** Control characters or undecodable bytes (read as U+FFFD): a binary file, not a name. */
function hasControlCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || code === 0xfffd) return true;
  }
  return false;
}

/**
 * Checks every line against the layout and returns the values by position (undefined where an
 * optional line is absent). Errors name the file and the line, never the line's content: a
 * line that failed its check may be a secret in the wrong place.
 */
function checkLines(path: string, kind: FileKind, lines: readonly string[]): (string | undefined)[] {
  const layout = LAYOUTS[kind];
  const writer = WRITERS[kind];
  const fail = (line: number, problem: string) =>
    new MastodonIllegalArgumentError(
      `The ${kind} "${path}" is malformed: line ${line} ${problem}.${looksLikeOtherKind(kind, lines)} ` +
        `Recreate the file (${writer} writes it with to_file) or fix that line.`,
    );
  // Trailing blank lines are harmless (an editor's final newline); anything else past the layout is not.
  let last = lines.length;
  while (last > 0 && lines[last - 1] === "") last -= 1;
  if (last > layout.length) {
    throw fail(layout.length + 1, `is one too many: a ${kind} has at most ${layout.length} lines`);
  }
  const values: (string | undefined)[] = [];
  for (const [index, spec] of layout.entries()) {
    const line = index + 1;
    const value = index < last ? lines[index] : undefined;
    if (!value) {
      if (spec.required || index < last) {
        throw fail(line, `should hold the ${spec.name} but is ${value === undefined ? "missing" : "empty"}`);
      }
      values.push(undefined);
      continue;
    }
    if (spec.kind === "credential" && !isCredential(value)) {
      throw fail(line, `should hold the ${spec.name} but contains spaces or unexpected characters`);
    }
    if (spec.kind === "url" && !isHttpUrlLine(value)) {
      throw fail(
        line,
        `should hold the ${spec.name} (such as https://mastodon.social) but is not an http(s) URL`,
      );
    }
    if (spec.kind === "text" && hasControlCharacters(value)) {
      throw fail(line, `should hold the ${spec.name} but contains unexpected characters`);
    }
    values.push(value);
  }
  return values;
}

/**
 * Reads a client credential file in Mastodon.py's format (as createApp's `to_file` writes it).
 * Node only. Throws MastodonFileNotFoundError when the file does not exist and
 * MastodonIllegalArgumentError, naming the line, when it is not such a file. No secret is quoted.
 */
export function readClientCredentialFile(path: string): ClientCredentialFile {
  const what = "client credential file";
  const [clientId, clientSecret, baseUrl, name] = checkLines(path, what, readLines(path, what));
  const result: ClientCredentialFile = { client_id: clientId ?? "", client_secret: clientSecret ?? "" };
  if (baseUrl) result.api_base_url = baseUrl;
  if (name) result.client_name = name;
  return result;
}

/**
 * Reads an access token file in Mastodon.py's format (as logIn's `to_file` writes it). Node only.
 * Throws MastodonFileNotFoundError when the file does not exist and MastodonIllegalArgumentError,
 * naming the line, when it is not such a file. No secret is quoted.
 */
export function readAccessTokenFile(path: string): AccessTokenFile {
  const what = "access token file";
  const lines = readLines(path, what);
  const [token, baseUrl, clientId, clientSecret] = checkLines(path, what, lines);
  if (clientId && !clientSecret) {
    throw new MastodonIllegalArgumentError(
      `The ${what} "${path}" is malformed: line 4 should hold the client secret but is missing ` +
        "(line 3 holds a client id). Recreate the file (logIn writes it with to_file) or fix that line.",
    );
  }
  const result: AccessTokenFile = { access_token: token ?? "" };
  if (baseUrl) result.api_base_url = baseUrl;
  if (clientId && clientSecret) {
    result.client_id = clientId;
    result.client_secret = clientSecret;
  }
  return result;
}

export function formatAccessTokenFile(data: Required<AccessTokenFile>): string {
  return `${data.access_token}\n${data.api_base_url}\n${data.client_id}\n${data.client_secret}\n`;
}
