/** Every area of the sandbox's API, registered in one place. */
import type { SandboxApp } from "../app.js";
import { registerAccounts } from "./accounts.js";
import { registerConversations } from "./conversations.js";
import { registerEmails } from "./emails.js";
import { registerInstance } from "./instance.js";
import { registerLists } from "./lists.js";
import { registerMedia } from "./media.js";
import { registerNotificationPolicy } from "./notification-policy.js";
import { registerNotifications } from "./notifications.js";
import { registerOauth } from "./oauth.js";
import { registerPage } from "./page.js";
import { registerPolls } from "./polls.js";
import { registerQuotes } from "./quotes.js";
import { registerRelationships } from "./relationships.js";
import { registerSearch } from "./search.js";
import { registerStatuses } from "./statuses.js";
import { registerStreaming } from "./streaming.js";
import { registerTags } from "./tags.js";
import { registerTimelines } from "./timelines.js";

export function registerAll(app: SandboxApp): void {
  registerOauth(app);
  registerInstance(app);
  registerAccounts(app);
  registerEmails(app);
  registerRelationships(app);
  registerStatuses(app);
  registerQuotes(app);
  registerMedia(app);
  registerPolls(app);
  registerTimelines(app);
  registerConversations(app);
  registerTags(app);
  registerSearch(app);
  registerLists(app);
  registerNotifications(app);
  registerNotificationPolicy(app);
  registerStreaming(app);
  registerPage(app);
}
