/** The sandbox's page routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerPage(_app: SandboxApp): void {}
