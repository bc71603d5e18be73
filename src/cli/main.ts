#!/usr/bin/env node
/**
 * The `mastodon-ts` command. Only this file (the package's bin) loads the CLI, so the library itself
 * never imports Node built-ins at load.
 */
import { run } from "./run.js";

process.exitCode = await run(process.argv.slice(2), process, process.env);
