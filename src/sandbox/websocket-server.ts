/**
 * A small server side of RFC 6455 WebSockets, enough for Mastodon's streaming API and written here so
 * the sandbox has no runtime dependency: the opening handshake, masked client frames, text messages
 * (fragmented or not), ping/pong, the closing handshake and a cap on message size. A client that breaks
 * the protocol gets the close code the RFC names for its fault and is disconnected.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

export const CLOSE_NORMAL = 1000;
export const CLOSE_PROTOCOL_ERROR = 1002;
export const CLOSE_UNSUPPORTED_DATA = 1003;
/** Reported (never sent) when the peer closed without a status code. */
export const CLOSE_NO_STATUS = 1005;
/** Reported (never sent) when the connection dropped without a closing handshake. */
export const CLOSE_ABNORMAL = 1006;
export const CLOSE_INVALID_PAYLOAD = 1007;
export const CLOSE_TOO_BIG = 1009;

/** How long to wait for the peer's answer to our close frame before dropping the connection. */
const CLOSE_WAIT_MS = 2000;
/** A peer that lets this much unsent data pile up is not reading: it is dropped. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export interface WebSocketOptions {
  /** The largest message (all fragments together) a client may send; larger ones close with 1009. */
  maxMessageBytes: number;
}

/** Writes a plain HTTP answer on a socket whose upgrade is refused, then closes it. */
export function refuseUpgrade(socket: Duplex, status: number, headers: Record<string, string> = {}): void {
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
    "Connection: close",
    "Content-Type: text/plain",
    "Content-Length: 0",
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value.replace(/[\r\n]/g, " ")}`),
  ];
  if (socket.writable) socket.end(`${lines.join("\r\n")}\r\n\r\n`);
  else socket.destroy();
}

/** Why a handshake cannot go on (with the HTTP status to answer), or undefined when it is valid. */
export function handshakeProblem(req: IncomingMessage): { status: number; message: string } | undefined {
  if ((req.method ?? "").toUpperCase() !== "GET") return { status: 405, message: "Invalid HTTP method" };
  if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket")
    return { status: 400, message: "Invalid Upgrade header" };
  const version = req.headers["sec-websocket-version"];
  if (version !== "13") return { status: 400, message: "Missing or invalid Sec-WebSocket-Version header" };
  const key = req.headers["sec-websocket-key"];
  if (typeof key !== "string" || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim()))
    return { status: 400, message: "Missing or invalid Sec-WebSocket-Key header" };
  return undefined;
}

/** The first subprotocol the client offered, echoed back as browsers require when they offer any. */
function chosenProtocol(req: IncomingMessage): string | undefined {
  const offered = req.headers["sec-websocket-protocol"];
  if (typeof offered !== "string") return undefined;
  const first = offered.split(",")[0]?.trim();
  return first && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(first) ? first : undefined;
}

/**
 * Completes the opening handshake of a request `handshakeProblem` accepted; `head` is whatever the
 * client sent after its request, already read by Node.
 */
export function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  options: WebSocketOptions,
  extraHeaders: Record<string, string> = {},
): WebSocketConnection {
  const key = String(req.headers["sec-websocket-key"]).trim();
  const accept = createHash("sha1")
    .update(key + GUID)
    .digest("base64");
  const lines = [
    "HTTP/1.1 101 Switching Protocols",
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Accept: ${accept}`,
  ];
  const protocol = chosenProtocol(req);
  if (protocol) lines.push(`Sec-WebSocket-Protocol: ${protocol}`);
  for (const [name, value] of Object.entries(extraHeaders)) lines.push(`${name}: ${value}`);
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  const connection = new WebSocketConnection(socket, options);
  if (head.length > 0) connection.receive(head);
  return connection;
}

/** One open WebSocket, server side. Set the `on*` callbacks right after accepting it. */
export class WebSocketConnection {
  onMessage: (text: string) => void = () => {};
  /** Once, when the connection is over, with the close code (1005/1006 when none came). */
  onClose: (code: number, reason: string) => void = () => {};
  onPong: () => void = () => {};
  /** A binary message: the default refuses it as Mastodon does. */
  onBinary: () => void = () => {
    this.close(CLOSE_UNSUPPORTED_DATA, "The mastodon streaming server does not support binary messages");
  };

  #buffer: Buffer = Buffer.alloc(0);
  /** Fragments of the message being received, and its opcode (undefined: none in progress). */
  #fragments: Buffer[] = [];
  #fragmentsSize = 0;
  #messageOpcode: number | undefined;
  #closeSent = false;
  #closeReceived = false;
  #finished = false;
  #closeTimer: NodeJS.Timeout | undefined;
  #reported: { code: number; reason: string } | undefined;

  constructor(
    private readonly socket: Duplex,
    private readonly options: WebSocketOptions,
  ) {
    const s = socket as Duplex & { setNoDelay?(on: boolean): void; setTimeout?(ms: number): void };
    s.setNoDelay?.(true);
    s.setTimeout?.(0);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.#finish(CLOSE_ABNORMAL, ""));
  }

  /** True until a close frame was sent or received. */
  get isOpen(): boolean {
    return !this.#closeSent && !this.#closeReceived && !this.#finished;
  }

  send(text: string): void {
    if (this.isOpen) this.#writeFrame(OP_TEXT, Buffer.from(text, "utf8"));
  }

  ping(payload: Buffer = Buffer.alloc(0)): void {
    if (this.isOpen) this.#writeFrame(OP_PING, payload);
  }

  /** Starts the closing handshake; the connection ends when the peer answers (or after a short wait). */
  close(code = CLOSE_NORMAL, reason = ""): void {
    if (this.#closeSent || this.#finished) return;
    this.#sendClose(code, reason);
    this.#report(code, reason);
    if (this.#closeReceived) {
      this.socket.end();
      return;
    }
    this.#closeTimer = setTimeout(() => this.socket.destroy(), CLOSE_WAIT_MS);
    this.#closeTimer.unref();
  }

  /** Drops the connection without a closing handshake. */
  terminate(): void {
    this.socket.destroy();
  }

  /** Feeds bytes read from the socket (exposed for the bytes that came with the upgrade request). */
  receive(chunk: Buffer): void {
    if (this.#finished) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (!this.#finished && !this.#closeReceived) {
      const consumed = this.#parseFrame();
      if (consumed === 0) break;
      this.#buffer = this.#buffer.subarray(consumed);
    }
  }

  /** Parses one frame at the start of the buffer; answers how many bytes it took (0: not complete yet). */
  #parseFrame(): number {
    const buf = this.#buffer;
    if (buf.length < 2) return 0;
    const b0 = buf[0]!;
    const b1 = buf[1]!;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    if ((b0 & 0x70) !== 0) return this.#fail(CLOSE_PROTOCOL_ERROR, "Reserved bits must be clear");
    if ((b1 & 0x80) === 0) return this.#fail(CLOSE_PROTOCOL_ERROR, "Client frames must be masked");
    const isControl = opcode >= 0x8;
    if (![OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG].includes(opcode))
      return this.#fail(CLOSE_PROTOCOL_ERROR, `Unknown opcode ${opcode}`);
    let length = b1 & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buf.length < 4) return 0;
      length = buf.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buf.length < 10) return 0;
      const high = buf.readUInt32BE(2);
      const low = buf.readUInt32BE(6);
      if (high >= 0x200000) return this.#fail(CLOSE_TOO_BIG, "Message too big");
      length = high * 0x100000000 + low;
      offset = 10;
    }
    if (isControl && (!fin || length > 125))
      return this.#fail(CLOSE_PROTOCOL_ERROR, "Control frames must be whole and at most 125 bytes");
    if (!isControl) {
      if (opcode === OP_CONTINUATION && this.#messageOpcode === undefined)
        return this.#fail(CLOSE_PROTOCOL_ERROR, "Continuation frame without a message");
      if (opcode !== OP_CONTINUATION && this.#messageOpcode !== undefined)
        return this.#fail(CLOSE_PROTOCOL_ERROR, "New message before the previous one ended");
      // Checked on the announced length, before any of the payload is buffered.
      if (this.#fragmentsSize + length > this.options.maxMessageBytes)
        return this.#fail(CLOSE_TOO_BIG, "Message too big");
    }
    if (buf.length < offset + 4 + length) return 0;
    const mask = buf.subarray(offset, offset + 4);
    const payload = Buffer.from(buf.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
    this.#handleFrame(fin, opcode, payload);
    return offset + 4 + length;
  }

  #handleFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OP_PING:
        if (!this.#closeSent) this.#writeFrame(OP_PONG, payload);
        return;
      case OP_PONG:
        this.onPong();
        return;
      case OP_CLOSE:
        this.#receiveClose(payload);
        return;
    }
    if (opcode !== OP_CONTINUATION) this.#messageOpcode = opcode;
    this.#fragments.push(payload);
    this.#fragmentsSize += payload.length;
    if (!fin) return;
    const message = this.#fragments.length === 1 ? this.#fragments[0]! : Buffer.concat(this.#fragments);
    const messageOpcode = this.#messageOpcode;
    this.#fragments = [];
    this.#fragmentsSize = 0;
    this.#messageOpcode = undefined;
    if (this.#closeSent) return;
    if (messageOpcode === OP_BINARY) {
      this.onBinary();
      return;
    }
    let text: string;
    try {
      text = strictUtf8.decode(message);
    } catch {
      this.#fail(CLOSE_INVALID_PAYLOAD, "Invalid UTF-8 in a text message");
      return;
    }
    this.onMessage(text);
  }

  #receiveClose(payload: Buffer): void {
    this.#closeReceived = true;
    let code = CLOSE_NO_STATUS;
    let reason = "";
    if (payload.length === 1) {
      this.#fail(CLOSE_PROTOCOL_ERROR, "Close frame with a one-byte body");
      return;
    }
    if (payload.length >= 2) {
      code = payload.readUInt16BE(0);
      if (!isValidCloseCode(code)) {
        this.#fail(CLOSE_PROTOCOL_ERROR, `Invalid close code ${code}`);
        return;
      }
      try {
        reason = strictUtf8.decode(payload.subarray(2));
      } catch {
        this.#fail(CLOSE_INVALID_PAYLOAD, "Invalid UTF-8 in the close reason");
        return;
      }
    }
    if (!this.#closeSent) this.#sendClose(code === CLOSE_NO_STATUS ? undefined : code, "");
    this.#report(code, reason);
    this.socket.end();
  }

  /** Fails the connection: a close frame with the code, then the socket ends. Returns 0 to stop parsing. */
  #fail(code: number, reason: string): number {
    if (!this.#closeSent) this.#sendClose(code, reason);
    this.#report(code, reason);
    this.#closeReceived = true;
    this.socket.end();
    // Whatever the peer does next, the socket goes soon.
    setTimeout(() => this.socket.destroy(), CLOSE_WAIT_MS).unref();
    return 0;
  }

  #sendClose(code: number | undefined, reason: string): void {
    this.#closeSent = true;
    if (code === undefined) {
      this.#writeFrame(OP_CLOSE, Buffer.alloc(0));
      return;
    }
    const text = Buffer.from(reason, "utf8").subarray(0, 123);
    const body = Buffer.alloc(2 + text.length);
    body.writeUInt16BE(code, 0);
    text.copy(body, 2);
    this.#writeFrame(OP_CLOSE, body);
  }

  #writeFrame(opcode: number, payload: Buffer): void {
    if (!this.socket.writable) return;
    if (this.socket.writableLength > MAX_BUFFERED_BYTES) {
      this.socket.destroy();
      return;
    }
    const length = payload.length;
    let header: Buffer;
    if (length < 126) {
      header = Buffer.from([0x80 | opcode, length]);
    } else if (length < 0x10000) {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode;
      header[1] = 126;
      header.writeUInt16BE(length, 2);
    } else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode;
      header[1] = 127;
      header.writeUInt32BE(Math.floor(length / 0x100000000), 2);
      header.writeUInt32BE(length >>> 0, 6);
    }
    this.socket.write(length === 0 ? header : Buffer.concat([header, payload]));
  }

  /** Remembers the close code to report; the report itself waits until the socket is gone. */
  #report(code: number, reason: string): void {
    this.#reported ??= { code, reason };
  }

  #finish(fallbackCode: number, fallbackReason: string): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#closeTimer) clearTimeout(this.#closeTimer);
    const { code, reason } = this.#reported ?? { code: fallbackCode, reason: fallbackReason };
    this.onClose(code, reason);
  }
}

/** Close codes a peer may send (RFC 6455 section 7.4 and the IANA registry). */
function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}
