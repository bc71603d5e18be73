// A server that writes malformed or hostile HTTP, byte for byte on a raw socket, answered alike by
// both transports: the direct undici one must fail (or succeed) with the same error class, message
// and cause as fetch, which is what it promises to stand in for.
import assert from "node:assert/strict";
import { createServer, type Socket } from "node:net";
import { type TestContext, test } from "node:test";
import { Mastodon } from "../src/index.js";
import { TRANSPORT_CASES } from "./support/transports.js";

const ACCOUNT = '{"id":"1","username":"a","acct":"a"}';

/** A server that answers every request (once its headers are in) with `answer`. */
async function rawServer(t: TestContext, answer: (socket: Socket) => void): Promise<string> {
  const server = createServer((socket) => {
    let head = "";
    let answered = false;
    socket.on("error", () => {});
    socket.on("data", (data) => {
      head += data.toString("latin1");
      if (!answered && head.includes("\r\n\r\n")) {
        answered = true;
        answer(socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** What each transport ends with for one call: "OK <json>", or the error's class, message and cause's class. */
async function outcomes(url: string, call: (api: Mastodon) => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  for (const via of TRANSPORT_CASES) {
    const api = new Mastodon({
      api_base_url: url,
      access_token: "hostile-token",
      retry: false,
      request_timeout: 5,
      ...via.options,
    });
    try {
      seen.push(`OK ${JSON.stringify(await call(api))}`);
    } catch (error) {
      const e = error as Error;
      seen.push(
        `${e.constructor.name}: ${e.message} [cause ${(e.cause as Error | undefined)?.constructor.name}]`,
      );
    }
  }
  return seen;
}

const verify = (api: Mastodon) => api.accountVerifyCredentials();

/** A 200 whose plain JSON body is labelled with the content coding `coding`. */
const encodedAs = (coding: string) =>
  `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: ${coding}\r\n` +
  `Content-Length: ${ACCOUNT.length}\r\n\r\n${ACCOUNT}`;

test("more than five content codings: refused with the headers, as fetch refuses them", async (t) => {
  const url = await rawServer(t, (socket) => socket.end(encodedAs("gzip,gzip,gzip,gzip,gzip,gzip")));
  const [viaFetch, viaUndici] = await outcomes(url, verify);
  assert.match(
    viaFetch!,
    /^MastodonNetworkError: Could not reach .*too many content-encodings in response: 6/,
  );
  assert.equal(viaUndici, viaFetch);
});

test("a 204 that sends bytes anyway: no body, as fetch gives a null-body status none", async (t) => {
  const url = await rawServer(t, (socket) =>
    socket.end("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello"),
  );
  const [viaFetch, viaUndici] = await outcomes(url, verify);
  assert.match(viaFetch!, /with 204 and an empty body/);
  assert.equal(viaUndici, viaFetch);
});

test("a connection reset part-way through a declared body: told as fetch tells it", async (t) => {
  const url = await rawServer(t, (socket) => {
    socket.write(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n${ACCOUNT}`,
    );
    setTimeout(() => socket.resetAndDestroy(), 50);
  });
  const [viaFetch, viaUndici] = await outcomes(url, verify);
  assert.match(viaFetch!, /broke off before its 1000 bytes had all arrived .*\[cause TypeError\]$/);
  assert.equal(viaUndici, viaFetch);
});

test("a body labelled gzip that is not: the same failure on both transports", async (t) => {
  const url = await rawServer(t, (socket) => socket.end(encodedAs("gzip")));
  const [viaFetch, viaUndici] = await outcomes(url, verify);
  assert.match(viaFetch!, /^MastodonNetworkError: .*broke off after 0 bytes \(Z_DATA_ERROR/);
  assert.equal(viaUndici, viaFetch);
});

test("hostile framing (duplicate or conflicting lengths, chunked plus a length, bad header bytes, header floods, 1xx first, close-delimited): alike", async (t) => {
  const ok = (headers: string, body = ACCOUNT) =>
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;
  const length = `Content-Length: ${ACCOUNT.length}\r\n`;
  const answers: Record<string, string> = {
    "duplicate length": ok(length + length),
    "conflicting lengths": ok(`${length}Content-Length: 5\r\n`),
    "chunked plus length": ok(
      "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
      `24\r\n${ACCOUNT}\r\n0\r\n\r\n`,
    ),
    "control byte in a value": ok(`X-Bad: a\x01b\r\n${length}`),
    "5,000 headers": ok("X-H: v\r\n".repeat(5000) + length),
    "set-cookie flood": ok(`Set-Cookie: c=${"v".repeat(40)}\r\n`.repeat(3000) + length),
    "1xx first": `HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n${ok(length)}`,
    "close-delimited": ok("Connection: close\r\n"),
    "identity coding": ok(`Content-Encoding: identity\r\n${length}`),
  };
  for (const [name, bytes] of Object.entries(answers)) {
    const url = await rawServer(t, (socket) => socket.end(bytes));
    const [viaFetch, viaUndici] = await outcomes(url, verify);
    assert.equal(viaUndici, viaFetch, name);
    assert.doesNotMatch(viaFetch!, /^(TypeError|Error|SyntaxError)/, name);
  }
});
