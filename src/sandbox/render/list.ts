/** List entities as Mastodon 4.5 shows them. */
import type { UserList } from "../../entities/index.js";
import type { ListRecord } from "../records.js";

export function renderList(list: ListRecord): UserList {
  return { id: list.id, title: list.title, replies_policy: list.replies_policy, exclusive: list.exclusive };
}
