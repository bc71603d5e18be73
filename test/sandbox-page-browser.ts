/**
 * A headless Chromium driven over its DevTools protocol (a WebSocket, through the `ws` dev
 * dependency), with no browser-automation package: enough to load a page, evaluate expressions in it
 * and wait for the DOM to change. Chromium is Debian's `chromium` (CHROMIUM_PATH overrides).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--disable-crash-reporter",
  "--disable-breakpad",
  "--remote-debugging-port=0",
];

/** Signals Chromium's whole process group: the browser and every helper it started. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false; // ESRCH: no process of the group is left
  }
}

/**
 * Whether a live process of Chromium's group is left. On Linux it reads /proc, because a helper that
 * has exited but was not reaped (a container's first process may never reap) still answers kill(0)
 * while it can no longer write.
 */
function groupAlive(child: ChildProcess): boolean {
  if (!existsSync("/proc/self/stat")) return signalGroup(child, 0);
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so fields are read after its ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === child.pid && state !== "Z" && state !== "X") return true;
  }
  return false;
}

/** Waits until no live process of Chromium's group is left, for at most `ms`. */
async function groupGone(child: ChildProcess, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!groupAlive(child)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !groupAlive(child);
}

/**
 * Removes the profile once nothing writes into it. A profile that still cannot be removed is left in
 * the temporary directory rather than failing a test whose browser work passed: cleanup is not the
 * behaviour under test.
 */
async function removeProfile(profile: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      rmSync(profile, { recursive: true, force: true });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path))
    throw new Error(`no Chromium at ${path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return path;
}

export class Browser {
  /** Uncaught exceptions and console errors of the page, for failure messages. */
  readonly pageErrors: string[] = [];
  #nextId = 1;
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
  ) {
    // A command still waiting when Chromium or its connection goes away fails at once, instead of
    // leaving the test waiting for an answer that cannot come.
    socket.on("close", () => this.#failPending(new Error("Chromium's DevTools connection closed")));
    child.on("exit", (code, signal) => this.#failPending(new Error(`Chromium exited (${code ?? signal})`)));
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
      };
      if (message.id !== undefined) {
        const waiter = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error.message));
        else waiter?.resolve(message.result);
        return;
      }
      if (message.method === "Runtime.exceptionThrown")
        this.pageErrors.push(JSON.stringify(message.params?.exceptionDetails).slice(0, 500));
      if (message.method === "Runtime.consoleAPICalled" && message.params?.type === "error")
        this.pageErrors.push(JSON.stringify(message.params.args).slice(0, 500));
    });
  }

  /** Starts Chromium on `url` and attaches to its page. */
  static async launch(url: string): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), "sandbox-chromium-"));
    const child = spawn(chromiumPath(), [...FLAGS, `--user-data-dir=${profile}`, url], {
      stdio: ["ignore", "ignore", "pipe"],
      // Its own process group, so that closing it also ends the renderer and other helpers, which
      // otherwise outlive the browser process and keep writing into the profile (ENOTEMPTY in CI).
      detached: true,
    });
    const killOnExit = () => signalGroup(child, "SIGKILL");
    process.once("exit", killOnExit);
    child.once("exit", () => process.off("exit", killOnExit));
    try {
      const browserWs = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        const timer = setTimeout(
          () => reject(new Error(`Chromium did not start: ${stderr.slice(-2000)}`)),
          30_000,
        );
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`Chromium exited (${code}): ${stderr.slice(-2000)}`));
        });
      });
      const origin = new URL(browserWs).origin.replace(/^ws/, "http");
      let pageWs: string | undefined;
      for (let i = 0; i < 100 && !pageWs; i++) {
        const targets = (await (await fetch(`${origin}/json/list`)).json()) as {
          type: string;
          url: string;
          webSocketDebuggerUrl: string;
        }[];
        pageWs = targets.find((t) => t.type === "page")?.webSocketDebuggerUrl;
        if (!pageWs) await new Promise((r) => setTimeout(r, 100));
      }
      if (!pageWs) throw new Error("Chromium has no page");
      const socket = new WebSocket(pageWs, { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => {
        socket.once("open", () => resolve());
        socket.once("error", reject);
      });
      const browser = new Browser(child, socket, profile);
      await browser.send("Runtime.enable");
      return browser;
    } catch (error) {
      signalGroup(child, "SIGKILL");
      await groupGone(child, 5000);
      await removeProfile(profile);
      throw error;
    }
  }

  #failPending(error: Error): void {
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }

  /** Sends a DevTools command; fails if no answer comes within 30 s or Chromium goes away. */
  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.#nextId++;
    if (this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error(`Chromium's DevTools connection is not open (${method})`));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`Chromium did not answer ${method} within 30 s`));
      }, 30_000);
      const settle =
        <T>(settleWith: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          settleWith(value);
        };
      this.#pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The value of a JavaScript expression in the page. */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const result = (await this.send("Runtime.evaluate", {
      expression,
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value?: unknown }; exceptionDetails?: unknown };
    if (result.exceptionDetails) throw new Error(`in the page: ${JSON.stringify(result.exceptionDetails)}`);
    return result.result.value as T;
  }

  /**
   * Waits until the expression is truthy in the page. An expression that throws counts as not yet
   * true: while the page is still loading, `document.body` may be null.
   */
  async waitFor(expression: string, what: string, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
      if (
        await this.evaluate<boolean>(
          `(() => { try { return Boolean(${expression}); } catch { return false; } })()`,
        )
      ) {
        return;
      }
      if (Date.now() > end) {
        const errors = this.pageErrors.length ? ` Page errors: ${this.pageErrors.join(" | ")}` : "";
        throw new Error(`timed out waiting for ${what}.${errors}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.#failPending(new Error("the browser was closed"));
    this.socket.close();
    signalGroup(this.child, "SIGTERM");
    if (!(await groupGone(this.child, 3000))) {
      signalGroup(this.child, "SIGKILL");
      await groupGone(this.child, 5000);
    }
    // A helper process that inherited Chromium's stderr must not keep this process alive.
    this.child.stderr?.destroy();
    await removeProfile(this.profile);
  }
}
