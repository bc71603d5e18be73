/**
 * `--data FILE`: the state in one JSON file that survives a restart. Every save writes a new file beside
 * it (mode 0600, flushed to disk) and renames it over the old one, so a crash at any moment leaves
 * either the old state or the new one, never half of either. Saves are coalesced: many changes in a
 * burst cost one write.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { State } from "./state.js";

/** Reads the saved state into `state`; a missing file is an empty sandbox, a broken one an error. */
export async function loadState(state: State, file: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    if ((cause as { code?: string }).code === "ENOENT") return false;
    throw new Error(
      `could not read the sandbox data file ${file} (${(cause as { code?: string }).code ?? cause})`,
      {
        cause,
      },
    );
  }
  try {
    state.load(JSON.parse(text));
  } catch (cause) {
    throw new Error(
      `the sandbox data file ${file} is not a sandbox state (${(cause as Error).message}); ` +
        "move it away or choose another file with --data",
      { cause },
    );
  }
  return true;
}

export async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw cause;
  }
}

/** Saves the state after changes, at most one write at a time and one waiting. */
export class Saver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  /** The last failure, reported once through `onError`. */
  constructor(
    private readonly state: State,
    private readonly file: string,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 100,
  ) {}

  changed(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
  }

  /** Writes now if anything changed; resolves when the file holds the current state. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = writeAtomically(this.file, JSON.stringify(this.state))
      .catch((error) => this.onError(error))
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
  }
}
