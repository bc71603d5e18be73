/**
 * Text from servers made safe to print. Statuses, display names and error messages come from
 * anyone on the fediverse, and a terminal acts on the control characters in what it is sent: an
 * escape sequence in a status (written raw, or as `&#27;` in its HTML) could clear the screen,
 * retitle the window, rewrite the line before it (`\r`), or on some terminals set the clipboard
 * (OSC 52). The CLI prints every line through here (cli/io.ts, cli/progress.ts), and error
 * messages quote servers through here (see quoteServer), since they end up in logs and terminals.
 */

/** C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F; U+009B is a CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with every control character a terminal would act on shown as U+FFFD instead. */
export function printable(text: string): string {
  return text.replace(CONTROL, "\ufffd");
}

/** How much of a server's own words an error message quotes. */
const QUOTED_CHARACTERS = 500;

/**
 * A server's words (its `error`, `error_description`) as an error message quotes them: at most
 * QUOTED_CHARACTERS, so that a broken or hostile server cannot make every log line megabytes long,
 * and without control characters, which a terminal showing the message would act on (see
 * printable.ts). The error's own fields keep the whole text as it came.
 */
export function quoteServer(text: string): string {
  if (text.length <= QUOTED_CHARACTERS) return printable(text);
  const rest = text.length - QUOTED_CHARACTERS;
  return `${printable(text.slice(0, QUOTED_CHARACTERS))}… (${rest.toLocaleString("en-US")} more characters)`;
}
