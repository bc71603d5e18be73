/**
 * Checking a cursor (getPaginationInfo's output, perhaps saved and read back after a restart)
 * before it becomes a request: a damaged or edited one is refused with a
 * MastodonIllegalArgumentError that names the field, rather than failing deep in URL handling.
 */
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { PaginationInfo } from "./pagination-links.js";

const ENDPOINT = "_pagination_endpoint";
const METHOD = "_pagination_method";

/** Whether a value is meant as a cursor (has one of its two marker fields), valid or not. */
export function looksLikeCursor(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    (Object.hasOwn(value, ENDPOINT) || Object.hasOwn(value, METHOD))
  );
}

function refuse(field: string, problem: string): never {
  throw new MastodonIllegalArgumentError(
    `This pagination cursor's ${field} ${problem}. Pass a cursor from getPaginationInfo() unchanged, or a page returned by a paginated method.`,
  );
}

/** A base that cannot be a real server, to see where a path would lead. */
const PROBE = "https://cursor.invalid";

/** Whitespace, a control character or a backslash: none occurs in a path the Link header gave. */
function hasControlOrSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return /\s/.test(value);
}

function checkEndpoint(value: unknown): string {
  if (typeof value !== "string") {
    return refuse(ENDPOINT, `must be a path such as "/api/v1/timelines/home"; got ${typeof value}`);
  }
  // Control characters and whitespace never occur in a path the Link header gave.
  if (!value.startsWith("/") || value.startsWith("//") || hasControlOrSpace(value)) {
    return refuse(ENDPOINT, `must be a path below the server's address, such as "/api/v1/timelines/home"`);
  }
  let url: URL;
  try {
    url = new URL(value, PROBE);
  } catch {
    return refuse(ENDPOINT, "is not a valid path");
  }
  if (url.origin !== PROBE) return refuse(ENDPOINT, "leads to another server");
  return value;
}

function isScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value)) ||
    value instanceof Date
  );
}

/** The cursor, checked and copied (the caller may keep changing its own object). */
export function checkCursor(value: Record<string, unknown>): PaginationInfo {
  if (value[METHOD] !== "GET") {
    refuse(
      METHOD,
      `must be "GET"; got ${value[METHOD] === undefined ? "nothing" : JSON.stringify(value[METHOD])}`,
    );
  }
  const endpoint = checkEndpoint(value[ENDPOINT]);
  for (const [key, param] of Object.entries(value)) {
    if (key === METHOD || key === ENDPOINT || param === undefined) continue;
    const ok = Array.isArray(param)
      ? param.every((item) => isScalar(item) && item !== null)
      : isScalar(param);
    if (!ok) refuse(key, "must be a string, number or boolean, or a list of them");
  }
  return { ...structuredClone(value), [METHOD]: "GET", [ENDPOINT]: endpoint };
}
