/** The sandbox's polls routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerPolls(_app: SandboxApp): void {}
