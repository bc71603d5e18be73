/**
 * The body of a real 40-status home timeline, built from recorded traffic.
 *
 * Statuses are collected from the timeline, account-statuses and single-status responses recorded
 * against Mastodon 4.6.4 and mastodon.social (../shared/conformance/recorded, or the folder named by
 * MASTODON_TS_RECORDED). Home-timeline statuses come first, then the richer mastodon.social ones
 * (media, cards, polls, quotes), then the rest. If fewer than 40 unique statuses are found, real
 * ones are repeated under new ids. Without the recordings (a fresh clone), the body is a synthetic
 * timeline shaped like a real one, and a note on stderr says so.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Account, MediaAttachment, PreviewCard, Status } from "../src/index.js";

export const TIMELINE_LENGTH = 40;

export interface TimelineFixture {
  /** Newest first, as the server sends them. */
  statuses: Status[];
  /** The serialised body, exactly what the server sends. */
  body: string;
  source: "recorded" | "synthetic";
  /** How many statuses are real and unique (the rest are real ones under new ids, or synthetic). */
  unique: number;
  /** One line on where the statuses came from. */
  description: string;
}

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** Where the recordings are expected (MASTODON_TS_RECORDED overrides). */
export function recordedPath(): string {
  return process.env.MASTODON_TS_RECORDED ?? resolve(repoRoot, "..", "shared", "conformance", "recorded");
}

const SETS = ["mastodon-4.6.4", "mastodon-social-entities"] as const;

/** Routes whose responses hold statuses, in order of preference for a home timeline. */
const ROUTES: ReadonlyArray<[string, RegExp]> = [
  ["home", /^\/api\/v1\/timelines\/home$/],
  ["status", /^\/api\/v1\/statuses\/\d+$/],
  ["public", /^\/api\/v1\/timelines\/(public|list\/\d+|tag\/[^/]+)$/],
  ["account", /^\/api\/v1\/accounts\/\d+\/statuses$/],
];

interface RecordedInteraction {
  request: { method: string; url: string };
  response: { status: number; body: string | null; bodyEncoding?: string };
}

function isStatus(value: unknown): value is Status {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "string" &&
    typeof v.content === "string" &&
    typeof v.visibility === "string" &&
    typeof v.account === "object" &&
    v.account !== null
  );
}

function compareIdsDescending(a: Status, b: Status): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x > y ? -1 : 1;
}

/** Real statuses from the recordings, unique by id, in order of preference; undefined if absent. */
export function recordedStatuses(dir = recordedPath()): Status[] | undefined {
  if (!existsSync(dir)) return undefined;
  const buckets = ROUTES.map(() => new Map<string, Status>());
  const seen = new Set<string>();
  for (const set of SETS) {
    const setDir = join(dir, set);
    if (!existsSync(setDir)) continue;
    for (const file of readdirSync(setDir).sort()) {
      if (!file.endsWith(".json")) continue;
      let interactions: RecordedInteraction[];
      try {
        interactions = (JSON.parse(readFileSync(join(setDir, file), "utf8")) as { interactions?: unknown })
          .interactions as RecordedInteraction[];
      } catch {
        continue;
      }
      if (!Array.isArray(interactions)) continue;
      for (const { request, response } of interactions) {
        if (request.method !== "GET" || response.status !== 200 || !response.body || response.bodyEncoding)
          continue;
        const route = ROUTES.findIndex(([, re]) => re.test(new URL(request.url).pathname));
        if (route < 0) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(response.body);
        } catch {
          continue;
        }
        for (const status of Array.isArray(parsed) ? parsed : [parsed]) {
          if (!isStatus(status) || seen.has(status.id)) continue;
          seen.add(status.id);
          buckets[route]?.set(status.id, status);
        }
      }
    }
  }
  return buckets.flatMap((bucket) => [...bucket.values()]);
}

/** Fills up to `length` by repeating real statuses under new, lower ids (older than the real ones). */
function fillTo(statuses: Status[], length: number): Status[] {
  const out = statuses.slice(0, length);
  if (out.length === 0) return out;
  let next = out.reduce((min, s) => (BigInt(s.id) < min ? BigInt(s.id) : min), BigInt(out[0]!.id));
  for (let i = 0; out.length < length; i++) {
    const original = statuses[i % statuses.length]!;
    next -= 1000n;
    const id = next.toString();
    out.push({ ...original, id, uri: original.uri.replace(original.id, id) });
  }
  return out;
}

/** Builds the 40-status body, from the recordings when they are there. */
export function buildTimelineFixture(length = TIMELINE_LENGTH): TimelineFixture {
  const dir = recordedPath();
  const real = recordedStatuses(dir);
  if (real === undefined || real.length === 0) {
    process.stderr.write(
      real === undefined
        ? `bench: recorded traffic not found at ${dir} (set MASTODON_TS_RECORDED); using a synthetic ${length}-status timeline.\n`
        : `bench: no statuses found in the recordings at ${dir}; using a synthetic ${length}-status timeline.\n`,
    );
    const statuses = syntheticTimeline(length);
    return {
      statuses,
      body: JSON.stringify(statuses),
      source: "synthetic",
      unique: statuses.length,
      description: `${length} synthetic statuses shaped like Mastodon 4.x ones`,
    };
  }
  const statuses = fillTo(real, length).sort(compareIdsDescending);
  const unique = Math.min(real.length, length);
  return {
    statuses,
    body: JSON.stringify(statuses),
    source: "recorded",
    unique,
    description:
      `${unique} unique recorded statuses` +
      (unique < length ? ` (+${length - unique} repeated under new ids)` : "") +
      " from mastodon-4.6.4 and mastodon.social",
  };
}

// --- synthetic fallback: the shape of a Mastodon 4.5/4.6 status, with the usual mix of extras ---

const HOSTS = ["mastodon.social", "fosstodon.org", "hachyderm.io", "chaos.social", "mstdn.jp"];
const BASE_TIME = Date.UTC(2026, 3, 11, 23, 0, 0);

function syntheticAccount(n: number): Account {
  const host = HOSTS[n % HOSTS.length]!;
  const username = `user${n}`;
  const id = String(109000000000000000n + BigInt(n) * 7919n);
  const path = id.slice(0, 12).replace(/(\d{3})(?=\d)/g, "$1/");
  return {
    id,
    username,
    acct: n % 3 === 0 ? username : `${username}@${host}`,
    display_name: `Example Person ${n} :blobcat:`,
    locked: false,
    bot: n % 11 === 0,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: `${new Date(BASE_TIME - n * 86_400_000 * 37).toISOString().slice(0, 10)}T00:00:00.000Z`,
    note: `<p>Writes about software, trains and the occasional cat. Opinions my own.</p><p><a href="https://${host}/tags/fediverse" class="mention hashtag" rel="tag">#<span>fediverse</span></a></p>`,
    url: `https://${host}/@${username}`,
    uri: `https://${host}/users/${username}`,
    avatar: `https://files.mastodon.social/cache/accounts/avatars/${path}/original/a1b2c3d4e5f60718.png`,
    avatar_static: `https://files.mastodon.social/cache/accounts/avatars/${path}/original/a1b2c3d4e5f60718.png`,
    avatar_description: "",
    header: `https://files.mastodon.social/cache/accounts/headers/${path}/original/0f1e2d3c4b5a6978.jpg`,
    header_static: `https://files.mastodon.social/cache/accounts/headers/${path}/original/0f1e2d3c4b5a6978.jpg`,
    header_description: "",
    followers_count: 120 + n * 37,
    following_count: 80 + n * 3,
    statuses_count: 1500 + n * 211,
    last_status_at: "2026-04-11",
    hide_collections: false,
    show_media: true,
    show_media_replies: true,
    show_featured: true,
    emojis: [
      {
        shortcode: "blobcat",
        url: "https://files.mastodon.social/cache/custom_emojis/images/000/002/116/original/e0d448640e549b87.png",
        static_url:
          "https://files.mastodon.social/cache/custom_emojis/images/000/002/116/static/e0d448640e549b87.png",
        visible_in_picker: true,
      },
    ],
    fields: [
      {
        name: "Web",
        value: `<a href="https://example.org/~${username}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">example.org/~${username}</span><span class="invisible"></span></a>`,
        verified_at: n % 2 === 0 ? "2026-04-11T12:08:00.687+00:00" : null,
      },
      { name: "Pronouns", value: "they/them", verified_at: null },
    ],
  };
}

function syntheticMedia(id: string): MediaAttachment {
  return {
    id,
    type: "image",
    url: `https://files.mastodon.social/media_attachments/files/${id.slice(0, 3)}/original/5f4e3d2c1b0a9988.jpeg`,
    preview_url: `https://files.mastodon.social/media_attachments/files/${id.slice(0, 3)}/small/5f4e3d2c1b0a9988.jpeg`,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: {
      original: { width: 1920, height: 1440, size: "1920x1440", aspect: 1.3333333333333333 },
      small: { width: 554, height: 416, size: "554x416", aspect: 1.3317307692307692 },
      focus: { x: 0, y: 0 },
      colors: { background: "#151322", foreground: "#cfc0cb", accent: "#b88659" },
    },
    description: "A photo of a steam locomotive crossing a stone viaduct in the fog.",
    blurhash: "UPB:Q]a#9YWBkEofWAaz0Ja#%Mj[oJR*bIa}",
  };
}

function syntheticCard(n: number): PreviewCard {
  return {
    url: `https://blog.example.org/2026/04/post-${n}`,
    title: "Why we moved our CI to a single small machine",
    description: "A long look at build caches, flaky tests and the joy of doing less.",
    type: "link",
    author_name: "",
    author_url: "",
    provider_name: "",
    provider_url: "",
    html: "",
    width: 400,
    height: 210,
    image:
      "https://files.mastodon.social/cache/preview_cards/images/000/111/222/original/abcdef0123456789.png",
    image_description: "",
    embed_url: "",
    blurhash: "U7Ss50j[~qof%Mayj[ay?bj[M{ayofayfQj[",
    published_at: "2026-04-10T08:00:00.000Z",
    authors: [],
    language: "en",
  };
}

function syntheticStatus(n: number): Status {
  const account = syntheticAccount(n % 17);
  const host = account.acct.includes("@") ? account.acct.split("@")[1]! : "mastodon.social";
  const id = String(116400000000000000n - BigInt(n) * 3_700_000_000n);
  const createdAt = new Date(BASE_TIME - n * 95_000).toISOString();
  const tag = ["rust", "typescript", "trains", "photography", "fediverse"][n % 5]!;
  return {
    id,
    created_at: createdAt,
    in_reply_to_id: n % 6 === 5 ? String(BigInt(id) - 5n) : null,
    in_reply_to_account_id: n % 6 === 5 ? account.id : null,
    sensitive: n % 9 === 4,
    spoiler_text: n % 9 === 4 ? "long post about work" : "",
    visibility: n % 4 === 3 ? "unlisted" : "public",
    language: "en",
    uri: `https://${host}/users/${account.username}/statuses/${id}`,
    url: `https://${host}/@${account.username}/${id}`,
    replies_count: n % 7,
    reblogs_count: (n * 3) % 23,
    favourites_count: (n * 7) % 41,
    quotes_count: 0,
    edited_at: n % 10 === 2 ? new Date(BASE_TIME - n * 90_000).toISOString() : null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content:
      `<p>Post number ${n}: spent the afternoon chasing a bug that turned out to be a stale cache. ` +
      `The fix was one line; finding it took four hours and two coffees. ` +
      `<a href="https://${host}/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a></p>` +
      `<p>Notes for next time: check the cache first, then the clock, then yourself. ` +
      `<span class="h-card" translate="no"><a href="https://mastodon.social/@Gargron" class="u-url mention">@<span>Gargron</span></a></span></p>`,
    filtered: [],
    reblog: null,
    application: n % 3 === 0 ? { name: "Web", website: null } : null,
    account,
    media_attachments: n % 5 === 1 ? [syntheticMedia(String(BigInt(id) + 1n))] : [],
    mentions: [{ id: "1", username: "Gargron", url: "https://mastodon.social/@Gargron", acct: "Gargron" }],
    tags: [{ name: tag, url: `https://mastodon.social/tags/${tag}` }],
    emojis: [],
    tagged_collections: [],
    quote: null,
    card: n % 7 === 3 ? syntheticCard(n) : null,
    poll:
      n === 8
        ? {
            id: "1234567",
            expires_at: "2026-04-12T23:00:00.000Z",
            expired: false,
            multiple: false,
            votes_count: 152,
            voters_count: 152,
            voted: false,
            own_votes: [],
            options: [
              { title: "Tabs", votes_count: 61 },
              { title: "Spaces", votes_count: 91 },
            ],
            emojis: [],
          }
        : null,
    quote_approval: { automatic: ["public"], manual: [], current_user: "automatic" },
  };
}

/** A synthetic home timeline, newest first: plain posts with some media, cards, a poll and reblogs. */
export function syntheticTimeline(length = TIMELINE_LENGTH): Status[] {
  const statuses: Status[] = [];
  for (let n = 0; n < length; n++) {
    const status = syntheticStatus(n);
    if (n % 8 === 6) {
      // A reblog: the wrapper has its own id and account, and the original inside.
      const booster = syntheticAccount(20 + n);
      statuses.push({
        ...status,
        uri: `https://mastodon.social/users/${booster.username}/statuses/${status.id}/activity`,
        url: null,
        account: booster,
        content: "",
        application: null,
        media_attachments: [],
        mentions: [],
        tags: [],
        card: null,
        poll: null,
        reblog: { ...status, id: String(BigInt(status.id) - 123_456n) },
      });
    } else {
      statuses.push(status);
    }
  }
  return statuses;
}
