"use strict";
// require("mastodon-ts/sandbox"): the ES module itself where Node supports require() of ES modules (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(
  () => require("../dist/sandbox/index.js"),
  "mastodon-ts/sandbox",
);
