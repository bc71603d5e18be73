/**
 * Writing credential files: createApp's and logIn's `to_file`, and the CLI's config. Apart from
 * credential-files.ts (which the constructor needs, to read them), so that it loads with the login
 * flows and the CLI and not with every client.
 */
import { MastodonIOError } from "../core/errors.js";
import { nodeFs } from "../core/node-fs.js";
import type { ClientCredentialFile } from "./credential-files.js";
import { generateState } from "./pkce.js";

export function formatClientCredentialFile(data: Required<ClientCredentialFile>): string {
  return `${data.client_id}\n${data.client_secret}\n${data.api_base_url}\n${data.client_name}\n`;
}

/**
 * Writes a secret file readable only by its owner (0600), replacing `path` in one step: the content
 * goes to a new file beside it, which is then renamed over `path`. A write that fails (full disk, a
 * crash) leaves the old file as it was, where opening `path` itself would have emptied it first.
 * The new file is created exclusively ("wx") under an unguessable name, so that nothing planted in
 * the directory beforehand (a symlink to someone's other file) is written through.
 */
export function writeSecretFile(path: string, content: string): void {
  const fs = nodeFs(`Writing "${path}"`);
  // generateState's 128 random bits: a name nobody can plant something at in advance.
  const temp = `${path}.${generateState()}.tmp`;
  let created = false;
  try {
    const fd = fs.openSync(temp, "wx", 0o600);
    created = true;
    try {
      // The umask may have taken bits off the 0600 asked for; set it exactly (it never widens it).
      fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, content, "utf8");
      // On disk before the rename, so that a crash cannot leave an empty file under the final name.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
  } catch (cause) {
    if (created) {
      try {
        fs.unlinkSync(temp);
      } catch {
        // Already gone or not removable; the error below says what failed.
      }
    }
    const code = (cause as { code?: string }).code;
    throw new MastodonIOError(
      `Could not write the credential file "${path}" (${code ?? "error"}). Check that its directory exists, ` +
        "is writable and has room; a file already there was left as it was.",
      { cause },
    );
  }
}
