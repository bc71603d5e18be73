/**
 * What the sandbox stores: plain JSON-safe records, one interface per kind. Entities as the API shows
 * them are computed from these by the renderers in render/, from the point of view of whoever asks.
 * Dates are ISO-8601 strings, times used only for arithmetic are epoch milliseconds (`_ms`).
 */

export type Visibility = "public" | "unlisted" | "private" | "direct";

export interface AppRecord {
  id: string;
  client_id: string;
  client_secret: string;
  name: string;
  website: string | null;
  redirect_uris: string[];
  scopes: string[];
  created_at: string;
}

export interface TokenRecord {
  id: string;
  /** The bearer string. */
  token: string;
  client_id: string;
  /** null for an app token (client_credentials). */
  account_id: string | null;
  scopes: string[];
  refresh_token: string | null;
  created_at: string;
}

export interface AuthCodeRecord {
  /** The code itself. */
  id: string;
  client_id: string;
  account_id: string;
  redirect_uri: string;
  scopes: string[];
  code_challenge: string | null;
  code_challenge_method: string | null;
  expires_ms: number;
}

export interface ProfileField {
  name: string;
  value: string;
  verified_at: string | null;
}

export interface AccountRecord {
  id: string;
  username: string;
  email: string;
  password: string;
  display_name: string;
  /** The bio as its author typed it (plain text); rendered to HTML when shown. */
  note: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  indexable: boolean;
  hide_collections: boolean;
  fields: ProfileField[];
  /** Media record ids of the uploaded avatar and header, or null for the defaults. */
  avatar_media_id: string | null;
  header_media_id: string | null;
  created_at: string;
  last_status_at: string | null;
  /** Posting defaults (the `source` of a CredentialAccount). */
  privacy: Visibility;
  sensitive: boolean;
  language: string | null;
}

export interface StatusEditRecord {
  text: string;
  spoiler_text: string;
  sensitive: boolean;
  media_ids: string[];
  poll_options: string[] | null;
  created_at: string;
}

export interface StatusRecord {
  id: string;
  account_id: string;
  /** The source text (what `DELETE` and `/source` give back). */
  text: string;
  /** The HTML rendering of `text`, made once when posted or edited. */
  content: string;
  spoiler_text: string;
  visibility: Visibility;
  sensitive: boolean;
  language: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  /** Set for a reblog: the status reblogged (the reblog itself has no text). */
  reblog_of_id: string | null;
  quote_id: string | null;
  media_ids: string[];
  poll_id: string | null;
  /** Accounts mentioned, in order of appearance. */
  mention_ids: string[];
  /** Hashtag names, lower case, in order of appearance. */
  tags: string[];
  client_id: string | null;
  created_at: string;
  edited_at: string | null;
  /** Earlier versions, oldest first; the current one is the record itself. */
  edits: StatusEditRecord[];
}

export type MediaType = "image" | "gifv" | "video" | "audio" | "unknown";

export interface MediaRecord {
  id: string;
  account_id: string;
  type: MediaType;
  content_type: string;
  filename: string;
  /** The file, base64. */
  data: string;
  description: string | null;
  /** null until a focus point is set (Mastodon's `meta` has no `focus` until then). */
  focus: { x: number; y: number } | null;
  width: number | null;
  height: number | null;
  /** Seconds, for video and audio whose header the sandbox can read. */
  duration?: number | null;
  /** A video's frame rate as ffprobe writes it ("30/1"), when its MP4 boxes tell. */
  frame_rate?: string | null;
  /** A custom preview image (video and audio only, as Mastodon allows). */
  thumbnail?: MediaThumbnailRecord | null;
  blurhash: string | null;
  /** When background processing ends (epoch ms). Before then the media answers 206 with a null url. */
  ready_ms: number;
  status_id: string | null;
  created_at: string;
}

export interface MediaThumbnailRecord {
  content_type: string;
  /** The image, base64. */
  data: string;
  width: number | null;
  height: number | null;
}

export interface PollRecord {
  id: string;
  status_id: string;
  options: string[];
  multiple: boolean;
  hide_totals: boolean;
  expires_at: string | null;
  /** Choices per voter account id. */
  votes: Record<string, number[]>;
}

/** A relation from one account to another (follows, follow requests, blocks, mutes). */
export interface AccountRelationRecord {
  id: string;
  account_id: string;
  target_account_id: string;
  created_at: string;
}

export interface FollowRecord extends AccountRelationRecord {
  show_reblogs: boolean;
  notify: boolean;
  languages: string[] | null;
}

/** A private note an account keeps about another (`POST /api/v1/accounts/:id/note`). */
export interface AccountNoteRecord extends AccountRelationRecord {
  comment: string;
}

export interface MuteRecord extends AccountRelationRecord {
  notifications: boolean;
  expires_at: string | null;
}

/** An account's mark on a status (favourite, bookmark, pin, conversation mute). */
export interface StatusMarkRecord {
  id: string;
  account_id: string;
  status_id: string;
  created_at: string;
}

export type NotificationType =
  | "mention"
  | "status"
  | "reblog"
  | "favourite"
  | "follow"
  | "follow_request"
  | "poll"
  | "update";

export interface NotificationRecord {
  id: string;
  /** Who receives it. */
  account_id: string;
  type: NotificationType;
  /** Who caused it. */
  from_account_id: string;
  status_id: string | null;
  created_at: string;
  group_key: string;
  /** Held back by the recipient's notification policy (shown only with `include_filtered`). */
  filtered?: boolean;
}

export type PolicyValue = "accept" | "filter" | "drop";

/** An account's notification policy (Mastodon 4.3+); absent means Mastodon's defaults. */
export interface NotificationPolicyRecord {
  /** The account's id. */
  id: string;
  for_not_following: PolicyValue;
  for_not_followers: PolicyValue;
  for_new_accounts: PolicyValue;
  for_private_mentions: PolicyValue;
  for_limited_accounts: PolicyValue;
  for_bots: PolicyValue;
}

/** The filtered notifications one sender caused for one recipient, waiting to be accepted or dismissed. */
export interface NotificationRequestRecord {
  id: string;
  account_id: string;
  from_account_id: string;
  last_status_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A sender whose request was accepted: its notifications are never filtered again. */
export interface NotificationPermissionRecord {
  id: string;
  account_id: string;
  from_account_id: string;
}

/** One account's view of a direct conversation (Mastodon's AccountConversation): a thread and its participants. */
export interface AccountConversationRecord {
  id: string;
  account_id: string;
  /** The thread's first status id (the sandbox's conversation). */
  root_id: string;
  /** The other participants, sorted. */
  participant_ids: string[];
  /** The direct statuses in it, oldest first. */
  status_ids: string[];
  last_status_id: string;
  unread: boolean;
}

/** A hashtag known to the instance (followed or looked up); ids are a sequence, as Mastodon's. */
export interface TagRecord {
  id: string;
  /** Lower case. */
  name: string;
}

export interface TagFollowRecord {
  id: string;
  account_id: string;
  tag_id: string;
}

export interface ListRecord {
  id: string;
  account_id: string;
  title: string;
  replies_policy: "followed" | "list" | "none";
  exclusive: boolean;
  account_ids: string[];
}

/** Where an account stopped reading a timeline (`home` or `notifications`). */
export interface MarkerRecord {
  id: string;
  account_id: string;
  timeline: "home" | "notifications";
  last_read_id: string;
  /** Goes up with every change, as Rails' lock_version. */
  version: number;
  updated_at: string;
}

export interface ScheduledStatusRecord {
  id: string;
  account_id: string;
  client_id: string | null;
  scheduled_at: string;
  /** The status parameters as posted (text, visibility, poll, ...), published as they are. */
  params: Record<string, unknown>;
  media_ids: string[];
}

export interface IdempotencyRecord {
  /** `${account_id}:${key}` */
  id: string;
  status_id: string;
  created_ms: number;
}
