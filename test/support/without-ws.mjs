// A module resolve hook (node --import ./without-ws.mjs) that makes the `ws` package look not
// installed, for the runtime tests of a user who did not install it.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === "ws" || specifier.startsWith("ws/")) {
        const error = new Error("Cannot find package 'ws'");
        error.code = "ERR_MODULE_NOT_FOUND";
        throw error;
      }
      return next(specifier, context);
    }`)}`,
);
