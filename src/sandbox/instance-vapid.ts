/**
 * The server's Web Push (VAPID) public key, shown in the instance information and, as Mastodon still
 * does, in every registered application. A real P-256 key made once per process, so a client that
 * checks its shape (65 bytes, uncompressed point) accepts it.
 */
import { createECDH } from "node:crypto";

let key: string | undefined;

/** The public key, base64url with padding, as Mastodon prints it. */
export function vapidPublicKey(): string {
  if (key === undefined) {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const base64url = ecdh.getPublicKey().toString("base64url");
    key = base64url.padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  }
  return key;
}
