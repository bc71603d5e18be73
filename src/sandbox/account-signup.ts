/**
 * `POST /api/v1/accounts`: sign-up with an app's token, checked as Mastodon's User and Account models
 * check it (every problem at once, in one 422 "Validation failed: ..." with per-field details), answered
 * with a token for the new account that carries the app token's scopes.
 */

import { failOnProblems, type Problem } from "./account-validation.js";
import { createAccount, createToken, findAccountByEmail, findAccountByUsername } from "./accounts-store.js";
import type { SandboxContext } from "./context.js";
import type { TokenRecord } from "./records.js";
import type { SandboxRequest } from "./request.js";

const USERNAME_LIMIT = 30;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 72;
// Devise's email format: something@something, no blanks.
const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+$/;
// A locale's shape (`en`, `pt-BR`, `zh-Hant`); Mastodon checks against the locales it ships.
const LOCALE_FORMAT = /^[a-z]{2,3}(-[A-Z]{2}|-[A-Za-z]{4})?$/;
// Accepted as agreeing to the rules, as Mastodon's acceptance validation accepts.
const AGREED = new Set(["true", "1"]);

function checkSignup(
  ctx: SandboxContext,
  username: string,
  email: string,
  password: string,
  agreement: string,
  locale: string,
): Problem[] {
  const problems: Problem[] = [];
  const add = (attribute: string, label: string, error: string, description: string) =>
    problems.push({ attribute, label, error, description });
  if (email === "") add("email", "E-mail address", "ERR_BLANK", "can't be blank");
  else if (!EMAIL_FORMAT.test(email)) add("email", "E-mail address", "ERR_INVALID", "is invalid");
  else if (findAccountByEmail(ctx, email))
    add("email", "E-mail address", "ERR_TAKEN", "has already been taken");
  if (password === "") add("password", "Password", "ERR_BLANK", "can't be blank");
  else if ([...password].length < PASSWORD_MIN) {
    add("password", "Password", "ERR_TOO_SHORT", `is too short (minimum is ${PASSWORD_MIN} characters)`);
  } else if ([...password].length > PASSWORD_MAX) {
    add("password", "Password", "ERR_TOO_LONG", `is too long (maximum is ${PASSWORD_MAX} characters)`);
  }
  if (username === "") add("username", "Username", "ERR_BLANK", "can't be blank");
  else if (!/^[a-z0-9_]+$/i.test(username)) {
    add("username", "Username", "ERR_INVALID", "must contain only letters, numbers and underscores");
  } else if (username.length > USERNAME_LIMIT) {
    add("username", "Username", "ERR_TOO_LONG", `is too long (maximum is ${USERNAME_LIMIT} characters)`);
  } else if (findAccountByUsername(ctx, username)) {
    add("username", "Username", "ERR_TAKEN", "has already been taken");
  }
  if (!AGREED.has(agreement)) add("agreement", "Agreement", "ERR_ACCEPTED", "must be accepted");
  if (!LOCALE_FORMAT.test(locale)) add("locale", "Locale", "ERR_INCLUSION", "is not included in the list");
  return problems;
}

/** Creates the account and its token, or throws the 422 listing every problem. */
export function signUp(req: SandboxRequest, appToken: TokenRecord): TokenRecord {
  const { ctx } = req;
  const text = (name: string) => (req.string(name) ?? "").trim();
  const username = text("username");
  const email = text("email");
  const password = req.string("password") ?? "";
  const problems = checkSignup(ctx, username, email, password, text("agreement"), text("locale"));
  failOnProblems(problems);
  const account = createAccount(ctx, { username, email, password });
  return createToken(ctx, {
    client_id: appToken.client_id,
    account_id: account.id,
    scopes: [...appToken.scopes],
  });
}
