// Run by test/runtime-env-proxy.test.ts on Node 22 and 24 with NODE_USE_ENV_PROXY=1 and HTTP_PROXY
// set: one status read with each transport, each on a client of its own. Prints one JSON line.
const [dist, base] = process.argv.slice(2);
const { Mastodon } = await import(dist);
const report = {};
for (const transport of ["auto", "fetch"]) {
  const api = new Mastodon({
    api_base_url: base,
    access_token: "proxy-test-token",
    transport,
    retry: false,
    request_timeout: 10,
  });
  report[transport] = await api.status("1").then(
    (status) => status.content,
    (error) => `${error.name}: ${error.message}`,
  );
}
console.log(JSON.stringify(report));
