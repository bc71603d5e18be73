/**
 * Helpers for the sandbox's streaming tests: statuses made straight in the state (with the event the
 * statuses area emits), raw SSE reading, and a minimal raw WebSocket client that can send any frame,
 * well-formed or not.
 */
import { createHash, randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { findAccountByUsername } from "../src/sandbox/accounts-store.js";
import { renderStatusText } from "../src/sandbox/content.js";
import type { Sandbox } from "../src/sandbox/index.js";
import type { StatusRecord, Visibility } from "../src/sandbox/records.js";

export interface StatusFields {
  visibility?: Visibility;
  in_reply_to_id?: string;
  reblog_of_id?: string;
  media_ids?: string[];
  language?: string | null;
}

/** Makes a status as the statuses area would (record, then event) and answers it. */
export function postStatus(
  sb: Sandbox,
  username: string,
  text: string,
  fields: StatusFields = {},
): StatusRecord {
  const ctx = sb.context;
  const author = findAccountByUsername(ctx, username);
  if (!author) throw new Error(`no user ${username}`);
  const rendered = renderStatusText(text, {
    baseUrl: ctx.url,
    domain: ctx.domain,
    findAccount: (name) => findAccountByUsername(ctx, name),
  });
  const parent = fields.in_reply_to_id ? ctx.state.statuses.get(fields.in_reply_to_id) : undefined;
  const status: StatusRecord = {
    id: ctx.newId(),
    account_id: author.id,
    text: fields.reblog_of_id ? "" : text,
    content: fields.reblog_of_id ? "" : rendered.html,
    spoiler_text: "",
    visibility: fields.visibility ?? "public",
    sensitive: false,
    language: fields.language === undefined ? "en" : fields.language,
    in_reply_to_id: parent?.id ?? null,
    in_reply_to_account_id: parent?.account_id ?? null,
    reblog_of_id: fields.reblog_of_id ?? null,
    quote_id: null,
    media_ids: fields.media_ids ?? [],
    poll_id: null,
    mention_ids: fields.reblog_of_id ? [] : rendered.mentions.map((a) => a.id),
    tags: fields.reblog_of_id ? [] : rendered.tags,
    client_id: null,
    created_at: ctx.nowIso(),
    edited_at: null,
    edits: [],
  };
  ctx.state.statuses.insert(status);
  ctx.changed();
  ctx.events.emit({ type: "status.created", status });
  return status;
}

/** A follow made directly in the state (with ctx.changed(), so cached timeline pages are dropped). */
export { follow } from "./sandbox-timelines-fixtures.js";

export function relate(sb: Sandbox, table: "blocks" | "mutes", from: string, to: string): void {
  const ctx = sb.context;
  const a = findAccountByUsername(ctx, from)!;
  const b = findAccountByUsername(ctx, to)!;
  const base = { id: ctx.newId(), account_id: a.id, target_account_id: b.id, created_at: ctx.nowIso() };
  if (table === "mutes") ctx.state.mutes.insert({ ...base, notifications: true, expires_at: null });
  else ctx.state.blocks.insert(base);
}

export function tokenOf(sb: Sandbox, username: string): string {
  const user = sb.users.find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user.access_token;
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An open SSE response, its text as it arrives. */
export interface SseReader {
  response: Response;
  text(): string;
  /** Whether the server ended the response (or the connection broke). */
  ended(): boolean;
  /** The complete events so far, as (name, data). */
  events(): { event: string; data: string }[];
  close(): void;
}

export async function openSse(url: string, token: string | undefined): Promise<SseReader> {
  const controller = new AbortController();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch(url, { headers, signal: controller.signal });
  let text = "";
  let ended = false;
  if (response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // Aborted.
      }
      ended = true;
    })();
  }
  return {
    response,
    text: () => text,
    ended: () => ended,
    events: () =>
      text
        .split("\n\n")
        .slice(0, -1)
        .flatMap((block) => {
          const lines = block.split("\n").filter((l) => !l.startsWith(":"));
          const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
          const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
          return event !== undefined && data !== undefined ? [{ event, data }] : [];
        }),
    close: () => controller.abort(),
  };
}

/** A frame as the raw client received it. */
export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/**
 * A bare WebSocket client over a TCP socket: it sends exactly the bytes asked for (masked or not, any
 * opcode), so tests can break the protocol on purpose.
 */
export class RawWebSocket {
  readonly frames: Frame[] = [];
  closed = false;
  #buffer = Buffer.alloc(0);

  private constructor(
    readonly socket: Socket,
    readonly response: string,
  ) {
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    socket.on("close", () => {
      this.closed = true;
    });
    socket.on("error", () => {});
  }

  /** Opens a connection; resolves with the HTTP answer (whatever its status). */
  static async open(
    baseUrl: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<RawWebSocket> {
    const { hostname, port } = new URL(baseUrl);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const key = randomBytes(16).toString("base64");
    const all: Record<string, string> = {
      Host: `${hostname}:${port}`,
      Upgrade: "websocket",
      Connection: "Upgrade",
      "Sec-WebSocket-Key": key,
      "Sec-WebSocket-Version": "13",
      ...headers,
    };
    const lines = Object.entries(all)
      .filter(([, v]) => v !== "")
      .map(([k, v]) => `${k}: ${v}`);
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
    const response = await new Promise<{ head: string; rest: Buffer }>((resolve, reject) => {
      let received = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf("\r\n\r\n");
        if (end < 0) return;
        socket.off("data", onData);
        resolve({ head: received.subarray(0, end).toString("latin1"), rest: received.subarray(end + 4) });
      };
      socket.on("data", onData);
      socket.once("close", () => resolve({ head: received.toString("latin1"), rest: Buffer.alloc(0) }));
      socket.once("error", reject);
    });
    const ws = new RawWebSocket(socket, response.head);
    if (response.rest.length > 0) socket.emit("data", response.rest);
    return ws;
  }

  get status(): number {
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(this.response)?.[1] ?? 0);
  }

  header(name: string): string | undefined {
    const re = new RegExp(`^${name}: (.*)$`, "im");
    return re.exec(this.response)?.[1]?.trim();
  }

  static expectedAccept(key: string): string {
    return createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
  }

  /** Sends one frame; `masked: false` breaks the rule that client frames are masked. */
  sendFrame(
    opcode: number,
    payload: Buffer | string,
    options: { fin?: boolean; masked?: boolean; rsv?: number; declaredLength?: number } = {},
  ): void {
    const data = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
    const fin = options.fin ?? true;
    const masked = options.masked ?? true;
    const length = options.declaredLength ?? data.length;
    const parts: Buffer[] = [];
    const first = (fin ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
    const maskBit = masked ? 0x80 : 0;
    if (length < 126) parts.push(Buffer.from([first, maskBit | length]));
    else if (length < 0x10000) {
      const h = Buffer.alloc(4);
      h[0] = first;
      h[1] = maskBit | 126;
      h.writeUInt16BE(length, 2);
      parts.push(h);
    } else {
      const h = Buffer.alloc(10);
      h[0] = first;
      h[1] = maskBit | 127;
      h.writeBigUInt64BE(BigInt(length), 2);
      parts.push(h);
    }
    if (masked) {
      const mask = randomBytes(4);
      const body = Buffer.from(data);
      for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!;
      parts.push(mask, body);
    } else parts.push(data);
    this.socket.write(Buffer.concat(parts));
  }

  sendText(text: string): void {
    this.sendFrame(0x1, text);
  }

  /** Text messages received, parsed as JSON. */
  messages(): Record<string, unknown>[] {
    return this.frames.filter((f) => f.opcode === 0x1).map((f) => JSON.parse(f.payload.toString("utf8")));
  }

  /** The close frame received, if any: its code and reason. */
  closeFrame(): { code: number | undefined; reason: string } | undefined {
    const frame = this.frames.find((f) => f.opcode === 0x8);
    if (!frame) return undefined;
    return {
      code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : undefined,
      reason: frame.payload.subarray(2).toString("utf8"),
    };
  }

  destroy(): void {
    this.socket.destroy();
  }

  #parse(): void {
    for (;;) {
      const buf = this.#buffer;
      if (buf.length < 2) return;
      let length = buf[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buf.length < 4) return;
        length = buf.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buf.length < 10) return;
        length = Number(buf.readBigUInt64BE(2));
        offset = 10;
      }
      if (buf.length < offset + length) return;
      this.frames.push({
        fin: (buf[0]! & 0x80) !== 0,
        opcode: buf[0]! & 0x0f,
        payload: Buffer.from(buf.subarray(offset, offset + length)),
      });
      this.#buffer = buf.subarray(offset + length);
    }
  }
}
