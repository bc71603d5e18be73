"use strict";
// mastodon-ts is an ES module. Node.js 20.19+ and 22.12+ load ES modules with require(), and these
// stubs hand require() callers the very same module. Older versions throw ERR_REQUIRE_ESM, which names
// a file of the package and suggests editing a require() the caller may never have written (a
// TypeScript build emits it); this says instead what to change.
module.exports = function requireEsm(load, specifier) {
  try {
    return load();
  } catch (error) {
    if (error?.code !== "ERR_REQUIRE_ESM") throw error;
    throw new Error(
      `${specifier} is an ES module, and Node.js ${process.version} cannot load ES modules with require(). ` +
        `Use Node.js 20.19+ or 22.12+ (where require() of ES modules works), or load it with ` +
        `\`await import("${specifier}")\`; in TypeScript, compile to ES modules ("type": "module" in ` +
        `package.json with "module": "nodenext").`,
      { cause: error },
    );
  }
};
