// Bad input must be refused before anything is sent: these check the error class, its message and
// that the server saw no request.
import assert from "node:assert/strict";
import { MastodonIllegalArgumentError } from "../../src/index.js";

/** `call` fails with MastodonIllegalArgumentError matching `message`, and no request is sent. */
export async function expectRefused(
  server: { requests: readonly unknown[] },
  call: () => unknown,
  message: RegExp,
): Promise<void> {
  const before = server.requests.length;
  await assert.rejects(
    async () => call(),
    (error: unknown) => {
      assert.ok(
        error instanceof MastodonIllegalArgumentError,
        `not an illegal-argument error: ${String(error)}`,
      );
      assert.match(error.message, message);
      return true;
    },
  );
  assert.equal(server.requests.length, before, "no request was sent");
}

/** expectRefused for each [call, message] pair. */
export async function expectRefusals(
  server: { requests: readonly unknown[] },
  cases: readonly (readonly [() => unknown, RegExp])[],
): Promise<void> {
  for (const [call, message] of cases) await expectRefused(server, call, message);
}
