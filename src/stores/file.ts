/**
 * fileStore(path): checkpoints, leases and budgets in one JSON file, for bots on one machine that
 * restart (cron, systemd). Each step takes a lock file beside it (so processes on the machine take
 * turns), reads the file, applies the step and writes a new file that replaces the old one by rename:
 * a crash at any moment leaves the old content or the new, never half. Mode 0600: the file names the
 * server and account a bot works for.
 *
 * node:fs is loaded only when a file store is made, so the library's main entry stays browser-safe.
 */
import type * as Fs from "node:fs";
import { nodeFs } from "../core/node-fs.js";
import {
  advanceCheckpoint,
  checkData,
  emptyData,
  releaseLease,
  reportToBudget,
  type StoreData,
  takeFromBudget,
  takeLease,
} from "./data.js";
import { type MastodonStore, MastodonStoreDataError, MastodonStoreError } from "./types.js";

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 10_000;
/** The longest a step waits for the lock before it gives up with an error. */
const LOCK_TIMEOUT_MS = 30_000;

/**
 * A store kept in the JSON file at `path` (created on first write, mode 0600), shared by the
 * processes of one machine and kept across restarts: for bots run by cron or systemd. Each step
 * holds a lock file (`path` + ".lock") and replaces the file atomically. Node only. Throws
 * MastodonStoreError without a path; a step rejects with MastodonStoreError when the file cannot
 * be read, written or locked within 30 s, and with MastodonStoreDataError when the file holds
 * something mastodon-ts did not write.
 */
export function fileStore(path: string): MastodonStore {
  if (typeof path !== "string" || path === "") {
    throw new MastodonStoreError("fileStore(path) needs the path of the file to keep its data in.");
  }
  const fs = nodeFs("fileStore()");
  const lockPath = `${path}.lock`;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `step` on the file's data under the lock; `durable` flushes the write to disk. */
  const withData = <T>(step: (data: StoreData) => T, write: "none" | "fast" | "durable"): Promise<T> => {
    const run = queue.then(async () => {
      await lock(fs, lockPath);
      try {
        const data = read(fs, path);
        const result = step(data);
        if (write !== "none") writeAtomically(fs, path, JSON.stringify(data), write === "durable");
        return result;
      } finally {
        fs.rmSync(lockPath, { force: true });
      }
    });
    // One step at a time in this process; a failed step does not block the next.
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    kind: "file",
    getCheckpoint: (key) => withData((data) => data.checkpoints[key], "none"),
    advanceCheckpoint: (key, id) => withData((data) => advanceCheckpoint(data, key, id), "durable"),
    lease: (key, owner, ms) => withData((data) => takeLease(data, key, owner, ms, Date.now()), "fast"),
    releaseLease: (key, owner) => withData((data) => releaseLease(data, key, owner), "fast"),
    takeBudget: (key, take) => withData((data) => takeFromBudget(data, key, take), "fast"),
    reportBudget: (key, report) => withData((data) => reportToBudget(data, key, report), "fast"),
  };
}

function read(fs: typeof Fs, path: string): StoreData {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (cause) {
    if ((cause as { code?: string }).code === "ENOENT") return emptyData();
    throw new MastodonStoreError(
      `Could not read the store file ${path} (${(cause as { code?: string }).code ?? cause}).`,
      {
        cause,
      },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MastodonStoreDataError(
      `The store file ${path} is not JSON (corrupt or written by something else). Move it away or point the ` +
        "store at another file; mastodon-ts will not guess what it meant.",
    );
  }
  return checkData(parsed, `The store file ${path}`);
}

function writeAtomically(fs: typeof Fs, path: string, content: string, durable: boolean): void {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const fd = fs.openSync(temp, "wx", 0o600);
    try {
      fs.writeFileSync(fd, content, "utf8");
      if (durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
  } catch (cause) {
    fs.rmSync(temp, { force: true });
    throw new MastodonStoreError(
      `Could not write the store file ${path} (${(cause as { code?: string }).code ?? cause}).`,
      {
        cause,
      },
    );
  }
}

async function lock(fs: typeof Fs, lockPath: string): Promise<void> {
  const started = Date.now();
  for (let delay = 1; ; delay = Math.min(delay * 2, 20)) {
    try {
      fs.closeSync(fs.openSync(lockPath, "wx", 0o600));
      return;
    } catch (cause) {
      if ((cause as { code?: string }).code !== "EEXIST") {
        throw new MastodonStoreError(
          `Could not lock the store file (${lockPath}: ${(cause as { code?: string }).code ?? cause}).`,
          {
            cause,
          },
        );
      }
    }
    try {
      if (Date.now() - fs.statSync(lockPath).mtimeMs > STALE_LOCK_MS) fs.rmSync(lockPath, { force: true });
    } catch {
      // Removed meanwhile by its holder: try again.
    }
    if (Date.now() - started > LOCK_TIMEOUT_MS) {
      throw new MastodonStoreError(
        `The store file's lock ${lockPath} stayed taken for ${LOCK_TIMEOUT_MS / 1000} s.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
