/** An entry point of the package (see package-entries.mjs). */
export interface PackageEntry {
  /** What an app imports: "mastodon-ts", "mastodon-ts/light", ... */
  specifier: string;
  /** The entry's path below src/ and dist/, without extension: "index", "sandbox/index". */
  name: string;
  /** Its source, relative to the repository: "src/light.ts". */
  source: string;
  /** Whether it has a "browser" export (an app's bundler takes its modules). */
  browser: boolean;
}

/** Every entry point of package.json's `exports`, in the order it lists them. */
export function packageEntries(): PackageEntry[];
