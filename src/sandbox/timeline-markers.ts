/**
 * Read markers (`GET/POST /api/v1/markers`): where the user stopped reading home and notifications.
 * As Mastodon: a marker is made on first use, its `version` (Rails' lock_version) goes up with each
 * change, and a timeline name other than `home` and `notifications` is ignored.
 */
import type { Marker } from "../entities/index.js";
import type { SandboxApp } from "./app.js";
import type { SandboxContext } from "./context.js";
import { idFromText } from "./paginate.js";
import type { MarkerRecord } from "./records.js";
import { ok } from "./reply.js";

const TIMELINES = ["home", "notifications"] as const;
type Timeline = (typeof TIMELINES)[number];

export function findMarker(
  ctx: SandboxContext,
  accountId: string,
  timeline: Timeline,
): MarkerRecord | undefined {
  return ctx.state.markers.lookup("account", accountId).find((m) => m.timeline === timeline);
}

function renderMarker(marker: MarkerRecord): Marker {
  return { last_read_id: marker.last_read_id, version: marker.version, updated_at: marker.updated_at };
}

export function registerMarkers({ router, ctx }: SandboxApp): void {
  router.get(
    "/api/v1/markers",
    (req) => {
      const body: Record<string, Marker> = {};
      for (const name of req.strings("timeline")) {
        const marker = (TIMELINES as readonly string[]).includes(name)
          ? findMarker(ctx, req.me.id, name as Timeline)
          : undefined;
        if (marker) body[name] = renderMarker(marker);
      }
      return ok(body);
    },
    { scopes: ["read:statuses"] },
  );

  router.post(
    "/api/v1/markers",
    (req) => {
      const body: Record<string, Marker> = {};
      for (const timeline of TIMELINES) {
        const given = req.object(timeline);
        if (!given) continue;
        let marker = findMarker(ctx, req.me.id, timeline);
        if (!marker) {
          marker = ctx.state.markers.insert({
            id: ctx.newId(),
            account_id: req.me.id,
            timeline,
            last_read_id: "0",
            version: 0,
            updated_at: ctx.nowIso(),
          });
        }
        const raw = req.string("last_read_id", given);
        const lastReadId = raw === undefined ? undefined : idFromText(raw);
        if (lastReadId !== undefined && lastReadId !== marker.last_read_id) {
          marker.last_read_id = lastReadId;
          marker.version++;
          marker.updated_at = ctx.nowIso();
        }
        body[timeline] = renderMarker(marker);
      }
      ctx.changed();
      return ok(body);
    },
    { scopes: ["write:statuses"] },
  );
}
