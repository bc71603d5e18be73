export * from "../dist/sandbox/index.js";
