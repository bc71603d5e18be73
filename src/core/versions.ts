/**
 * Reading the version strings that Mastodon and the servers compatible with it report, and
 * comparing versions. Forks report their Mastodon-API level in different ways:
 *   Mastodon            "4.6.4", "4.3.0-beta.2", "4.3.0+glitch"
 *   Hometown            "4.2.10+hometown-1.1.1"
 *   Pleroma / Akkoma    "2.7.2 (compatible; Akkoma 3.10.4)"
 *   Hollo and others    "4.0.0 (compatible; Hollo 0.6.0)"
 *   GoToSocial          "0.19.2+git-ccb4f52" (its own numbering, not a Mastodon level)
 */

export type ServerSoftware =
  | "mastodon"
  | "glitch"
  | "hometown"
  | "pleroma"
  | "akkoma"
  | "gotosocial"
  | "hollo"
  | string;

/**
 * A server's version as the client reads it from the version string the server reports, such as
 * "4.3.0-beta.2" or "2.7.2 (compatible; Akkoma 3.10.4)".
 */
export interface ParsedVersion {
  /** The major number of the Mastodon API level (4 in "4.3.0"). */
  major: number;
  /** The minor number (3 in "4.3.0"); 0 when the string has none. */
  minor: number;
  /** The patch number (0 in "4.3.0"); 0 when the string has none. */
  patch: number;
  /** Pre-release tag such as "beta.2" or "rc1", if any. */
  prerelease?: string | undefined;
  /** Which software reported it, as far as the string tells. */
  software: ServerSoftware;
  /** The fork's own version (e.g. Akkoma's "3.10.4"), when it differs from the API level. */
  softwareVersion?: string | undefined;
  /** Whether major.minor.patch is a Mastodon API level that can be compared with Mastodon's. */
  comparable: boolean;
  /** The version string exactly as the server reported it. */
  raw: string;
}

const TRIPLE = /(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?/;

/**
 * Real version strings are under 100 characters; the rest of a longer one is not read, so a broken
 * or hostile server cannot make parsing slow (every step below is linear in what is read).
 */
export const MAX_VERSION_LENGTH = 256;

/** "(compatible; Akkoma 3.10.4)" -> ["Akkoma", "3.10.4"], read by plain string search (no regex backtracking). */
function compatibleWith(text: string): [software: string, own: string] | undefined {
  const open = text.toLowerCase().indexOf("(compatible;");
  if (open === -1) return undefined;
  const start = open + "(compatible;".length;
  const close = text.indexOf(")", start);
  if (close === -1) return undefined;
  const inside = text.slice(start, close).trim();
  if (inside === "") return undefined;
  const space = inside.search(/\s/);
  if (space === -1) return [inside, ""];
  return [inside.slice(0, space), inside.slice(space + 1).trim()];
}

/** Parses a version string. Returns undefined when no number can be found in it. */
export function parseVersion(raw: string): ParsedVersion | undefined {
  const text = String(raw).slice(0, MAX_VERSION_LENGTH).trim();
  const compatible = compatibleWith(text);
  const head = text.split(/\s/, 1)[0] ?? "";
  const plus = head.indexOf("+");
  const core = plus === -1 ? head : head.slice(0, plus);
  const build = plus === -1 ? "" : head.slice(plus + 1);
  const match = TRIPLE.exec(core);
  if (!match) return undefined;
  const parsed: ParsedVersion = {
    major: Number(match[1]),
    minor: Number(match[2] ?? 0),
    patch: Number(match[3] ?? 0),
    software: "mastodon",
    comparable: true,
    raw: text,
  };
  if (match[4]) parsed.prerelease = match[4];
  if (compatible) {
    parsed.software = compatible[0].toLowerCase();
    if (compatible[1]) parsed.softwareVersion = compatible[1];
  } else if (/^hometown/i.test(build)) {
    parsed.software = "hometown";
    const own = build.slice("hometown".length).replace(/^-/, "");
    if (own) parsed.softwareVersion = own;
  } else if (/^glitch/i.test(build)) {
    parsed.software = "glitch";
  } else if (/^git/i.test(build) || parsed.major === 0) {
    // No Mastodon release still in use is numbered 0.x; such numbers are GoToSocial's own.
    // GoToSocial numbers its releases 0.x with a "+git-<hash>" build tag; these are not Mastodon levels.
    parsed.software = "gotosocial";
    parsed.softwareVersion = head;
    parsed.comparable = false;
  }
  return parsed;
}

/** Compares two "x.y.z" versions (pre-release tags ignored, as Mastodon.py does). */
export function compareVersions(a: VersionTriple, b: VersionTriple): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export interface VersionTriple {
  major: number;
  minor: number;
  patch: number;
}

/** Parses "x.y.z" given by a caller; throws TypeError with the reason when it is not one. */
export function parseRequiredVersion(version: string): VersionTriple {
  const parsed = parseVersion(version);
  if (!parsed) throw new TypeError(`"${version}" is not a version number like "4.3.0"`);
  return parsed;
}

export function formatVersion(v: VersionTriple): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}
