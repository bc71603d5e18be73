/** The sandbox's instance routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerInstance(_app: SandboxApp): void {}
