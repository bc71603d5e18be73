// Run by test/core-transport.test.ts in a fresh Node process, where Node has made no global
// dispatcher yet (its first fetch makes it). A client's first request meets a replaced fetch:
//   - "auto" sends it through the replacement; once fetch is Node's own again (and has made its
//     dispatcher), the same client goes direct;
//   - "undici" finds no dispatcher and refuses; the next request, with fetch back, succeeds.
// Which one is given as the argument (each needs its own fresh process). Prints one JSON line.
import { createServer } from "node:http";
import { Dispatched } from "../../src/core/undici-transport.ts";
import { Mastodon } from "../../src/index.ts";

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: "1", content: "" }));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const SLOT = Symbol.for("undici.globalDispatcher.1");
const original = globalThis.fetch;
// Whether something made the dispatcher before this script ran (on Node 22 and 24, under tsx, something
// has): then the "no dispatcher yet" case does not arise, and the first request simply succeeds.
const report = { dispatcherAtStart: globalThis[Symbol.for("undici.globalDispatcher.1")] !== undefined };
const which = process.argv[2];

function watch() {
  const seen = { direct: 0, fetch: 0 };
  const dispatcher = globalThis[SLOT];
  const dispatch = dispatcher.dispatch;
  dispatcher.dispatch = function (options, handler) {
    if (handler instanceof Dispatched) seen.direct++;
    else seen.fetch++;
    return dispatch.call(this, options, handler);
  };
  return seen;
}

if (which === "auto") await routingAuto();
else await routingUndici();
server.close();
console.log(JSON.stringify(report));

async function routingAuto() {
  let spied = 0;
  globalThis.fetch = (input, init) => {
    spied++;
    return original(input, init);
  };
  const auto = new Mastodon({ api_base_url: url, access_token: "t", retry: false });
  await auto.status("1");
  globalThis.fetch = original;
  const seen = watch();
  await auto.status("1");
  await auto.status("1");
  report.auto = { spied, ...seen };
}

async function routingUndici() {
  const undici = new Mastodon({ api_base_url: url, access_token: "t", retry: false, transport: "undici" });
  report.undici = {};
  globalThis.fetch = (input, init) => original(input, init);
  report.undici.first = await undici.status("1").then(
    () => "resolved",
    (error) => error.constructor.name,
  );
  globalThis.fetch = original;
  report.undici.second = await undici.status("1").then(
    (status) => status.id,
    (error) => error.message,
  );
}
