// Run by test/runtime-packed.test.ts on Node 20.16, which has no global WebSocket, with `ws` hidden
// (see without-ws.mjs): a user who streams without installing `ws`. The class falls back to SSE, or
// stops with what to do when told to use WebSocket; the light fetch client, which streams over
// WebSocket only, stops with what to do. Prints one JSON line.
import { Mastodon } from "mastodon-ts";
import { createFetchClient, streamUser } from "mastodon-ts/light";

const [api_base_url, access_token] = process.argv.slice(2);
const report = { globalWebSocket: typeof globalThis.WebSocket };

const classStream = new Mastodon({ api_base_url, access_token }).streamUser(undefined, {
  reconnect_async: false,
});
for await (const event of classStream) {
  if (event.event === "update") {
    report.classFirstUpdate = event.payload.content;
    break;
  }
}

const forcedWebSocket = new Mastodon({ api_base_url, access_token }).streamUser(undefined, {
  transport: "websocket",
});
report.classWebSocketError = await forcedWebSocket.done.then(
  () => "resolved",
  (error) => error.message,
);

const light = streamUser(createFetchClient({ api_base_url, access_token }), undefined, {
  reconnect_async: false,
});
report.lightError = await light.done.then(
  () => "resolved",
  (error) => ({ name: error.name, message: error.message }),
);
console.log(JSON.stringify(report));
