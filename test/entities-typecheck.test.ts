/**
 * Checks the generated entity types against real server responses.
 *
 * For every (recording, request, type) entry in the tables below, the recorded response body is written into a
 * temporary .ts file as a literal (`export const x: Status = {...};` — JSON is valid TS expression
 * syntax) and the whole file is compiled once with the project's tsc in strict mode. A literal
 * assignment also runs TypeScript's excess-property check, so a field the server sends but the
 * types do not know about fails the test too.
 *
 * Recordings: shared/conformance/recorded (override with MASTODON_TS_RECORDED). Skipped if absent.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const recordedDir = resolve(
  process.env.MASTODON_TS_RECORDED ?? join(repoRoot, "..", "shared", "conformance", "recorded"),
);

/**
 * Arrays are cut to their first MAX_ITEMS items, at every depth, to keep tsc's time bounded: it grows
 * with the size of the literals. Measured here: all recordings uncapped come to ~1.8 MB of literals and
 * tsc needs ~1.9 s; with the cap ~1.3 MB (mostly the 270 KB domain-block list is cut).
 */
const MAX_ITEMS = 25;

/** Which requests' responses to check, and as what type. */
interface Route {
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

const r = (
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
const INSTANCE_V1 = r("GET", /^\/api\/v1\/instance\/?$/, "Instance");
const INSTANCE_V2 = r("GET", /^\/api\/v2\/instance\/?$/, "InstanceV2");
const STATUS = r("GET", /^\/api\/v1\/statuses\/\d+$/, "Status");
const ACCOUNT = r("GET", /^\/api\/v1\/accounts\/\d+$/, "Account");
const VERIFY_CREDENTIALS = r("GET", /^\/api\/v1\/accounts\/verify_credentials$/, "Account");
const OAUTH_TOKEN = r("POST", /^\/oauth\/token$/, "Token");
const ACCOUNT_CREATE_ERROR = r("POST", /^\/api\/v1\/accounts$/, "AccountCreationError", false, {
  status: 422,
});
const GROUPED_NOTIFICATIONS = r("GET", /^\/api\/v2\/notifications$/, "GroupedNotificationsResults");
const NODEINFO = r("GET", /^\/nodeinfo\/2\.0$/, "Nodeinfo");
const INSTANCE_BOTH = [INSTANCE_V1, INSTANCE_V2];
// Posting with scheduled_at answers with a ScheduledStatus (recognised by its `params`) instead of a Status.
const SCHEDULED_POST = r("POST", /^\/api\/v1\/statuses$/, "ScheduledStatus", false, { withKey: "params" });

/**
 * mastodon-social-entities/test_entity_<name>.json: the file name says which entity the test is
 * about, but most nested entities are only reachable through a parent, so the parent is checked.
 */
const ENTITY_RECORDINGS: Record<string, Route[]> = {
  account: [ACCOUNT, VERIFY_CREDENTIALS],
  accountcreationerror: [OAUTH_TOKEN, ACCOUNT_CREATE_ERROR],
  accountcreationerrordetails: [OAUTH_TOKEN, ACCOUNT_CREATE_ERROR],
  accountcreationerrordetailsfield: [OAUTH_TOKEN, ACCOUNT_CREATE_ERROR],
  accountfield: [ACCOUNT],
  activity: [r("GET", /^\/api\/v1\/instance\/activity$/, "Activity", true)],
  announcement: [r("GET", /^\/api\/v1\/announcements$/, "Announcement", true)],
  application: [r("GET", /^\/api\/v1\/apps\/verify_credentials$/, "Application")],
  context: [r("GET", /^\/api\/v1\/statuses\/\d+\/context$/, "Context")],
  conversation: [r("GET", /^\/api\/v1\/conversations\/?$/, "Conversation", true)],
  credentialaccountsource: [VERIFY_CREDENTIALS],
  customemoji: [STATUS],
  domainblock: [r("GET", /^\/api\/v1\/instance\/domain_blocks$/, "DomainBlock", true)],
  extendeddescription: [r("GET", /^\/api\/v1\/instance\/extended_description$/, "ExtendedDescription")],
  familiarfollowers: [r("GET", /^\/api\/v1\/accounts\/familiar_followers$/, "FamiliarFollowers", true)],
  featuredtag: [r("GET", /^\/api\/v1\/featured_tags$/, "FeaturedTag", true)],
  filter: [r("GET", /^\/api\/v1\/filters$/, "Filter", true)],
  filterkeyword: [r("GET", /^\/api\/v2\/filters$/, "FilterV2", true)],
  filterresult: [STATUS],
  filterstatus: [
    r("GET", /^\/api\/v2\/filters$/, "FilterV2", true),
    r("GET", /^\/api\/v2\/filters\/\d+\/statuses$/, "FilterStatus", true),
  ],
  filterv2: [r("GET", /^\/api\/v2\/filters$/, "FilterV2", true)],
  groupednotificationsresults: [GROUPED_NOTIFICATIONS],
  instance: [INSTANCE_V1],
  instanceaccountconfiguration: INSTANCE_BOTH,
  instanceconfiguration: [INSTANCE_V1],
  instanceconfigurationv2: [INSTANCE_V2],
  instancecontact: INSTANCE_BOTH,
  instanceicon: [INSTANCE_V2],
  instancemediaconfiguration: INSTANCE_BOTH,
  instancepollconfiguration: INSTANCE_BOTH,
  instanceregistrations: [INSTANCE_V2],
  instancestatistics: [INSTANCE_V1],
  instancestatusconfiguration: INSTANCE_BOTH,
  instancethumbnail: INSTANCE_BOTH,
  instancethumbnailversions: INSTANCE_BOTH,
  instancetimelinesaccessconfiguration: [INSTANCE_V2],
  instancetimelinesaccessfeedconfiguration: [INSTANCE_V2],
  instancetranslationconfiguration: [INSTANCE_V2],
  instanceurls: [INSTANCE_V1],
  instanceurlsv2: [INSTANCE_V2],
  instanceusage: INSTANCE_BOTH,
  instanceusageusers: INSTANCE_BOTH,
  instancev2: [INSTANCE_V2],
  instancevapidkey: [INSTANCE_V2],
  // GET /api/v1/markers answers with an object keyed by timeline name.
  marker: [r("GET", /^\/api\/v1\/markers$/, "Record<string, Marker>")],
  mediaattachment: [STATUS],
  mediaattachmentaudiometadata: [STATUS],
  mediaattachmentcolors: [STATUS],
  mediaattachmentfocuspoint: [STATUS],
  mediaattachmentimagemetadata: [STATUS],
  mediaattachmentmetadatacontainer: [STATUS],
  mediaattachmentvideometadata: [STATUS],
  // The /.well-known/nodeinfo discovery document in these files is not an entity.
  nodeinfo: [NODEINFO],
  nodeinfometadata: [NODEINFO],
  nodeinfoservices: [NODEINFO],
  nodeinfosoftware: [NODEINFO],
  nodeinfousage: [NODEINFO],
  nodeinfousageusers: [NODEINFO],
  notification: [r("GET", /^\/api\/v1\/notifications$/, "Notification", true)],
  notificationgroup: [GROUPED_NOTIFICATIONS],
  notificationpolicy: [r("GET", /^\/api\/v2\/notifications\/policy$/, "NotificationPolicy")],
  notificationpolicysummary: [r("GET", /^\/api\/v2\/notifications\/policy$/, "NotificationPolicy")],
  oauthserverinfo: [r("GET", /^\/\.well-known\/oauth-authorization-server$/, "OAuthServerInfo")],
  oauthuserinfo: [
    r("GET", /^\/\.well-known\/oauth-authorization-server$/, "OAuthServerInfo"),
    r("GET", /^\/oauth\/userinfo$/, "OAuthUserInfo"),
  ],
  partialaccountwithavatar: [GROUPED_NOTIFICATIONS],
  poll: [STATUS],
  polloption: [STATUS],
  preferences: [r("GET", /^\/api\/v1\/preferences$/, "Preferences")],
  previewcard: [...INSTANCE_BOTH, STATUS],
  previewcardauthor: [...INSTANCE_BOTH, STATUS],
  quote: [STATUS],
  quoteapproval: [STATUS],
  reaction: [r("GET", /^\/api\/v1\/announcements$/, "Announcement", true)],
  relationship: [r("GET", /^\/api\/v1\/accounts\/relationships$/, "Relationship", true)],
  role: [VERIFY_CREDENTIALS],
  rule: INSTANCE_BOTH,
  ruletranslation: INSTANCE_BOTH,
  scheduledstatus: [SCHEDULED_POST],
  scheduledstatusparams: [SCHEDULED_POST],
  searchv2: [...INSTANCE_BOTH, r("GET", /^\/api\/v2\/search$/, "SearchV2")],
  shallowquote: [STATUS],
  status: [STATUS],
  statusedit: [r("GET", /^\/api\/v1\/statuses\/\d+\/history$/, "StatusEdit", true)],
  statusmention: [STATUS],
  statussource: [r("GET", /^\/api\/v1\/statuses\/\d+\/source$/, "StatusSource")],
  suggestion: [r("GET", /^\/api\/v2\/suggestions$/, "Suggestion", true)],
  supportedlocale: [r("GET", /^\/api\/v1\/instance\/languages$/, "SupportedLocale", true)],
  tag: [...INSTANCE_BOTH, r("GET", /^\/api\/v1\/trends\/tags$/, "Tag", true)],
  taghistory: [...INSTANCE_BOTH, r("GET", /^\/api\/v1\/trends\/tags$/, "Tag", true)],
  termsofservice: [r("GET", /^\/api\/v1\/instance\/terms_of_service$/, "TermsOfService")],
  trendinglinkhistory: [r("GET", /^\/api\/v1\/trends\/links$/, "PreviewCard", true)],
  unreadnotificationscount: [
    r("GET", /^\/api\/v1\/notifications\/unread_count$/, "UnreadNotificationsCount"),
  ],
  userlist: [r("GET", /^\/api\/v1\/lists$/, "UserList", true)],
  webpushsubscription: [r("POST", /^\/api\/v1\/push\/subscription$/, "WebPushSubscription")],
  webpushsubscriptionalerts: [r("POST", /^\/api\/v1\/push\/subscription$/, "WebPushSubscription")],
};

/**
 * mastodon-4.6.4/: a local Mastodon 4.6.4 driven by Mastodon.py's test suite. These routes are applied
 * to every file in the directory (first matching route wins); each must match at least one response.
 * Not covered: DELETE /api/v1/statuses/:id, whose status carries `text` instead of `content`;
 * endpoints that answer `{}` or plain string lists; the streaming API.
 */
const SERVER_ROUTES: Route[] = [
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

interface Interaction {
  request: { method: string; url: string };
  response: { status: number; body: unknown };
}

interface Check {
  label: string;
  /** Type expression, with `[]` appended for lists. */
  type: string;
  body: unknown;
}

function readInteractions(file: string): Interaction[] {
  return (JSON.parse(readFileSync(join(recordedDir, file), "utf8")) as { interactions: Interaction[] })
    .interactions;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined; // streaming or plain-text answers
  }
}

function matches(route: Route, { request, response }: Interaction, body: unknown): boolean {
  if (request.method !== route.method || !route.path.test(new URL(request.url).pathname)) return false;
  const statusOk =
    route.status === undefined
      ? response.status >= 200 && response.status <= 299
      : response.status === route.status;
  if (!statusOk || body === undefined) return false;
  if (route.withKey === undefined) return true;
  return body !== null && typeof body === "object" && !Array.isArray(body) && route.withKey in body;
}

function toCheck(file: string, index: number, interaction: Interaction, route: Route, body: unknown): Check {
  const { method, url } = interaction.request;
  const type = `${route.type}${route.isArray ? "[]" : ""}`;
  return {
    label: `${file} #${index} ${method} ${new URL(url).pathname} as ${type}`,
    type,
    body: cap(body),
  };
}

/** Everything to type-check; throws if a table row matches nothing (a stale or mistyped row). */
function collectChecks(): Check[] {
  const checks: Check[] = [];
  for (const [name, routes] of Object.entries(ENTITY_RECORDINGS)) {
    const file = `mastodon-social-entities/test_entity_${name}.json`;
    const interactions = readInteractions(file);
    for (const route of routes) {
      let found = false;
      interactions.forEach((interaction, i) => {
        const body = parseBody(interaction.response.body);
        if (!matches(route, interaction, body)) return;
        found = true;
        checks.push(toCheck(file, i, interaction, route, body));
      });
      if (!found) throw new Error(`no ${route.method} ${route.path} response in ${file}`);
    }
  }

  const used = new Set<Route>();
  const serverDir = "mastodon-4.6.4";
  for (const name of readdirSync(join(recordedDir, serverDir)).sort()) {
    if (!name.endsWith(".json")) continue;
    const file = `${serverDir}/${name}`;
    readInteractions(file).forEach((interaction, i) => {
      const body = parseBody(interaction.response.body);
      const route = SERVER_ROUTES.find((candidate) => matches(candidate, interaction, body));
      if (!route) return;
      used.add(route);
      checks.push(toCheck(file, i, interaction, route, body));
    });
  }
  const unused = SERVER_ROUTES.filter((route) => !used.has(route));
  if (unused.length > 0) {
    throw new Error(
      `routes matching nothing in ${serverDir}: ${unused.map((u) => `${u.method} ${u.path}`).join(", ")}`,
    );
  }

  // The same answer recorded many times (verify_credentials, instance) needs checking only once.
  const seen = new Set<string>();
  return checks.filter((check) => {
    const key = `${check.type} ${JSON.stringify(check.body)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cap(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map(cap);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cap(v)]));
  }
  return value;
}

interface Snippet {
  label: string;
  firstLine: number;
  lastLine: number;
}

/** Builds the check file; returns its text and which lines belong to which check. */
function buildCheckFile(checks: readonly Check[], importPath: string): { text: string; snippets: Snippet[] } {
  const lines = [`import type * as E from ${JSON.stringify(importPath)};`, ""];
  const snippets: Snippet[] = [];
  checks.forEach((check, n) => {
    // Pretty-printed, so that tsc's line numbers point at the offending field.
    const code = `// ${check.label}\nexport const c${n}: ${qualify(check.type)} = ${JSON.stringify(check.body, null, 1)};`;
    const codeLines = code.split("\n");
    snippets.push({
      label: check.label,
      firstLine: lines.length + 1,
      lastLine: lines.length + codeLines.length,
    });
    lines.push(...codeLines);
  });
  return { text: `${lines.join("\n")}\n`, snippets };
}

/** Prefixes the entity names in a type expression with the namespace import. */
function qualify(type: string): string {
  return type.replace(/\b([A-Z]\w*)\b/g, (name) => (name === "Record" ? name : `E.${name}`));
}

const recordedMissing = !existsSync(recordedDir);

test("recorded responses type-check against src/entities", {
  skip: recordedMissing ? `recorded traffic not found at ${recordedDir}` : false,
}, async (t) => {
  const checks = collectChecks();
  const tmpRoot = join(repoRoot, ".typecheck-tmp");
  mkdirSync(tmpRoot, { recursive: true });
  const dir = mkdtempSync(join(tmpRoot, "run-"));
  try {
    const checkFile = join(dir, "recorded.ts");
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
    t.diagnostic(
      `tsc checked ${snippets.length} responses (${text.length} chars) in ${Math.round(performance.now() - started)} ms`,
    );
    const output = `${result.stdout}${result.stderr}`;

    // Attribute every diagnostic to the response it is about.
    const byLine = /^(.*?)\((\d+),\d+\): (error .*)$/;
    const textLines = text.split("\n");
    const perSnippet = new Map<Snippet, string[]>();
    const unattributed: string[] = [];
    let current: string[] | undefined;
    for (const line of output.split("\n")) {
      const m = byLine.exec(line);
      if (m) {
        const lineNo = Number(m[2]);
        const inCheckFile = resolve(repoRoot, m[1] ?? "") === checkFile;
        const snippet = inCheckFile
          ? snippets.find((s) => lineNo >= s.firstLine && lineNo <= s.lastLine)
          : undefined;
        const list = snippet ? (perSnippet.get(snippet) ?? []) : unattributed;
        if (snippet) perSnippet.set(snippet, list);
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

    for (const snippet of snippets) {
      await t.test(snippet.label, () => {
        const errors = perSnippet.get(snippet) ?? [];
        assert.equal(errors.length, 0, errors.join("\n"));
      });
    }
    assert.deepEqual(unattributed, [], unattributed.join("\n"));
    assert.equal(result.status, 0, output || String(result.error));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(tmpRoot) && readdirSync(tmpRoot).length === 0) rmdirSync(tmpRoot);
  }
});
