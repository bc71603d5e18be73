/** The sandbox's accounts routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerAccounts(_app: SandboxApp): void {}
