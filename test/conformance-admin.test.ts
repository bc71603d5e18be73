// Admin-area scenarios replayed from real Mastodon 4.6.4 traffic (recorded with Mastodon.py's
// tests): account listings v1 and v2, canonical email blocks, IP blocks, reports, trends.
import assert from "node:assert/strict";
import type { AdminReport, Status } from "../src/index.js";
import { conformanceTest } from "./support/recorded.js";
import { calls, RECORDED_TOKENS, recordedClient, replay } from "./support/recorded-client.js";

// Token 2 belongs to the admin account; token 3 to an ordinary user (mastodonpy_test_2).
const ADMIN = RECORDED_TOKENS.admin;
const USER = RECORDED_TOKENS.user3;

const client = (url: string, token: string = ADMIN) => recordedClient(url, token);

conformanceTest(
  "test_admin_accounts: the v1 listing (active local accounts), then one account",
  async (t) => {
    const server = await replay(t, "test_admin_accounts");
    const api = client(server.url);
    const accounts = await api.adminAccounts();
    assert.ok(accounts.length > 0);
    assert.ok(accounts.every((a) => a.account.id === a.id && typeof a.email === "string"));
    const me = await api.accountVerifyCredentials();
    const admin = await api.adminAccount(me);
    assert.equal(admin.id, me.id);
    assert.equal(admin.username, "admin");
    server.assertAllConsumed();
    assert.equal(calls(server)[0]?.query.get("active"), "true", "v1 takes the status as its own flag");
    assert.ok(calls(server).every((r) => r.authorization === `Bearer ${ADMIN}`));
  },
);

conformanceTest("test_admin_accounts_v2: local and remote staff through the v2 listing", async (t) => {
  const server = await replay(t, "test_admin_accounts_v2");
  const api = client(server.url);
  const staff = await api.adminAccountsV2({ origin: "local", permissions: "staff" });
  assert.ok(staff.length > 0);
  assert.ok(
    staff.every((a) => a.domain === null),
    "local accounts have no domain",
  );
  const me = await api.accountVerifyCredentials();
  const admin = await api.adminAccount(me.id);
  assert.equal(admin.id, me.id);
  assert.ok(
    staff.some((a) => a.id === me.id),
    "the admin is staff",
  );
  const remote = await api.adminAccountsV2({ origin: "remote", permissions: "staff" });
  assert.deepEqual([...remote], []);
  server.assertAllConsumed();
});

conformanceTest(
  "test_admin_canonical_email_block: block by address and by hash, test spellings",
  async (t) => {
    const server = await replay(t, "test_admin_canonical_email_block");
    const api = client(server.url);
    const block = await api.adminCreateCanonicalEmailBlock({ email: "test@example.com" });
    assert.match(block.canonical_email_hash, /^[0-9a-f]{64}$/);
    // Every spelling of the same address hits the one block.
    for (const spelling of [
      "test@example.com",
      "Test@example.com",
      "te.st@example.com",
      "test+other@EXAMPLE.com",
    ]) {
      const hits = await api.adminTestCanonicalEmailBlock(spelling);
      assert.deepEqual(
        hits.map((b) => b.id),
        [block.id],
        spelling,
      );
    }
    assert.deepEqual(
      (await api.adminCanonicalEmailBlocks()).map((b) => b.id),
      [block.id],
    );
    assert.deepEqual(await api.adminDeleteCanonicalEmailBlock(block), {});
    assert.deepEqual([...(await api.adminCanonicalEmailBlocks())], []);

    const byHash = await api.adminCreateCanonicalEmailBlock({
      canonical_email_hash: block.canonical_email_hash,
    });
    assert.equal(byHash.canonical_email_hash, block.canonical_email_hash);
    assert.deepEqual(await api.adminCanonicalEmailBlock(byHash.id), byHash);
    for (const spelling of ["Test@example.com", "te.st@example.com", "test+other@EXAMPLE.com"]) {
      const hits = await api.adminTestCanonicalEmailBlock(spelling);
      assert.deepEqual(
        hits.map((b) => b.id),
        [byHash.id],
        spelling,
      );
    }
    await api.adminDeleteCanonicalEmailBlock(byHash.id);
    server.assertAllConsumed();
  },
);

conformanceTest("test_admin_ip_blocks: create, read, list, update, delete", async (t) => {
  // Mastodon.py also sends the block's id in the body of the update; the id in the path is the
  // one the server uses, so that one difference is tolerated and checked below.
  const server = await replay(t, "test_admin_ip_blocks", { strictParams: false });
  const api = client(server.url);
  const block = await api.adminCreateIpBlock("8.8.8.0/24", "no_access", {
    comment: "Google DNS is ULTRA BANNED",
  });
  assert.equal(block.ip, "8.8.8.0/24");
  assert.equal(block.severity, "no_access");
  assert.equal(block.expires_at, null);
  assert.deepEqual(await api.adminIpBlock(block), block);
  assert.deepEqual(
    (await api.adminIpBlocks()).map((b) => b.id),
    [block.id],
  );
  const updated = await api.adminUpdateIpBlock(block, { comment: "Updated test block" });
  assert.equal(updated.comment, "Updated test block");
  assert.deepEqual(await api.adminDeleteIpBlock(block), {});
  assert.deepEqual([...(await api.adminIpBlocks())], []);
  assert.deepEqual([...(await api.adminIpBlocks())], []);
  server.assertAllConsumed();
  const mismatches = server.requests.filter((r) => r.paramMismatch.length > 0);
  assert.deepEqual(
    mismatches.map((r) => [r.method, r.path, r.paramMismatch]),
    [["PUT", "/api/v1/admin/ip_blocks/1", ['id: expected "1", got (absent)']]],
  );
});

conformanceTest("test_admin_reports: resolve, reopen, assign, unassign, read a report", async (t) => {
  const server = await replay(t, "test_admin_reports");
  const user = client(server.url, USER);
  const admin = client(server.url, ADMIN);
  const status = await user.statusPost("Toot, finally!");
  const account = await user.accountVerifyCredentials();
  const moderator = await admin.accountVerifyCredentials();
  const filed = await admin.report(account, { status_ids: status, comment: "api crimes" });
  assert.equal(filed.action_taken, false);
  const ids = (reports: readonly AdminReport[]) => reports.map((r) => r.id);

  assert.ok(ids(await admin.adminReports()).includes(filed.id));
  let report = await admin.adminReportResolve(filed);
  assert.equal(report.action_taken, true);
  assert.equal(report.action_taken_by_account?.id, moderator.id);
  assert.ok(!ids(await admin.adminReports()).includes(report.id), "resolved reports are not listed");

  report = await admin.adminReportReopen(report);
  assert.equal(report.action_taken, false);
  assert.ok(ids(await admin.adminReports()).includes(report.id));

  report = await admin.adminReportAssign(report);
  assert.equal(report.assigned_account?.id, moderator.id);
  report = await admin.adminReportUnassign(report);
  assert.equal(report.assigned_account, null);

  const again = await admin.adminReport(report);
  assert.equal(again.id, report.id);
  assert.deepEqual(
    again.statuses.map((s: Status) => s.id),
    [status.id],
  );
  await user.statusDelete(status);
  server.assertAllConsumed();
});

conformanceTest("test_admin_trends: tags, statuses and links awaiting review, with a limit", async (t) => {
  const server = await replay(t, "test_admin_trends");
  const api = client(server.url);
  assert.deepEqual([...(await api.adminTrendingTags())], []);
  assert.deepEqual([...(await api.adminTrendingStatuses())], []);
  assert.deepEqual([...(await api.adminTrendingLinks())], []);
  assert.deepEqual([...(await api.adminTrendingTags({ limit: 5 }))], []);
  server.assertAllConsumed();
});
