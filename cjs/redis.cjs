"use strict";
// require("mastodon-ts/redis"): the ES module itself where Node supports require() of ES modules (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(() => require("../dist/redis/index.js"), "mastodon-ts/redis");
