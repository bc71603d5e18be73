/**
 * The watch page (`GET /`) and what it reads to go live: `/sandbox/api/users`, the seeded users with
 * their tokens. The sandbox has no real security, but it hands tokens out only while it listens on
 * loopback; a sandbox opened to the network (`--public`) answers 404 there and the page says so.
 */

import type { SandboxApp } from "../app.js";
import { isLoopbackAddress } from "../options.js";
import { WATCH_PAGE } from "../page-html.js";
import { html, notFound, ok } from "../reply.js";
import { SANDBOX_APP_NAME } from "../seed.js";

export function registerPage(app: SandboxApp): void {
  const { ctx, router } = app;
  router.get("/", () => html(WATCH_PAGE), { auth: "none" });
  router.get(
    "/sandbox/api/users",
    () => {
      if (!isLoopbackAddress(ctx.options.host)) throw notFound();
      const { state } = ctx;
      const seedApp = state.apps.find((a) => a.name === SANDBOX_APP_NAME);
      const users = ctx.options.users.flatMap((username) => {
        const account = state.accounts.lookup("username", username.toLowerCase())[0];
        const token = account
          ? state.tokens.lookup("account", account.id).find((t) => t.client_id === seedApp?.client_id)
          : undefined;
        return account && token
          ? [{ id: account.id, username: account.username, access_token: token.token }]
          : [];
      });
      return ok(users);
    },
    { auth: "none" },
  );
}
