/** `accounts`: lists the accounts in the config file; `accounts switch NAME` makes one active. */
import { type Command, noMorePositionals } from "../command.js";
import { findAccount, unknownAccount } from "../credentials.js";
import { usageError } from "../exit-codes.js";
import { unbidi } from "../format.js";

export const accountsCommand: Command = {
  name: "accounts",
  summary: "list the logged-in accounts, or switch the active one",
  credentials: false,
  options: {},
  help: `Usage: mastodon-ts accounts [list]
       mastodon-ts accounts switch NAME

Lists the accounts stored by "mastodon-ts login" (the active one marked with *), or makes NAME
the active account. NAME is the account's key (user@host), or its username when that is unique.
Commands use the active account unless --account, --instance, --access-token or the environment
choose another. No token is shown (see "mastodon-ts credentials").`,

  async run(ctx, _values, positionals) {
    const [action = "list", name] = positionals;
    if (action === "list") {
      noMorePositionals("accounts", positionals, 1);
      const data = ctx.config.load();
      const rows = Object.entries(data.accounts).map(([key, account]) => ({
        account: key,
        active: key === data.active,
        api_base_url: account.api_base_url,
        acct: account.acct,
        display_name: account.display_name ?? "",
        scopes: account.scopes,
      }));
      return ctx.io.result({ config_file: ctx.config.path, accounts: rows }, () =>
        rows.length === 0
          ? ["No accounts yet. Log in with: mastodon-ts login --instance https://your.server"]
          : rows.map((row) =>
              unbidi(
                `${row.active ? "*" : " "} ${row.account}${row.display_name ? `  (${row.display_name})` : ""}`,
              ),
            ),
      );
    }
    if (action === "switch" || action === "use") {
      noMorePositionals("accounts", positionals, 2);
      if (!name)
        throw usageError(
          "accounts switch needs the account: mastodon-ts accounts switch alice@mastodon.social",
        );
      const key = ctx.config.update((data) => {
        const found = findAccount(data, name);
        if (!found) throw unknownAccount(data, name);
        data.active = found[0];
        return found[0];
      });
      return ctx.io.result({ active: key }, () => [`Active account: ${key}`]);
    }
    throw usageError(`accounts: unknown action "${action}"; use "list" or "switch NAME".`);
  },
};
