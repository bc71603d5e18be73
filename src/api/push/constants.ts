/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

import type { PushPolicy } from "./subscriptions.js";

/** The values `policy` takes: "all", "none", "follower" and "followed". */
export const PUSH_POLICIES: readonly PushPolicy[] = ["all", "none", "follower", "followed"];
