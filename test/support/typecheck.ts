/**
 * Type-checks JSON answers against the entity types in src/entities with the project's tsc.
 *
 * Each answer is written into one temporary .ts file as a literal (`export const c0: E.Status = {...};`,
 * JSON being valid TS expression syntax) and the whole file is compiled once in strict mode. A literal
 * assignment also runs TypeScript's excess-property check, so a field the types do not know fails too.
 * Used by entities-typecheck (recorded answers) and sandbox-fidelity (the sandbox's answers).
 *
 * Also here: which requests answer with which entity type, as they appear in the recordings.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Arrays are cut to their first MAX_ITEMS items, at every depth, to keep tsc's time bounded: it grows
 * with the size of the literals. Measured: all recordings uncapped come to ~1.8 MB of literals and
 * tsc needs ~1.9 s; with the cap ~1.3 MB (mostly the 270 KB domain-block list is cut).
 */
export const MAX_ITEMS = 25;

/** Which requests' responses to check, and as what type. */
export interface Route {
  method: string;
  /** Matched against the request URL's pathname (query string excluded). */
  path: RegExp;
  /** A type expression using names exported from src/entities/index.ts. */
  type: string;
  isArray: boolean;
  /** Expected HTTP status; defaults to any 2xx. */
  status?: number;
  /** Only responses (objects) that have this top-level key. */
  withKey?: string;
}

export const r = (
  method: string,
  path: RegExp,
  type: string,
  isArray = false,
  extra: Partial<Route> = {},
): Route => ({
  method,
  path,
  type,
  isArray,
  ...extra,
});

// Routes as they appear in the recordings, with the type each response has.
export const INSTANCE_V1 = r("GET", /^\/api\/v1\/instance\/?$/, "Instance");
export const INSTANCE_V2 = r("GET", /^\/api\/v2\/instance\/?$/, "InstanceV2");
export const STATUS = r("GET", /^\/api\/v1\/statuses\/\d+$/, "Status");
export const ACCOUNT = r("GET", /^\/api\/v1\/accounts\/\d+$/, "Account");
export const VERIFY_CREDENTIALS = r("GET", /^\/api\/v1\/accounts\/verify_credentials$/, "Account");
export const OAUTH_TOKEN = r("POST", /^\/oauth\/token$/, "Token");
export const ACCOUNT_CREATE_ERROR = r("POST", /^\/api\/v1\/accounts$/, "AccountCreationError", false, {
  status: 422,
});
export const GROUPED_NOTIFICATIONS = r("GET", /^\/api\/v2\/notifications$/, "GroupedNotificationsResults");
export const NODEINFO = r("GET", /^\/nodeinfo\/2\.0$/, "Nodeinfo");
export const INSTANCE_BOTH = [INSTANCE_V1, INSTANCE_V2];
// Posting with scheduled_at answers with a ScheduledStatus (recognised by its `params`) instead of a Status.
export const SCHEDULED_POST = r("POST", /^\/api\/v1\/statuses$/, "ScheduledStatus", false, {
  withKey: "params",
});

/**
 * mastodon-4.6.4/: a local Mastodon 4.6.4 driven by Mastodon.py's test suite (first matching route wins).
 * Not covered: DELETE /api/v1/statuses/:id, whose status carries `text` instead of `content`;
 * endpoints that answer `{}` or plain string lists; the streaming API.
 */
export const SERVER_ROUTES: Route[] = [
  // Statuses
  SCHEDULED_POST,
  r("POST", /^\/api\/v1\/statuses$/, "Status"),
  STATUS,
  r("PUT", /^\/api\/v1\/statuses\/\d+$/, "Status"),
  r("POST", /^\/api\/v1\/statuses\/\d+\/(favourite|reblog|mute|unmute)$/, "Status"),
  r("GET", /^\/api\/v1\/statuses\/\d+\/history$/, "StatusEdit", true),
  r("GET", /^\/api\/v1\/statuses\/\d+\/source$/, "StatusSource"),
  r("GET", /^\/api\/v1\/statuses\/\d+\/quotes$/, "Status", true),
  r("GET", /^\/api\/v1\/statuses\/\d+\/reblogged_by$/, "Account", true),
  r("GET", /^\/api\/v1\/(timelines\/.+|accounts\/\d+\/statuses)$/, "Status", true),
  r("GET", /^\/api\/v1\/scheduled_statuses$/, "ScheduledStatus", true),
  r("GET", /^\/api\/v1\/scheduled_statuses\/\d+$/, "ScheduledStatus"),
  r("PUT", /^\/api\/v1\/scheduled_statuses\/\d+$/, "ScheduledStatus"),
  r("GET", /^\/api\/v1\/polls\/\d+$/, "Poll"),
  r("POST", /^\/api\/v1\/polls\/\d+\/votes$/, "Poll"),
  r("POST", /^\/api\/v2\/media$/, "MediaAttachment"),
  r("GET", /^\/api\/v1\/media\/\d+$/, "MediaAttachment"),
  // Accounts
  VERIFY_CREDENTIALS,
  r("PATCH", /^\/api\/v1\/accounts\/update_credentials$/, "Account"),
  r("DELETE", /^\/api\/v1\/profile\/(avatar|header)$/, "Account"),
  r("GET", /^\/api\/v1\/accounts\/relationships$/, "Relationship", true),
  r(
    "POST",
    /^\/api\/v1\/accounts\/\d+\/(follow|unfollow|block|unblock|endorse|unendorse|note|remove_from_followers)$/,
    "Relationship",
  ),
  r("GET", /^\/api\/v1\/(blocks|mutes|endorsements|follow_requests|lists\/\d+\/accounts)$/, "Account", true),
  r("POST", /^\/api\/v1\/follow_requests\/\d+\/(authorize|reject)$/, "Relationship"),
  r("GET", /^\/api\/v1\/(featured_tags|accounts\/\d+\/featured_tags)$/, "FeaturedTag", true),
  r("POST", /^\/api\/v1\/featured_tags$/, "FeaturedTag"),
  r("GET", /^\/api\/v1\/followed_tags$/, "Tag", true),
  r("GET", /^\/api\/v1\/tags\/[^/]+$/, "Tag"),
  r("POST", /^\/api\/v1\/tags\/[^/]+\/(follow|unfollow)$/, "Tag"),
  r("GET", /^\/api\/v1\/lists$/, "UserList", true),
  r("GET", /^\/api\/v1\/lists\/\d+$/, "UserList"),
  r("POST", /^\/api\/v1\/lists$/, "UserList"),
  r("PUT", /^\/api\/v1\/lists\/\d+$/, "UserList"),
  r("GET", /^\/api\/v1\/conversations\/?$/, "Conversation", true),
  r("POST", /^\/api\/v1\/conversations\/\d+\/read$/, "Conversation"),
  r("GET", /^\/api\/v1\/markers$/, "Record<string, Marker>"),
  r("POST", /^\/api\/v1\/markers$/, "Record<string, Marker>"),
  r("POST", /^\/api\/v1\/reports\/?$/, "Report"),
  // Notifications
  r("GET", /^\/api\/v1\/notifications$/, "Notification", true),
  r("GET", /^\/api\/v1\/notifications\/\d+$/, "Notification"),
  r("GET", /^\/api\/v1\/notifications\/unread_count$/, "UnreadNotificationsCount"),
  r("GET", /^\/api\/v1\/notifications\/requests$/, "NotificationRequest", true),
  r("GET", /^\/api\/v1\/notifications\/requests\/\d+$/, "NotificationRequest"),
  r("GET", /^\/api\/v2\/notifications\/policy$/, "NotificationPolicy"),
  r("PATCH", /^\/api\/v2\/notifications\/policy$/, "NotificationPolicy"),
  r("GET", /^\/api\/v2\/notifications\/[^/]+\/accounts$/, "Account", true),
  r("GET", /^\/api\/v2\/notifications(\/[^/]+)?$/, "GroupedNotificationsResults"),
  r("POST", /^\/api\/v1\/push\/subscription$/, "WebPushSubscription"),
  r("PUT", /^\/api\/v1\/push\/subscription$/, "WebPushSubscription"),
  r("GET", /^\/api\/v1\/push\/subscription$/, "WebPushSubscription"),
  // Instance, search, trends
  INSTANCE_V1,
  INSTANCE_V2,
  r("GET", /^\/api\/v1\/instance\/activity$/, "Activity", true),
  r("GET", /^\/api\/v1\/custom_emojis$/, "CustomEmoji", true),
  r("GET", /^\/api\/v2\/search$/, "SearchV2"),
  r("GET", /^\/api\/v1\/trends\/links$/, "PreviewCard", true),
  // Apps and OAuth
  r("POST", /^\/api\/v1\/apps$/, "RegisteredApplication"),
  OAUTH_TOKEN,
  // Registering an account answers with a token for it.
  r("POST", /^\/api\/v1\/accounts$/, "Token"),
  r("GET", /^\/\.well-known\/oauth-authorization-server$/, "OAuthServerInfo"),
  // Admin
  r("GET", /^\/api\/v[12]\/admin\/accounts$/, "AdminAccount", true),
  r("GET", /^\/api\/v1\/admin\/accounts\/\d+$/, "AdminAccount"),
  r("GET", /^\/api\/v1\/admin\/reports$/, "AdminReport", true),
  r("GET", /^\/api\/v1\/admin\/reports\/\d+$/, "AdminReport"),
  r("POST", /^\/api\/v1\/admin\/reports\/\d+\/\w+$/, "AdminReport"),
  r("GET", /^\/api\/v1\/admin\/ip_blocks$/, "AdminIpBlock", true),
  r("GET", /^\/api\/v1\/admin\/ip_blocks\/\d+$/, "AdminIpBlock"),
  r("POST", /^\/api\/v1\/admin\/ip_blocks$/, "AdminIpBlock"),
  r("PUT", /^\/api\/v1\/admin\/ip_blocks\/\d+$/, "AdminIpBlock"),
  r("GET", /^\/api\/v1\/admin\/canonical_email_blocks$/, "AdminCanonicalEmailBlock", true),
  r("GET", /^\/api\/v1\/admin\/canonical_email_blocks\/\d+$/, "AdminCanonicalEmailBlock"),
  r("POST", /^\/api\/v1\/admin\/canonical_email_blocks$/, "AdminCanonicalEmailBlock"),
  r("POST", /^\/api\/v1\/admin\/canonical_email_blocks\/test$/, "AdminCanonicalEmailBlock", true),
  r("GET", /^\/api\/v1\/admin\/trends\/links$/, "PreviewCard", true),
  r("GET", /^\/api\/v1\/admin\/trends\/statuses$/, "Status", true),
  r("GET", /^\/api\/v1\/admin\/trends\/tags$/, "Tag", true),
];

/** Whether `route` covers a request (method, URL) answered with `status` and the parsed `body`. */
export function routeMatches(
  route: Route,
  request: { method: string; url: string },
  status: number,
  body: unknown,
): boolean {
  if (request.method !== route.method || !route.path.test(new URL(request.url).pathname)) return false;
  const statusOk = route.status === undefined ? status >= 200 && status <= 299 : status === route.status;
  if (!statusOk || body === undefined) return false;
  if (route.withKey === undefined) return true;
  return body !== null && typeof body === "object" && !Array.isArray(body) && route.withKey in body;
}

/** Cuts every array to its first MAX_ITEMS items, at every depth. */
export function capArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map(capArrays);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, capArrays(v)]));
  }
  return value;
}

export interface LiteralCheck {
  label: string;
  /** Type expression using entity names (`Status`, `Account[]`, `Record<string, Marker>`). */
  type: string;
  body: unknown;
}

export interface TypecheckResult {
  /** tsc's errors for each check, in the order of the checks (empty when it type-checks). */
  errors: string[][];
  /** Diagnostics that belong to no check (a broken import, a tsc crash). */
  unattributed: string[];
  /** tsc's exit status and whole output. */
  status: number | null;
  output: string;
  chars: number;
  ms: number;
}

interface Snippet {
  firstLine: number;
  lastLine: number;
}

/** Builds the check file; returns its text and which lines belong to which check. */
function buildCheckFile(
  checks: readonly LiteralCheck[],
  importPath: string,
): { text: string; snippets: Snippet[] } {
  const lines = [`import type * as E from ${JSON.stringify(importPath)};`, ""];
  const snippets: Snippet[] = [];
  checks.forEach((check, n) => {
    // Pretty-printed, so that tsc's line numbers point at the offending field.
    const code = `// ${check.label.replace(/\n/g, " ")}\nexport const c${n}: ${qualify(check.type)} = ${JSON.stringify(check.body, null, 1)};`;
    const codeLines = code.split("\n");
    snippets.push({ firstLine: lines.length + 1, lastLine: lines.length + codeLines.length });
    lines.push(...codeLines);
  });
  return { text: `${lines.join("\n")}\n`, snippets };
}

/** Prefixes the entity names in a type expression with the namespace import. */
function qualify(type: string): string {
  return type.replace(/\b([A-Z]\w*)\b/g, (name) => (name === "Record" ? name : `E.${name}`));
}

/** Compiles every check as one file with tsc (strict, exact optional properties) and sorts its errors. */
export function typecheckLiterals(checks: readonly LiteralCheck[]): TypecheckResult {
  const tmpRoot = join(repoRoot, ".typecheck-tmp");
  mkdirSync(tmpRoot, { recursive: true });
  const dir = mkdtempSync(join(tmpRoot, "run-"));
  try {
    const checkFile = join(dir, "checks.ts");
    const importPath = relative(dir, join(repoRoot, "src", "entities", "index.js"))
      .split("\\")
      .join("/");
    const { text, snippets } = buildCheckFile(checks, importPath);
    writeFileSync(checkFile, text);

    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [
        tsc,
        "--noEmit",
        "--strict",
        "--exactOptionalPropertyTypes",
        "--noUncheckedIndexedAccess",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "es2022",
        "--skipLibCheck",
        "--pretty",
        "false",
        checkFile,
      ],
      { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const ms = Math.round(performance.now() - started);
    const output = `${result.stdout}${result.stderr}`;

    // Attribute every diagnostic to the check it is about.
    const byLine = /^(.*?)\((\d+),\d+\): (error .*)$/;
    const textLines = text.split("\n");
    const errors: string[][] = checks.map(() => []);
    const unattributed: string[] = [];
    let current: string[] | undefined;
    for (const line of output.split("\n")) {
      const m = byLine.exec(line);
      if (m) {
        const lineNo = Number(m[2]);
        const inCheckFile = resolve(repoRoot, m[1] ?? "") === checkFile;
        const index = inCheckFile
          ? snippets.findIndex((s) => lineNo >= s.firstLine && lineNo <= s.lastLine)
          : -1;
        const list = index >= 0 ? (errors[index] as string[]) : unattributed;
        current = list;
        if (inCheckFile)
          list.push(`line ${lineNo}: ${m[3]}`, `    at: ${textLines[lineNo - 1]?.trim() ?? "?"}`);
        else list.push(line);
      } else if (line.trim() && current) {
        current.push(line);
      } else if (line.trim()) {
        unattributed.push(line);
      }
    }
    if (result.error) unattributed.push(String(result.error));
    return { errors, unattributed, status: result.status, output, chars: text.length, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(tmpRoot) && readdirSync(tmpRoot).length === 0) rmdirSync(tmpRoot);
  }
}
