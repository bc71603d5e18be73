// The sandbox's Table: `some` answers from an index without copying it, and forgets removed records.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Table } from "../src/sandbox/table.js";

test("Table.some looks only at the records with that index key, and not at removed ones", () => {
  const marks = new Table<{ id: string; account_id: string; status_id: string }>({
    status: (r) => r.status_id,
  });
  marks.insert({ id: "10", account_id: "a", status_id: "s1" });
  marks.insert({ id: "11", account_id: "b", status_id: "s2" });
  assert.equal(
    marks.some("status", "s1", (m) => m.account_id === "a"),
    true,
  );
  assert.equal(
    marks.some("status", "s2", (m) => m.account_id === "a"),
    false,
    "b's mark on s2 is not a's",
  );
  assert.equal(
    marks.some("status", "s9", () => true),
    false,
  );
  marks.delete("10");
  assert.equal(
    marks.some("status", "s1", () => true),
    false,
  );
  assert.throws(() => marks.some("account", "a", () => true), /no index account/);
});
