/**
 * `GET /api/v1/statuses/:id/quotes`: the statuses quoting a status. The sandbox makes no quote posts,
 * so the list is always empty; a status the caller may not see is 404, as Mastodon's.
 */
import type { SandboxApp } from "../app.js";
import { ok } from "../reply.js";
import { visibleStatus } from "./statuses.js";

export function registerQuotes(app: SandboxApp): void {
  app.router.get(
    "/api/v1/statuses/:id/quotes",
    (req) => {
      visibleStatus(req);
      return ok([]);
    },
    { auth: "optional", scopes: ["read", "read:statuses"] },
  );
}
