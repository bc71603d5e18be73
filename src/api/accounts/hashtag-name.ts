/**
 * The hashtag argument of the tag methods: a name ("cats") or a Tag entity (its `name` is used,
 * since a Tag's `id` may be empty for tags the user never used). A leading "#" is refused, as
 * Mastodon.py does, because the server would look for a tag literally named "#cats".
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import { requireString } from "../validate.js";

/** A hashtag given by name or as an object with a `name`. */
export type HashtagLike =
  | string
  | {
      /** The hashtag's name without its "#", such as "cats" (a Tag or FeaturedTag has one). */
      name: string;
    };

export function hashtagName(method: string, param: string, value: unknown): string {
  const raw = typeof value === "object" && value !== null && "name" in value ? value.name : value;
  const name = requireString(method, param, raw).trim();
  if (name.startsWith("#")) {
    throw new MastodonIllegalArgumentError(
      `${method}(): give ${param} without its leading "#" (e.g. "cats", not "#cats").`,
    );
  }
  return name;
}
