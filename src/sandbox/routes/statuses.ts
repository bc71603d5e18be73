/** The sandbox's statuses routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerStatuses(_app: SandboxApp): void {}
