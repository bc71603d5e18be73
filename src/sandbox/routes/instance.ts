/**
 * The instance area: the instance information (v1 and v2) and its satellites (peers, activity, rules,
 * descriptions, translation languages), custom emojis, announcements, preferences, NodeInfo and the
 * health check. A fresh sandbox answers them as a fresh Mastodon 4.5 server with no federation would.
 */
import type { SandboxApp } from "../app.js";
import type { SandboxContext } from "../context.js";
import {
  INSTANCE_DESCRIPTION,
  INSTANCE_TITLE,
  instanceRules,
  renderInstanceV1,
  renderInstanceV2,
  SANDBOX_VERSION,
} from "../render/instance.js";
import { ok, type Reply } from "../reply.js";

const WEEK_S = 7 * 24 * 3600;
const WEEKS_OF_ACTIVITY = 12;

/** A 1x1 transparent PNG for the thumbnail and icon addresses the instance information names. */
const PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

function pixel(): Reply {
  return {
    status: 200,
    body: null,
    raw: PIXEL_PNG,
    headers: { "content-type": "image/png", "cache-control": "public, max-age=86400" },
  };
}

/**
 * Twelve weeks of activity, newest first. Mastodon counts from the moment of the request backwards
 * (`week` is that moment minus whole weeks, in Unix seconds) and writes every number as a string.
 */
function activity(ctx: SandboxContext) {
  const now = Math.floor(ctx.now() / 1000);
  const weekOf = (iso: string) => Math.floor((now - Math.floor(Date.parse(iso) / 1000)) / WEEK_S);
  const weeks = Array.from({ length: WEEKS_OF_ACTIVITY }, () => ({
    statuses: 0,
    logins: new Set<string>(),
    registrations: 0,
  }));
  for (const status of ctx.state.statuses.all()) {
    const w = weeks[weekOf(status.created_at)];
    if (w) w.statuses++;
  }
  for (const account of ctx.state.accounts.all()) {
    const w = weeks[weekOf(account.created_at)];
    if (w) w.registrations++;
  }
  for (const token of ctx.state.tokens.all()) {
    const w = token.account_id === null ? undefined : weeks[weekOf(token.created_at)];
    if (w && token.account_id) w.logins.add(token.account_id);
  }
  return weeks.map((w, i) => ({
    week: String(now - i * WEEK_S),
    statuses: String(w.statuses),
    logins: String(w.logins.size),
    registrations: String(w.registrations),
  }));
}

function nodeinfo(ctx: SandboxContext) {
  const users = ctx.state.accounts.size;
  return {
    version: "2.0",
    software: { name: "mastodon", version: SANDBOX_VERSION },
    protocols: ["activitypub"],
    services: { outbound: [], inbound: [] },
    usage: {
      users: { total: users, activeMonth: users, activeHalfyear: users },
      localPosts: ctx.state.statuses.size,
    },
    openRegistrations: true,
    metadata: { nodeName: INSTANCE_TITLE, nodeDescription: INSTANCE_DESCRIPTION },
  };
}

export function registerInstance(app: SandboxApp): void {
  const { router, ctx } = app;
  const startedAt = ctx.nowIso();
  const open = { auth: "none" } as const;

  router.get("/api/v1/instance", () => ok(renderInstanceV1(ctx)), open);
  router.get("/api/v2/instance", () => ok(renderInstanceV2(ctx)), open);
  router.get("/api/v1/instance/peers", () => ok([]), open);
  router.get("/api/v1/instance/activity", () => ok(activity(ctx)), open);
  router.get("/api/v1/instance/rules", () => ok(instanceRules()), open);
  router.get(
    "/api/v1/instance/extended_description",
    () => ok({ updated_at: startedAt, content: `<p>${INSTANCE_DESCRIPTION}</p>` }),
    open,
  );
  router.get(
    "/api/v1/instance/privacy_policy",
    () =>
      ok({
        updated_at: startedAt,
        content:
          "<p>The sandbox keeps everything on this machine, in memory or in the file it was given.</p>",
      }),
    open,
  );
  // Mastodon answers an object keyed by source language; with translation off it is empty.
  router.get("/api/v1/instance/translation_languages", () => ok({}), open);
  // Mastodon lists every language it knows; the sandbox speaks only English.
  router.get("/api/v1/instance/languages", () => ok([{ code: "en", name: "English" }]), open);
  router.get("/api/v1/custom_emojis", () => ok([]), open);
  router.get("/api/v1/announcements", () => ok([]), { auth: "user", scopes: ["read"] });
  router.get(
    "/api/v1/preferences",
    (req) =>
      ok({
        "posting:default:visibility": req.me.privacy,
        "posting:default:sensitive": req.me.sensitive,
        "posting:default:language": req.me.language,
        "posting:default:quote_policy": "public",
        "reading:expand:media": "default",
        "reading:expand:spoilers": false,
        "reading:autoplay:gifs": false,
      }),
    { auth: "user", scopes: ["read", "read:accounts"] },
  );
  router.get(
    "/.well-known/nodeinfo",
    () =>
      ok({
        links: [{ rel: "http://nodeinfo.diaspora.software/ns/schema/2.0", href: `${ctx.url}/nodeinfo/2.0` }],
      }),
    open,
  );
  router.get("/nodeinfo/2.0", () => ok(nodeinfo(ctx)), open);
  router.get(
    "/health",
    () => ({ status: 200, body: null, raw: "OK", headers: { "content-type": "text/plain; charset=utf-8" } }),
    open,
  );
  router.get("/packs/images/:file", pixel, open);
  router.get("/packs/icons/:file", pixel, open);
}
