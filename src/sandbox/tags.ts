/**
 * Hashtags as entities: the instance's known tags (stored when first followed, with a sequential id
 * as Mastodon's), who follows which, and the Tag entity with its week of history. Mastodon counts a
 * tag's uses in Redis as statuses are posted; the sandbox counts its public and unlisted statuses
 * carrying the tag, per UTC day, when asked (a tag page is no hot path).
 */
import type { Tag } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import type { TagRecord } from "./records.js";
import { normalizeTag } from "./timeline-params.js";
import { nextSequentialId } from "./timeline-sequence.js";

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 7;
/** Mastodon's HASHTAG_NAME_RE in short: word characters (and the middle dot or ZWNJ inside), with a letter or `_`. */
const TAG_NAME = /^[\p{L}\p{M}\p{N}_](?:[\p{L}\p{M}\p{N}_·\u200c]*[\p{L}\p{M}\p{N}_])?$/u;

export function isTagName(name: string): boolean {
  return TAG_NAME.test(name) && /[\p{L}_]/u.test(name);
}

/** A tag not stored yet has no id: Mastodon shows such a tag with `id: ""`. */
export type KnownOrNewTag = TagRecord | { id: ""; name: string };

export function findTag(ctx: SandboxContext, name: string): KnownOrNewTag {
  const normalized = normalizeTag(name);
  return ctx.state.tags.lookup("name", normalized)[0] ?? { id: "", name: normalized };
}

export function storeTag(ctx: SandboxContext, tag: KnownOrNewTag): TagRecord {
  if (tag.id !== "") return tag;
  const stored = ctx.state.tags.insert({ id: nextSequentialId(ctx.state.tags), name: tag.name });
  ctx.changed();
  return stored;
}

export function followOf(ctx: SandboxContext, accountId: string, tagId: string) {
  return ctx.state.tagFollows.lookup("account", accountId).find((f) => f.tag_id === tagId);
}

/** The names of the tags the account follows (lower case, as statuses keep theirs). */
export function followedTagNames(ctx: SandboxContext, accountId: string): string[] {
  return ctx.state.tagFollows
    .lookup("account", accountId)
    .flatMap((f) => ctx.state.tags.get(f.tag_id)?.name ?? []);
}

/** Uses and distinct accounts per UTC day for the last week, today first, counted as Mastodon shows them (strings). */
function history(ctx: SandboxContext, name: string): NonNullable<Tag["history"]> {
  const today = Math.floor(ctx.now() / DAY_MS);
  const days = Array.from({ length: HISTORY_DAYS }, () => ({ uses: 0, accounts: new Set<string>() }));
  for (const status of ctx.state.statuses.newestFirst()) {
    const day = today - Math.floor(Date.parse(status.created_at) / DAY_MS);
    if (day >= HISTORY_DAYS) break;
    if (day < 0 || !status.tags.includes(name)) continue;
    if (status.visibility !== "public" && status.visibility !== "unlisted") continue;
    days[day]!.uses++;
    days[day]!.accounts.add(status.account_id);
  }
  return days.map((d, i) => ({
    day: String(((today - i) * DAY_MS) / 1000),
    accounts: String(d.accounts.size),
    uses: String(d.uses),
  }));
}

/** The Tag entity; `following` and `featuring` only for a signed-in viewer, as Mastodon's serializer. */
export function renderTag(ctx: SandboxContext, tag: KnownOrNewTag, viewerId: string | undefined): Tag {
  const rendered: Tag & { featuring?: boolean } = {
    id: tag.id,
    name: tag.name,
    url: `${ctx.url}/tags/${encodeURIComponent(tag.name)}`,
    history: history(ctx, tag.name),
  };
  if (viewerId !== undefined) {
    rendered.following = tag.id !== "" && followOf(ctx, viewerId, tag.id) !== undefined;
    // Featured tags are not in the sandbox.
    rendered.featuring = false;
  }
  return rendered;
}
