/** The sandbox's lists routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerLists(_app: SandboxApp): void {}
