// Comparing a recorded request's parameters with a live one. The parsing itself is the sandbox's
// (src/sandbox/params.ts), so the replay tests and the sandbox read requests the same way.
import { isObject, type ParamValue, UploadedFile } from "../../src/sandbox/params.js";

export {
  type ParamObject,
  type ParamValue,
  parseBody,
  parseParams,
  parseQuery,
  UploadedFile,
} from "../../src/sandbox/params.js";

function isEmpty(v: ParamValue | undefined): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

// true/"true"/"True"/"1" are one value, as are false/"false"/"0", and 5/"5".
function canonical(v: string | number | boolean): string {
  if (typeof v === "boolean") return v ? "1" : "0";
  const s = String(v);
  const lower = s.toLowerCase();
  return lower === "true" ? "1" : lower === "false" ? "0" : s;
}

// The recorder sent `2026-08-01T13:59:01+00:00`; a JS client sends `...01.000Z` for the same instant.
function sameInstant(a: string, b: string): boolean {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  return iso.test(a) && iso.test(b) && Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a));
}

export function describeValue(v: ParamValue | undefined): string {
  if (v === undefined) return "(absent)";
  if (v instanceof UploadedFile) return `<file ${v.filename}>`;
  return JSON.stringify(v);
}

/**
 * Compares recorded (`expected`) and live (`actual`) parameters loosely; returns one line per
 * difference, empty when they match. Empty/null on one side and absent on the other is a match, and so
 * is a one-element array against its lone value (`id=1` vs `id[]=1`).
 */
export function compareParams(
  expected: ParamValue | undefined,
  actual: ParamValue | undefined,
  path = "",
): string[] {
  const here = path === "" ? "(params)" : path;
  if (isEmpty(expected) && isEmpty(actual)) return [];
  const e = expected;
  const a = actual;
  if (Array.isArray(e) || Array.isArray(a)) {
    const ea = Array.isArray(e) ? e : e === undefined ? [] : [e];
    const aa = Array.isArray(a) ? a : a === undefined ? [] : [a];
    if (ea.length !== aa.length) return [`${here}: expected ${describeValue(e)}, got ${describeValue(a)}`];
    return ea.flatMap((item, i) => compareParams(item, aa[i], `${path}[${i}]`));
  }
  if (isObject(e) || isObject(a)) {
    if (!isObject(e) || !isObject(a))
      return [`${here}: expected ${describeValue(e)}, got ${describeValue(a)}`];
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
    return keys.flatMap((k) => compareParams(e[k], a[k], path === "" ? k : `${path}.${k}`));
  }
  if (e instanceof UploadedFile || a instanceof UploadedFile) {
    return e instanceof UploadedFile && a instanceof UploadedFile
      ? []
      : [`${here}: expected ${describeValue(e)}, got ${describeValue(a)}`];
  }
  if (e === undefined || e === null || a === undefined || a === null) {
    return [`${here}: expected ${describeValue(e)}, got ${describeValue(a)}`];
  }
  const ce = canonical(e);
  const ca = canonical(a);
  if (ce === ca || sameInstant(String(e), String(a))) return [];
  return [`${here}: expected ${describeValue(e)}, got ${describeValue(a)}`];
}
