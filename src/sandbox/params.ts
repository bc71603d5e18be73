/**
 * Request parameters as Rails sees them: query, form, JSON and multipart bodies parsed into one nested
 * shape (`poll[options][]=a` and `{"poll":{"options":["a"]}}` give the same object). The sandbox reads
 * every request through it, and the project's replay tests use it to compare a recorded request with a
 * live one, so both agree on what "the same parameters" means.
 */

/** A file part of a multipart body, with its bytes (replay tests compare only its presence). */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly size: number,
    readonly data: Uint8Array = new Uint8Array(0),
  ) {}
}

export type ParamValue = string | number | boolean | null | UploadedFile | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}

type Pair = readonly [string, string | UploadedFile];

export function isObject(v: ParamValue | undefined): v is ParamObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof UploadedFile);
}

/** Nesting deeper than this is kept as a flat key, so a hostile name cannot build a deep object. */
const MAX_DEPTH = 8;

/** Splits a Rails parameter name: `poll[options][]` -> ["poll", "options", ""]. */
function splitKey(name: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!m) return [name];
  const rest = [...(m[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? "");
  if (rest.length > MAX_DEPTH) return [name];
  return [m[1] ?? name, ...rest];
}

function hasPath(obj: ParamObject, keys: string[]): boolean {
  const [k, ...rest] = keys;
  if (k === undefined || k === "") return false;
  const child = obj[k];
  if (child === undefined) return false;
  return rest.length === 0 || (isObject(child) && hasPath(child, rest));
}

/** Keys that would reach an object's prototype are dropped: a request must not be able to change it. */
function unsafeKey(key: string): boolean {
  return key === "__proto__" || key === "constructor" || key === "prototype";
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
  for (const key of keys) if (!unsafeKey(key)) out[key] = normalize(value[key] ?? null);
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
  for (const [name, value] of pairs) {
    const keys = splitKey(name);
    if (!keys.some(unsafeKey)) assign(obj, keys, value);
  }
  const out = normalize(obj);
  return isObject(out) ? out : { _json: out };
}

export function parseQuery(query: string | URLSearchParams): ParamObject {
  const search = typeof query === "string" ? new URLSearchParams(query) : query;
  return parsePairs(search.entries());
}

/** Minimal multipart/form-data reader: field names and text values, files as UploadedFile with their bytes. */
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
            : new UploadedFile(filename, type, content.length, content),
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
