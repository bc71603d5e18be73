/**
 * Registering applications (POST /api/v1/apps) with Mastodon's validations and messages, and the
 * Application entity as Mastodon 4.5 shows it: at registration with its client credentials, later
 * (verify_credentials) without them.
 */
import type { Application } from "../entities/generated.js";
import type { RegisteredApplication } from "../entities/index.js";
import { createApp, findApp } from "./accounts-store.js";
import type { SandboxContext } from "./context.js";
import { vapidPublicKey } from "./instance-vapid.js";
import { areKnownScopes, DEFAULT_SCOPE, splitWords } from "./oauth-scopes.js";
import type { AppRecord } from "./records.js";
import { validationFailed } from "./reply.js";
import type { SandboxRequest } from "./request.js";

/** The redirect URI that makes the authorization page show the code instead of redirecting. */
export const OOB_URI = "urn:ietf:wg:oauth:2.0:oob";

const NAME_LIMIT = 60;
const WEBSITE_LIMIT = 2000;
const REDIRECT_URI_LIMIT = 2000;
const FORBIDDEN_SCHEMES = new Set(["data", "vbscript", "javascript"]);
/** The characters RFC 3986 allows in a URI; anything else is a URI Ruby's parser refuses. */
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;

/** Why a redirect URI is refused, in Doorkeeper's words; undefined when it is acceptable. */
function redirectUriProblem(uri: string): string | undefined {
  if (uri === OOB_URI) return undefined;
  if (!URI_CHARACTERS.test(uri) || /%(?![0-9A-Fa-f]{2})/.test(uri)) return "must be a valid URI.";
  const scheme = SCHEME.exec(uri);
  if (scheme && FORBIDDEN_SCHEMES.has(scheme[1]!.toLowerCase())) return "is forbidden by the server.";
  if (!scheme) return "must be an absolute URI.";
  // `myapp:callback` (no `//`) names no host: Doorkeeper asks for a scheme it can redirect to.
  if (!scheme[2]!.startsWith("/") || scheme[1]!.toLowerCase() === "localhost")
    return "must specify a scheme.";
  if (uri.includes("#")) return "cannot contain a fragment.";
  return undefined;
}

function isWebsite(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** `redirect_uris` as a string (several separated by spaces or newlines) or as an array. */
function readRedirectUris(req: SandboxRequest): string[] {
  const name = req.param("redirect_uris") === undefined ? "redirect_uri" : "redirect_uris";
  return splitWords(req.strings(name).join(" "));
}

/** Validates the registration parameters and stores the app; throws Mastodon's 422 otherwise. */
export function registerApp(req: SandboxRequest): AppRecord {
  const name = (req.string("client_name") ?? "").trim();
  const redirectUris = readRedirectUris(req);
  const scopeText = req.strings("scopes").join(" ");
  const scopes = scopeText.trim() === "" ? [...DEFAULT_SCOPE] : splitWords(scopeText);
  const websiteText = (req.string("website") ?? "").trim();
  const errors: string[] = [];
  if (name === "") errors.push("Application name can't be blank");
  if (redirectUris.length === 0) errors.push("Redirect URI can't be blank");
  else {
    const problem = redirectUris.map(redirectUriProblem).find((p) => p !== undefined);
    if (problem) errors.push(`Redirect URI ${problem}`);
  }
  if (!areKnownScopes(scopes)) errors.push("Scopes doesn't match configured on the server.");
  if (name.length > NAME_LIMIT)
    errors.push(`Application name is too long (maximum is ${NAME_LIMIT} characters)`);
  if (websiteText !== "" && (websiteText.length > WEBSITE_LIMIT || !isWebsite(websiteText)))
    errors.push("Application website is invalid");
  if (redirectUris.join("\n").length > REDIRECT_URI_LIMIT)
    errors.push(`Redirect URI is too long (maximum is ${REDIRECT_URI_LIMIT} characters)`);
  if (errors.length > 0) throw validationFailed(errors.join(", "));
  return createApp(req.ctx, {
    name,
    website: websiteText === "" ? null : websiteText,
    redirect_uris: redirectUris,
    scopes,
  });
}

/** The app as verify_credentials shows it (no secrets). */
export function renderApplication(app: AppRecord): Application {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: [...app.scopes],
    redirect_uris: [...app.redirect_uris],
    vapid_key: vapidPublicKey(),
    redirect_uri: app.redirect_uris.join("\n"),
  };
}

/** The app as its registration answers, with the client credentials (they never expire). */
export function renderRegisteredApplication(app: AppRecord): RegisteredApplication {
  return {
    ...renderApplication(app),
    client_id: app.client_id,
    client_secret: app.client_secret,
    client_secret_expires_at: 0,
  };
}

/** The app a client_id and client_secret name, or undefined when either is wrong. */
export function authenticateClient(
  ctx: SandboxContext,
  clientId: string | undefined,
  clientSecret: string | undefined,
): AppRecord | undefined {
  if (!clientId || !clientSecret) return undefined;
  const app = findApp(ctx, clientId);
  return app && app.client_secret === clientSecret ? app : undefined;
}
