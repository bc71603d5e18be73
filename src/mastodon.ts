/**
 * The Mastodon class: the front door. Its layers, each in its own file:
 *   core/client.ts          server, credentials, rate limits, the request path
 *   core/server-version.ts  which server and version is on the other end
 *   auth/auth-methods.ts    apps, logins, tokens
 *   api/*.ts                the REST methods, by area: stand-ins here that load an area on first use (api/lazy-areas.ts)
 */

import type { ApiMethods } from "./api/index.js";
import { INTERNAL } from "./api/internal.js";
import { installLazyMethods } from "./api/lazy-areas.js";
import {
  type NotificationCheckpointOptions,
  notificationsSinceCheckpoint,
} from "./api/notification-checkpoint.js";
import { type Direction, paginationInfo } from "./api/pagination.js";
import type { PaginationInfo } from "./api/pagination-links.js";
import { fetchPage, fetchRemaining, iterate } from "./api/pagination-loader.js";
import type { StatusPostOptions } from "./api/status-post.js";
import { getStatusLength, type StatusLengthOptions } from "./api/statuses/status-length.js";
import { syncMethods } from "./api/sync-methods.js";
import { authFlows, MastodonAuth } from "./auth/auth-methods.js";
import { loadOnFirstUse } from "./core/load-on-first-use.js";
import type {
  Account,
  AccountCreationError,
  GroupedNotificationsResults,
  Notification,
  NotificationGroup,
  ScheduledStatus,
  Status,
} from "./entities/index.js";
import { streamingAreaCustom } from "./streaming/index.js";

/**
 * Options of createAccount. The server's validation (a blank or taken username, a password that is
 * too short, closed registrations) comes back as MastodonAPIError, or as details with
 * `return_detailed_error`.
 */
export interface CreateAccountOptions {
  /** Whether the user agreed to the server's rules and terms (required by Mastodon). */
  agreement?: boolean | undefined;
  /** Why the user wants to join, for servers that approve sign-ups by hand. */
  reason?: string | undefined;
  /** The language of the confirmation email and the new user's interface, an ISO 639 code. Default "en". */
  locale?: string | undefined;
  /**
   * The scopes the new user's token gets, a list or one space-separated string. Default read,
   * write, follow and push; a token granted fewer throws MastodonAPIError.
   */
  scopes?: readonly string[] | string | undefined;
  /** Also write the new credentials to this file (mode 0600), as logIn({ to_file }) does, to load with access_token_file. */
  to_file?: string | undefined;
  /** Resolve to [token, {}] or [null, error details] instead of throwing on validation errors. */
  return_detailed_error?: boolean | undefined;
  /** Required by servers that set a minimum age (Mastodon 4.4): "YYYY-MM-DD", or a Date (its UTC day). */
  date_of_birth?: string | Date | undefined;
}

/** The code of statusPost, loaded on the first post. */
const postStatusCode = loadOnFirstUse("statusPost", () => import("./api/statuses/post-status.js"));
let postStatusLoaded: typeof import("./api/statuses/post-status.js").postStatus | undefined;

// Methods from the endpoint tables are installed on the prototype below; this declaration gives them their types.
export interface Mastodon extends ApiMethods {}

/**
 * A client for one Mastodon server (or a compatible one), and for one user once it has a token:
 * every method of Mastodon.py under its camelCase name (`status_post` -> `statusPost`), with
 * Mastodon.py's positional parameters and a trailing options object for the rest.
 *
 *   const api = new Mastodon({ api_base_url: "https://mastodon.social", access_token });
 *   await api.statusPost("Hello!", { visibility: "unlisted" });
 *
 * The constructor takes MastodonOptions (or use Mastodon.fromEnv()); it throws
 * MastodonIllegalArgumentError for a bad option. Methods resolve to the server's JSON, fields as
 * the server names them, and reject with MastodonError subclasses (MastodonNotFoundError for a
 * 404, MastodonVersionError under version_check_mode, ...). Requests wait for the rate limit as
 * `ratelimit_method` says; safe requests are retried as `retry` says.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Mastodon extends MastodonAuth {
  /**
   * Posts a status. Resolves to the Status, or to a ScheduledStatus when `scheduled_at` is given.
   * Every option is checked before anything is sent (visibility, poll, media ids or entities, quote
   * parameters, dates). The request carries an Idempotency-Key, so the automatic retry after a lost
   * answer is safe; where a server mishandles the key (a 500 for a reused key, or no key for
   * scheduled posts), the post is looked up instead (see api/statuses/post-recovery.ts).
   * Mastodon 1.0.0; last changed 4.5.0 (quoted_status_id, quote_approval_policy).
   * https://docs.joinmastodon.org/methods/statuses/#create
   */
  statusPost(
    status: string,
    options: StatusPostOptions & { scheduled_at: Date | string },
  ): Promise<ScheduledStatus>;
  statusPost(status: string, options?: StatusPostOptions & { scheduled_at?: undefined }): Promise<Status>;
  statusPost(status: string, options?: StatusPostOptions): Promise<Status | ScheduledStatus>;
  statusPost(status: string, options: StatusPostOptions = {}): Promise<Status | ScheduledStatus> {
    // Loaded on the first post, like the API areas (see api/lazy-areas.ts). Later posts call it
    // directly, without an async layer of their own (postStatus never throws synchronously).
    if (postStatusLoaded !== undefined) return postStatusLoaded(this, status, options);
    return postStatusCode().then(({ postStatus }) => {
      postStatusLoaded = postStatus;
      return postStatus(this, status, options);
    });
  }

  /**
   * Posts a status with the account's default settings: the quickest way to say something.
   * Mastodon 1.0.0. https://docs.joinmastodon.org/methods/statuses/#create
   */
  async toot(status: string): Promise<Status> {
    return this.statusPost(status);
  }

  /**
   * How many characters Mastodon counts for a status (its limit is usually 500): links count as 23,
   * `@user@domain` as `@user`, plus the content warning. Also an instance method, as in Mastodon.py.
   */
  static getStatusLength(text: string, options?: StatusLengthOptions): number {
    return getStatusLength(text, options);
  }

  /** The logged-in user's account (the same as accountVerifyCredentials). */
  me(): Promise<Account> {
    return this.accountVerifyCredentials();
  }

  /**
   * Registers a new user account with an app token, then keeps the new user's access token.
   * Resolves to the token; with `return_detailed_error`, to [token, {}] or [null, details].
   * https://docs.joinmastodon.org/methods/accounts/#create (Mastodon 2.7.0)
   */
  async createAccount(
    username: string,
    password: string,
    email: string,
    options: CreateAccountOptions & { return_detailed_error: true },
  ): Promise<[string | null, AccountCreationError | Record<string, never>]>;
  async createAccount(
    username: string,
    password: string,
    email: string,
    options?: CreateAccountOptions,
  ): Promise<string>;
  async createAccount(
    username: string,
    password: string,
    email: string,
    options: CreateAccountOptions = {},
  ): Promise<string | [string | null, AccountCreationError | Record<string, never>]> {
    return (await authFlows()).createAccount(this as never, username, password, email, options);
  }

  // --- pagination (Mastodon.py's fetch_next & co.) ---

  /** The page after `page` (a result of a paginated method, or a cursor); null at the end. */
  fetchNext<T>(page: T[] | PaginationInfo): Promise<T[] | null>;
  fetchNext<T extends object>(page: T | PaginationInfo): Promise<T | null>;
  fetchNext(page: unknown): Promise<unknown> {
    return fetchPage(this[INTERNAL], page, "next");
  }

  /** The page before `page` (newer items, for timelines); null when there is none. */
  fetchPrevious<T>(page: T[] | PaginationInfo): Promise<T[] | null>;
  fetchPrevious<T extends object>(page: T | PaginationInfo): Promise<T | null>;
  fetchPrevious(page: unknown): Promise<unknown> {
    return fetchPage(this[INTERNAL], page, "previous");
  }

  /**
   * Every item of `page` and all the pages after it. Mind the rate limit on long lists. Grouped
   * notifications come back as one grouped result holding the groups of every page.
   */
  fetchRemaining(page: GroupedNotificationsResults): Promise<GroupedNotificationsResults>;
  fetchRemaining<T>(page: T[] | PaginationInfo | { collections: T[] }): Promise<T[]>;
  fetchRemaining(page: unknown): Promise<unknown> {
    return fetchRemaining(this[INTERNAL], page);
  }

  /**
   * Iterates over the items of `page` and the pages after it (or before it, with
   * `direction: "previous"`), fetching each page only when the one before is used up. Grouped
   * notifications yield their groups, collection pages their collections. With `return_pagination_info: true` each item comes as
   * `[item, cursor]`, the cursor of the page after the item's page (as Mastodon.py's option).
   */
  /**
   * For bots that poll (cron): the notifications newer than the checkpoint saved in `checkpoint`
   * (a store), oldest first; each is saved as handled when the loop asks for the next. The first run
   * saves the newest notification as the starting point and yields nothing.
   */
  paginationIterator(
    source: "notifications",
    options: NotificationCheckpointOptions,
  ): AsyncGenerator<Notification>;
  paginationIterator<T>(
    page: T[] | PaginationInfo | { collections: T[] },
    options: { direction?: Direction | undefined; return_pagination_info: true },
  ): AsyncGenerator<[T, PaginationInfo | undefined]>;
  paginationIterator(
    page: GroupedNotificationsResults,
    options: { direction?: Direction | undefined; return_pagination_info: true },
  ): AsyncGenerator<[NotificationGroup, PaginationInfo | undefined]>;
  paginationIterator(
    page: GroupedNotificationsResults,
    options?: { direction?: Direction | undefined; return_pagination_info?: false | undefined },
  ): AsyncGenerator<NotificationGroup>;
  paginationIterator<T>(
    page: T[] | PaginationInfo | { collections: T[] },
    options?: { direction?: Direction | undefined; return_pagination_info?: false | undefined },
  ): AsyncGenerator<T>;
  paginationIterator(
    page: unknown,
    options:
      | { direction?: Direction | undefined; return_pagination_info?: boolean | undefined }
      | NotificationCheckpointOptions = {},
  ): AsyncGenerator<unknown> {
    if (page === "notifications") {
      return notificationsSinceCheckpoint(
        this[INTERNAL],
        options as unknown as NotificationCheckpointOptions,
      );
    }
    const walk = options as {
      direction?: Direction | undefined;
      return_pagination_info?: boolean | undefined;
    };
    return iterate(this[INTERNAL], page, walk.direction ?? "next", walk.return_pagination_info === true);
  }

  /**
   * A plain, JSON-safe cursor for the page after (or before) `page`, or undefined when there is
   * none. fetchNext / fetchPrevious accept it, so a bot can store it and resume after a restart.
   */
  getPaginationInfo(page: unknown, direction: Direction = "next"): PaginationInfo | undefined {
    return paginationInfo(page, direction);
  }
}

function installMethods(target: typeof Mastodon): void {
  const define = (name: string, value: (this: Mastodon, ...args: unknown[]) => unknown) => {
    if (Object.hasOwn(target.prototype, name))
      throw new Error(`mastodon-ts: method ${name} is defined twice`);
    Object.defineProperty(target.prototype, name, {
      value,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  };
  // The REST methods load with their area on first use; streams and local computations answer at
  // once (they return a handle or a value, not a promise), so they are here from the start.
  installLazyMethods(target.prototype, define as never);
  for (const [name, implementation] of Object.entries({ ...syncMethods, ...streamingAreaCustom })) {
    define(name, implementation as (this: Mastodon, ...args: unknown[]) => unknown);
  }
}

installMethods(Mastodon);
