/** The sandbox's timelines routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerTimelines(_app: SandboxApp): void {}
