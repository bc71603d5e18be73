/**
 * Finding out which server software and version the client talks to, as Mastodon.py's
 * retrieve_mastodon_version / verify_minimum_version, plus `api_versions` (Mastodon 4.3+).
 */
import { MastodonClient } from "./client.js";
import { MastodonAPIError, MastodonIllegalArgumentError, MastodonNotFoundError } from "./errors.js";
import { quoteServer } from "./printable.js";
import { compareVersions, type ParsedVersion, parseRequiredVersion, parseVersion } from "./versions.js";

/** The newest Mastodon release whose API this version of mastodon-ts was checked against. */
export const SUPPORTED_MASTODON_VERSION = "4.6.4";

const INSTANCE_V2_KEY = "instance-v2";

interface InstanceVersionInfo {
  version?: unknown;
  api_versions?: unknown;
}

export class MastodonVersions extends MastodonClient {
  /** The newest Mastodon version mastodon-ts was checked against (Mastodon.py's get_supported_version). */
  getSupportedVersion(): string {
    return SUPPORTED_MASTODON_VERSION;
  }

  /**
   * Asks the server for its version (GET /api/v2/instance, or /api/v1/instance on servers older
   * than 4.0) and returns it as the server wrote it. If that fails, assumes 1.0.0 (as Mastodon.py
   * does) unless `fail_hard` is set, in which case the error is thrown.
   */
  async retrieveMastodonVersion(options: { fail_hard?: boolean | undefined } = {}): Promise<string> {
    let raw: string;
    try {
      const info = await this.fetchVersionInfo();
      if (typeof info.version !== "string") {
        throw new MastodonAPIError("The server's instance information has no version field.");
      }
      raw = info.version;
      this.version.apiVersions = readApiVersions(info.api_versions);
      this.version.worked = true;
    } catch (error) {
      this.version.tried = true;
      this.version.worked = false;
      if (options.fail_hard) throw error;
      // /api/v1/instance exists since 1.1.0, so a server without it is older still.
      raw = "1.0.0";
    }
    this.version.parsed = parseVersion(raw) ?? {
      major: 1,
      minor: 0,
      patch: 0,
      software: "unknown",
      comparable: false,
      raw,
    };
    this.version.tried = true;
    return raw;
  }

  /**
   * True when the server runs at least `version_str` ("4.3.0"). Asks the server first unless
   * `cached` is set and the version is already known.
   */
  async verifyMinimumVersion(
    version_str: string,
    options: { cached?: boolean | undefined } = {},
  ): Promise<boolean> {
    let required: ReturnType<typeof parseRequiredVersion>;
    // Checked first: String() of a symbol, and a template with one, throw a bare TypeError.
    if (typeof version_str !== "string") {
      throw new MastodonIllegalArgumentError(
        `verifyMinimumVersion: version_str must be a version string like "4.3.0"; got a ${typeof version_str}.`,
      );
    }
    try {
      required = parseRequiredVersion(version_str);
    } catch (cause) {
      // quoteServer keeps a long string out of the message (only its start is shown).
      throw new MastodonIllegalArgumentError(
        `verifyMinimumVersion: "${quoteServer(version_str)}" is not a version like "4.3.0".`,
        { cause },
      );
    }
    if (!options.cached || !this.version.tried) await this.retrieveMastodonVersion();
    const server = this.version.parsed;
    return server !== undefined && compareVersions(server, required) >= 0;
  }

  /** What is known of the server's version: numbers, software, and whether asking worked. */
  get serverVersion(): Readonly<ParsedVersion> | undefined {
    return this.version.parsed;
  }
  /** The server's major version once known (4 for "4.3.0"); 1 before, as Mastodon.py assumes 1.0.0. */
  get mastodonMajor(): number {
    return this.version.parsed?.major ?? 1;
  }
  /** The server's minor version once known (3 for "4.3.0"); 0 before. */
  get mastodonMinor(): number {
    return this.version.parsed?.minor ?? 0;
  }
  /** The server's patch version once known (0 for "4.3.0"); 0 before. */
  get mastodonPatch(): number {
    return this.version.parsed?.patch ?? 0;
  }
  /**
   * Whether the last look-up of the server's version worked: undefined until one was made (or when
   * `mastodon_version` was given), false when it failed and 1.0.0 was assumed.
   */
  get versionCheckWorked(): boolean | undefined {
    return this.version.worked;
  }
  /** Whether the server's version was looked up (or given as `mastodon_version`). */
  get versionCheckTried(): boolean {
    return this.version.tried;
  }
  /** `api_versions` from /api/v2/instance (Mastodon 4.3+), e.g. { mastodon: 7 }; empty when unknown. */
  get apiVersions(): Readonly<Record<string, number>> {
    return this.version.apiVersions;
  }

  protected override async loadServerVersion(): Promise<void> {
    await this.retrieveMastodonVersion();
  }

  /**
   * Internal: the v2 instance document, asked once and shared by everything that reads it (the
   * version look-up, timeline access, the streaming address) until clearCaches(). `fresh` asks
   * again and replaces the shared copy.
   */
  protected sharedInstanceV2(fresh = false): Promise<unknown> {
    if (fresh) this.cache.delete(INSTANCE_V2_KEY);
    return this.cached(INSTANCE_V2_KEY, async () => {
      const { data } = await this.apiRequest({ method: "GET", path: "/api/v2/instance" });
      return data;
    });
  }

  private async fetchVersionInfo(): Promise<InstanceVersionInfo> {
    try {
      // retrieveMastodonVersion asks the server each time, as Mastodon.py does.
      return ((await this.sharedInstanceV2(true)) as InstanceVersionInfo | null) ?? {};
    } catch (error) {
      // Servers older than Mastodon 4.0 (and some forks) only have the v1 endpoint.
      if (
        !(error instanceof MastodonNotFoundError) &&
        !(error instanceof MastodonAPIError && error.status === 410)
      ) {
        throw error;
      }
    }
    const { data } = await this.apiRequest<InstanceVersionInfo>({ method: "GET", path: "/api/v1/instance" });
    return data ?? {};
  }
}

function readApiVersions(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === "object") {
    for (const [key, version] of Object.entries(value)) if (typeof version === "number") out[key] = version;
  }
  return out;
}
