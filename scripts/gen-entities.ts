/**
 * Generates src/entities/generated.ts from Mastodon.py's entity description
 * (shared/reference/mastodonpy-entities.json).
 *
 *   node --import tsx scripts/gen-entities.ts [path/to/mastodonpy-entities.json]
 *
 * Only facts are taken from the reference: entity and field names, field types, optionality,
 * nullability, enum values, version numbers and documentation links. The reference's prose
 * descriptions are deliberately not copied: what each entity is comes from
 * scripts/entity-descriptions.ts (our own words), and field comments are built from version numbers.
 *
 * The output is formatted with the project's biome so that `biome check` passes on it.
 */

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ENTITY_DESCRIPTIONS } from "./entity-descriptions.js";
import { FIELD_DESCRIPTIONS } from "./field-descriptions.js";

interface RefField {
  field_type: string;
  field_subtype: string | null;
  is_optional: boolean;
  is_nullable: boolean;
  version_history: [string, string][];
  enum?: Record<string, string> | null;
  is_deprecated?: boolean;
  api_version?: string;
  moved_path?: string;
}

interface RefEntity {
  python_name: string;
  masto_doc_link: string | null;
  masto_doc_link_additional?: string;
  is_deprecated?: boolean;
  fields: Record<string, RefField>;
}

/**
 * Corrections where real server responses disagree with the reference. Every entry names the
 * recording that showed the problem (shared/conformance/recorded/...; mastodon.social = the
 * mastodon-social-entities/ set, 4.6.4 = a local Mastodon 4.6.4). The recordings are replayed against
 * these types by test/entities-typecheck.test.ts. Keep this table small and explicit.
 *
 * - `nullable`: the field was `null` in a real response although the reference says it never is.
 * - `optional`: the field was absent in a real response although the reference says it is always there.
 * - `type`: the wire type differs from the reference (which describes values after Mastodon.py's own
 *   conversions, or is simply wrong). The string is emitted verbatim.
 */
interface FieldOverride {
  nullable?: true;
  optional?: true;
  type?: string;
  /** Which recording showed it. Not emitted into the output. */
  seenIn: string;
}

const nullable = (seenIn: string): FieldOverride => ({ nullable: true, seenIn });
const optional = (seenIn: string): FieldOverride => ({ optional: true, seenIn });
const retype = (type: string, seenIn: string): FieldOverride => ({ type, seenIn });
const each = (fields: readonly string[], override: FieldOverride): Record<string, FieldOverride> =>
  Object.fromEntries(fields.map((f) => [f, override]));

/**
 * An inline object type whose properties each carry a doc comment, so that editors and the API
 * reference explain the nested fields too (TypeDoc warns about an undocumented nested property).
 */
function shape(fields: Record<string, [type: string, doc: string]>): string {
  const members = Object.entries(fields).map(
    ([name, [type, doc]]) => `/** ${doc} */\n${propertyKey(name)}: ${type};`,
  );
  // One member per line: on a single line biome's formatter moves each comment next to the wrong member.
  return `{\n${members.join("\n")}\n}`;
}

/** A hashtag as collections and announcements send it: just its name and link. */
const SHALLOW_TAG = shape({
  name: ["string", "The hashtag without its leading #."],
  url: ["string", "Web address of the hashtag's page."],
});

/** Who an account's feature policy names (Mastodon 4.6); treat an unknown value as `unsupported_policy`. */
const FEATURE_AUDIENCE =
  '("public" | "followers" | "following" | "unsupported_policy" | "disabled" | (string & {}))[]';

const OVERRIDES: Record<string, Record<string, FieldOverride>> = {
  Account: {
    hide_collections: nullable("4.6.4 test_account_block_unblock.json, GET verify_credentials"),
    // Only sent by GET /api/v1/mutes.
    mute_expires_at: optional("mastodon.social test_entity_account.json, GET /api/v1/accounts/:id"),
    noindex: optional("mastodon.social test_entity_account.json, remote account"),
    // Added in 4.6.0; older servers (icosahedron.website) do not send them.
    ...each(
      ["avatar_description", "header_description", "show_featured", "show_media", "show_media_replies"],
      optional("mastodon.social test_entity_familiarfollowers.json (icosahedron.website)"),
    ),
  },
  // The reference leaves the element types open; these are the shapes of Mastodon's Announcement docs.
  Announcement: {
    tags: retype(`${SHALLOW_TAG}[]`, "mastodon.social test_entity_announcement.json"),
    emojis: retype("CustomEmoji[]", "mastodon.social test_entity_announcement.json"),
    statuses: retype(
      `${shape({
        id: ["string", "Id of the linked status on this server."],
        url: ["string", "Web address of the linked status."],
      })}[]`,
      "mastodon.social test_entity_announcement.json",
    ),
  },
  Activity: each(
    ["statuses", "logins", "registrations"],
    retype("string", "mastodon.social test_entity_activity.json: counts are strings on the wire"),
  ),
  AdminAccount: { locale: nullable("4.6.4 test_admin_accounts.json") },
  // Mastodon sends the metric values as strings (Admin::Measure, Admin::Dimension, Admin::Cohort docs).
  AdminMeasureData: { value: retype("string", "Mastodon docs entities/Admin_Measure: value is a string") },
  AdminDimensionData: {
    value: retype("string", "Mastodon docs entities/Admin_Dimension: value is a string"),
  },
  AdminCohort: { value: retype("string", "Mastodon docs entities/Admin_Cohort: value is a string") },
  AdminReport: each(
    ["account", "target_account"],
    retype("AdminAccount", "4.6.4 test_admin_reports.json: admin view of the accounts (email, ip, ...)"),
  ),
  // The REST API's collections (4.6) send a bare {name, url} tag or null, and may omit the language.
  Collection: {
    tag: retype(`${SHALLOW_TAG} | null`, "Mastodon 4.6 openapi Collection schema"),
    language: retype("string | null", "Mastodon 4.6 openapi Collection schema"),
  },
  // A rejected or revoked item no longer names its account.
  CollectionItem: { account_id: retype("string | null", "Mastodon 4.6 openapi CollectionItem schema") },
  CredentialAccountSource: {
    hide_collections: nullable("4.6.4 test_account_block_unblock.json, GET verify_credentials"),
  },
  CustomEmoji: { category: optional("mastodon.social test_entity_account.json: emojis inside an account") },
  // Inside FilterResult.filter the server leaves out keywords and statuses.
  FilterV2: {
    ...each(["keywords", "statuses"], optional("mastodon.social test_entity_filterresult.json")),
    // "blur" was added in Mastodon 4.4; the reference lists only warn and hide.
    filter_action: retype('"warn" | "hide" | "blur" | (string & {})', "Mastodon 4.4 filter docs"),
  },
  Instance: { contact_account: nullable("4.6.4 test_instance_v1.json: no contact account configured") },
  // The v1 instance's configuration.accounts only has max_featured_tags.
  InstanceAccountConfiguration: each(
    [
      "max_pinned_statuses",
      "max_display_name_length",
      "max_note_length",
      "max_avatar_description_length",
      "max_header_description_length",
      "max_profile_fields",
      "profile_field_name_limit",
      "profile_field_value_limit",
    ],
    optional("4.6.4 test_instance_v1.json"),
  ),
  InstanceContact: { account: nullable("4.6.4 test_instance.json: no contact account configured") },
  InstanceMediaConfiguration: { description_limit: optional("4.6.4 test_instance_v1.json") },
  InstanceURLsV2: each(["status", "terms_of_service"], nullable("4.6.4 test_instance.json")),
  InstanceV2: { wrapstodon: nullable("4.6.4 test_instance.json") },
  MediaAttachment: {
    text_url: nullable("4.6.4 test_media_post[False].json"),
    // POST /api/v2/media answers 202 with url null while the file is still being processed.
    url: nullable("4.6.4 test_media_post[False].json"),
  },
  Notification: { status: nullable("mastodon.social test_entity_notification.json") },
  NotificationGroup: {
    status_id: nullable("mastodon.social test_entity_notificationgroup.json"),
    most_recent_notification_id: retype(
      "number",
      "mastodon.social test_entity_notificationgroup.json, 4.6.4",
    ),
  },
  // Only sent to a logged-in user.
  Poll: each(["voted", "own_votes"], optional("4.6.4 test_public_tl_anonymous.json")),
  PreviewCard: {
    language: nullable("mastodon.social test_entity_searchv2.json"),
    missing_attribution: optional(
      "mastodon.social test_entity_partialaccountwithavatar.json (icosahedron.website)",
    ),
  },
  PreviewCardAuthor: { account: nullable("mastodon.social test_entity_searchv2.json") },
  // Unicode emoji reactions have no image.
  Reaction: each(["url", "static_url"], optional("mastodon.social test_entity_announcement.json")),
  // The wire name is rule_ids (added below); the reference spells it rules_ids.
  Report: { rules_ids: optional("4.6.4 test_report.json") },
  ScheduledStatus: {
    media_attachments: retype("MediaAttachment[]", "mastodon.social test_entity_scheduledstatus.json"),
  },
  ScheduledStatusParams: {
    application_id: retype("number", "mastodon.social test_entity_scheduledstatus.json, 4.6.4"),
  },
  Status: {
    // Statuses only carry the application's name and website, and reblogs carry null.
    application: {
      type: 'Pick<Application, "name" | "website">',
      nullable: true,
      seenIn: "4.6.4 test_toot.json; null in test_status_reblog_visibility.json",
    },
    tagged_collections: optional(
      "mastodon.social test_entity_partialaccountwithavatar.json (icosahedron.website)",
    ),
  },
  // Edit history keeps only the option titles of a poll.
  StatusEdit: {
    poll: retype(
      shape({
        options: ['Pick<PollOption, "title">[]', "The poll's choices as they read in this revision."],
      }),
      "mastodon.social test_entity_statusedit.json",
    ),
  },
  TermsOfService: { succeeded_by: nullable("mastodon.social test_entity_termsofservice.json") },
  TrendingLinkHistory: each(
    ["uses", "accounts"],
    retype("string", "mastodon.social test_entity_trendinglinkhistory.json: counts are strings on the wire"),
  ),
  WebPushSubscription: {
    id: retype("number", "mastodon.social test_entity_webpushsubscription.json, 4.6.4"),
  },
};

/** Entities whose fields may all be absent. */
const ALL_OPTIONAL: Record<string, string> = {
  // The server echoes only the alerts that were set.
  WebPushSubscriptionAlerts: "mastodon.social test_entity_webpushsubscription.json: {follow: true}",
};

/**
 * Fields the server sends that the reference does not know about. Always emitted as optional.
 * Types cross-checked against the OpenAPI description (shared/reference/mastodon-openapi.json).
 */
interface AddedField {
  type: string;
  seenIn: string;
  /** Emitted in the doc comment. */
  doc?: string;
}

const ADDED_FIELDS: Record<string, Record<string, AddedField>> = {
  Account: {
    feature_approval: {
      type: `${shape({
        automatic: [
          FEATURE_AUDIENCE,
          "Whose requests to feature this account are accepted without review; empty when nobody's are.",
        ],
        manual: [
          FEATURE_AUDIENCE,
          "Whose requests to feature this account wait for the owner's review; empty when nobody's do.",
        ],
        current_user: [
          '"automatic" | "manual" | "denied" | "unknown" | "missing" | (string & {})',
          "What would happen if the signed-in user featured this account.",
        ],
      })} | null`,
      seenIn: "4.6.4 test_account_block_unblock.json, GET verify_credentials",
      doc: "Who may feature this account in a collection.",
    },
  },
  Collection: {
    url: { type: "string | null", seenIn: "Mastodon 4.6 openapi Collection schema", doc: "Added in 4.6.0." },
  },
  CollectionItem: {
    created_at: {
      type: "string",
      seenIn: "Mastodon 4.6 openapi CollectionItem schema",
      doc: "Added in 4.6.0.",
    },
  },
  InstanceThumbnail: {
    description: {
      type: "string | null",
      seenIn: "4.6.4 test_instance.json",
      doc: "Alt text of the thumbnail.",
    },
  },
  NotificationPolicy: {
    for_bots: {
      type: '"accept" | "filter" | "drop" | (string & {})',
      seenIn: "4.6.4 test_notifications_policy.json",
    },
  },
  PartialAccountWithAvatar: {
    avatar_description: {
      type: "string | null",
      seenIn: "4.6.4 test_grouped_notifications.json",
    },
  },
  Report: {
    rule_ids: { type: "string[] | null", seenIn: "4.6.4 test_report.json", doc: "Added in 3.5.0." },
    collection_ids: { type: "string[] | null", seenIn: "4.6.4 test_report.json" },
  },
  // Mastodon 4.2 translates the content warning, poll and media descriptions too.
  Translation: {
    spoiler_text: {
      type: "string",
      seenIn: "Mastodon docs entities/Translation",
      doc: "The content warning, translated. Added in 4.2.0.",
    },
    language: {
      type: "string",
      seenIn: "Mastodon docs entities/Translation",
      doc: "The language the text was translated into. Added in 4.2.0.",
    },
    media_attachments: {
      type: `${shape({
        id: ["string", "Which attachment of the status this is."],
        description: ["string", "Its alt text, translated."],
      })}[]`,
      seenIn: "Mastodon docs entities/Translation",
      doc: "The alt texts of the status's media, translated. Added in 4.2.0.",
    },
    poll: {
      type: `${shape({
        id: ["string", "Which poll this is."],
        options: [
          `${shape({ title: ["string", "The option's text, translated."] })}[]`,
          "The poll's options, in order.",
        ],
      })} | null`,
      seenIn: "Mastodon docs entities/Translation",
      doc: "The status's poll with its options translated, or null when it has none. Added in 4.2.0.",
    },
  },
  Role: {
    collection_limit: {
      type: "number | null",
      seenIn: "4.6.4 test_account_block_unblock.json, GET verify_credentials",
    },
  },
  // Admin alerts are keyed with a dot on the wire; the reference only has admin_sign_up / admin_report.
  WebPushSubscriptionAlerts: {
    "admin.sign_up": {
      type: "boolean",
      seenIn: "4.6.4 test_push_update_all_events.json",
      doc: "Added in 3.5.0.",
    },
    "admin.report": {
      type: "boolean",
      seenIn: "4.6.4 test_push_update_all_events.json",
      doc: "Added in 4.0.0.",
    },
  },
};

/** Fields that exist only on the Python side (Mastodon.py's pagination bookkeeping), not on the wire. */
const PYTHON_ONLY_FIELDS: Record<string, readonly string[]> = {
  GroupedNotificationsResults: ["_pagination_next", "_pagination_prev"],
};

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");
const inputPath = resolve(
  process.argv[2] ??
    process.env.MASTODON_TS_ENTITIES_JSON ??
    join(repoRoot, "..", "shared", "reference", "mastodonpy-entities.json"),
);
const outputPath = join(repoRoot, "src", "entities", "generated.ts");

const SCALARS: Record<string, string> = {
  str: "string",
  int: "number",
  float: "number",
  bool: "boolean",
  IdType: "string",
  MaybeSnowflakeIdType: "string",
  datetime: "string",
};

const LIST_TYPES = new Set(["NonPaginatableList", "PaginatableList", "List", "EntityList"]);

function main(): void {
  if (!existsSync(inputPath)) {
    throw new Error(`reference data not found: ${inputPath}`);
  }
  const entities = JSON.parse(readFileSync(inputPath, "utf8")) as RefEntity[];
  const names = new Set(entities.map((e) => e.python_name));
  checkOverrides(entities);
  const undescribed = entities.filter((e) => !ENTITY_DESCRIPTIONS[e.python_name]).map((e) => e.python_name);
  if (undescribed.length > 0) {
    throw new Error(`add a description to scripts/entity-descriptions.ts for: ${undescribed.join(", ")}`);
  }
  const fieldsUndescribed = entities.flatMap((e) =>
    Object.keys(e.fields)
      .filter((f) => !FIELD_DESCRIPTIONS[e.python_name]?.[f])
      .map((f) => `${e.python_name}.${f}`),
  );
  if (fieldsUndescribed.length > 0) {
    throw new Error(`add to scripts/field-descriptions.ts: ${fieldsUndescribed.join(", ")}`);
  }

  const out: string[] = [];
  out.push(
    `// Generated by scripts/gen-entities.ts from mastodonpy-entities.json (Mastodon.py, MIT). Do not edit; rerun the script.`,
    "",
    "/* Field names are the wire names (snake_case). Ids and timestamps are strings as sent; see the overrides in the script. */",
    "",
  );
  for (const entity of entities) {
    out.push(renderEntity(entity, names), "");
  }
  writeFileSync(outputPath, out.join("\n"));
  formatWithBiome(outputPath);
  console.log(`wrote ${relative(process.cwd(), outputPath)} (${entities.length} interfaces)`);
}

function checkOverrides(entities: RefEntity[]): void {
  const byName = new Map(entities.map((e) => [e.python_name, e]));
  const known = (entityName: string): RefEntity => {
    const entity = byName.get(entityName);
    if (!entity) throw new Error(`override for unknown entity ${entityName}`);
    return entity;
  };
  const tables: Record<string, readonly string[]>[] = [
    Object.fromEntries(Object.entries(OVERRIDES).map(([k, v]) => [k, Object.keys(v)])),
    PYTHON_ONLY_FIELDS,
  ];
  for (const table of tables) {
    for (const [entityName, fields] of Object.entries(table)) {
      const entity = known(entityName);
      for (const field of fields) {
        if (!(field in entity.fields)) throw new Error(`override for unknown field ${entityName}.${field}`);
      }
    }
  }
  for (const entityName of Object.keys(ALL_OPTIONAL)) known(entityName);
  for (const [entityName, fields] of Object.entries(ADDED_FIELDS)) {
    const entity = known(entityName);
    for (const field of Object.keys(fields)) {
      if (field in entity.fields)
        throw new Error(`${entityName}.${field} is in the reference now; drop the addition`);
    }
  }
}

function renderEntity(entity: RefEntity, names: ReadonlySet<string>): string {
  const doc: string[] = [ENTITY_DESCRIPTIONS[entity.python_name] ?? ""];
  if (entity.masto_doc_link) doc.push(`@see ${entity.masto_doc_link}`);
  if (entity.masto_doc_link_additional) doc.push(`@see ${entity.masto_doc_link_additional}`);
  if (entity.is_deprecated) doc.push("@deprecated Superseded on the server side.");

  const lines: string[] = [docComment(doc, ""), `export interface ${entity.python_name} {`];
  const skip = new Set(PYTHON_ONLY_FIELDS[entity.python_name] ?? []);
  for (const [fieldName, field] of Object.entries(entity.fields)) {
    if (skip.has(fieldName)) continue;
    const override = OVERRIDES[entity.python_name]?.[fieldName];
    let type = override?.type ?? mapType(field, names, `${entity.python_name}.${fieldName}`);
    const isNullable = field.is_nullable || override?.nullable === true;
    const isOptional = field.is_optional || override?.optional === true || entity.python_name in ALL_OPTIONAL;
    if (isNullable) type = `${type} | null`;
    const meaning = FIELD_DESCRIPTIONS[entity.python_name]?.[fieldName];
    lines.push(docComment([...(meaning ? [meaning] : []), ...fieldDoc(field, override)], "  "));
    lines.push(`  ${propertyKey(fieldName)}${isOptional ? "?" : ""}: ${type};`);
  }
  for (const [fieldName, added] of Object.entries(ADDED_FIELDS[entity.python_name] ?? {})) {
    const where = added.seenIn.startsWith("4.6.4") ? "Sent by Mastodon 4.6.4" : "Seen in recorded responses";
    const doc = [...(added.doc ? [added.doc] : []), `${where}; not in Mastodon.py's description.`];
    lines.push(docComment(doc, "  "));
    lines.push(`  ${propertyKey(fieldName)}?: ${added.type};`);
  }
  lines.push("}");
  return lines.join("\n");
}

function fieldDoc(field: RefField, override: FieldOverride | undefined): string[] {
  const added: string[] = [];
  const changed: string[] = [];
  const deprecated: string[] = [];
  for (const [version, what] of field.version_history) {
    if (what === "added") added.push(version);
    else if (what === "deprecated") deprecated.push(version);
    else changed.push(version);
  }
  const parts: string[] = [];
  if (added.length > 0) parts.push(`Added in ${added.join(", ")}`);
  if (changed.length > 0) parts.push(`changed in ${changed.join(", ")}`);
  if (deprecated.length > 0) parts.push(`deprecated in ${deprecated.join(", ")}`);
  let first = parts.join("; ");
  first = first ? `${first.charAt(0).toUpperCase()}${first.slice(1)}.` : "";
  const out = first ? [first] : [];
  if (field.api_version) out.push(`Only in the ${field.api_version} API.`);
  if (field.moved_path) out.push(`The v2 API has it at \`${field.moved_path}\`.`);
  if (override?.nullable) out.push("Can be null in practice (seen in recorded server responses).");
  if (override?.optional) out.push("Can be absent in practice (seen in recorded server responses).");
  if (override?.type) out.push("Typed as seen on the wire, which differs from Mastodon.py's description.");
  if (field.is_deprecated) out.push("@deprecated");
  return out;
}

function mapType(field: RefField, names: ReadonlySet<string>, where: string): string {
  const enumValues = field.enum ? Object.keys(field.enum) : null;
  if (LIST_TYPES.has(field.field_type)) {
    let item: string;
    if (enumValues) item = enumUnion(enumValues);
    else if (field.field_subtype === null) item = "unknown";
    else item = mapTypeName(field.field_subtype, names, where);
    return `${needsParens(item) ? `(${item})` : item}[]`;
  }
  if (enumValues) return enumUnion(enumValues);
  return mapTypeName(field.field_type, names, where);
}

function mapTypeName(typeName: string, names: ReadonlySet<string>, where: string): string {
  const t = typeName.trim();
  const scalar = SCALARS[t];
  if (scalar) return scalar;
  if (names.has(t)) return t;
  const generic = /^(\w+)\[(.*)\]$/.exec(t);
  if (generic) {
    const [, outer = "", inner = ""] = generic;
    const args = splitTopLevel(inner).map((a) => mapTypeName(a, names, where));
    if (outer === "Union" || outer === "Optional") {
      return outer === "Optional" ? `${args.join(" | ")} | null` : args.join(" | ");
    }
    if (LIST_TYPES.has(outer) && args.length === 1) {
      const item = args[0] ?? "unknown";
      return `${needsParens(item) ? `(${item})` : item}[]`;
    }
    if ((outer === "AttribAccessDict" || outer === "Dict") && args.length === 2) {
      return `Record<${args[0]}, ${args[1]}>`;
    }
  }
  if (t === "AttribAccessDict" || t === "Dict" || t === "dict") return "Record<string, unknown>";
  throw new Error(`${where}: don't know how to map type ${t}`);
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of s) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** A union of the known values that still accepts any other string (`string & {}` keeps autocompletion). */
function enumUnion(values: readonly string[]): string {
  return [...values.map((v) => JSON.stringify(v)), "(string & {})"].join(" | ");
}

function needsParens(type: string): boolean {
  return type.includes("|") || type.includes("&");
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function docComment(lines: readonly string[], indent: string): string {
  if (lines.length === 0) return `${indent}/** Version history not recorded. */`;
  if (lines.length === 1) return `${indent}/** ${lines[0]} */`;
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join("\n");
}

function formatWithBiome(file: string): void {
  const biome = join(repoRoot, "node_modules", "@biomejs", "biome", "bin", "biome");
  execFileSync(process.execPath, [biome, "format", "--write", file], { cwd: repoRoot, stdio: "pipe" });
}

main();
