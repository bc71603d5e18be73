/**
 * E-mail confirmation for accounts signed up through the API. Every sandbox account counts as
 * confirmed and no mail is sent, so asking for the confirmation mail again just succeeds (Mastodon
 * answers `{}` while the address awaits confirmation), and `check_confirmation` is always true. A
 * token with no user behind it is refused as Mastodon refuses it.
 */
import type { SandboxApp } from "../app.js";
import { ApiError, ok } from "../reply.js";

export function registerEmails(app: SandboxApp): void {
  app.router.post(
    "/api/v1/emails/confirmations",
    (req) => {
      if (!req.account) {
        throw new ApiError(403, {
          error: "This method is only available to the application the user originally signed-up with",
        });
      }
      return ok({});
    },
    { auth: "app" },
  );
  app.router.get("/api/v1/emails/check_confirmation", () => ok(true), {
    scopes: ["read", "read:accounts"],
  });
}
