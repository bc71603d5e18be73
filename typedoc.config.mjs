// TypeDoc configuration for `npm run docs`: the API reference of every public entry point, from the
// doc comments, with the guides in docs/guides/ beside it. Output goes to docs/reference/ (git-ignored).
import { readFileSync } from "node:fs";
import { packageEntries } from "./scripts/package-entries.mjs";

const entryPoints = packageEntries().map((entry) => entry.source);

// Source links need a public repository. package.json names none yet, and a checkout may have no
// remote, so without one the reference leaves out "Defined in" rather than warn or link nowhere.
const { repository } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));
const repositoryUrl = (typeof repository === "string" ? repository : repository?.url)
  ?.replace(/^git\+/, "")
  .replace(/\.git$/, "");
const sources = repositoryUrl
  ? { disableGit: true, sourceLinkTemplate: `${repositoryUrl}/blob/main/{path}#L{line}` }
  : { disableSources: true };

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
  // Protected members are how the client's layers (core, auth, methods) share state; the class is not
  // meant to be subclassed, and scripts/docs-coverage.ts leaves them out for the same reason.
  excludeProtected: true,
  excludeInternal: true,
  excludeExternals: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  ...sources,
};
