/**
 * All of the sandbox's data: one table per kind of record, the id generator, and the conversion to and
 * from the JSON that `--data FILE` keeps. Handlers change records in place and then call
 * `SandboxContext.changed()`, which schedules a save.
 */
import { SnowflakeIds } from "./ids.js";
import type {
  AccountConversationRecord,
  AccountNoteRecord,
  AccountRecord,
  AccountRelationRecord,
  AppRecord,
  AuthCodeRecord,
  FollowRecord,
  IdempotencyRecord,
  ListRecord,
  MarkerRecord,
  MediaRecord,
  MuteRecord,
  NotificationPermissionRecord,
  NotificationPolicyRecord,
  NotificationRecord,
  NotificationRequestRecord,
  PollRecord,
  ScheduledStatusRecord,
  StatusMarkRecord,
  StatusRecord,
  TagFollowRecord,
  TagRecord,
  TokenRecord,
} from "./records.js";
import { Table } from "./table.js";

const byAccount = { account: (r: { account_id: string | null }) => r.account_id };
const relationIndexes = {
  account: (r: AccountRelationRecord) => r.account_id,
  target: (r: AccountRelationRecord) => r.target_account_id,
};
const markIndexes = {
  account: (r: StatusMarkRecord) => r.account_id,
  status: (r: StatusMarkRecord) => r.status_id,
};

export class State {
  ids = new SnowflakeIds();
  apps = new Table<AppRecord>({ client: (r) => r.client_id });
  tokens = new Table<TokenRecord>({ token: (r) => r.token, refresh: (r) => r.refresh_token, ...byAccount });
  codes = new Table<AuthCodeRecord>();
  accounts = new Table<AccountRecord>({
    username: (r) => r.username.toLowerCase(),
    email: (r) => r.email.toLowerCase(),
  });
  statuses = new Table<StatusRecord>({
    ...byAccount,
    reblog: (r) => r.reblog_of_id,
    reply: (r) => r.in_reply_to_id,
  });
  media = new Table<MediaRecord>(byAccount);
  polls = new Table<PollRecord>({ status: (r) => r.status_id });
  follows = new Table<FollowRecord>(relationIndexes);
  /** Follow requests keep the options asked for (reblogs, notify, languages) until authorised. */
  followRequests = new Table<FollowRecord>(relationIndexes);
  blocks = new Table<AccountRelationRecord>(relationIndexes);
  mutes = new Table<MuteRecord>(relationIndexes);
  /** Accounts featured on a profile (endorsements). */
  endorsements = new Table<AccountRelationRecord>(relationIndexes);
  accountNotes = new Table<AccountNoteRecord>(relationIndexes);
  favourites = new Table<StatusMarkRecord>(markIndexes);
  bookmarks = new Table<StatusMarkRecord>(markIndexes);
  pins = new Table<StatusMarkRecord>(markIndexes);
  statusMutes = new Table<StatusMarkRecord>(markIndexes);
  notifications = new Table<NotificationRecord>(byAccount);
  lists = new Table<ListRecord>(byAccount);
  markers = new Table<MarkerRecord>(byAccount);
  scheduled = new Table<ScheduledStatusRecord>(byAccount);
  idempotency = new Table<IdempotencyRecord>();
  notificationPolicies = new Table<NotificationPolicyRecord>();
  notificationRequests = new Table<NotificationRequestRecord>(byAccount);
  notificationPermissions = new Table<NotificationPermissionRecord>(byAccount);
  conversations = new Table<AccountConversationRecord>(byAccount);
  tags = new Table<TagRecord>({ name: (r) => r.name });
  tagFollows = new Table<TagFollowRecord>({ ...byAccount, tag: (r) => r.tag_id });

  /** The tables by the names they have in the saved file. */
  private tables(): Record<string, Table<{ id: string }>> {
    return {
      apps: this.apps,
      tokens: this.tokens,
      codes: this.codes,
      accounts: this.accounts,
      statuses: this.statuses,
      media: this.media,
      polls: this.polls,
      follows: this.follows,
      follow_requests: this.followRequests,
      blocks: this.blocks,
      mutes: this.mutes,
      endorsements: this.endorsements,
      account_notes: this.accountNotes,
      favourites: this.favourites,
      bookmarks: this.bookmarks,
      pins: this.pins,
      status_mutes: this.statusMutes,
      notifications: this.notifications,
      lists: this.lists,
      markers: this.markers,
      scheduled: this.scheduled,
      idempotency: this.idempotency,
      notification_policies: this.notificationPolicies,
      notification_requests: this.notificationRequests,
      notification_permissions: this.notificationPermissions,
      conversations: this.conversations,
      tags: this.tags,
      tag_follows: this.tagFollows,
    } as unknown as Record<string, Table<{ id: string }>>;
  }

  clear(): void {
    for (const table of Object.values(this.tables())) table.clear();
  }

  toJSON(): SavedState {
    const tables: Record<string, unknown[]> = {};
    for (const [name, table] of Object.entries(this.tables())) tables[name] = table.all();
    return { format: SAVED_FORMAT, last_id: this.ids.last.toString(), tables };
  }

  /** Replaces everything with a saved state; throws a plain Error that says what is wrong with it. */
  load(saved: unknown): void {
    if (typeof saved !== "object" || saved === null) throw new Error("it is not a JSON object");
    const s = saved as Partial<SavedState>;
    if (s.format !== SAVED_FORMAT) {
      throw new Error(`its format is ${JSON.stringify(s.format)}, expected ${JSON.stringify(SAVED_FORMAT)}`);
    }
    if (typeof s.last_id !== "string" || !/^\d{1,30}$/.test(s.last_id))
      throw new Error("last_id is not an id");
    if (typeof s.tables !== "object" || s.tables === null) throw new Error("it has no tables");
    const tables = this.tables();
    for (const [name, rows] of Object.entries(s.tables)) {
      if (!(name in tables)) throw new Error(`it has an unknown table "${name}"`);
      if (!Array.isArray(rows) || rows.some((r) => typeof (r as { id?: unknown })?.id !== "string")) {
        throw new Error(`table "${name}" is not a list of records with ids`);
      }
    }
    this.clear();
    for (const [name, rows] of Object.entries(s.tables)) tables[name]!.load(rows as { id: string }[]);
    this.ids.last = BigInt(s.last_id);
  }
}

export const SAVED_FORMAT = "mastodon-ts-sandbox/1";

export interface SavedState {
  format: typeof SAVED_FORMAT;
  last_id: string;
  tables: Record<string, unknown[]>;
}
