/**
 * A progress line on stderr while something slow happens (media uploads and processing): a spinner
 * with the elapsed time on a terminal, a plain "...done" line otherwise (logs, CI).
 */

import { printable } from "../core/printable.js";
import type { Io } from "./io.js";

const FRAMES = ["|", "/", "-", "\\"];

export interface Progress {
  done(note: string): void;
  fail(): void;
}

export function startProgress(io: Io, label: string): Progress {
  const stderr = io.streams.stderr;
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (!stderr.isTTY) {
    io.info(`${label}...`);
    return {
      done: (note) => io.info(`${label}: ${note} (${elapsed()})`),
      fail: () => io.info(`${label}: failed (${elapsed()})`),
    };
  }
  let frame = 0;
  // The spinner's own escape sequences are written around the text, which cannot carry any.
  const draw = () =>
    stderr.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${printable(label)} ${elapsed()}`);
  draw();
  const timer = setInterval(draw, 120);
  const finish = (text: string) => {
    clearInterval(timer);
    stderr.write(`\r\x1b[2K${printable(text)}\n`);
  };
  return {
    done: (note) => finish(`${label}: ${note} (${elapsed()})`),
    fail: () => finish(`${label}: failed (${elapsed()})`),
  };
}
