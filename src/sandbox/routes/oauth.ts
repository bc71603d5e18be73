/** The sandbox's oauth routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerOauth(_app: SandboxApp): void {}
