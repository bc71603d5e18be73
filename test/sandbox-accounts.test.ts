/**
 * The sandbox's own account: verify_credentials, update_credentials (JSON, form and multipart, with
 * Mastodon's limits and error texts) and the profile pictures, over real sockets.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { MastodonUnprocessableEntityError } from "../src/core/errors.js";
import { Mastodon } from "../src/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { raw, tokenWithScopes, userId } from "./sandbox-accounts-support.js";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("sandbox accounts: the signed-in account", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ port: 0 });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it("verify_credentials answers a CredentialAccount with source and role", async () => {
    const me = await sb.client("alice").accountVerifyCredentials();
    assert.equal(me.id, userId(sb, "alice"));
    assert.equal(me.username, "alice");
    assert.equal(me.acct, "alice");
    assert.equal(me.url, `${sb.url}/@alice`);
    assert.equal(me.avatar, `${sb.url}/avatars/original/missing.png`);
    assert.deepEqual(me.source, {
      privacy: "public",
      sensitive: false,
      language: null,
      note: "",
      fields: [],
      follow_requests_count: 0,
      hide_collections: false,
      discoverable: true,
      indexable: true,
      attribution_domains: [],
      quote_policy: "public",
    });
    assert.deepEqual(me.role, {
      id: "-99",
      name: "",
      permissions: "65536",
      color: "",
      highlighted: false,
      collection_limit: 10,
    });
    const { body } = await raw(sb, "GET", "/api/v1/accounts/verify_credentials", { user: "alice" });
    assert.deepEqual(Object.keys(body as object).slice(-5), ["source", "emojis", "roles", "fields", "role"]);
  });

  it("verify_credentials needs a token with read:accounts", async () => {
    assert.deepEqual(
      await raw(sb, "GET", "/api/v1/accounts/verify_credentials").then((r) => [r.status, r.body]),
      [401, { error: "The access token is invalid" }],
    );
    const writeOnly = tokenWithScopes(sb, "alice", ["write"]);
    const denied = await raw(sb, "GET", "/api/v1/accounts/verify_credentials", { token: writeOnly });
    assert.deepEqual(
      [denied.status, denied.body],
      [403, { error: "This action is outside the authorized scopes" }],
    );
    const granular = tokenWithScopes(sb, "alice", ["read:accounts"]);
    assert.equal(
      (await raw(sb, "GET", "/api/v1/accounts/verify_credentials", { token: granular })).status,
      200,
    );
  });

  it("update_credentials through the library (multipart) changes the profile, flags, fields and defaults", async () => {
    const alice = sb.client("alice");
    const updated = await alice.accountUpdateCredentials({
      display_name: "Alice A.",
      note: "I make bots.\n\nhttps://example.com/about",
      locked: true,
      bot: true,
      discoverable: false,
      indexable: false,
      hide_collections: true,
      fields: [
        { name: "Site", value: "https://example.com" },
        { name: "Pronouns", value: "she/her" },
      ],
      default_privacy: "unlisted",
      default_sensitive: true,
      default_language: "de",
    });
    assert.equal(updated.display_name, "Alice A.");
    assert.match(updated.note, /^<p>I make bots\.<\/p><p><a href="https:\/\/example\.com\/about"/);
    assert.equal(updated.locked, true);
    assert.equal(updated.bot, true);
    assert.equal(updated.discoverable, false);
    assert.equal(updated.indexable, false);
    assert.equal(updated.hide_collections, true);
    assert.deepEqual(
      updated.source?.fields.map((f) => [f.name, f.value]),
      [
        ["Site", "https://example.com"],
        ["Pronouns", "she/her"],
      ],
    );
    // Multipart text fields travel with CRLF line ends (the FormData rule), and Mastodon keeps them.
    assert.equal(updated.source?.note, "I make bots.\r\n\r\nhttps://example.com/about");
    assert.equal(updated.source?.privacy, "unlisted");
    assert.equal(updated.source?.sensitive, true);
    assert.equal(updated.source?.language, "de");
    // Others see the same profile.
    const seen = await sb.client("bob").account(updated.id);
    assert.equal(seen.display_name, "Alice A.");
    assert.equal(seen.locked, true);
    assert.equal("source" in seen, false);
  });

  it("update_credentials takes JSON and Rails-style form bodies alike", async () => {
    const json = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: {
        display_name: "Json",
        fields_attributes: [{ name: "a", value: "b" }],
        source: { privacy: "private" },
      },
    });
    assert.equal(json.status, 200);
    const jsonBody = json.body as { display_name: string; fields: unknown[]; source: { privacy: string } };
    assert.equal(jsonBody.display_name, "Json");
    assert.deepEqual(jsonBody.fields, [{ name: "a", value: "b", verified_at: null }]);
    assert.equal(jsonBody.source.privacy, "private");

    const form = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: "display_name=Form&locked=1&fields_attributes%5B0%5D%5Bname%5D=x&fields_attributes%5B0%5D%5Bvalue%5D=y&source%5Bsensitive%5D=true",
    });
    assert.equal(form.status, 200);
    const formBody = form.body as {
      display_name: string;
      locked: boolean;
      fields: unknown[];
      source: { sensitive: boolean };
    };
    assert.equal(formBody.display_name, "Form");
    assert.equal(formBody.locked, true);
    assert.deepEqual(formBody.fields, [{ name: "x", value: "y", verified_at: null }]);
    assert.equal(formBody.source.sensitive, true);
    // Rails' boolean cast: "0", "false", "off" are false.
    const off = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: "locked=off",
    });
    assert.equal((off.body as { locked: boolean }).locked, false);
  });

  it("uploads an avatar and a header as media the sandbox serves, and deletes them again", async () => {
    const alice = sb.client("alice");
    const updated = await alice.accountUpdateCredentials({
      avatar: PNG,
      avatar_mime_type: "image/png",
      header: PNG,
      header_mime_type: "image/png",
    });
    assert.match(updated.avatar, /\/system\/media\/\d+$/);
    assert.equal(updated.avatar_static, updated.avatar);
    assert.match(updated.header, /\/system\/media\/\d+$/);
    const mediaId = updated.avatar.split("/").pop() ?? "";
    const stored = sb.context.state.media.get(mediaId);
    assert.equal(stored?.content_type, "image/png");
    assert.equal(stored?.width, 1);
    assert.deepEqual(Buffer.from(stored?.data ?? "", "base64"), PNG);
    const picture = await fetch(updated.avatar);
    assert.equal(picture.status, 200);
    assert.deepEqual(Buffer.from(await picture.arrayBuffer()), PNG);

    // A second avatar replaces the first record.
    const again = await alice.accountUpdateCredentials({ avatar: PNG, avatar_mime_type: "image/png" });
    assert.notEqual(again.avatar, updated.avatar);
    assert.equal(sb.context.state.media.get(mediaId), undefined);

    const noAvatar = await alice.accountDeleteAvatar();
    assert.equal(noAvatar.avatar, `${sb.url}/avatars/original/missing.png`);
    const noHeader = await alice.accountDeleteHeader();
    assert.equal(noHeader.header, `${sb.url}/headers/original/missing.png`);
  });

  it("refuses an avatar that is not an image, with nothing changed", async () => {
    const form = new FormData();
    form.append("display_name", "Changed");
    form.append("avatar", new Blob(["#!/bin/sh"], { type: "text/plain" }), "evil.sh");
    const r = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", { user: "alice", body: form });
    assert.deepEqual(
      [r.status, r.body],
      [
        422,
        {
          error: "Validation failed: Avatar content type is invalid",
          details: { avatar: [{ error: "ERR_INVALID", description: "content type is invalid" }] },
        },
      ],
    );
    const me = await sb.client("alice").accountVerifyCredentials();
    assert.equal(me.display_name, "");
  });

  it("more than 4 fields is a 422 with Mastodon's text", async () => {
    const body = Array.from(
      { length: 5 },
      (_, i) => `fields_attributes%5B${i}%5D%5Bname%5D=n${i}&fields_attributes%5B${i}%5D%5Bvalue%5D=v${i}`,
    ).join("&");
    const r = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", { user: "alice", body });
    assert.deepEqual(
      [r.status, r.body],
      [
        422,
        {
          error: "Validation failed: Fields is too long (maximum is 4 characters)",
          details: {
            fields: [{ error: "ERR_TOO_LONG", description: "is too long (maximum is 4 characters)" }],
          },
        },
      ],
    );
    // Through the library: the same error as an exception with the details.
    await assert.rejects(
      sb.client("alice").accountUpdateCredentials({
        fields: Array.from({ length: 5 }, (_, i) => ({ name: `n${i}`, value: "v" })),
      }),
      (error: unknown) =>
        error instanceof MastodonUnprocessableEntityError && /Fields is too long/.test(error.message),
    );
  });

  it("display name over 30 and note over 500 are refused together, and nothing is saved", async () => {
    const r = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: { display_name: "x".repeat(31), note: "y".repeat(501), locked: true },
    });
    assert.deepEqual(
      [r.status, r.body],
      [
        422,
        {
          error:
            "Validation failed: Display name is too long (maximum is 30 characters), Note is too long (maximum is 500 characters)",
          details: {
            display_name: [{ error: "ERR_TOO_LONG", description: "is too long (maximum is 30 characters)" }],
            note: [{ error: "ERR_TOO_LONG", description: "is too long (maximum is 500 characters)" }],
          },
        },
      ],
    );
    const me = await sb.client("alice").accountVerifyCredentials();
    assert.deepEqual([me.display_name, me.note, me.locked], ["", "", false]);
    // At the limits exactly: accepted. A link counts as 23 characters, as Mastodon counts it.
    const atLimit = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: {
        display_name: "é".repeat(30),
        note: `${"z".repeat(476)} https://example.com/${"p".repeat(100)}`,
      },
    });
    assert.equal(atLimit.status, 200);
    const overLimit = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: { note: `${"z".repeat(477)} https://example.com/` },
    });
    assert.equal(overLimit.status, 422);
  });

  it("field names and values are cut to 255 characters, blank rows dropped, a value without a name refused", async () => {
    const long = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: {
        fields_attributes: [
          { name: `  ${"n".repeat(300)}`, value: "v".repeat(300) },
          { name: "", value: "" },
        ],
      },
    });
    assert.equal(long.status, 200);
    const fields = (long.body as { source: { fields: { name: string; value: string }[] } }).source.fields;
    assert.equal(fields.length, 1);
    assert.equal(fields[0]?.name, "n".repeat(255));
    assert.equal(fields[0]?.value, "v".repeat(255));
    const unnamed = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      user: "alice",
      body: { fields_attributes: [{ name: "", value: "orphan" }] },
    });
    assert.deepEqual(
      [unnamed.status, unnamed.body],
      [
        422,
        {
          error: "Validation failed: Fields contains values with missing labels",
          details: {
            fields: [
              {
                error: "ERR_FIELDS_WITH_VALUES_MISSING_LABELS",
                description: "contains values with missing labels",
              },
            ],
          },
        },
      ],
    );
  });

  it("hostile bodies never crash or corrupt the account", async () => {
    const send = (body: unknown, type?: string) =>
      raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
        user: "alice",
        body,
        ...(type ? { type } : {}),
      });
    // Malformed JSON: Rails' parse error.
    const broken = await send('{"display_name": ', "application/json");
    assert.deepEqual(
      [broken.status, broken.body],
      [400, { error: "Error occurred while parsing request parameters" }],
    );
    // Values of the wrong type are dropped as Rails' strong parameters drop them.
    const wrongTypes = await send({
      display_name: { nested: true },
      note: ["a", "b"],
      locked: { x: 1 },
      fields_attributes: "not a list",
      source: "nope",
    });
    assert.equal(wrongTypes.status, 200);
    const body = wrongTypes.body as {
      display_name: string;
      note: string;
      locked: boolean;
      fields: unknown[];
    };
    assert.deepEqual([body.display_name, body.note, body.locked, body.fields], ["", "", false, []]);
    // Numbers are kept as their text.
    assert.equal(((await send({ display_name: 42 })).body as { display_name: string }).display_name, "42");
    // A huge note is refused; a list of 10 000 rows of fields too.
    assert.equal((await send({ note: "x".repeat(200_000) })).status, 422);
    const many = await send({
      fields_attributes: Array.from({ length: 10_000 }, () => ({ name: "a", value: "b" })),
    });
    assert.equal(many.status, 422);
    // An unknown privacy leaves all posting defaults as they were (Mastodon's settings update fails silently).
    const privacy = await send({ source: { privacy: "everyone", sensitive: true } });
    assert.equal(privacy.status, 200);
    assert.deepEqual(
      (privacy.body as { source: { privacy: string; sensitive: boolean } }).source.privacy,
      "public",
    );
    assert.equal((privacy.body as { source: { sensitive: boolean } }).source.sensitive, false);
    // Still a working account afterwards.
    const me = await sb.client("alice").accountVerifyCredentials();
    assert.equal(me.display_name, "42");
  });

  it("update_credentials needs write:accounts", async () => {
    const readOnly = tokenWithScopes(sb, "alice", ["read"]);
    const r = await raw(sb, "PATCH", "/api/v1/accounts/update_credentials", {
      token: readOnly,
      body: { display_name: "no" },
    });
    assert.deepEqual([r.status, r.body], [403, { error: "This action is outside the authorized scopes" }]);
  });
});

describe("sandbox accounts: sign-up", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ port: 0 });
  });
  after(() => sb.close());

  async function registeredApp(): Promise<{ client_id: string; client_secret: string }> {
    const app = await raw(sb, "POST", "/api/v1/apps", {
      body: {
        client_name: "signup test",
        redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
        scopes: "read write follow push",
      },
    });
    return app.body as { client_id: string; client_secret: string };
  }

  it("createAccount through the library gives a working token with the app's scopes", async () => {
    const { client_id, client_secret } = await registeredApp();
    const api = new Mastodon({ api_base_url: sb.url, client_id, client_secret });
    const token = await api.createAccount("newbie", "swordfish", "newbie@example.com", { agreement: true });
    const newbie = new Mastodon({ api_base_url: sb.url, access_token: token });
    const me = await newbie.accountVerifyCredentials();
    assert.equal(me.username, "newbie");
    assert.equal(
      sb.context.state.tokens.lookup("token", token)[0]?.scopes.join(" "),
      "read write follow push",
    );
  });

  it("refuses bad sign-ups with every problem at once, as Mastodon details them", async () => {
    const accountsBefore = sb.context.state.accounts.size;
    const { client_id, client_secret } = await registeredApp();
    const api = new Mastodon({ api_base_url: sb.url, client_id, client_secret });
    const [token, error] = await api.createAccount("alice", "short", "invalid email lol", {
      agreement: true,
      return_detailed_error: true,
    });
    assert.equal(token, null);
    assert.deepEqual(error, {
      error:
        "Validation failed: E-mail address is invalid, Password is too short (minimum is 8 characters), Username has already been taken",
      details: {
        email: [{ error: "ERR_INVALID", description: "is invalid" }],
        password: [{ error: "ERR_TOO_SHORT", description: "is too short (minimum is 8 characters)" }],
        username: [{ error: "ERR_TAKEN", description: "has already been taken" }],
      },
    });
    const appToken = (
      await raw(sb, "POST", "/oauth/token", {
        body: { grant_type: "client_credentials", client_id, client_secret, scope: "write" },
      })
    ).body as { access_token: string };
    const r = await raw(sb, "POST", "/api/v1/accounts", {
      token: appToken.access_token,
      body: {
        username: "bad name!",
        email: "alice@sandbox.example",
        password: "x".repeat(100),
        locale: "english",
      },
    });
    assert.deepEqual(r.body, {
      error:
        "Validation failed: E-mail address has already been taken, Password is too long (maximum is 72 characters), Username must contain only letters, numbers and underscores, Agreement must be accepted, Locale is not included in the list",
      details: {
        email: [{ error: "ERR_TAKEN", description: "has already been taken" }],
        password: [{ error: "ERR_TOO_LONG", description: "is too long (maximum is 72 characters)" }],
        username: [
          { error: "ERR_INVALID", description: "must contain only letters, numbers and underscores" },
        ],
        agreement: [{ error: "ERR_ACCEPTED", description: "must be accepted" }],
        locale: [{ error: "ERR_INCLUSION", description: "is not included in the list" }],
      },
    });
    assert.equal(r.status, 422);
    const noToken = await raw(sb, "POST", "/api/v1/accounts", { body: { username: "x" } });
    assert.equal(noToken.status, 401);
    assert.equal(sb.context.state.accounts.size, accountsBefore);
  });
});
