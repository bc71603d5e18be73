/**
 * Opening a URL in the user's browser. $BROWSER (the usual convention) names the command to use;
 * otherwise the platform's opener. On a machine that cannot show a browser (no display, no opener,
 * or an opener that fails), the login goes to the paste flow at once instead of waiting for a
 * redirect that cannot come; these functions say why, so the user is told.
 */
import { spawn } from "node:child_process";

/** How long an opener may run before it counts as having started a browser (it may be the browser). */
const OPENER_GRACE_MS = 1500;

function openerCommand(url: string, env: NodeJS.ProcessEnv): [string, string[]] {
  const custom = env.BROWSER?.split(":")[0]?.trim();
  if (custom) return [custom, [url]];
  if (process.platform === "darwin") return ["open", [url]];
  if (process.platform === "win32") return ["rundll32", ["url.dll,FileProtocolHandler", url]];
  return ["xdg-open", [url]];
}

/**
 * Why no browser can be shown here, or undefined when one may be. Only the evident case is
 * caught: a Unix machine without a graphical session (no DISPLAY or WAYLAND_DISPLAY) and no $BROWSER.
 */
export function noBrowserReason(env: NodeJS.ProcessEnv): string | undefined {
  if (env.BROWSER?.trim()) return undefined;
  if (process.platform === "darwin" || process.platform === "win32") return undefined;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return "there is no graphical session here (DISPLAY and WAYLAND_DISPLAY are unset) and $BROWSER is not set";
}

/**
 * Starts the browser; resolves to undefined when it started (or is still starting after a moment),
 * or to the reason it failed: the opener is missing or exited with an error.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const [command, args] = openerCommand(url, env);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (reason: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reason);
    };
    const timer = setTimeout(() => settle(undefined), OPENER_GRACE_MS);
    try {
      const child = spawn(command, args, { stdio: "ignore", detached: true });
      child.on("error", (error: NodeJS.ErrnoException) =>
        settle(
          error.code === "ENOENT"
            ? `the browser opener "${command}" is not installed`
            : `the browser opener "${command}" could not start (${error.code ?? "error"})`,
        ),
      );
      child.on("exit", (code, signal) =>
        settle(
          code === 0
            ? undefined
            : `the browser opener "${command}" failed (${signal ? `signal ${signal}` : `exit code ${code}`})`,
        ),
      );
      child.unref();
    } catch (error) {
      settle(`the browser opener "${command}" could not start (${(error as Error).message})`);
    }
  });
}
