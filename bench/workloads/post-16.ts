/**
 * The concurrent post workload: POST /api/v1/statuses (JSON body; the server answers with a real status), 16
 * at a time (Promise.all of 16 is one measured batch): mastodon-ts's `statusPost(text)`, masto and megalodon against raw `fetch` of the same
 * POST + `res.json()` (with an Idempotency-Key, as mastodon-ts sends one), `undici.request` the floor.
 */
import type { Workload } from "../harness.js";
import { runRequestWorkload } from "../request-workload.js";

export const workload: Workload = {
  name: "post-16",
  description: "POST /api/v1/statuses, 16 concurrent: every client ÷ raw fetch + res.json()",
  run(config) {
    return runRequestWorkload("post", 16, this.name, this.description, config);
  },
};
