export * from "../dist/endpoints.js";
