/**
 * The size workload: the browser bundle an app pays for (esbuild, minified, gzip), for the full
 * Mastodon class and for mastodon-ts/light with three methods, beside masto and megalodon. See
 * ../bundle-size.ts (also runnable alone, with --analyze for the largest modules).
 */
import { APPS, type BundleSize, measureApp, sizeTable } from "../bundle-size.js";
import type { Result, Workload } from "../harness.js";

export const workload: Workload = {
  name: "size",
  description:
    "browser bundle, esbuild --minify, gzip -9: one file, and what loads at start with code splitting",
  async run(): Promise<Result> {
    const sizes: BundleSize[] = [];
    for (const app of APPS) sizes.push(await measureApp(app));
    console.log(`\nsize:\n${sizeTable(sizes)}`);
    const full = sizes[0]!;
    const info: Record<string, string | number> = {};
    for (const s of sizes) {
      info[`${s.name}: gzip KB`] = Number((s.gzip / 1024).toFixed(1));
      info[`${s.name}: at start KB`] = Number((s.startGzip / 1024).toFixed(1));
      if (s.forbidden.length > 0) info[`${s.name}: must not contain`] = s.forbidden.join(", ");
    }
    return {
      name: "size",
      description: this.description,
      info,
      stats: [],
      comparison: {
        subject: full.name,
        baseline: `${full.targetKB} KB`,
        ratio: full.gzip / 1024 / full.targetKB!,
        threshold: 1,
        pass: full.gzip / 1024 <= full.targetKB!,
      },
    };
  },
};
