/**
 * Code that loads on first use (an API area, the login flows, statusPost): one import shared by
 * every caller, kept once it worked and forgotten when it failed, so that a chunk that could not be
 * downloaded (a flaky network in a browser) loads on the next call. A failure says what to do.
 */
import { MastodonError } from "./errors.js";

/** A function that imports `load` on its first call and hands every caller the same module. */
export function loadOnFirstUse<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new MastodonError(
        `mastodon-ts could not load the code of ${what}` +
          `${cause instanceof Error ? ` (${cause.message})` : ""}. Reinstall the package if its files ` +
          "are incomplete; in a browser, check that every chunk of the bundle is served.",
        { cause },
      );
    });
    return loading;
  };
}
