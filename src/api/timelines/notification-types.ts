import { stringList } from "../validate.js";
import { NOTIFICATION_TYPES } from "./constants.js";
/**
 * The notification types Mastodon knows, and the check that refuses a misspelt one before it is
 * sent (the server would silently ignore it, and the filter would quietly not apply).
 */

/** One of NOTIFICATION_TYPES, such as "mention", "follow" or "admin.report". */
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** The types older servers (before 3.5.0) treat as "everything but mentions", as Mastodon.py does. */
export const NON_MENTION_TYPES_BEFORE_3_5: readonly NotificationType[] = [
  "follow",
  "favourite",
  "reblog",
  "poll",
  "follow_request",
];

const KNOWN = new Set<string>(NOTIFICATION_TYPES);

/** A list of notification types (or one type), each checked against NOTIFICATION_TYPES. */
export function notificationTypes(
  method: string,
  name: string,
  value: unknown,
): NotificationType[] | undefined {
  return stringList(method, name, value, (type) =>
    KNOWN.has(type) ? undefined : `must be one of ${NOTIFICATION_TYPES.map((t) => `"${t}"`).join(", ")}`,
  ) as NotificationType[] | undefined;
}
