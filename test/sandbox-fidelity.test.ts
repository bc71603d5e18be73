/**
 * How faithful is the sandbox? Every recorded Mastodon 4.6.4 scenario that touches the sandbox's parts
 * is replayed on a fresh sandbox (support/sandbox-replay.ts maps tokens, hosts and ids); an interaction
 * agrees when the status code is Mastodon's, a 2xx JSON answer carries every field Mastodon sent (same
 * JSON kinds) and type-checks against its entity type (one tsc run for the whole replay). The per-scenario
 * summary goes to .fidelity/summary.json (git-ignored) and the totals to the test's diagnostics.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { conformanceTest, listScenarios, loadScenario } from "./support/recorded.js";
import {
  type InteractionResult,
  recordedAccountIds,
  recordedStart,
  replayScenario,
  type ScenarioResult,
} from "./support/sandbox-replay.js";
import {
  capArrays,
  type LiteralCheck,
  routeMatches,
  SERVER_ROUTES,
  typecheckLiterals,
} from "./support/typecheck.js";

const SET = "mastodon-4.6.4";

/** Scenarios about parts the sandbox does not have, with the reason; each pattern must match a file. */
const OUT_OF_SCOPE: [RegExp, string][] = [
  [/^test_admin_/, "admin API (accounts, reports, IP and e-mail blocks, trends) is not in the sandbox"],
  [/^test_push_/, "Web Push subscriptions are not in the sandbox"],
  [/^test_report$/, "reports are not in the sandbox"],
  [/^test_domain_blocks$/, "user domain blocks: the sandbox has no other domains"],
  [/^test_trending_links$/, "trends are not in the sandbox"],
  [/^test_status_translate$/, "translation is not in the sandbox"],
  [/^test_featured_tags$/, "featured hashtags are not in the sandbox"],
];

/**
 * The floor: agreed interactions / all replayed ones. Measured 135/361 (0.374) on 2026-12-06, before
 * statuses carried `tagged_collections`; then 344/361 (0.953) once they did, the rest being the
 * notification policy and requests, media colours and frame rate, quotes and e-mail confirmation.
 * With those, and conversations, search v2 and followed hashtags brought into the replay: 376/376
 * (1.000) in 73 scenarios. Set a little under the measure so a small regression still fails.
 */
const AGREEMENT_FLOOR = 0.97;

function area(request: string): string {
  const path = request.split(" ")[1] ?? "";
  const areas: [RegExp, string][] = [
    [/^\/api\/v1\/streaming/, "streaming"],
    [
      /^\/(oauth|\.well-known|nodeinfo)|^\/api\/v1\/(apps|custom_emojis)|^\/api\/v[12]\/instance/,
      "oauth+instance",
    ],
    [/^\/api\/v[12]\/media/, "media"],
    [/^\/api\/v1\/polls/, "polls"],
    [/^\/api\/v1\/(statuses|scheduled_statuses)/, "statuses"],
    [/^\/api\/v1\/(timelines|markers|bookmarks|favourites|conversations)/, "timelines"],
    [/^\/api\/v1\/lists/, "lists"],
    [/^\/api\/v[12]\/notifications/, "notifications"],
    [/^\/api\/v1\/(accounts|follow_requests|blocks|mutes|endorsements|profile)/, "accounts"],
  ];
  return areas.find(([re]) => re.test(path))?.[1] ?? "other";
}

interface Disagreement {
  request: string;
  recordedStatus: number;
  sandboxStatus: number;
  differences: string[];
  typeErrors: string[];
}

function agrees(result: InteractionResult, typeErrors: readonly string[]): boolean {
  return (
    result.recordedStatus === result.sandboxStatus &&
    result.differences.length === 0 &&
    typeErrors.length === 0
  );
}

conformanceTest("the sandbox answers the recorded Mastodon 4.6.4 traffic as Mastodon did", async (t) => {
  const names = listScenarios(SET);
  for (const [pattern] of OUT_OF_SCOPE) {
    assert.ok(
      names.some((n) => pattern.test(n)),
      `${pattern} matches no scenario: remove it`,
    );
  }
  const excluded = names.flatMap((name) => {
    const reason = OUT_OF_SCOPE.find(([pattern]) => pattern.test(name))?.[1];
    return reason === undefined ? [] : [{ name, reason }];
  });
  const scenarios = names.map((name) => loadScenario(SET, name));
  const accountIds = recordedAccountIds(scenarios);
  // Scenarios without a timestamp of their own start the clock where the recording session started.
  const starts = scenarios.flatMap((s) => recordedStart(s.interactions) ?? []);
  const sessionStart = starts.length > 0 ? Math.min(...starts) : undefined;

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (excluded.some((e) => e.name === scenario.name)) continue;
    results.push(await replayScenario(scenario, accountIds, sessionStart));
  }

  // One tsc run for every 2xx JSON answer whose route has an entity type.
  const checks: LiteralCheck[] = [];
  const checkOf = new Map<InteractionResult, number>();
  for (const scenario of results) {
    for (const result of scenario.interactions) {
      if (result.sandboxBody === undefined) continue;
      const [method, path] = result.request.split(" ");
      const request = { method: method ?? "", url: `http://localhost${path ?? ""}` };
      const route = SERVER_ROUTES.find((r) =>
        routeMatches(r, request, result.sandboxStatus, result.sandboxBody),
      );
      if (!route) continue;
      const type = `${route.type}${route.isArray ? "[]" : ""}`;
      checkOf.set(result, checks.length);
      checks.push({
        label: `${scenario.name} #${result.index} ${result.request} as ${type}`,
        type,
        body: capArrays(result.sandboxBody),
      });
    }
  }
  const typecheck = typecheckLiterals(checks);
  t.diagnostic(`tsc checked ${checks.length} sandbox answers in ${typecheck.ms} ms`);
  const typeErrorsOf = (result: InteractionResult) => {
    const n = checkOf.get(result);
    return n === undefined ? [] : (typecheck.errors[n] ?? []);
  };

  let agreed = 0;
  let total = 0;
  /** Why interactions disagree: a status pair or a field, ids and list positions folded. */
  const causes = new Map<string, number>();
  const tallyCause = (cause: string) => causes.set(cause, (causes.get(cause) ?? 0) + 1);
  const byArea = new Map<string, { agreed: number; total: number }>();
  const summary = results.map((scenario) => {
    const disagreements: Disagreement[] = [];
    const notes = scenario.interactions.flatMap((r) => r.notes.map((n) => `#${r.index} ${r.request} ${n}`));
    let scenarioAgreed = 0;
    for (const result of scenario.interactions) {
      const typeErrors = typeErrorsOf(result);
      const ok = agrees(result, typeErrors);
      const tally = byArea.get(area(result.request)) ?? { agreed: 0, total: 0 };
      byArea.set(area(result.request), tally);
      tally.total++;
      if (ok) {
        tally.agreed++;
        scenarioAgreed++;
        continue;
      }
      const path = result.request
        .split(" ")[1]
        ?.split("?")[0]
        ?.replace(/\d{5,}|\/\d+(?=\/|$)/g, (m) => (m.startsWith("/") ? "/:id" : ":id"));
      const endpoint = `${result.method} ${path}`;
      if (result.recordedStatus !== result.sandboxStatus) {
        tallyCause(`${endpoint}: ${result.recordedStatus} in Mastodon, ${result.sandboxStatus} here`);
      }
      for (const d of result.differences) tallyCause(`${endpoint}: ${d}`);
      if (typeErrors.length > 0) tallyCause(`${endpoint}: does not type-check`);
      disagreements.push({
        request: `#${result.index} ${result.request}`,
        recordedStatus: result.recordedStatus,
        sandboxStatus: result.sandboxStatus,
        differences: result.differences,
        typeErrors: typeErrors.filter((line) => line.startsWith("line ")),
      });
    }
    agreed += scenarioAgreed;
    total += scenario.interactions.length;
    return {
      scenario: scenario.name,
      agreed: scenarioAgreed,
      total: scenario.interactions.length,
      disagreements,
      notes,
    };
  });

  const ratio = total === 0 ? 0 : agreed / total;
  t.diagnostic(
    `agreement: ${agreed}/${total} interactions (${(ratio * 100).toFixed(1)}%) in ${results.length} scenarios`,
  );
  for (const [name, tally] of [...byArea].sort()) t.diagnostic(`  ${name}: ${tally.agreed}/${tally.total}`);
  for (const s of summary) if (s.agreed < s.total) t.diagnostic(`  ${s.scenario}: ${s.agreed}/${s.total}`);
  t.diagnostic(`excluded: ${excluded.map((e) => e.name).join(", ")}`);

  const out = resolve(dirname(fileURLToPath(import.meta.url)), "..", ".fidelity", "summary.json");
  mkdirSync(dirname(out), { recursive: true });
  const report = {
    set: SET,
    agreed,
    total,
    ratio,
    byArea: Object.fromEntries(byArea),
    causes: Object.fromEntries([...causes].sort((a, b) => b[1] - a[1])),
    excluded,
    scenarios: summary,
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  assert.deepEqual(typecheck.unattributed, [], typecheck.unattributed.join("\n"));
  // Streams: each recorded stream answers 200 text/event-stream and delivers the recorded event kinds.
  const streams = results.flatMap((s) =>
    s.interactions.filter((i) => i.stream).map((i) => ({ scenario: s.name, ...i })),
  );
  assert.ok(streams.length > 0, "no stream was replayed");
  for (const s of streams) {
    assert.equal(s.sandboxStatus, 200, `${s.scenario} ${s.request}`);
    assert.match(s.stream?.contentType ?? "", /^text\/event-stream/, `${s.scenario} ${s.request}`);
    const missing = (s.stream?.recordedKinds ?? []).filter((k) => !s.stream?.receivedKinds.includes(k));
    assert.deepEqual(missing, [], `${s.scenario} ${s.request}: events not delivered`);
  }
  assert.ok(
    ratio >= AGREEMENT_FLOOR,
    `agreement ${ratio.toFixed(3)} fell under the floor ${AGREEMENT_FLOOR}`,
  );
});
