"use strict";
// require("mastodon-ts/light"): the ES module itself where Node supports require() of ES modules (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(() => require("../dist/light.js"), "mastodon-ts/light");
