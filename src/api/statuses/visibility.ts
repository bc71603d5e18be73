/**
 * Status visibility: the four levels every server knows, plus the ones some forks add. Checked
 * before a post, reply or boost is sent, so that a typo is not silently turned into the account's
 * default (which may be more public than intended).
 * https://docs.joinmastodon.org/entities/Status/#visibility
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { FeatureSet } from "../../core/options.js";

/** Who sees a status: everyone, everyone but not on public timelines, followers, mentioned people. */
export type Visibility = "public" | "unlisted" | "private" | "direct";

/** The visibilities Mastodon itself accepts. */
export const VISIBILITIES: readonly Visibility[] = ["public", "unlisted", "private", "direct"];

/** Extra levels of the forks a feature set stands for (Fedibird's circles, Pleroma's local-only). */
const EXTRA_VISIBILITIES: Record<FeatureSet, readonly string[]> = {
  mainline: [],
  fedibird: ["limited", "mutual"],
  pleroma: ["local", "list"],
};

/** Every visibility a feature set allows, made once rather than on every post. */
const ALLOWED: Record<FeatureSet, readonly string[]> = {
  mainline: [...VISIBILITIES, ...EXTRA_VISIBILITIES.mainline],
  fedibird: [...VISIBILITIES, ...EXTRA_VISIBILITIES.fedibird],
  pleroma: [...VISIBILITIES, ...EXTRA_VISIBILITIES.pleroma],
};

/**
 * The visibility to send (lower-cased, as Mastodon.py sends it), or undefined when none was given.
 * Refuses anything else, naming what the feature set allows.
 */
export function checkVisibility(method: string, value: unknown, featureSet: FeatureSet): string | undefined {
  if (value === undefined || value === null) return undefined;
  const allowed = ALLOWED[featureSet];
  const lower = typeof value === "string" ? value.toLowerCase() : undefined;
  if (lower !== undefined && allowed.includes(lower)) return lower;
  throw new MastodonIllegalArgumentError(
    `${method}(): visibility must be one of ${allowed.map((v) => `"${v}"`).join(", ")}; got ${
      typeof value === "string" ? JSON.stringify(value) : typeof value
    }.`,
  );
}
