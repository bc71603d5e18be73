/**
 * The command line's dispatcher: finds the command, parses its flags (node:util parseArgs, strict),
 * runs it, and turns any failure into a message on stderr and an exit code (see exit-codes.ts).
 */
import { parseArgs } from "node:util";
import { VERSION } from "../version.js";
import type { Command, Values } from "./command.js";
import { accountsCommand } from "./commands/accounts.js";
import { credentialsCommand } from "./commands/credentials.js";
import { loginCommand } from "./commands/login.js";
import { logoutCommand, revokeCommand } from "./commands/logout.js";
import { sandboxCommand } from "./commands/sandbox.js";
import { streamCommand } from "./commands/stream.js";
import { timelineCommand } from "./commands/timeline.js";
import { tootCommand } from "./commands/toot.js";
import { whoamiCommand } from "./commands/whoami.js";
import { CONFIG_ENV, ConfigFile, defaultConfigPath } from "./config-file.js";
import { CliError, EXIT, EXIT_CODES_HELP, exitCodeFor, usageError } from "./exit-codes.js";
import { type CliStreams, Io } from "./io.js";
import { ALLOW_HTTP_WARNING } from "./plain-http.js";

export const COMMANDS: readonly Command[] = [
  loginCommand,
  whoamiCommand,
  accountsCommand,
  credentialsCommand,
  tootCommand,
  timelineCommand,
  streamCommand,
  logoutCommand,
  revokeCommand,
  sandboxCommand,
];

/** Every spelling people try for the version. */
const VERSION_NAMES: readonly string[] = ["version", "--version", "-v", "-V"];

const COMMON_OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  config: { type: "string" },
} as const;

const COMMON_HELP = `Common flags:
  --json           print the result as JSON on stdout (messages stay on stderr)
  --config PATH    use this config file (default: the platform's config directory, or $${CONFIG_ENV})
  -h, --help       this help`;

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: mastodon-ts COMMAND [flags]        (mastodon-ts COMMAND --help for details)",
    "",
    "A command line for Mastodon: log in once, then post and read from the terminal or a script.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"version".padEnd(width)}  print the version of mastodon-ts (also -v, --version)`,
    "",
    "Quick start:",
    "  mastodon-ts login --instance https://mastodon.social",
    '  mastodon-ts toot "Hello, fediverse!"',
    '  eval "$(mastodon-ts credentials --env)"   # server, client id, client secret and token, as environment variables',
    '  TOKEN="$(mastodon-ts credentials --field access_token)"   # one value, bare',
    "",
    COMMON_HELP,
    "",
    EXIT_CODES_HELP,
  ].join("\n");
}

function commandHelp(command: Command): string {
  return `${command.help}\n\n${COMMON_HELP}\n\n${EXIT_CODES_HELP}`;
}

/** Runs the CLI and resolves to the exit code. */
export async function run(
  argv: readonly string[],
  streams: CliStreams,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const wantsJson = argv.includes("--json");
  let io = new Io(streams, wantsJson);
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.info(mainHelp());
      return EXIT.usage;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" ? rest[0] : undefined;
      const command = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
      if (topic !== undefined && !command) throw unknownCommand(topic);
      io.out(command ? commandHelp(command) : mainHelp());
      return EXIT.ok;
    }
    if (VERSION_NAMES.includes(name)) {
      if (rest.includes("--help") || rest.includes("-h")) {
        io.out(
          `Usage: mastodon-ts version   (or -v, --version)\n\nPrints the version of mastodon-ts.\n\n${EXIT_CODES_HELP}`,
        );
        return EXIT.ok;
      }
      io.out(VERSION);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw unknownCommand(name);
    let values: Values;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: [...rest],
        options: { ...command.options, ...COMMON_OPTIONS },
        allowPositionals: true,
        strict: true,
      }) as { values: Values; positionals: string[] });
    } catch (error) {
      const first = (error as Error).message.split("\n")[0] ?? "";
      // parseArgs' advice about "--" is noise for a typo; its first sentence names the problem.
      throw usageError(
        `${name}: ${first.split(". ")[0]?.replace(/\.?$/, ".")} Run \`mastodon-ts ${name} --help\`.`,
      );
    }
    if (values.help === true) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    io = new Io(streams, values.json === true);
    if (values["allow-http"] === true) io.info(ALLOW_HTTP_WARNING);
    const configPath = typeof values.config === "string" ? values.config : defaultConfigPath(env);
    const config = new ConfigFile(configPath);
    if (config.tooOpen()) {
      io.info(
        `mastodon-ts: warning: ${configPath} is readable by other users; it holds tokens (chmod 600 it).`,
      );
    }
    await command.run({ io, env, config }, values, positionals);
    return EXIT.ok;
  } catch (error) {
    return report(io, error);
  } finally {
    io.close();
  }
}

function unknownCommand(name: string): CliError {
  return usageError(
    `Unknown command "${name}". Commands: ${[...COMMANDS.map((c) => c.name), "version"].join(", ")}. ` +
      "Run `mastodon-ts --help`.",
  );
}

function report(io: Io, error: unknown): number {
  const code = exitCodeFor(error);
  const known = error instanceof Error && (error instanceof CliError || error.name.startsWith("Mastodon"));
  const message = error instanceof Error ? error.message : String(error);
  io.info(`mastodon-ts: ${message}`);
  if (!known && error instanceof Error && error.stack) {
    io.info("This looks like a bug in mastodon-ts; please report it with the lines above.");
  }
  if (io.json) {
    io.outJson({
      error: {
        message,
        exit_code: code,
        type: error instanceof Error ? error.name : "Error",
      },
    });
  }
  return code;
}
