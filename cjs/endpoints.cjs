"use strict";
// require("mastodon-ts/endpoints"): the ES module itself where Node supports require() of ES modules (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(() => require("../dist/endpoints.js"), "mastodon-ts/endpoints");
