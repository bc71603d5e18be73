/**
 * Admin: trend moderation. The lists include what is not approved yet; approving lets an item
 * trend publicly, rejecting keeps it out. Link publishers (the sites links come from) can be
 * approved or rejected as a whole.
 * Docs: https://docs.joinmastodon.org/methods/admin/trends/
 */
import type { PreviewCard, Status, Tag } from "../../entities/index.js";
import type { PageOptions } from "../common-types.js";
import type { EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import type { AdminTag } from "./tags.js";

/** A trending link as moderators see it. */
export type AdminTrendingLink = PreviewCard & {
  /** The link's id, for approving or rejecting it; a number on Mastodon, unlike most ids. */
  id?: string | number | undefined;
  /** Whether it waits for a moderator's review (Mastodon 4.2.0). */
  requires_review?: boolean | undefined;
};

/** A trending status as moderators see it. */
export type AdminTrendingStatus = Status & {
  /** Whether it waits for a moderator's review (Mastodon 4.2.0). */
  requires_review?: boolean | undefined;
};

/** A site that trending links come from, as moderators see it (Mastodon 4.2.0). */
export interface AdminTrendingLinkPublisher {
  /** The publisher's id; a number on Mastodon, unlike most ids. */
  id: string | number;
  /** The site's domain. */
  domain: string;
  /** Whether its links may trend; null until reviewed. */
  trendable: boolean | null;
  /** When a moderator last decided. */
  reviewed_at: string | null;
  /** When its links first asked for a review. */
  requested_review_at: string | null;
  /** Whether it waits for a moderator's review. */
  requires_review: boolean;
}

export interface AdminTrendEndpointMethods {
  /**
   * Trending hashtags, including those not approved yet, best first (Mastodon 3.5.0). Servers
   * from 4.1 on add the moderation fields of AdminTag.
   * https://docs.joinmastodon.org/methods/admin/trends/#tags
   */
  adminTrendingTags: { args: []; options: Pick<PageOptions, "limit">; result: Tag[] };
  /**
   * Trending statuses, including those not approved yet, best first (Mastodon 3.5.0).
   * https://docs.joinmastodon.org/methods/admin/trends/#statuses
   */
  adminTrendingStatuses: { args: []; options: NoOptions; result: AdminTrendingStatus[] };
  /**
   * Trending links, including those not approved yet, best first (Mastodon 3.5.0).
   * https://docs.joinmastodon.org/methods/admin/trends/#links
   */
  adminTrendingLinks: { args: []; options: NoOptions; result: AdminTrendingLink[] };
  /** Lets a link trend (Mastodon 4.2.0). https://docs.joinmastodon.org/methods/admin/trends/ */
  adminApproveTrendingLink: { args: [id: IdLike]; options: NoOptions; result: AdminTrendingLink };
  /** Keeps a link out of the trends (Mastodon 4.2.0). https://docs.joinmastodon.org/methods/admin/trends/ */
  adminRejectTrendingLink: { args: [id: IdLike]; options: NoOptions; result: AdminTrendingLink };
  /** Lets a status trend (Mastodon 4.2.0). https://docs.joinmastodon.org/methods/admin/trends/ */
  adminApproveTrendingStatus: { args: [id: IdLike]; options: NoOptions; result: AdminTrendingStatus };
  /** Keeps a status out of the trends (Mastodon 4.2.0). https://docs.joinmastodon.org/methods/admin/trends/ */
  adminRejectTrendingStatus: { args: [id: IdLike]; options: NoOptions; result: AdminTrendingStatus };
  /** Lets a hashtag trend (Mastodon 4.2.0). https://docs.joinmastodon.org/methods/admin/trends/ */
  adminApproveTrendingTag: { args: [id: IdLike]; options: NoOptions; result: AdminTag };
  /** Keeps a hashtag out of the trends (Mastodon 4.2.0). https://docs.joinmastodon.org/methods/admin/trends/ */
  adminRejectTrendingTag: { args: [id: IdLike]; options: NoOptions; result: AdminTag };
  /**
   * The sites trending links come from, with their review state (Mastodon 4.2.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/admin/trends/
   */
  adminTrendingLinkPublishers: {
    args: [];
    options: Pick<PageOptions, "limit">;
    result: AdminTrendingLinkPublisher[];
  };
  /**
   * Lets all links from a site trend (Mastodon 4.2.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/admin/trends/
   */
  adminApproveTrendingLinkPublisher: {
    args: [id: IdLike];
    options: NoOptions;
    result: AdminTrendingLinkPublisher;
  };
  /**
   * Keeps all links from a site out of the trends (Mastodon 4.2.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/methods/admin/trends/
   */
  adminRejectTrendingLinkPublisher: {
    args: [id: IdLike];
    options: NoOptions;
    result: AdminTrendingLinkPublisher;
  };
}

const docs = "methods/admin/trends/";

export const adminTrendEndpoints = {
  adminTrendingTags: { route: "GET /api/v1/admin/trends/tags", since: "3.5.0", docs: `${docs}#tags` },
  adminTrendingStatuses: {
    route: "GET /api/v1/admin/trends/statuses",
    since: "3.5.0",
    docs: `${docs}#statuses`,
  },
  adminTrendingLinks: { route: "GET /api/v1/admin/trends/links", since: "3.5.0", docs: `${docs}#links` },
  adminApproveTrendingLink: { route: "POST /api/v1/admin/trends/links/:id/approve", since: "4.2.0", docs },
  adminRejectTrendingLink: { route: "POST /api/v1/admin/trends/links/:id/reject", since: "4.2.0", docs },
  adminApproveTrendingStatus: {
    route: "POST /api/v1/admin/trends/statuses/:id/approve",
    since: "4.2.0",
    docs,
  },
  adminRejectTrendingStatus: { route: "POST /api/v1/admin/trends/statuses/:id/reject", since: "4.2.0", docs },
  adminApproveTrendingTag: { route: "POST /api/v1/admin/trends/tags/:id/approve", since: "4.2.0", docs },
  adminRejectTrendingTag: { route: "POST /api/v1/admin/trends/tags/:id/reject", since: "4.2.0", docs },
  adminTrendingLinkPublishers: { route: "GET /api/v1/admin/trends/links/publishers", since: "4.2.0", docs },
  adminApproveTrendingLinkPublisher: {
    route: "POST /api/v1/admin/trends/links/publishers/:id/approve",
    since: "4.2.0",
    docs,
  },
  adminRejectTrendingLinkPublisher: {
    route: "POST /api/v1/admin/trends/links/publishers/:id/reject",
    since: "4.2.0",
    docs,
  },
} as const satisfies EndpointTable<AdminTrendEndpointMethods>;
