// The package's entry points, read from the `exports` of package.json: the one list of them. The
// build (bundle-main.mjs), the API reference (typedoc.config.mjs) and the check that every export
// is documented (docs-coverage.ts) read it here, so a new entry point is added in package.json only.
import { readFileSync } from "node:fs";

/** Every entry point of `exports`, in the order package.json lists them (types: package-entries.d.mts). */
export function packageEntries() {
  const { name: packageName, exports } = JSON.parse(
    readFileSync(new URL("../package.json", import.meta.url), "utf8"),
  );
  return Object.entries(exports)
    .filter(([subpath]) => subpath !== "./package.json")
    .map(([subpath, conditions]) => {
      const built = /^\.\/dist\/(.+)\.js$/.exec(conditions.default);
      if (!built) throw new Error(`package.json exports["${subpath}"].default is not ./dist/<entry>.js`);
      const name = built[1];
      return {
        specifier: subpath === "." ? packageName : `${packageName}/${subpath.slice(2)}`,
        name,
        source: `src/${name}.ts`,
        browser: conditions.browser !== undefined,
      };
    });
}
