// Limits that keep a misbehaving client or a deleted device from leaving a mess behind.
import fs from "node:fs";
import path from "node:path";
// Next's own matcher of route files: an internal module, so a Next upgrade may move it, and this
// file then fails to load rather than pass.
import { createValidFileMatcher } from "next/dist/server/lib/find-page-file";
import { describe, expect, it, vi } from "vitest";
import { MAX_METRICS_PER_DEVICE } from "@/lib/devices/telemetry";
import { issueTestToken, testDb } from "@/lib/testing/factories";
import { apiClient, deviceOf, expectProblem, userWithToken } from "@/lib/testing/api-client";
import { MINUTE_MS } from "@/lib/time";

const call = apiClient("203.0.113.250");

describe("hardening", () => {
  it("refuses a batch that would give a device more than its share of metrics, storing nothing", async () => {
    const { user, token } = await userWithToken();
    const deviceId = await deviceOf(user.id);
    const time = new Date(Date.now() - MINUTE_MS).toISOString();
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

  it("builds the benchmark's bare routes and page, which check no token, into the benchmark's build alone", async () => {
    const built = ["api/bench/devices/route.bench.ts", "api/bench/ingest/route.bench.ts", "api/bench/static/route.bench.ts", "bench/tiles/page.bench.tsx"].map((file) => path.join(APP, file));
    for (const file of built) expect(fs.existsSync(file)).toBe(true);
    expect(await benchRoutesBuilt(undefined)).toEqual([]);
    expect(await benchRoutesBuilt("0")).toEqual([]);
    expect((await benchRoutesBuilt("1")).sort()).toEqual(built.sort());
  });
});

const APP = path.join(process.cwd(), "app");

/**
 * The files under app/api/bench and app/bench that a build made with GATEHOUSE_BUILD_BENCH=flag
 * takes for routes or pages: next.config.ts's page extensions for that build, given to the test
 * Next itself uses.
 */
async function benchRoutesBuilt(flag: string | undefined): Promise<string[]> {
  vi.stubEnv("GATEHOUSE_BUILD_BENCH", flag);
  vi.resetModules();
  try {
    const { default: config } = await import("@/next.config");
    const { isAppRouterRoute, isAppRouterPage } = createValidFileMatcher(config.pageExtensions ?? [], APP);
    return ["api/bench", "bench"]
      .map((folder) => path.join(APP, folder))
      .flatMap((dir) => fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((name) => path.join(dir, name)))
      .filter((file) => isAppRouterRoute(file) || isAppRouterPage(file));
  } finally {
    vi.unstubAllEnvs();
  }
}
