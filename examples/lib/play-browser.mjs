// Plays the part of a person in a browser on a Mastodon sign-in and consent page: fetches the page,
// fills the sign-in form, submits it, presses "Authorize", and returns the code from the redirect (or
// from the page that shows it, for the out-of-band flow). Plain HTTP form posts with a cookie jar, as
// a browser sends them; used by the demo against the local sandbox.

/** The forms of a page: action, method, the fields with their values, and the text of their buttons. */
function forms(html, pageUrl) {
  const found = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = m[1];
    const body = m[2];
    const action = /\baction="([^"]*)"/i.exec(attrs)?.[1] ?? pageUrl;
    const method = (/\bmethod="([^"]*)"/i.exec(attrs)?.[1] ?? "get").toUpperCase();
    const fields = [];
    const buttons = [];
    for (const input of body.matchAll(/<(input|button)\b([^>]*)>([^<]*)/gi)) {
      const a = input[2];
      const name = /\bname="([^"]*)"/i.exec(a)?.[1];
      const value = decode(/\bvalue="([^"]*)"/i.exec(a)?.[1] ?? "");
      const type = (
        /\btype="([^"]*)"/i.exec(a)?.[1] ?? (input[1] === "button" ? "submit" : "text")
      ).toLowerCase();
      if (type === "submit") buttons.push({ name, value, text: `${input[3]} ${value}`.trim() });
      else if (name) fields.push({ name, value, type });
    }
    found.push({ action: new URL(decode(action), pageUrl).href, method, fields, buttons });
  }
  return found;
}

function decode(text) {
  // &amp; last, so that "&amp;lt;" stays the text "&lt;".
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** A fetch that keeps cookies and does not follow redirects (the caller wants to see them). */
function browser() {
  const jar = new Map();
  return async (url, init = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return res;
  };
}

async function submit(get, form, values, button) {
  const body = new URLSearchParams();
  for (const field of form.fields) body.append(field.name, values[field.name] ?? field.value);
  if (button?.name) body.append(button.name, button.value);
  if (form.method === "GET") {
    const url = new URL(form.action);
    for (const [k, v] of body) url.searchParams.append(k, v);
    return get(url.href);
  }
  return get(form.action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

/**
 * Signs in at `authorizeUrl` with `email` and `password`, authorizes, and resolves to the code. Throws
 * with what the page said when a step does not go as a person would expect.
 */
export async function authorizeInBrowser(authorizeUrl, { email, password }) {
  const get = browser();
  let url = authorizeUrl;
  let res = await get(url);
  for (let step = 0; step < 10; step++) {
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get("location"), url);
      const code = location.searchParams.get("code");
      if (code) return code;
      const error = location.searchParams.get("error");
      if (error)
        throw new Error(
          `the server refused: ${error} ${location.searchParams.get("error_description") ?? ""}`,
        );
      url = location.href;
      res = await get(url);
      continue;
    }
    const html = await res.text();
    const shown = /id="code"[^>]*>\s*([^<\s]+)/i.exec(html)?.[1];
    if (shown) return decode(shown);
    const page = forms(html, url);
    const signIn = page.find((f) => f.fields.some((field) => field.type === "password"));
    if (signIn) {
      const emailField = signIn.fields.find((f) => /email|user/i.test(f.name) && f.type !== "hidden");
      const passwordField = signIn.fields.find((f) => f.type === "password");
      res = await submit(
        get,
        signIn,
        { [emailField.name]: email, [passwordField.name]: password },
        signIn.buttons[0],
      );
      url = signIn.action;
      continue;
    }
    const consent = page
      .flatMap((form) => form.buttons.map((button) => ({ form, button })))
      .find(({ button }) => /authori[sz]e/i.test(button.text));
    if (!consent) throw new Error(`no sign-in form or Authorize button on ${url} (HTTP ${res.status})`);
    res = await submit(get, consent.form, {}, consent.button);
    url = consent.form.action;
  }
  throw new Error("the sign-in did not finish after 10 pages");
}
