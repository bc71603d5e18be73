// Helpers the HTTP fault tests share: a scripted server whose handler knows which request it is
// answering, and a way to get the error a call fails with.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { type ParsedRequest, startServer, type TestServer } from "./http-server.js";

/** A handler that also gets the request's index (0 for the first request). */
export type NumberedHandler = (
  req: ParsedRequest,
  res: ServerResponse,
  index: number,
) => void | Promise<void>;

/** A server whose handler gets each request's index; closed after the test. */
export async function serveNumbered(
  t: { after(fn: () => unknown): void },
  handler: NumberedHandler,
): Promise<TestServer> {
  let count = 0;
  const server = await startServer((req, res) => handler(req, res, count++));
  t.after(() => server.close());
  return server;
}

/** The error `promise` rejects with; fails the test if it resolves or rejects with a non-Error. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the call to fail");
}
