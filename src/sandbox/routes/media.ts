/** The sandbox's media routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerMedia(_app: SandboxApp): void {}
