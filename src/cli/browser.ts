/**
 * Opening a URL in the user's browser. $BROWSER (the usual convention) names the command to use;
 * otherwise the platform's opener. Failure is not an error: the URL is always printed as well.
 */
import { spawn } from "node:child_process";

export function openBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const custom = env.BROWSER?.split(":")[0]?.trim();
  const [command, args]: [string, string[]] = custom
    ? [custom, [url]]
    : process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["rundll32", ["url.dll,FileProtocolHandler", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No opener: the printed URL is the fallback.
  }
}
