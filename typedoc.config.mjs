// TypeDoc configuration for `npm run docs`: the API reference of every public entry point, from the
// doc comments, with the guides in docs/guides/ beside it. Output goes to docs/reference/ (git-ignored).
import { existsSync } from "node:fs";

const entryPoints = ["src/index.ts", "src/light.ts", "src/endpoints.ts", "src/sandbox/index.ts"];
// "mastodon-ts/redis" is documented once its entry point exists.
if (existsSync("src/redis/index.ts")) entryPoints.push("src/redis/index.ts");

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  entryPoints,
  tsconfig: "tsconfig.build.json",
  out: "docs/reference",
  name: "mastodon-ts",
  readme: "README.md",
  // The guides, beside the reference and linked from the README.
  projectDocuments: ["docs/guides/*.md"],
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
};
