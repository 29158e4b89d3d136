// Limits that keep a misbehaving client or a deleted device from leaving a mess behind.
import { describe, expect, it } from "vitest";
import { MAX_METRICS_PER_DEVICE } from "@/lib/devices/telemetry";
import { issueTestToken, testDb } from "@/lib/testing/factories";
import { handleBareDevices } from "./bench";
import { apiClient, deviceOf, expectProblem, userWithToken } from "./test-client";

const call = apiClient("203.0.113.250");

describe("hardening", () => {
  it("refuses a batch that would give a device more than its share of metrics, storing nothing", async () => {
    const { user, token } = await userWithToken();
    const deviceId = await deviceOf(user.id);
    const time = new Date(Date.now() - 60_000).toISOString();
    const readings = Array.from({ length: MAX_METRICS_PER_DEVICE + 1 }, (_, i) => ({ metric: `m${i}`, time, value: i }));
    expectProblem(await call("POST", `/devices/${deviceId}/telemetry`, { token, body: { readings } }), 400, "invalid_request");
    expect(await testDb().metric.count({ where: { deviceId } })).toBe(0);
    const fits = readings.slice(0, MAX_METRICS_PER_DEVICE);
    expect((await call("POST", `/devices/${deviceId}/telemetry`, { token, body: { readings: fits } })).status).toBe(201);
  });

  it("records a deleted device in the audit log and ends its ingest tokens", async () => {
    const { user, token } = await userWithToken();
    const deviceId = await deviceOf(user.id, "Shed sensor");
    const ingest = await issueTestToken(user.id, { kind: "DEVICE", deviceId });
    expect((await call("DELETE", `/devices/${deviceId}`, { token })).status).toBe(204);
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "device.deleted", targetId: deviceId } });
    expect(event.actorId).toBe(user.id);
    expect(JSON.parse(event.detail)).toMatchObject({ name: "Shed sensor", tokens: [ingest.view.id] });
    const time = new Date().toISOString();
    expectProblem(await call("POST", `/devices/${deviceId}/telemetry`, { token: ingest.token, body: { readings: [{ metric: "t", time, value: 1 }] } }), 401);
  });

  it("keeps the benchmark's bare route shut without its key", async () => {
    const { user } = await userWithToken({ role: "ADMIN" });
    const url = `http://test/api/bench/devices?userId=${user.id}&role=ADMIN`;
    expect((await handleBareDevices(new Request(url))).status).toBe(404);
    expect((await handleBareDevices(new Request(url, { headers: { "x-bench-key": "x".repeat(40) } }))).status).toBe(404);
  });
});
