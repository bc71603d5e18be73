// Support for the CLI tests (test/cli*.test.ts): a Mastodon-like instance on a real socket (the fake
// OAuth server for apps, logins and tokens, fronted by a few API routes: statuses, media, timelines),
// and the real CLI run from source as a child process.
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import * as fs from "node:fs";
import type { ServerResponse } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { TestContext } from "node:test";
import {
  type FakeOAuthOptions,
  type FakeOAuthServer,
  startFakeOAuthServer,
} from "./support/fake-oauth-server.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";
import { UploadedFile } from "./support/params.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");

export interface Instance {
  /** The instance URL the CLI is given (the front server). */
  url: string;
  oauth: FakeOAuthServer;
  /** Requests the front server answered itself (statuses, media, timelines). */
  apiRequests: ParsedRequest[];
  statuses: Record<string, unknown>[];
  /** How many polls a media upload stays "processing" for (url null). */
  mediaProcessingPolls: number;
  /** Make POST /api/v1/statuses answer this status code with this body instead. */
  failStatusPost?: { status: number; body: unknown };
  /** Events every streaming connection receives at once (server-sent events), as [name, data]. */
  streamEvents: [string, string][];
  /** Every secret the server handed out (tokens, client secrets), for "never printed" checks. */
  secrets(): string[];
}

export async function startInstance(t: TestContext, options: FakeOAuthOptions = {}): Promise<Instance> {
  const oauth = await startFakeOAuthServer(options);
  const apiRequests: ParsedRequest[] = [];
  const statuses: Record<string, unknown>[] = [];
  const media = new Map<string, { polls: number; description: string | null; type: string }>();
  let base = "";
  const instance: Instance = {
    url: "",
    oauth,
    apiRequests,
    statuses,
    mediaProcessingPolls: 1,
    streamEvents: [],
    secrets: () =>
      [
        ...[...oauth.tokens.values()].flatMap((tok) => [tok.token, tok.refresh_token ?? ""]),
        ...[...oauth.apps.values()].map((app) => app.client_secret),
      ].filter(Boolean),
  };
  const account = { id: "1", username: "alice", acct: "alice", display_name: "Alice" };
  const userToken = (req: ParsedRequest) => {
    const tok = oauth.tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
    return tok &&
      tok.kind === "user" &&
      !tok.revoked &&
      (tok.expiresAt === undefined || Date.now() < tok.expiresAt)
      ? tok
      : undefined;
  };
  const mediaJson = (id: string) => {
    const m = media.get(id);
    return {
      id,
      type: m?.type ?? "image",
      url: m && m.polls > 0 ? null : `${base}/media/${id}.png`,
      description: m?.description ?? null,
    };
  };
  const status = (req: ParsedRequest) => {
    const p = req.params;
    const id = String(100 + statuses.length);
    const ids = Array.isArray(p.media_ids) ? p.media_ids.map(String) : [];
    const s = {
      id,
      uri: `${base}/users/alice/statuses/${id}`,
      url: `${base}/@alice/${id}`,
      created_at: new Date(Date.UTC(2026, 0, 1, 12, 0, statuses.length)).toISOString(),
      content: `<p>${String(p.status ?? "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")}</p>`,
      visibility: String(p.visibility ?? "public"),
      spoiler_text: String(p.spoiler_text ?? ""),
      in_reply_to_id: p.in_reply_to_id ?? null,
      sensitive: p.sensitive === true || p.sensitive === "true",
      language: p.language ?? null,
      account,
      media_attachments: ids.map(mediaJson),
      reblog: null,
    };
    statuses.unshift(s);
    return s;
  };
  const routes: [RegExp, string, (req: ParsedRequest, res: ServerResponse, m: RegExpExecArray) => void][] = [
    [
      /^\/api\/v1\/statuses$/,
      "POST",
      (req, res) => {
        if (instance.failStatusPost)
          return json(res, instance.failStatusPost.status, instance.failStatusPost.body);
        if (!req.params.status && !Array.isArray(req.params.media_ids))
          return json(res, 422, { error: "Validation failed: Text can't be blank" });
        json(res, 200, status(req));
      },
    ],
    [
      /^\/api\/v2\/media$/,
      "POST",
      (req, res) => {
        const file = req.params.file;
        if (!(file instanceof UploadedFile))
          return json(res, 422, { error: "Validation failed: File can't be blank" });
        const id = String(500 + media.size);
        media.set(id, {
          polls: instance.mediaProcessingPolls,
          description: typeof req.params.description === "string" ? req.params.description : null,
          type: file.contentType.split("/")[0] ?? "unknown",
        });
        const answer = mediaJson(id);
        json(res, answer.url === null ? 202 : 200, answer);
      },
    ],
    [
      /^\/api\/v1\/media\/(\d+)$/,
      "GET",
      (_req, res, m) => {
        const entry = media.get(m[1] ?? "");
        if (!entry) return json(res, 404, { error: "Record not found" });
        entry.polls -= 1;
        const answer = mediaJson(m[1] ?? "");
        json(res, answer.url === null ? 206 : 200, answer);
      },
    ],
    [
      /^\/api\/v1\/streaming\/(user|public|hashtag|list|direct)/,
      "GET",
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write(":)\n\n");
        for (const [name, data] of instance.streamEvents) res.write(`event: ${name}\ndata: ${data}\n\n`);
      },
    ],
    [
      /^\/api\/v1\/timelines\/(home|public|tag\/[^/]+|list\/\d+)$/,
      "GET",
      (req, res) => {
        const limit = Number(req.query.get("limit") ?? 20);
        json(res, 200, statuses.slice(0, limit));
      },
    ],
  ];

  const front = await startServer(async (req, res) => {
    for (const [pattern, method, handler] of routes) {
      const m = pattern.exec(req.path);
      if (m && req.method === method) {
        apiRequests.push(req);
        if (!userToken(req)) return json(res, 401, { error: "The access token is invalid" });
        return handler(req, res, m);
      }
    }
    // Everything else (apps, OAuth, verify_credentials, instance) is the fake OAuth server's.
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "authorization", "accept"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const search = req.query.toString();
    const answer = await fetch(`${oauth.url}${req.path}${search ? `?${search}` : ""}`, {
      method: req.method,
      headers,
      redirect: "manual",
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: new Uint8Array(req.rawBody) }),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const out: Record<string, string> = { "content-length": String(body.length) };
    for (const name of ["content-type", "location"]) {
      const value = answer.headers.get(name);
      if (value) out[name] = value;
    }
    res.writeHead(answer.status, out);
    res.end(body);
  });
  base = front.url;
  instance.url = front.url;
  t.after(async () => {
    await front.close();
    await oauth.close();
  });
  return instance;
}

/** The address of a server that has just been closed: nothing listens there any more. */
export async function unreachableUrl(): Promise<string> {
  const gone = await startServer(() => {});
  await gone.close();
  return gone.url;
}

/** A private temporary directory, removed after the test. */
export function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mastodon-ts-cli-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves to the first match of `pattern` in stderr (waiting for it to be written). */
  waitForStderr(pattern: RegExp): Promise<RegExpExecArray>;
  done: Promise<CliResult>;
}

/** A clean environment: no MASTODON_* from the developer's shell, a private HOME, no real browser. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    BROWSER: "true",
    ...extra,
  };
}

/** Starts the CLI from source; stdin stays open for the test to write to. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: ROOT, env });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      const m = waiter.pattern.exec(stderr);
      if (m) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(m);
      }
    }
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on("close", (code) => {
      for (const waiter of waiters)
        waiter.resolve(Object.assign([""], { index: -1, input: "" }) as RegExpExecArray);
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    done,
    waitForStderr(pattern) {
      const m = pattern.exec(stderr);
      if (m) return Promise.resolve(m);
      return new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
  };
}

/** Runs the CLI to the end with `stdin` as its standard input (a pipe, not a terminal). */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin = "",
): Promise<CliResult> {
  const cli = startCli(args, env);
  cli.child.stdin.end(stdin);
  return cli.done;
}

/** Asserts that no secret appears in the text. */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secret.length >= 8 && text.includes(secret));
}

/** A server, a private home, and an account logged in through the CLI (password flow). */
export async function loggedIn(t: TestContext, instance?: Instance) {
  const server = instance ?? (await startInstance(t));
  const home = tempDir(t);
  const config = path.join(home, "config.json");
  const env = cliEnv(home, { MASTODON_TS_CONFIG: config });
  const login = await runCli(
    ["login", "--instance", server.url, "--password", "--json"],
    env,
    "a@b.test\npw-123456\n",
  );
  assert.equal(login.code, 0, login.stderr);
  const account = JSON.parse(login.stdout).account as string;
  const stored = JSON.parse(fs.readFileSync(config, "utf8")).accounts[account];
  return { server, home, config, env, account, token: stored.access_token as string, stored };
}
