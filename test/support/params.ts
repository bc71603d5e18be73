// Request parameter parsing shared by the replay server and the scripted test server.
//
// The recordings were made by a client that sends Rails-style form bodies, while mastodon-ts may send
// JSON or multipart for the same call. Both sides are therefore parsed into one normalised shape
// (nested objects and arrays, like Rails' `params`) and compared loosely, never byte for byte.

/** A file part of a multipart body. Only its presence is compared, never its bytes. */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly size: number,
  ) {}
}

export type ParamValue = string | number | boolean | null | UploadedFile | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}

type Pair = readonly [string, string | UploadedFile];

function isObject(v: ParamValue | undefined): v is ParamObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof UploadedFile);
}

/** Splits a Rails parameter name: `poll[options][]` -> ["poll", "options", ""]. */
function splitKey(name: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!m) return [name];
  const rest = [...(m[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? "");
  return [m[1] ?? name, ...rest];
}

function hasPath(obj: ParamObject, keys: string[]): boolean {
  const [k, ...rest] = keys;
  if (k === undefined || k === "") return false;
  const child = obj[k];
  if (child === undefined) return false;
  return rest.length === 0 || (isObject(child) && hasPath(child, rest));
}

// Mirrors Rack's nested-query semantics, so `a[][x]=1&a[][y]=2&a[][x]=3` gives [{x,y},{x}].
function assign(obj: ParamObject, keys: string[], value: string | UploadedFile): void {
  const [k, ...rest] = keys;
  if (k === undefined) return;
  if (rest.length === 0) {
    obj[k] = value;
    return;
  }
  if (rest[0] === "") {
    let arr = obj[k];
    if (!Array.isArray(arr)) {
      arr = [];
      obj[k] = arr;
    }
    const childKeys = rest.slice(1);
    if (childKeys.length === 0) {
      arr.push(value);
      return;
    }
    const last = arr[arr.length - 1];
    if (isObject(last) && !hasPath(last, childKeys)) {
      assign(last, childKeys, value);
    } else {
      const fresh: ParamObject = {};
      arr.push(fresh);
      assign(fresh, childKeys, value);
    }
    return;
  }
  let child = obj[k];
  if (!isObject(child)) {
    child = {};
    obj[k] = child;
  }
  assign(child, rest, value);
}

/**
 * Rails hashes indexed "0", "1", ... (`fields_attributes[0][name]`) are what a JSON client sends as an
 * array, so such objects become arrays; applied recursively to every parse result.
 */
export function normalize(value: ParamValue): ParamValue {
  if (Array.isArray(value)) return value.map(normalize);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const out: ParamObject = {};
  for (const key of keys) out[key] = normalize(value[key] ?? null);
  const indexed = keys.length > 0 && keys.every((key) => /^(0|[1-9]\d*)$/.test(key));
  if (
    indexed &&
    keys
      .map(Number)
      .sort((a, b) => a - b)
      .every((n, i) => n === i)
  ) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((n) => out[String(n)] ?? null);
  }
  return out;
}

export function parsePairs(pairs: Iterable<Pair>): ParamObject {
  const obj: ParamObject = {};
  for (const [name, value] of pairs) assign(obj, splitKey(name), value);
  const out = normalize(obj);
  return isObject(out) ? out : { _json: out };
}

export function parseQuery(query: string | URLSearchParams): ParamObject {
  const search = typeof query === "string" ? new URLSearchParams(query) : query;
  return parsePairs(search.entries());
}

/** Minimal multipart/form-data reader: field names and text values, files as UploadedFile. */
export function parseMultipart(body: Buffer, boundary: string): Pair[] {
  const pairs: Pair[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // A part is CRLF, headers, CRLF CRLF, content, CRLF, then the next delimiter.
    const part = body.subarray(start + 2, Math.max(start + 2, next - 2));
    const split = part.indexOf("\r\n\r\n");
    if (split !== -1) {
      const head = part.subarray(0, split).toString("utf8");
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? "application/octet-stream";
      if (name !== undefined) {
        pairs.push([
          name,
          filename === undefined
            ? content.toString("utf8")
            : new UploadedFile(filename, type, content.length),
        ]);
      }
    }
    pos = next;
  }
  return pairs;
}

/** Parses a body according to its content type; an unparseable body is kept under `_raw`. */
export function parseBody(
  body: Buffer | string | null | undefined,
  contentType: string | undefined,
): ParamObject {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : (body ?? Buffer.alloc(0));
  if (buf.length === 0) return {};
  const type = (contentType ?? "").toLowerCase();
  const text = () => buf.toString("utf8");
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? "")?.[1];
    return boundary ? parsePairs(parseMultipart(buf, boundary)) : { _raw: text() };
  }
  const looksJson = /^\s*[[{]/.test(text());
  if (type.includes("json") || (!type.includes("urlencoded") && looksJson)) {
    try {
      const parsed = normalize(JSON.parse(text()) as ParamValue);
      return isObject(parsed) ? parsed : { _json: parsed };
    } catch {
      return { _raw: text() };
    }
  }
  return parseQuery(text());
}

/** Query and body merged into one object; body keys win, as in Rails. */
export function parseParams(
  query: string | URLSearchParams,
  body: Buffer | string | null | undefined,
  contentType: string | undefined,
): ParamObject {
  return { ...parseQuery(query), ...parseBody(body, contentType) };
}

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
