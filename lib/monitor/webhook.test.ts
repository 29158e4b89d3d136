// The webhook against real receivers on 127.0.0.1: a signed POST that verifies, retries with
// backoff after a failure, no redirect followed, and a signature that fails under the wrong secret.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { testDb } from "@/lib/testing/factories";
import { SECOND_MS } from "@/lib/time";
import { raiseAlert } from "./alerts";
import { ATTEMPT_DUE_MS, deliverAlerts, signatureHeader, verifySignature } from "./webhook";

type Received = { headers: http.IncomingHttpHeaders; body: string };

const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

/** A receiver that answers `status` (and `location`), keeping what it got. */
async function receiver(status: () => number, location?: string) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(status(), location ? { location } : {}).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/gatehouse?key=abc`, received };
}

const SECRET = crypto.randomBytes(32).toString("hex");

/** A fresh alert created at `at`; other tests' alerts are older or newer, so each test delivers only its own. */
async function alertAt(at: number) {
  const subjectId = `tok_${crypto.randomUUID()}`;
  const key = `revoked-token-use:token:${subjectId}:x`;
  await raiseAlert({ rule: "revoked-token-use", key, severity: "critical", title: "Revoked token used", subjectType: "token", subjectId, detail: { count: 1 } }, at);
  return testDb().alert.findUniqueOrThrow({ where: { key } });
}

// deliverAlerts sends only the alerts of the day before `now`: each test works days away from the
// others' alerts, and years away from those of the other test files, which share the database.
const FAR = 20 * 365 * 24 * 3600_000;
let day = 0;
const nextDay = () => Date.now() + FAR + ++day * 3 * 24 * 3600_000;

describe("deliverAlerts", () => {
  it("POSTs each alert once as signed JSON that verifies with the secret, and not with another", async () => {
    const { url, received } = await receiver(() => 204);
    const now = nextDay();
    const alert = await alertAt(now);

    expect(await deliverAlerts(now, { url, secret: SECRET })).toEqual({ delivered: 1, failed: 0 });
    expect(await deliverAlerts(now + 10 * SECOND_MS, { url, secret: SECRET })).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received as [Received];
    expect(headers["gatehouse-event"]).toBe("alert");
    expect(headers["content-type"]).toBe("application/json");
    expect(verifySignature(SECRET, headers["gatehouse-signature"] as string, body)).toBe(true);
    expect(verifySignature(crypto.randomBytes(32).toString("hex"), headers["gatehouse-signature"] as string, body)).toBe(false);
    expect(verifySignature(SECRET, headers["gatehouse-signature"] as string, body.replace("critical", "info"))).toBe(false);
    expect(JSON.parse(body)).toEqual({
      id: alert.id,
      rule: "revoked-token-use",
      severity: "critical",
      title: "Revoked token used",
      subjectType: "token",
      subjectId: alert.subjectId,
      detail: { count: 1 },
      createdAt: new Date(now).toISOString(),
    });
    expect(await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ deliveryAttempts: 1, deliveredAt: new Date(now) });
  });

  it("retries a failed delivery when its backoff is due, up to five attempts", async () => {
    let status = 500;
    const { url, received } = await receiver(() => status);
    const now = nextDay();
    const alert = await alertAt(now);
    const config = { url, secret: SECRET };

    expect(await deliverAlerts(now, config)).toEqual({ delivered: 0, failed: 1 });
    // Not yet due again: nothing is sent.
    expect(await deliverAlerts(now + ATTEMPT_DUE_MS[1]! - 1, config)).toEqual({ delivered: 0, failed: 0 });
    for (const [attempt, due] of ATTEMPT_DUE_MS.entries()) {
      if (attempt === 0) continue;
      if (attempt === 3) status = 200;
      const result = await deliverAlerts(now + due, config);
      if (attempt >= 3) {
        expect(result.failed).toBe(0);
        continue;
      }
      expect(result).toEqual({ delivered: 0, failed: 1 });
    }
    expect(received).toHaveLength(4);
    expect(await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ deliveryAttempts: 4, deliveredAt: new Date(now + ATTEMPT_DUE_MS[3]!) });
  });

  it("gives up after the fifth failure, and never follows a redirect", async () => {
    const target = await receiver(() => 204);
    const { url, received } = await receiver(() => 307, target.url);
    const now = nextDay();
    const alert = await alertAt(now);
    for (const due of ATTEMPT_DUE_MS) await deliverAlerts(now + due, { url, secret: SECRET });
    expect(await deliverAlerts(now + 2 * ATTEMPT_DUE_MS.at(-1)!, { url, secret: SECRET })).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(ATTEMPT_DUE_MS.length);
    expect(target.received).toEqual([]);
    expect(await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ deliveryAttempts: 5, deliveredAt: null });
  });

  it("sends an attempt from one instance only when two deliver at once", async () => {
    const { url, received } = await receiver(() => 204);
    const now = nextDay();
    await alertAt(now);
    const results = await Promise.all([deliverAlerts(now, { url, secret: SECRET }), deliverAlerts(now, { url, secret: SECRET })]);
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(received).toHaveLength(1);
  });

  it("does nothing without a webhook configured", async () => {
    expect(await deliverAlerts(Date.now(), null)).toEqual({ delivered: 0, failed: 0 });
  });
});

describe("verifySignature", () => {
  const body = '{"id":"a"}';

  it("refuses a signature outside the tolerance, a malformed header and none", () => {
    const now = Date.now();
    expect(verifySignature(SECRET, signatureHeader(SECRET, body, now), body, 300, now)).toBe(true);
    expect(verifySignature(SECRET, signatureHeader(SECRET, body, now - 301 * SECOND_MS), body, 300, now)).toBe(false);
    expect(verifySignature(SECRET, signatureHeader(SECRET, body, now + 301 * SECOND_MS), body, 300, now)).toBe(false);
    for (const header of [undefined, "", "t=abc,v1=00", `v1=${"0".repeat(64)}`, `t=${Math.floor(now / 1000)},v1=zz`, `t=${Math.floor(now / 1000)}`]) {
      expect(verifySignature(SECRET, header, body, 300, now), String(header)).toBe(false);
    }
  });

  it("matches the documented scheme: hex HMAC-SHA256 of `<t>.<body>`", () => {
    const t = 1_800_000_000;
    const v1 = crypto.createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex");
    expect(signatureHeader(SECRET, body, t * 1000)).toBe(`t=${t},v1=${v1}`);
  });
});
