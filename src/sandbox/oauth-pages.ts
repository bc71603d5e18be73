/**
 * The HTML pages of the authorization flow: sign in, approve or deny an app, the code for an
 * out-of-band login, and the error page. Plain forms posted the ordinary way (no script), so a browser,
 * curl or a test with a cookie jar can all go through them.
 */
import { escapeHtml } from "./content.js";

const STYLE = `body{font-family:system-ui,sans-serif;background:#191b22;color:#d9e1e8;margin:0}
main{max-width:26rem;margin:3rem auto;padding:1.5rem;background:#282c37;border-radius:8px}
h1{font-size:1.3rem}label{display:block;margin:.8rem 0 .3rem}
input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem;border:0;border-radius:4px;background:#6364ff;color:#fff;cursor:pointer}
button.negative{background:#df405a}.error{color:#ff8a8a}code#code{display:block;font-size:1.1rem;padding:.6rem;background:#191b22;word-break:break-all}
.note{font-size:.85rem;color:#9baec8}ul{padding-left:1.2rem}form.inline{display:inline-block;margin-right:.5rem}`;

function layout(title: string, body: string, lang = "en"): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Mastodon sandbox</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

function hidden(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
}

export function signInPage(options: { csrf: string; error?: string; email?: string; lang?: string }): string {
  const error = options.error ? `<p class="error" id="error">${escapeHtml(options.error)}</p>` : "";
  return layout(
    "Log in",
    `<h1>Log in</h1>${error}
<form method="post" action="/auth/sign_in" id="sign_in">
${hidden({ authenticity_token: options.csrf })}
<label for="user_email">E-mail address</label>
<input type="email" id="user_email" name="user[email]" autocomplete="username" required value="${escapeHtml(options.email ?? "")}">
<label for="user_password">Password</label>
<input type="password" id="user_password" name="user[password]" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form>
<p class="note">The sandbox's users, their e-mail addresses and passwords are printed when it starts.</p>`,
    options.lang,
  );
}

/** What each scope allows, in the words of Mastodon's authorization page (shortened). */
const SCOPE_WORDS: Record<string, string> = {
  read: "read all your account's data",
  write: "modify all your account's data",
  follow: "modify account relationships",
  push: "receive your push notifications",
  profile: "read only your account's profile information",
};

export function consentPage(options: {
  csrf: string;
  appName: string;
  username: string;
  scopes: readonly string[];
  /** The authorization request, sent back with the decision. */
  request: Record<string, string | undefined>;
  lang?: string;
}): string {
  const fields = hidden({ authenticity_token: options.csrf, ...options.request });
  const scopes = options.scopes
    .map((scope) => `<li><code>${escapeHtml(scope)}</code> ${escapeHtml(SCOPE_WORDS[scope] ?? "")}</li>`)
    .join("");
  return layout(
    "Authorization required",
    `<h1>Authorization required</h1>
<p><strong id="app_name">${escapeHtml(options.appName)}</strong> would like permission to access your account
<strong>@${escapeHtml(options.username)}</strong>. It is a third-party application.</p>
<p>It will be able to:</p><ul id="scopes">${scopes}</ul>
<form method="post" action="/oauth/authorize" class="inline" id="authorize">
${fields}
<button type="submit">Authorize</button>
</form>
<form method="post" action="/oauth/authorize" class="inline" id="deny">
${hidden({ _method: "delete" })}
${fields}
<button type="submit" class="negative">Deny</button>
</form>
<form method="post" action="/auth/sign_out" id="sign_out">
${hidden({ authenticity_token: options.csrf })}
<p class="note">Not @${escapeHtml(options.username)}? <button type="submit">Log out</button></p>
</form>`,
    options.lang,
  );
}

export function codePage(code: string): string {
  return layout(
    "Authorization code",
    `<h1>Authorization code</h1>
<p>Copy this authorization code and paste it to the application.</p>
<code id="code">${escapeHtml(code)}</code>`,
  );
}

export function errorPage(error: string, description: string): string {
  return layout(
    "An error has occurred",
    `<h1>An error has occurred</h1>
<p class="error" id="error" data-error="${escapeHtml(error)}">${escapeHtml(description)}</p>`,
  );
}

/** Rails' answer to a form without the right authenticity token. */
export function rejectedPage(): string {
  return layout(
    "The change you wanted was rejected",
    `<h1>The change you wanted was rejected.</h1>
<p class="error" id="error" data-error="invalid_authenticity_token">The form's security token is missing or out of date.
Go back, reload the page and try again.</p>`,
  );
}
