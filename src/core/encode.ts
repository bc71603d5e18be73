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

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

function isFile(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

/** Flattens nested values into Rails-style pairs: `a[]=1`, `poll[options][]=x`, `f[0][name]=y`. */
export function flatten(params: Params, prefix = ""): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const name = prefix ? `${prefix}[${key}]` : key;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item !== null && typeof item === "object" && !isFile(item) && !(item instanceof Date)) {
          pairs.push(...flatten(item as Params, `${name}[${index}]`));
        } else if (item !== undefined && item !== null) {
          pairs.push([`${name}[]`, item]);
        }
      });
    } else if (typeof value === "object" && !isFile(value) && !(value instanceof Date)) {
      pairs.push(...flatten(value as Params, name));
    } else {
      pairs.push([name, value]);
    }
  }
  return pairs;
}

export function toSearchParams(params: Params): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of flatten(params)) search.append(key, scalar(value));
  return search;
}

export function toFormData(params: Params): FormData {
  const form = new FormData();
  for (const [key, value] of flatten(params)) {
    if (isFile(value)) {
      const name = (value as Blob & { name?: string }).name;
      form.append(key, value, name || "file");
    } else {
      form.append(key, scalar(value));
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
      return { body: toSearchParams(params).toString(), contentType: "application/x-www-form-urlencoded" };
    case "multipart":
      return { body: toFormData(params) };
    case "json":
      // No replacer: JSON.stringify drops undefined members by itself, and a replacer function
      // takes it off its fast path.
      return { body: JSON.stringify(params), contentType: "application/json" };
  }
}
