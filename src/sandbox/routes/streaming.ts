/** The sandbox's streaming routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerStreaming(_app: SandboxApp): void {}
