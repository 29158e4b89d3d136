// Each security event the API, sign-in and sign-out produce is one audit record (one summary for
// the high-volume ones), with who, from where and with what; and a change whose record cannot be
// written is not made.
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { apiClient } from "@/lib/testing/api-client";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { issuePersonal } from "@/lib/testing/tokens";
import { revokeToken } from "@/lib/tokens/lifecycle";
import { verifyToken } from "@/lib/tokens/verify";
import { generateToken } from "@/lib/tokens/format";
import { AuditUnavailable } from "./append";
import { flushAuditSummaries } from "./summary";
import { allowInserts, refuseInserts } from "@/lib/testing/refuse-inserts";

const address = () => `198.51.100.${crypto.randomInt(1, 254)}`;
const records = (where: { action: string; ip?: string; targetId?: string; actorId?: string }) => testDb().auditEvent.findMany({ where });
const detailOf = (record: { detail: string }) => JSON.parse(record.detail) as Record<string, unknown>;

/** Makes every audit write on the app's connection fail, as a full disk or a broken file would. */
async function breakAuditLog() {
  await refuseInserts(db, "AuditEvent");
}
afterEach(async () => {
  await allowInserts(db, "AuditEvent");
});

describe("audit events from the API", () => {
  it("summarises refused tokens by reason, with the token's id when it is known, and the user agent", async () => {
    const ip = address();
    const call = apiClient(ip);
    const user = await createUser();
    const revoked = await issuePersonal("system", user.id);
    await revokeToken("system", revoked.view.id);
    const headers = { "user-agent": "curl/8.5\u0007 (tester)" };
    for (let i = 0; i < 3; i++) expect((await call("GET", "/devices", { token: revoked.token, headers })).status).toBe(401);
    expect((await call("GET", "/devices", { token: generateToken("PERSONAL") })).status).toBe(401);
    expect((await call("GET", "/devices", { token: null })).status).toBe(401);
    await flushAuditSummaries();

    const refused = await records({ action: "token.refused", ip });
    const byReason = Object.fromEntries(refused.map((r) => [detailOf(r).reason, r]));
    expect(Object.keys(byReason).sort()).toEqual(["missing", "revoked", "unknown"]);
    expect(byReason.revoked).toMatchObject({ actorType: "anonymous", outcome: "denied", targetType: "token", targetId: revoked.view.id, userAgent: "curl/8.5  (tester)" });
    expect(detailOf(byReason.revoked!)).toMatchObject({ reason: "revoked", route: "GET /devices", count: 3 });
    expect(byReason.unknown).toMatchObject({ targetId: null });
  });

  it("summarises scope denials as the token's", async () => {
    const ip = address();
    const user = await createUser();
    const { token, view } = await issuePersonal("system", user.id, ["devices:read"]);
    expect((await apiClient(ip)("POST", "/devices", { token, body: { name: "X", kind: "thermostat" } })).status).toBe(403);
    await flushAuditSummaries();
    const [denied, ...more] = await records({ action: "access.denied", ip });
    expect(more).toHaveLength(0);
    expect(denied).toMatchObject({ actorType: "token", actorId: user.id, tokenId: view.id, outcome: "denied" });
    expect(detailOf(denied!)).toMatchObject({ route: "POST /devices", needed: ["devices:write"], count: 1 });
  });

  it("records a device's creation, change and deletion once each, with the token that did it", async () => {
    const ip = address();
    const call = apiClient(ip);
    const user = await createUser();
    const { token, view } = await issuePersonal("system", user.id, ["devices:read", "devices:write"]);
    const created = await call("POST", "/devices", { token, body: { name: "Shed", kind: "thermostat" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call("PATCH", `/devices/${id}`, { token, body: { name: "Barn" } })).status).toBe(200);
    expect((await call("DELETE", `/devices/${id}`, { token })).status).toBe(204);
    const trail = await testDb().auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(trail.map((r) => r.action)).toEqual(["device.created", "device.updated", "device.deleted"]);
    for (const record of trail) expect(record).toMatchObject({ actorType: "token", actorId: user.id, tokenId: view.id, ip });
    expect(detailOf(trail[1]!)).toEqual({ changed: { name: "Barn" } });
  });

  it("answers 503 and changes nothing when the audit log cannot be written", async () => {
    const user = await createUser();
    const device = await createDevice(user.id, { name: "Kept" });
    const { token } = await issuePersonal("system", user.id, ["devices:read", "devices:write"]);
    await breakAuditLog();
    const call = apiClient(address());
    const create = await call("POST", "/devices", { token, body: { name: "Never", kind: "thermostat" } });
    expect(create.status).toBe(503);
    expect(create.headers.get("retry-after")).toBe("5");
    expect(create.body).toMatchObject({ code: "unavailable", status: 503 });
    expect(create.text).not.toMatch(/disk I\/O|RAISE|trigger/i);
    expect((await call("DELETE", `/devices/${device.id}`, { token })).status).toBe(503);
    expect(await testDb().device.count({ where: { ownerId: user.id } })).toBe(1);
  });
});

describe("audit before action in lib/", () => {
  it("leaves a token working when its revocation cannot be recorded", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    await breakAuditLog();
    await expect(revokeToken("system", view.id)).rejects.toBeInstanceOf(AuditUnavailable);
    expect((await testDb().apiToken.findUniqueOrThrow({ where: { id: view.id } })).revokedAt).toBeNull();
    expect((await verifyToken(token)).ok).toBe(true);
  });
});

describe("audit events from sign-in and sign-out", () => {
  it("summarises throttled attempts, and records a sign-out once, as the person", async () => {
    const ip = address();
    const user = await createUser({ password: "the right password" });
    for (let i = 0; i < 8; i++) await authenticate({ email: user.email, password: "wrong" }, ip);
    await flushAuditSummaries();
    const failed = await records({ action: "user.sign_in_failed", ip });
    const throttled = await records({ action: "user.sign_in_throttled", ip });
    expect(failed).toHaveLength(1);
    expect(throttled).toHaveLength(1);
    expect(detailOf(failed[0]!).count as number + (detailOf(throttled[0]!).count as number)).toBe(8);
    expect(throttled[0]).toMatchObject({ outcome: "denied", actorType: "anonymous" });

    const signedInAt = Date.now() - 1000;
    await authOptions.events!.signOut!({ token: { sub: user.id, role: "STANDARD", signedInAt }, session: null as never });
    await authOptions.events!.signOut!({ token: { sub: user.id, role: "STANDARD", signedInAt }, session: null as never });
    expect(await records({ action: "user.signed_out", targetId: user.id })).toMatchObject([{ actorType: "user", actorId: user.id }]);
  });
});
