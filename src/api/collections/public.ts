/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */
export {};
