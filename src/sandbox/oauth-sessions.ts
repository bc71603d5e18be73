/**
 * Browser sessions for the authorization pages: a random id in a cookie, kept in memory only (a
 * restart signs everyone out, as clearing cookies would). Each session carries the CSRF token its
 * forms must send back, the account signed in (if any) and where to go after signing in.
 */
import { randomToken } from "./ids.js";
import type { SandboxRequest } from "./request.js";

export const SESSION_COOKIE = "_mastodon_session";
/** Anonymous visits each make a session; the oldest go first beyond this many. */
const MAX_SESSIONS = 1000;

export interface BrowserSession {
  id: string;
  csrf: string;
  account_id: string | null;
  /** The authorization URL to come back to after signing in. */
  return_to: string | null;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class BrowserSessions {
  private readonly sessions = new Map<string, BrowserSession>();

  /** The session the request's cookie names, if it is known. */
  find(req: SandboxRequest): BrowserSession | undefined {
    const id = readCookie(req.header("cookie"), SESSION_COOKIE);
    return id === undefined ? undefined : this.sessions.get(id);
  }

  /** The request's session, or a new one; `cookie` is the Set-Cookie value when it is new. */
  open(req: SandboxRequest): { session: BrowserSession; cookie: string | undefined } {
    const found = this.find(req);
    if (found) return { session: found, cookie: undefined };
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const session: BrowserSession = {
      id: randomToken(),
      csrf: randomToken(),
      account_id: null,
      return_to: null,
    };
    this.sessions.set(session.id, session);
    return { session, cookie: `${SESSION_COOKIE}=${session.id}; path=/; HttpOnly; SameSite=Lax` };
  }

  /** A new id and CSRF token on sign-in and sign-out, so a session id seen before is worthless after. */
  renew(session: BrowserSession): string {
    this.sessions.delete(session.id);
    session.id = randomToken();
    session.csrf = randomToken();
    this.sessions.set(session.id, session);
    return `${SESSION_COOKIE}=${session.id}; path=/; HttpOnly; SameSite=Lax`;
  }

  clear(): void {
    this.sessions.clear();
  }
}
