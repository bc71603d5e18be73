/**
 * The notification policy (v2: accept/filter/drop per kind of sender; v1: the same as booleans) and
 * the notification requests it fills: list, show, accept, dismiss, the bulk forms, and `merged`
 * (always true: the sandbox unfilters at once, where Mastodon does it in a background job).
 */
import type { SandboxApp } from "../app.js";
import {
  POLICY_FIELDS,
  POLICY_VALUES,
  type PolicyField,
  policyOf,
  updatePolicy,
} from "../notification-policy.js";
import { acceptRequest, dismissRequest, pendingSummary, renderRequest } from "../notification-requests.js";
import { continuingLink } from "../page-links.js";
import { arraySource, limitParam, paginate } from "../paginate.js";
import type { NotificationPolicyRecord, NotificationRequestRecord, PolicyValue } from "../records.js";
import { notFound, ok, validationFailed } from "../reply.js";
import type { SandboxRequest } from "../request.js";

const READ = { scopes: ["read:notifications"] };
const WRITE = { scopes: ["write:notifications"] };
/** The v1 booleans and the v2 fields they stand for (v1 has no limited accounts nor bots). */
const V1_FIELDS: [string, PolicyField][] = [
  ["filter_not_following", "for_not_following"],
  ["filter_not_followers", "for_not_followers"],
  ["filter_new_accounts", "for_new_accounts"],
  ["filter_private_mentions", "for_private_mentions"],
];

/** "For not following" as Rails' humanize writes the attribute in its messages. */
function humanize(field: string): string {
  const words = field.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function renderV2(req: SandboxRequest, policy: NotificationPolicyRecord) {
  const body: Record<string, unknown> = {};
  for (const field of POLICY_FIELDS) body[field] = policy[field];
  body.summary = pendingSummary(req.ctx, req.me.id);
  return body;
}

function renderV1(req: SandboxRequest, policy: NotificationPolicyRecord) {
  const body: Record<string, unknown> = {};
  for (const [name, field] of V1_FIELDS) body[name] = policy[field] !== "accept";
  body.summary = pendingSummary(req.ctx, req.me.id);
  return body;
}

/** The v2 fields given, each one of accept, filter or drop (anything else is Mastodon's 422). */
function v2Changes(req: SandboxRequest): Partial<Record<PolicyField, PolicyValue>> {
  const changes: Partial<Record<PolicyField, PolicyValue>> = {};
  const wrong: string[] = [];
  for (const field of POLICY_FIELDS) {
    if (req.param(field) === undefined) continue;
    const value = req.string(field);
    if (value !== undefined && (POLICY_VALUES as readonly string[]).includes(value)) {
      changes[field] = value as PolicyValue;
    } else {
      wrong.push(`${humanize(field)} is not included in the list`);
    }
  }
  if (wrong.length > 0) throw validationFailed(wrong.join(", "));
  return changes;
}

/** The v1 booleans given: true filters, false accepts; an unreadable one is left as it is (Rails casts it to nil). */
function v1Changes(req: SandboxRequest): Partial<Record<PolicyField, PolicyValue>> {
  const changes: Partial<Record<PolicyField, PolicyValue>> = {};
  for (const [name, field] of V1_FIELDS) {
    const value = req.boolean(name);
    if (value !== undefined) changes[field] = value ? "filter" : "accept";
  }
  return changes;
}

export function registerNotificationPolicy(app: SandboxApp): void {
  const { router, ctx } = app;

  router.get("/api/v2/notifications/policy", (req) => ok(renderV2(req, policyOf(ctx, req.me.id))), READ);
  router.patch(
    "/api/v2/notifications/policy",
    (req) => ok(renderV2(req, updatePolicy(ctx, req.me.id, v2Changes(req)))),
    WRITE,
  );
  router.get("/api/v1/notifications/policy", (req) => ok(renderV1(req, policyOf(ctx, req.me.id))), READ);
  router.put(
    "/api/v1/notifications/policy",
    (req) => ok(renderV1(req, updatePolicy(ctx, req.me.id, v1Changes(req)))),
    WRITE,
  );

  const mine = (req: SandboxRequest) => ctx.state.notificationRequests.lookup("account", req.me.id);
  const own = (req: SandboxRequest): NotificationRequestRecord => {
    const request = ctx.state.notificationRequests.get(req.route.id ?? "");
    if (!request || request.account_id !== req.me.id) throw notFound();
    return request;
  };
  /** The caller's requests named by `id[]`; unknown ones are passed over, as Mastodon's `where`. */
  const named = (req: SandboxRequest) => {
    const ids = new Set(req.strings("id"));
    return mine(req).filter((r) => ids.has(r.id));
  };

  router.get(
    "/api/v1/notifications/requests",
    (req) => {
      const limit = limitParam(req, 40);
      const page = paginate(req, arraySource(mine(req)), () => true, { defaultLimit: 40 });
      const body = page.items.flatMap((r) => renderRequest(ctx, r) ?? []);
      const newest = page.items[0];
      const oldest = page.items[page.items.length - 1];
      const cursors = newest && oldest ? { newest: newest.id, oldest: oldest.id } : undefined;
      return ok(body, continuingLink(req, cursors, page.items.length === limit));
    },
    READ,
  );
  router.get("/api/v1/notifications/requests/merged", () => ok({ merged: true }), READ);
  router.get(
    "/api/v1/notifications/requests/:id",
    (req) => {
      const rendered = renderRequest(ctx, own(req));
      if (!rendered) throw notFound();
      return ok(rendered);
    },
    READ,
  );
  // Each action on one request (`/:id/accept`) and on several (`/accept` with `id[]`).
  for (const [action, apply] of [
    ["accept", acceptRequest],
    ["dismiss", dismissRequest],
  ] as const) {
    router.post(
      `/api/v1/notifications/requests/:id/${action}`,
      (req) => {
        apply(ctx, own(req));
        return ok({});
      },
      WRITE,
    );
    router.post(
      `/api/v1/notifications/requests/${action}`,
      (req) => {
        for (const request of named(req)) apply(ctx, request);
        return ok({});
      },
      WRITE,
    );
  }
}
