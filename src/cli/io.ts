/**
 * The CLI's streams: results on stdout (text, or JSON with --json), messages and progress on
 * stderr, and prompts that read from the terminal or, without one, from standard input's lines.
 */
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { printable } from "../core/printable.js";
import { CliError, EXIT } from "./exit-codes.js";

const C1_CONTROLS = /[\u007f-\u009f]/g;
const escapeJson = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

export interface CliStreams {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

export class Io {
  #lines: AsyncIterator<string> | undefined;
  #readline: Interface | undefined;

  constructor(
    readonly streams: CliStreams,
    /** --json: stdout carries exactly one JSON document. */
    readonly json: boolean,
  ) {}

  /** A line of the result (text mode only). */
  out(line = ""): void {
    this.streams.stdout.write(`${printable(line)}\n`);
  }

  /**
   * The result as JSON (--json mode). JSON.stringify escapes C0 controls but writes DEL and the C1
   * controls (U+009B is a CSI) as they are: those are escaped too, which any JSON reader decodes
   * back to the same text, so that JSON shown on a terminal cannot act on it either.
   */
  outJson(value: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(value, null, 2).replace(C1_CONTROLS, escapeJson)}\n`);
  }

  /** The result: `json` with --json, else the text lines. */
  result(json: unknown, text: () => string[]): void {
    if (this.json) this.outJson(json);
    else for (const line of text()) this.out(line);
  }

  /** A message for the person at the terminal (stderr, so that stdout stays parseable). */
  info(line: string): void {
    this.streams.stderr.write(`${printable(line)}\n`);
  }

  get interactive(): boolean {
    return Boolean(this.streams.stdin.isTTY);
  }

  /**
   * Asks for one line. Without a terminal, the next line of standard input is the answer; the
   * question still goes to stderr so that a log shows what was asked. End of input is an error.
   */
  async prompt(question: string, what: string): Promise<string> {
    this.streams.stderr.write(printable(question));
    const line = await this.nextLine();
    if (!this.interactive) this.streams.stderr.write("\n");
    if (line === undefined) {
      throw new CliError(`No ${what} was given (standard input ended).`, EXIT.usage);
    }
    return line.trim();
  }

  /**
   * Asks for a secret without echoing it. On a terminal, the terminal's echo is switched off; without
   * one, the next line of standard input is read (nothing is echoed then either).
   */
  async promptSecret(question: string, what: string): Promise<string> {
    const stdin = this.streams.stdin;
    if (!stdin.isTTY || typeof stdin.setRawMode !== "function") return this.prompt(question, what);
    this.#closeReadline();
    // Echo goes off before the question appears, so that nothing typed after it can be echoed.
    const secret = await readRawLine(stdin, stdin.setRawMode.bind(stdin), () =>
      this.streams.stderr.write(printable(question)),
    );
    this.streams.stderr.write("\n");
    if (secret === undefined) throw new CliError("Cancelled.", EXIT.usage);
    return secret;
  }

  /** Releases standard input so that the process can exit. */
  close(): void {
    this.#closeReadline();
  }

  async nextLine(): Promise<string | undefined> {
    if (!this.#lines) {
      this.#readline = createInterface({ input: this.streams.stdin, terminal: false });
      this.#lines = this.#readline[Symbol.asyncIterator]();
    }
    const next = await this.#lines.next();
    return next.done ? undefined : next.value;
  }

  #closeReadline(): void {
    this.#readline?.close();
    this.#readline = undefined;
    this.#lines = undefined;
  }
}

/** Reads one line from a terminal in raw mode (no echo); undefined on Ctrl-C or Ctrl-D at the start. */
function readRawLine(
  stdin: Readable,
  setRawMode: (mode: boolean) => unknown,
  ask: () => void,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    let value = "";
    const finish = (result: string | undefined) => {
      stdin.off("data", onData);
      setRawMode(false);
      stdin.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n") return finish(value);
        if (char === "\u0003") return finish(undefined);
        if (char === "\u0004") return finish(value === "" ? undefined : value);
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
    ask();
  });
}
