/**
 * Deleting a collection, removing an item and revoking one answer 200 with an empty body. The rest
 * of the library answers such actions with `{}`, so these do too: `await` gives the same shape
 * whichever endpoint was called.
 */
import type { EmptyObject } from "../common-types.js";

/** The answer of an action, `{}` when the server sent no body. */
export function emptyAnswer(data: unknown): EmptyObject {
  return (data ?? {}) as EmptyObject;
}
