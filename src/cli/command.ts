/** What every command is made of, and small helpers for reading parsed flags. */
import type { ConfigFile } from "./config-file.js";
import { usageError } from "./exit-codes.js";
import type { Io } from "./io.js";

export type OptionSpec = { type: "string" | "boolean"; multiple?: boolean; short?: string };
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Context {
  io: Io;
  env: NodeJS.ProcessEnv;
  config: ConfigFile;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text (usage line first). */
  help: string;
  options: Record<string, OptionSpec>;
  /** Whether the credential flags (--instance, --access-token, ...) apply. */
  credentials: boolean;
  run(ctx: Context, values: Values, positionals: string[]): Promise<void>;
}

export function str(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

export function list(values: Values, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

/** Refuses extra positional arguments. */
export function noMorePositionals(command: string, positionals: readonly string[], allowed: number): void {
  if (positionals.length > allowed) {
    throw usageError(
      `${command}: unexpected argument "${positionals[allowed]}". Run \`mastodon-ts ${command} --help\`.`,
    );
  }
}

/** A positive integer flag, or undefined when absent. */
export function positiveInt(values: Values, name: string, max: number): number | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw usageError(`--${name} must be a whole number from 1 to ${max}; got "${raw}".`);
  }
  return n;
}

/** A positive number of seconds, or undefined when the flag is absent. */
export function positiveSeconds(values: Values, name: string): number | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw usageError(`--${name} must be a positive number of seconds; got "${raw}".`);
  }
  return seconds;
}
