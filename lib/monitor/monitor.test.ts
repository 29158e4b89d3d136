// The monitor against the real database: each rule fires on a crafted sequence made through the
// real API, audit summaries and usage counters, once however often it runs, and stays silent on
// a day of ordinary traffic such as the simulator's. Other test files share the database, so each
// test looks only at alerts about its own tokens, addresses and emails.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { flushAuditSummaries, summariseAudit } from "@/lib/audit/summary";
import { apiClient } from "@/lib/testing/api-client";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { DAY_MS, MINUTE_MS } from "@/lib/time";
import { revokeToken } from "@/lib/tokens/lifecycle";
import { countUsage, flushUsage } from "@/lib/usage/counter";
import { addUsageSql } from "@/lib/usage/sql";
import { checkVolume, runMonitor } from "./monitor";
import { REFUSAL_BURST, SIGN_IN_BURST } from "./rules";

const randomIp = () => `198.18.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const alertsAbout = (...subjects: string[]) => testDb().alert.findMany({ where: { subjectId: { in: subjects } }, orderBy: { createdAt: "asc" } });

describe("rule: revoked or expired token use", () => {
  it("raises one critical alert for a revoked token used through the API, however often the monitor runs", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    await revokeToken("system", view.id);
    const call = apiClient(randomIp());
    for (let i = 0; i < 3; i++) expect((await call("GET", "/devices", { token })).status).toBe(401);
    await flushAuditSummaries();

    await runMonitor();
    await runMonitor();
    const alerts = await alertsAbout(view.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: "revoked-token-use", severity: "critical", subjectType: "token", title: "Revoked token used" });
    expect(JSON.parse(alerts[0]!.detail)).toMatchObject({ reason: "revoked", route: "GET /devices", count: 3 });
  });
});

describe("rule: bursts of refused requests from one address", () => {
  it(`raises an alert at ${REFUSAL_BURST} refusals from one address in 5 minutes, not at one fewer`, async () => {
    const [noisy, quiet] = [randomIp(), randomIp()];
    for (let i = 0; i < REFUSAL_BURST; i++) await apiClient(noisy)("GET", "/devices", { token: `not-a-token-${i}` });
    for (let i = 0; i < REFUSAL_BURST - 1; i++) await apiClient(quiet)("GET", "/devices", { token: "not-a-token" });
    await flushAuditSummaries();

    await runMonitor();
    const alerts = await alertsAbout(noisy, quiet);
    expect(alerts.map((a) => [a.rule, a.subjectType, a.subjectId])).toEqual([["refusal-burst", "address", noisy]]);
    expect(JSON.parse(alerts[0]!.detail)).toMatchObject({ count: REFUSAL_BURST, threshold: REFUSAL_BURST });
  });
});

describe("rule: bursts of failed sign-ins", () => {
  it("raises an alert for one address and for one email", async () => {
    const ip = randomIp();
    const email = `target-${crypto.randomUUID()}@example.com`;
    for (let i = 0; i < SIGN_IN_BURST; i++) {
      summariseAudit({ actor: { type: "anonymous", ip }, action: "user.sign_in_failed", outcome: "failure", detail: { email: `guess-${i}@example.com` } });
      summariseAudit({ actor: { type: "anonymous", ip: randomIp() }, action: i % 2 ? "user.sign_in_throttled" : "user.sign_in_failed", outcome: "failure", detail: { email } });
    }
    await flushAuditSummaries();

    await runMonitor();
    const alerts = await alertsAbout(ip, email);
    expect(alerts.map((a) => [a.rule, a.subjectType, a.subjectId]).sort()).toEqual([
      ["sign-in-burst", "address", ip],
      ["sign-in-burst", "email", email],
    ]);
  });
});

describe("rule: a new network", () => {
  it("raises an alert when a token used from one network is used from another, not for its first", async () => {
    const user = await createUser();
    const tokenId = `tok_${crypto.randomUUID()}`;
    const use = (ip: string) => countUsage({ tokenId, userId: user.id, route: "GET /devices", status: 200, ip });
    use("203.0.113.5");
    await flushUsage();
    await runMonitor();
    expect(await alertsAbout(tokenId)).toEqual([]);

    use("203.0.113.77"); // the same /24
    use("192.0.2.9");
    await flushUsage();
    await runMonitor();
    const alerts = await alertsAbout(tokenId);
    expect(alerts.map((a) => [a.rule, a.severity, JSON.parse(a.detail).network])).toEqual([["new-network", "warning", "192.0.2.0/24"]]);
  });
});

/** Usage rows of one token, one route, a row a minute from `from` (inclusive) to `to`, `requests(minute)` each. */
async function usageRows(tokenId: string, from: number, to: number, requests: (minute: number) => number, route = "GET /devices") {
  const rows = [];
  for (let minute = from; minute < to; minute += MINUTE_MS) rows.push({ tokenId, userId: "u", route, minute, requests: requests(minute), errors: 0 });
  // lib/usage's own statement, as a flush writes them; Prisma's createMany is ten times slower.
  for (let i = 0; i < rows.length; i += 500) await testDb().$executeRaw(addUsageSql(rows.slice(i, i + 500)));
}

describe("rule: volume above the 7-day baseline", () => {
  const minute = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 10 * DAY_MS;

  it("raises an alert for a minute far above a quiet token's week, and not for a token always that busy", async () => {
    const [spiky, steady] = [`tok_${crypto.randomUUID()}`, `tok_${crypto.randomUUID()}`];
    await usageRows(spiky, minute - 7 * DAY_MS, minute, (m) => ((m / MINUTE_MS) % 60 === 0 ? 20 : 0));
    await usageRows(spiky, minute, minute + MINUTE_MS, () => 150);
    await usageRows(steady, minute - 7 * DAY_MS, minute + MINUTE_MS, () => 150);
    // Spread over routes: the rule sums them.
    await usageRows(spiky, minute, minute + MINUTE_MS, () => 30, "POST /devices");

    await checkVolume(minute);
    await checkVolume(minute);
    const alerts = await alertsAbout(spiky, steady);
    expect(alerts.map((a) => [a.rule, a.subjectId])).toEqual([["volume-spike", spiky]]);
    expect(JSON.parse(alerts[0]!.detail)).toMatchObject({ requests: 180, minute: new Date(minute).toISOString() });
  });

  it("runs on one instance a minute, over the last minute whose counts have landed", async () => {
    const tokenId = `tok_${crypto.randomUUID()}`;
    // A time no other run used, so that this run claims its minute.
    const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS + 3 * DAY_MS + 20_000;
    await usageRows(tokenId, now - 20_000 - MINUTE_MS, now - 20_000, () => 500);
    await Promise.all([runMonitor(now), runMonitor(now)]);
    expect((await alertsAbout(tokenId)).map((a) => a.rule)).toEqual(["volume-spike"]);
  });
});

describe("normal traffic", () => {
  it("raises nothing over a day of simulator-like usage and audit records", async () => {
    const now = Date.now();
    const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const start = end - DAY_MS;
    const devices = Array.from({ length: 8 }, () => `tok_${crypto.randomUUID()}`);
    const [dashboard, bridge] = [`tok_${crypto.randomUUID()}`, `tok_${crypto.randomUUID()}`];
    // The simulator: each device reports every 10 s, six requests a minute, all day.
    for (const device of devices) await usageRows(device, start, end, () => 6, "POST /devices/{deviceId}/telemetry");
    // A person's dashboard: page loads and live refreshes in the working hours, up to 40 a minute.
    await usageRows(dashboard, start, end, (m) => (new Date(m).getUTCHours() % 24 < 9 ? 0 : crypto.randomInt(0, 41)));
    // A busy bridge, 130 to 170 a minute for the whole week and the day.
    await usageRows(bridge, start - 7 * DAY_MS, end, () => crypto.randomInt(130, 171));

    const ips = [randomIp(), randomIp(), randomIp()];
    const email = `someone-${crypto.randomUUID()}@example.com`;
    const records: AuditInput[] = [];
    const at = (offset: number) => new Date(start + offset);
    for (const [i, ip] of ips.entries()) {
      records.push({ actor: "system", action: "token.issued", target: { type: "token", id: devices[i]! }, at: at(i * MINUTE_MS) });
      records.push({ actor: { type: "anonymous", ip }, action: "user.sign_in_failed", outcome: "failure", detail: { email, count: 1 }, at: at((i + 1) * 3 * 3_600_000) });
      records.push({ actor: { type: "anonymous", ip }, action: "token.refused", outcome: "denied", detail: { reason: "malformed", route: "GET /devices", count: 2 }, at: at((i + 1) * 5 * 3_600_000) });
      records.push({ actor: { type: "anonymous", ip }, action: "access.denied", outcome: "denied", detail: { route: "DELETE /devices/{deviceId}", needed: ["devices:write"], count: 1 }, at: at((i + 1) * 6 * 3_600_000) });
    }
    for (const record of records) await appendAudit(record);
    await runMonitor(now);
    for (let minute = start; minute < end; minute += MINUTE_MS) await checkVolume(minute, now);

    expect(await alertsAbout(...devices, dashboard, bridge, ...ips, email)).toEqual([]);
  }, 120_000);
});
