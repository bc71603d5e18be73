"use strict";
// require("mastodon-ts"): the ES module itself where Node supports require() of ES modules (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(() => require("../dist/index.js"), "mastodon-ts");
