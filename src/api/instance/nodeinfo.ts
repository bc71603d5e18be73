/**
 * NodeInfo: the software-independent server description that fediverse crawlers read. Found
 * through the discovery document at /.well-known/nodeinfo, which lists one link per schema.
 * Spec: https://github.com/jhass/nodeinfo
 */

import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Nodeinfo } from "../../entities/index.js";
import type { CustomMethods } from "../define.js";
import { INTERNAL } from "../internal.js";
import { requireOptions, requireString } from "../validate.js";
import { NODEINFO_SCHEMA_2_0 } from "./constants.js";

/** Options of instanceNodeinfo. A schema that is not a string throws MastodonIllegalArgumentError. */
export interface InstanceNodeinfoOptions {
  /**
   * The schema to fetch, as its `rel` URL (default: version 2.0), or a bare version such as "2.1".
   * Schemas other than 2.0 may have fields the `Nodeinfo` type does not describe.
   */
  schema?: string | undefined;
}

interface NodeinfoLink {
  rel: string;
  href: string;
}

export interface NodeinfoCustomMethods {
  /**
   * The server's NodeInfo document in the requested schema (default 2.0), found through
   * /.well-known/nodeinfo. The discovery document is cached until clearCaches(). Refused with
   * MastodonIllegalArgumentError when the server does not offer the schema (Mastodon 3.0.0).
   * https://github.com/jhass/nodeinfo/blob/main/PROTOCOL.md
   */
  instanceNodeinfo: { args: []; options: InstanceNodeinfoOptions; result: Nodeinfo };
}

export const nodeinfoCustom = {
  async instanceNodeinfo(options = {}) {
    const name = "instanceNodeinfo";
    requireOptions(name, options);
    const schema = expandSchema(
      options.schema === undefined ? NODEINFO_SCHEMA_2_0 : requireString(name, "schema", options.schema),
    );
    const internal = this[INTERNAL];
    await internal.checkVersion(name, "3.0.0", "3.0.0");
    const links = await internal.cached("nodeinfo-links", async () => {
      const { data } = await internal.request({ method: "GET", path: "/.well-known/nodeinfo" });
      return readLinks(data);
    });
    const link = links.find((l) => l.rel === schema);
    if (link === undefined) {
      const offered = links.map((l) => l.rel).join(", ") || "none";
      throw new MastodonIllegalArgumentError(
        `${name}(): the server offers no NodeInfo in schema ${schema}; it offers: ${offered}.`,
      );
    }
    const { data } = await internal.request({
      method: "GET",
      path: sameServerPath(link.href, internal.apiBaseUrl),
    });
    return data as Nodeinfo;
  },
} satisfies CustomMethods<NodeinfoCustomMethods>;

/** "2.1" -> the 2.1 schema URL; a full URL stays as it is. */
function expandSchema(schema: string): string {
  return /^\d+\.\d+$/.test(schema) ? `http://nodeinfo.diaspora.software/ns/schema/${schema}` : schema;
}

function readLinks(data: unknown): NodeinfoLink[] {
  const links = data && typeof data === "object" ? (data as { links?: unknown }).links : undefined;
  if (!Array.isArray(links)) return [];
  return links.filter(
    (l): l is NodeinfoLink =>
      Boolean(l) && typeof l === "object" && typeof l.rel === "string" && typeof l.href === "string",
  );
}

/**
 * Where to fetch a NodeInfo link. A link on the configured server is used as it is. A link that
 * names another origin (Mastodon writes its LOCAL_DOMAIN, which may differ from the address the
 * client uses) is fetched at the same path on the configured server, as Mastodon.py does when the
 * absolute URL fails: the client never sends requests (or the token) to a server it was not given.
 */
export function sameServerPath(href: string, apiBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(href, apiBaseUrl);
  } catch {
    return href;
  }
  const base = new URL(apiBaseUrl);
  if (url.origin === base.origin) return url.href;
  return `${url.pathname}${url.search}`;
}
