/**
 * The client every API method runs on: the core (server, credentials, rate limits, versions) plus
 * the internal access that hand-written and table-driven methods use. The Mastodon class builds
 * on it (auth, then the methods), and so does `createClient` of mastodon-ts/light, so that both
 * run the same method implementations over the same request path.
 */
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import { MastodonVersions } from "../core/server-version.js";
import { loadFullStreamEngine } from "../streaming/full-engine.js";
import { type EndpointSpec, prepareCall } from "./endpoint.js";
import { INTERNAL, type Internal, type MethodHost } from "./internal.js";
import { requestRemembered } from "./pagination.js";
import { resultKindOf } from "./result-kinds.js";

/** The recovery of status posts whose retry failed (loaded on the first post, again if loading failed). */
const loadPostRecovery = /* @__PURE__ */ loadOnFirstUse(
  "status posting",
  () => import("./statuses/post-recovery.js"),
);

/** What checkVersion resolves to when version checks are off. */
const NO_CHECK: Promise<void> = Promise.resolve();

/**
 * The client of mastodon-ts/light, and the base of the Mastodon class: server address, credentials,
 * rate limits and the server's version, without the API methods.
 */
export class MastodonBase extends MastodonVersions implements MethodHost {
  /** @internal Access for hand-written methods and other modules (streaming, CLI). */
  get [INTERNAL](): Internal {
    // Built once per client: every table-driven call goes through it.
    this.#internal ??= {
      request: (options) => this.apiRequest(options),
      get: (path, params) => requestRemembered(this[INTERNAL], { method: "GET", path, params }),
      call: (name, spec, args) => this.#call(name, spec, args),
      // With checks off (the default) every post and reply skips the async call.
      checkVersion: (name, since, changed) =>
        this.versionCheckMode === "none" ? NO_CHECK : this.checkVersion(name, since, changed),
      serverVersion: async () => {
        if (!this.versionCheckTried) await this.retrieveMastodonVersion();
        return this.serverVersion;
      },
      cached: (key, load) => this.cached(key, load),
      sharedInstanceV2: () => this.sharedInstanceV2(),
      featureSet: this.featureSet,
      fetch: this.fetchFunction,
      apiBaseUrl: this.apiBaseUrl,
      streamEngine: loadFullStreamEngine,
      postRecovery: loadPostRecovery,
    };
    return this.#internal;
  }

  #internal: Internal | undefined;

  /**
   * One call of a table-driven method. The answer remembers its page cursors (with the request's
   * own parameters) and any async refresh hint.
   */
  async #call(name: string, spec: EndpointSpec, args: readonly unknown[]): Promise<unknown> {
    const { method, path, params, encoding } = prepareCall(name, spec, args);
    // Skipped outright when off: most clients never check, and this runs on every call.
    if (this.versionCheckMode !== "none") await this.checkVersion(name, spec.since, spec.changed);
    return requestRemembered(this[INTERNAL], {
      method,
      path,
      params,
      encoding,
      result: spec.result ?? resultKindOf(name),
      expected: `a result for ${name}()`,
    });
  }
}
