import { describe, expect, it } from "vitest";
import { ROLE_SCOPES } from "@/lib/access/scopes";
import { apiClient } from "@/lib/testing/api-client";
import { label, pathOf, ROUTE_CASES } from "@/lib/testing/api-routes";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";

// The router sets the audit log's request context only around what writes a record (router.ts),
// so that reads pay nothing for it: these hold it to that.
const call = apiClient("203.0.113.77");
const AGENT = "request-context-test/1.0";

describe("the audit log's request context in the device API", () => {
  const reads = ROUTE_CASES.filter((c) => c.method === "GET");

  it.each(reads.map((c) => [label(c), c] as const))("%s writes no audit record of its own", async (_, routeCase) => {
    const admin = await createUser({ role: "ADMIN" });
    const device = await createDevice(admin.id);
    const { token, view } = await issueTestToken(admin.id, { scopes: [...ROLE_SCOPES.ADMIN] });
    const result = await call("GET", pathOf(routeCase, device.id), { token, headers: { "user-agent": AGENT } });
    expect(result.status, result.text).toBe(routeCase.ok);
    expect(await testDb().auditEvent.count({ where: { tokenId: view.id } })).toBe(0);
  });

  it("records a change with the caller's address and user agent", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const { token, view } = await issueTestToken(user.id, { scopes: ["devices:read", "devices:write"] });
    const result = await call("PATCH", `/devices/${device.id}`, { token, body: { location: "Moved" }, headers: { "user-agent": AGENT } });
    expect(result.status, result.text).toBe(200);
    const record = await testDb().auditEvent.findFirstOrThrow({ where: { tokenId: view.id, action: "device.updated" } });
    expect({ ip: record.ip, userAgent: record.userAgent }).toEqual({ ip: "203.0.113.77", userAgent: AGENT });
  });
});
