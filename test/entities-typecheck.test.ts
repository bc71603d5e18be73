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
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  ACCOUNT,
  ACCOUNT_CREATE_ERROR,
  capArrays,
  GROUPED_NOTIFICATIONS,
  INSTANCE_BOTH,
  INSTANCE_V1,
  INSTANCE_V2,
  type LiteralCheck,
  NODEINFO,
  OAUTH_TOKEN,
  type Route,
  r,
  routeMatches,
  SCHEDULED_POST,
  SERVER_ROUTES,
  STATUS,
  typecheckLiterals,
  VERIFY_CREDENTIALS,
} from "./support/typecheck.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const recordedDir = resolve(
  process.env.MASTODON_TS_RECORDED ?? join(repoRoot, "..", "shared", "conformance", "recorded"),
);

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

// The routes applied to every file of mastodon-4.6.4/ are SERVER_ROUTES in support/typecheck.ts; each must
// match at least one response.

interface Interaction {
  request: { method: string; url: string };
  response: { status: number; body: unknown };
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
  return routeMatches(route, request, response.status, body);
}

function toCheck(
  file: string,
  index: number,
  interaction: Interaction,
  route: Route,
  body: unknown,
): LiteralCheck {
  const { method, url } = interaction.request;
  const type = `${route.type}${route.isArray ? "[]" : ""}`;
  return {
    label: `${file} #${index} ${method} ${new URL(url).pathname} as ${type}`,
    type,
    body: capArrays(body),
  };
}

/** Everything to type-check; throws if a table row matches nothing (a stale or mistyped row). */
function collectChecks(): LiteralCheck[] {
  const checks: LiteralCheck[] = [];
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

const recordedMissing = !existsSync(recordedDir);

test("recorded responses type-check against src/entities", {
  skip: recordedMissing ? `recorded traffic not found at ${recordedDir}` : false,
}, async (t) => {
  const checks = collectChecks();
  const result = typecheckLiterals(checks);
  t.diagnostic(`tsc checked ${checks.length} responses (${result.chars} chars) in ${result.ms} ms`);
  for (const [n, check] of checks.entries()) {
    await t.test(check.label, () => {
      const errors = result.errors[n] ?? [];
      assert.equal(errors.length, 0, errors.join("\n"));
    });
  }
  assert.deepEqual(result.unattributed, [], result.unattributed.join("\n"));
  assert.equal(result.status, 0, result.output);
});
