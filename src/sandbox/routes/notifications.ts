/** The sandbox's notifications routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerNotifications(_app: SandboxApp): void {}
