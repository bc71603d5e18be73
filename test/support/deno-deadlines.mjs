// Run by test/runtime-deno.test.ts on Deno: counts the timers a client sets over sequential
// requests. request_timeout runs on one timer per client, kept (unreferenced) between requests
// rather than set up again for each. Prints one JSON line, then exits by itself:
// the kept timer must not hold the process open.
const [dist, base] = Deno.args;
let timersSet = 0;
const setTimeoutBefore = globalThis.setTimeout;
globalThis.setTimeout = (...args) => {
  timersSet++;
  return setTimeoutBefore(...args);
};
const { Mastodon } = await import(dist);
const api = new Mastodon({ api_base_url: base, access_token: "deno-token", retry: false });
const statuses = [];
for (let i = 0; i < 20; i++) statuses.push((await api.status(String(i))).id);
console.log(JSON.stringify({ timersSet, statuses: statuses.length }));
