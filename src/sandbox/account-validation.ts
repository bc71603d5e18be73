/**
 * Model validation failures as Mastodon reports them: every problem in one 422, the message joining
 * "<Attribute label> <description>" and the details grouping `{ error, description }` per attribute.
 */
import { validationFailed } from "./reply.js";

export interface Problem {
  attribute: string;
  label: string;
  error: string;
  description: string;
}

/** Throws Mastodon's 422 for `problems` when there are any. */
export function failOnProblems(problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  const details: Record<string, { error: string; description: string }[]> = {};
  for (const p of problems) {
    const list = details[p.attribute] ?? [];
    list.push({ error: p.error, description: p.description });
    details[p.attribute] = list;
  }
  throw validationFailed(problems.map((p) => `${p.label} ${p.description}`).join(", "), details);
}
