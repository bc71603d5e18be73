/** The sandbox's relationships routes (to be written). */
import type { SandboxApp } from "../app.js";

export function registerRelationships(_app: SandboxApp): void {}
