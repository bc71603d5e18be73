/**
 * Runs TypeDoc as `npm run docs` does (typedoc.config.mjs: entry points, exclusions, validation) but
 * writes nothing: it converts the sources and validates the result, and returns every warning and
 * error TypeDoc reports (an undocumented member, a type that is referenced but not in the reference,
 * a broken link, a comment TypeDoc misreads). Used by test/docs-coverage.test.ts; run it alone to
 * see the list: `node --import tsx scripts/typedoc-warnings.ts`.
 *
 * Rendering the HTML is left out: the warnings all come from conversion and validation, and
 * rendering would add several seconds and a directory to clean up.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, Logger, LogLevel } from "typedoc";
import type ts from "typescript";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Collects messages instead of printing them, with the file and line TypeDoc gives for some. */
class CollectingLogger extends Logger {
  readonly messages: string[] = [];

  // TypeDoc passes either a node or a position and its file.
  override addContext(
    message: string,
    _level: LogLevel,
    ...args: [ts.Node] | [number, ts.SourceFile] | []
  ): string {
    const [where, inFile] = args;
    if (where === undefined) return message;
    const file = typeof where === "number" ? inFile : where.getSourceFile();
    if (!file) return message;
    const position = typeof where === "number" ? where : where.getStart(file, false);
    const line = file.getLineAndCharacterOfPosition(position).line + 1;
    return `${relative(repoRoot, file.fileName)}:${line}: ${message}`;
  }

  override log(message: string, level: LogLevel): void {
    super.log(message, level);
    if (level >= LogLevel.Warn) this.messages.push(`[${LogLevel[level]}] ${message}`);
  }
}

/** TypeDoc's warnings and errors for the project, in the order reported. */
export async function typedocWarnings(): Promise<string[]> {
  const app = await Application.bootstrapWithPlugins({
    options: fileURLToPath(new URL("../typedoc.config.mjs", import.meta.url)),
    skipErrorChecking: true,
  });
  const logger = new CollectingLogger();
  app.logger = logger;
  const project = await app.convert();
  if (!project) return [...logger.messages, "[Error] TypeDoc could not convert the project"];
  app.validate(project);
  return logger.messages;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const messages = await typedocWarnings();
  for (const message of messages) console.log(message);
  console.log(`${messages.length} TypeDoc warnings and errors`);
}
