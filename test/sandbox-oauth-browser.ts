// A person's browser for the sandbox's authorization pages, kept deliberately dumb: plain GET and
// form POST requests over real sockets, redirects not followed, cookies kept by hand. The OAuth tests
// use it to go through sign-in and consent exactly as a browser would.
import assert from "node:assert/strict";

export interface Page {
  status: number;
  location: string | undefined;
  html: string;
  headers: Headers;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private async send(url: string, init: RequestInit = {}): Promise<Page> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(new URL(url, this.base), { ...init, headers, redirect: "manual" });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return {
      status: res.status,
      location: res.headers.get("location") ?? undefined,
      html: await res.text(),
      headers: res.headers,
    };
  }

  get(url: string): Promise<Page> {
    return this.send(url);
  }

  post(url: string, fields: Record<string, string>): Promise<Page> {
    return this.send(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Fills and submits the form with this id, keeping its hidden fields. */
  submit(page: Page, formId: string, values: Record<string, string> = {}): Promise<Page> {
    const form = formOf(page.html, formId);
    return this.post(form.action, { ...form.fields, ...values });
  }
}

function decode(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The form with this id: its action and the values of its named inputs. */
export function formOf(html: string, formId: string): { action: string; fields: Record<string, string> } {
  const m = new RegExp(`<form\\b([^>]*\\bid="${formId}"[^>]*)>([\\s\\S]*?)</form>`).exec(html);
  assert.ok(m, `the page has a form "${formId}":\n${html}`);
  const action = decode(/\baction="([^"]*)"/.exec(m[1] ?? "")?.[1] ?? "");
  const fields: Record<string, string> = {};
  for (const input of (m[2] ?? "").matchAll(/<input\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(input[1] ?? "")?.[1];
    if (name) fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(input[1] ?? "")?.[1] ?? "");
  }
  return { action, fields };
}

/** The code an out-of-band authorization shows. */
export function shownCode(html: string): string | undefined {
  const m = /<code id="code">([^<]+)<\/code>/.exec(html);
  return m?.[1] === undefined ? undefined : decode(m[1]);
}

/**
 * From an authorization URL to the page or redirect after pressing Authorize: opens it, signs in,
 * approves. Returns the final answer (a 302 to the app, or the code page out of band).
 */
export async function authorizeAs(
  browser: Browser,
  authorizeUrl: string,
  user: { email: string; password: string },
): Promise<Page> {
  let page = await browser.get(authorizeUrl);
  if (page.html.includes('id="sign_in"')) {
    page = await browser.submit(page, "sign_in", {
      "user[email]": user.email,
      "user[password]": user.password,
    });
    assert.equal(page.status, 302, page.html);
    page = await browser.get(page.location ?? "");
  }
  assert.equal(page.status, 200, page.html);
  page = await browser.submit(page, "authorize");
  assert.equal(page.status, 302, page.html);
  if (page.location?.startsWith("/oauth/authorize/native")) page = await browser.get(page.location);
  return page;
}
