/**
 * The concurrent timeline workload: GET /api/v1/timelines/home?limit=40 (a real 40-status home timeline), 16 at
 * a time (Promise.all of 16 is one measured batch): mastodon-ts's `timelineHome({ limit: 40 })` (the built package), masto and
 * megalodon against raw `fetch` + `res.json()`, with `undici.request` as the floor below fetch.
 */
import type { Workload } from "../harness.js";
import { runRequestWorkload } from "../request-workload.js";

export const workload: Workload = {
  name: "timeline-16",
  description:
    "GET /api/v1/timelines/home, 40 statuses, 16 concurrent: every client ÷ raw fetch + res.json()",
  run(config) {
    return runRequestWorkload("timeline", 16, this.name, this.description, config);
  },
};
