/**
 * PKCE (RFC 7636): the authorization request carries a hash of a secret verifier, and only the
 * holder of the verifier can exchange the code, so a code caught by someone else is useless.
 */
import { toBase64Url } from "../core/base64.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";

function webCrypto(): Crypto {
  const crypto = globalThis.crypto;
  if (!crypto?.subtle) {
    throw new MastodonIllegalArgumentError(
      "PKCE needs Web Crypto (globalThis.crypto.subtle); pass pkce: false.",
    );
  }
  return crypto;
}

/** A random verifier of 43 characters from the unreserved set, as RFC 7636 asks. */
export function generateCodeVerifier(): string {
  return toBase64Url(webCrypto().getRandomValues(new Uint8Array(32)));
}

/** A random, unguessable `state` value. */
export function generateState(): string {
  return toBase64Url(webCrypto().getRandomValues(new Uint8Array(16)));
}

/** The S256 challenge: base64url(SHA-256(verifier)). */
export async function codeChallengeS256(verifier: string): Promise<string> {
  assertCodeVerifier(verifier);
  const digest = await webCrypto().subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return toBase64Url(new Uint8Array(digest));
}

/** Refuses a verifier RFC 7636 does not allow (without showing it). */
export function assertCodeVerifier(verifier: unknown): asserts verifier is string {
  if (typeof verifier !== "string" || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new MastodonIllegalArgumentError(
      "code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9 and -._~ (RFC 7636); use generateCodeVerifier().",
    );
  }
}
