/**
 * Credential files in Mastodon.py's line formats, so that either library reads the other's files:
 *
 *   client credential file (create_app to_file):   client_id / client_secret / api_base_url / client_name
 *   access token file (log_in to_file):             access_token / api_base_url / client_id / client_secret
 *
 * Lines after the first ones are optional (older Mastodon.py versions wrote fewer). Files are
 * written with mode 0600: they hold secrets.
 */
import { MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonIOError } from "../core/errors.js";
import { nodeFs } from "../core/node-fs.js";

export interface ClientCredentialFile {
  client_id: string;
  client_secret: string;
  api_base_url?: string | undefined;
  client_name?: string | undefined;
}

export interface AccessTokenFile {
  access_token: string;
  api_base_url?: string | undefined;
  client_id?: string | undefined;
  client_secret?: string | undefined;
}

function readLines(path: string, what: string): string[] {
  const fs = nodeFs(`Reading the ${what} "${path}"`);
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === "ENOENT") {
      throw new MastodonFileNotFoundError(`The ${what} "${path}" does not exist.`, { cause });
    }
    throw new MastodonIOError(`Could not read the ${what} "${path}" (${code ?? "error"}).`, { cause });
  }
  return text.split(/\r?\n/).map((line) => line.trim());
}

/** A credential is one line of printable characters without spaces; anything else is a damaged file. */
function checkCredential(
  value: string | undefined,
  line: number,
  name: string,
  path: string,
  what: string,
): string {
  if (!value) {
    throw new MastodonIllegalArgumentError(
      `The ${what} "${path}" is malformed: line ${line} should hold the ${name} but is empty or missing. ` +
        `Recreate the file (it is written by ${what === "client credential file" ? "createApp" : "logIn"} with to_file).`,
    );
  }
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new MastodonIllegalArgumentError(
      `The ${what} "${path}" is malformed: line ${line} should hold the ${name} but contains spaces or ` +
        "unexpected characters. Is this really a credential file written by mastodon-ts or Mastodon.py?",
    );
  }
  return value;
}

function optionalLine(lines: string[], index: number): string | undefined {
  const value = lines[index];
  return value ? value : undefined;
}

export function readClientCredentialFile(path: string): ClientCredentialFile {
  const what = "client credential file";
  const lines = readLines(path, what);
  const result: ClientCredentialFile = {
    client_id: checkCredential(lines[0], 1, "client id", path, what),
    client_secret: checkCredential(lines[1], 2, "client secret", path, what),
  };
  const baseUrl = optionalLine(lines, 2);
  if (baseUrl) result.api_base_url = baseUrl;
  const name = optionalLine(lines, 3);
  if (name) result.client_name = name;
  return result;
}

export function readAccessTokenFile(path: string): AccessTokenFile {
  const what = "access token file";
  const lines = readLines(path, what);
  const result: AccessTokenFile = { access_token: checkCredential(lines[0], 1, "access token", path, what) };
  const baseUrl = optionalLine(lines, 1);
  if (baseUrl) result.api_base_url = baseUrl;
  const clientId = optionalLine(lines, 2);
  const clientSecret = optionalLine(lines, 3);
  if (clientId && clientSecret) {
    result.client_id = checkCredential(clientId, 3, "client id", path, what);
    result.client_secret = checkCredential(clientSecret, 4, "client secret", path, what);
  }
  return result;
}

export function formatClientCredentialFile(data: Required<ClientCredentialFile>): string {
  return `${data.client_id}\n${data.client_secret}\n${data.api_base_url}\n${data.client_name}\n`;
}

export function formatAccessTokenFile(data: Required<AccessTokenFile>): string {
  return `${data.access_token}\n${data.api_base_url}\n${data.client_id}\n${data.client_secret}\n`;
}

/** Writes a secret file readable only by its owner (0600), tightening an existing file's mode too. */
export function writeSecretFile(path: string, content: string): void {
  const fs = nodeFs(`Writing "${path}"`);
  try {
    const fd = fs.openSync(path, "w", 0o600);
    try {
      fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, content, "utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new MastodonIOError(`Could not write the credential file "${path}" (${code ?? "error"}).`, {
      cause,
    });
  }
}
