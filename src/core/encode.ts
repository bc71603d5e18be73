import { MastodonIllegalArgumentError } from "./errors.js";

/**
 * Request encodings. Each kind of endpoint gets the encoding every common server accepts:
 *  - "form": OAuth endpoints (/oauth/token, /oauth/revoke); some servers accept nothing else there.
 *  - "multipart": uploads and profile updates; some servers ignore a JSON body on update_credentials.
 *  - "json": everything else; some servers drop Rails-style form arrays such as `media_ids[]`.
 *  - "query": GET, HEAD and DELETE parameters.
 */

export type BodyEncoding = "json" | "form" | "multipart" | "query";

export type Params = Record<string, unknown>;

/** Removes undefined and null values (Mastodon.py drops None parameters the same way). */
export function compact(params: Params | undefined): Params {
  const out: Params = {};
  if (!params) return out;
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

function invalidDate(name: string): MastodonIllegalArgumentError {
  return new MastodonIllegalArgumentError(
    `${name} is an invalid Date (its time is NaN): pass a valid Date, or leave the parameter out.`,
  );
}

/** NaN and ±Infinity: a query would carry the text "NaN", a JSON body a null; neither is meant. */
function nonFiniteNumber(name: string, value: number): MastodonIllegalArgumentError {
  return new MastodonIllegalArgumentError(
    `${name} is ${value}, which no server can read as a number: pass a finite number, or leave the parameter out.`,
  );
}

/** One value as it is sent; `name` is the parameter's, for the message about an invalid Date. */
function scalar(value: unknown, name: string): string {
  if (value instanceof Date) {
    // toISOString() would throw a bare RangeError ("Invalid time value") naming nothing.
    if (Number.isNaN(value.getTime())) throw invalidDate(name);
    return value.toISOString();
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && !Number.isFinite(value)) throw nonFiniteNumber(name, value);
  return String(value);
}

function isFile(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

/**
 * How deep parameters may nest. Mastodon's deepest are three levels (`filter[keywords_attributes][0][keyword]`);
 * past this, the parameters are taken to hold a circular reference, which would otherwise recurse
 * until the stack ran out.
 */
const MAX_DEPTH = 16;

function tooDeep(name: string): MastodonIllegalArgumentError {
  return new MastodonIllegalArgumentError(
    `${name} nests more than ${MAX_DEPTH} levels deep: the parameters hold a circular reference, or something ` +
      "other than plain values (strings, numbers, booleans, Dates, files, and lists and objects of them).",
  );
}

/** Flattens nested values into Rails-style pairs: `a[]=1`, `poll[options][]=x`, `f[0][name]=y`. */
export function flatten(params: Params, prefix = "", depth = 0): Array<[string, unknown]> {
  if (depth > MAX_DEPTH) throw tooDeep(prefix);
  const pairs: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const name = prefix ? `${prefix}[${key}]` : key;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item !== null && typeof item === "object" && !isFile(item) && !(item instanceof Date)) {
          pairs.push(...flatten(item as Params, `${name}[${index}]`, depth + 1));
        } else if (item !== undefined && item !== null) {
          pairs.push([`${name}[]`, item]);
        }
      });
    } else if (typeof value === "object" && !isFile(value) && !(value instanceof Date)) {
      pairs.push(...flatten(value as Params, name, depth + 1));
    } else {
      pairs.push([name, value]);
    }
  }
  return pairs;
}

export function toSearchParams(params: Params): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of flatten(params)) search.append(key, scalar(value, key));
  return search;
}

/**
 * `toSearchParams(params).toString()`, written directly: building a URLSearchParams to serialise it
 * at once cost more than the rest of building a request's URL.
 */
export function toQueryString(params: Params): string {
  let query = "";
  // Most queries are flat ({ limit: 40, max_id: "..." }): no pairs to build for them.
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value === undefined || value === null) continue;
    if (typeof value === "object" && !(value instanceof Date)) return nestedQueryString(params);
    query += `${query === "" ? "" : "&"}${formEncode(key)}=${formEncode(scalar(value, key))}`;
  }
  return query;
}

function nestedQueryString(params: Params): string {
  let query = "";
  for (const [key, value] of flatten(params)) {
    query += `${query === "" ? "" : "&"}${formEncode(key)}=${formEncode(scalar(value, key))}`;
  }
  return query;
}

/** What application/x-www-form-urlencoded leaves as it is (ids, numbers, most names). */
const FORM_SAFE = /^[A-Za-z0-9*._-]*$/;
/** What encodeURIComponent leaves or writes that the form encoding (as URLSearchParams) writes otherwise. */
const FORM_DIFFERENT = /%20|[!'()~]/g;
const FORM_REPLACEMENTS: Readonly<Record<string, string>> = {
  "%20": "+",
  "!": "%21",
  "'": "%27",
  "(": "%28",
  ")": "%29",
  "~": "%7E",
};

/** One name or value as URLSearchParams writes it. */
function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD, where encodeURIComponent throws.
    return new URLSearchParams([["", text]]).toString().slice(1);
  }
  return encoded.replace(FORM_DIFFERENT, (match) => FORM_REPLACEMENTS[match] ?? match);
}

export function toFormData(params: Params): FormData {
  const form = new FormData();
  for (const [key, value] of flatten(params)) {
    if (isFile(value)) {
      const name = (value as Blob & { name?: string }).name;
      form.append(key, value, name || "file");
    } else {
      form.append(key, scalar(value, key));
    }
  }
  return form;
}

/** Encodes a body; returns the body and the content type to declare (none for FormData). */
export function encodeBody(
  encoding: Exclude<BodyEncoding, "query">,
  params: Params,
): { body: string | FormData; contentType?: string } {
  switch (encoding) {
    case "form":
      return { body: toQueryString(params), contentType: "application/x-www-form-urlencoded" };
    case "multipart":
      return { body: toFormData(params) };
    case "json": {
      // No replacer: JSON.stringify drops undefined members by itself, and a replacer function
      // takes it off its fast path.
      const body = jsonText(params);
      // An invalid Date or a NaN is written as null, which a server reads as "no value": refuse
      // them instead. Only a body with a null in it can hold one, so most bodies are never walked.
      // The other encodings' check, on the same pairs they would send (names as they name them).
      if (body.includes("null")) for (const [name, value] of flatten(params)) scalar(value, name);
      return { body, contentType: "application/json" };
    }
  }
}

/**
 * The JSON body. A BigInt (an id kept as one, to compare ids) goes as a string of its digits, as the
 * other encodings write it, where JSON.stringify throws a bare TypeError; that needs a replacer,
 * which is slower, so it is tried only once the plain call has failed. A circular reference is
 * refused with a message that says so.
 */
function jsonText(params: Params): string {
  try {
    return JSON.stringify(params);
  } catch {
    try {
      return JSON.stringify(params, (_key, value: unknown) =>
        typeof value === "bigint" ? String(value) : value,
      );
    } catch (cause) {
      throw new MastodonIllegalArgumentError(
        `The parameters cannot be sent as JSON (${(cause as Error).message.split("\n")[0]}): pass plain values ` +
          "(strings, numbers, booleans, Dates, and lists and objects of them), without circular references.",
        { cause },
      );
    }
  }
}
