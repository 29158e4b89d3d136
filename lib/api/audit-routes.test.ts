import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { listAudit } from "@/lib/audit/query";
import { apiClient, expectProblem, tokenFor, userWithToken } from "@/lib/testing/api-client";
import { personOf } from "@/lib/testing/callers";
import { AuditChainStatus, AuditPage } from "./schemas-audit";

const call = apiClient("203.0.113.42");
const subject = personOf({ id: `api-subject-${crypto.randomUUID()}`, role: "STANDARD" });
const marker = `marker-${crypto.randomUUID()}`;
let admin: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  admin = await userWithToken({ role: "ADMIN" });
  for (let i = 0; i < 5; i++) await appendAudit({ actor: subject, action: `test.api_${i}`, target: { type: "note", id: marker }, outcome: i === 2 ? "denied" : "success" });
});

describe("GET /api/v1/audit", () => {
  it("pages through a filter with the cursor, with neither a duplicate nor a gap", async () => {
    const seen: number[] = [];
    let path = `/audit?actor=${subject.userId}&limit=2`;
    for (let pages = 0; pages < 10; pages++) {
      const result = await call("GET", path, { token: admin.token });
      expect(result.status, result.text).toBe(200);
      expect(result.headers.get("cache-control")).toMatch(/^no-store\b/);
      expect(AuditPage.parse(result.body).items.length).toBeLessThanOrEqual(2);
      seen.push(...result.body.items.map((item: { id: number }) => item.id));
      if (result.body.nextCursor === null) break;
      path = `/audit?actor=${subject.userId}&limit=2&cursor=${result.body.nextCursor}`;
    }
    const expected = (await listAudit(personOf({ id: admin.user.id, role: "ADMIN" }), { actor: subject.userId }, { limit: 200 })).items;
    expect(seen).toEqual(expected.map((item) => item.id));
    expect(seen).toHaveLength(5);
  });

  it("filters as the page does", async () => {
    const result = await call("GET", `/audit?target=${marker}&outcome=denied&action=test.`, { token: admin.token });
    expect(result.status, result.text).toBe(200);
    expect(result.body.items.map((item: { action: string }) => item.action)).toEqual(["test.api_2"]);
    expect(result.body.items[0]).toMatchObject({ actorType: "user", actorId: subject.userId, targetType: "note", targetId: marker, outcome: "denied" });
  });

  it("answers 400 with the field for a bad filter, a bad page or an unknown parameter", async () => {
    const cases: [string, string][] = [
      ["from=yesterday", "from"],
      ["from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to"],
      ["outcome=ok", "outcome"],
      ["action=DROP%20TABLE", "action"],
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["cursor=abc", "cursor"],
    ];
    for (const [query, field] of cases) {
      const result = await call("GET", `/audit?${query}`, { token: admin.token });
      expectProblem(result, 400, "invalid_request");
      expect(Object.keys(result.body.errors), query).toContain(field);
    }
    expectProblem(await call("GET", "/audit?color=red", { token: admin.token }), 400, "invalid_request");
  });

  it("refuses a Standard user's token, and an admin's without audit:read, with 403 and no audit data", async () => {
    const standard = await userWithToken();
    const narrow = await tokenFor(admin.user.id, ["devices:read", "users:admin"]);
    for (const token of [standard.token, narrow.token]) {
      for (const path of [`/audit?target=${marker}`, "/audit/verify"]) {
        const result = await call("GET", path, { token });
        expectProblem(result, 403, "forbidden", [token]);
        expect(result.text).not.toContain(marker);
        expect(result.text).not.toContain(subject.userId);
        expect(result.text).not.toMatch(/test\.api_|"items"|"hash"|"records"/);
      }
    }
  });

  it("answers 401 without a token", async () => {
    expectProblem(await call("GET", "/audit", { token: null }), 401, "unauthorized");
  });
});

describe("GET /api/v1/audit/verify", () => {
  it("answers the chain's state", async () => {
    const result = await call("GET", "/audit/verify", { token: admin.token });
    expect(result.status, result.text).toBe(200);
    const status = AuditChainStatus.parse(result.body);
    expect(status.records).toBeGreaterThanOrEqual(5);
    // Another test file may have broken the shared database's chain on purpose; either answer is well formed.
    if (status.ok) expect(status.head).toMatch(/^[0-9a-f]{64}$/);
    else expect(status.firstBroken).toMatchObject({ id: expect.any(Number), reason: expect.any(String) });
  });
});
