/**
 * Writing credential files: createApp's and logIn's `to_file`, and the CLI's config. Apart from
 * credential-files.ts (which the constructor needs, to read them), so that it loads with the login
 * flows and the CLI and not with every client.
 */
import { MastodonIOError } from "../core/errors.js";
import { nodeFs } from "../core/node-fs.js";
import type { ClientCredentialFile } from "./credential-files.js";

export function formatClientCredentialFile(data: Required<ClientCredentialFile>): string {
  return `${data.client_id}\n${data.client_secret}\n${data.api_base_url}\n${data.client_name}\n`;
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
