/**
 * Deleting a collection, removing an item and revoking one answer 200 with an empty body. The rest
 * of the library answers such actions with `{}`, so these do too: `await` gives the same shape
 * whichever endpoint was called.
 */
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject } from "../common-types.js";
import { INTERNAL } from "../internal.js";

export async function sendForNothing(
  client: Mastodon,
  method: "POST" | "DELETE",
  path: string,
): Promise<EmptyObject> {
  const { data } = await client[INTERNAL].request<EmptyObject | null>({ method, path, params: {} });
  return data ?? {};
}
