// The optional alert webhook: each new alert is POSTed as JSON to ALERT_WEBHOOK_URL, signed with
// ALERT_WEBHOOK_SECRET. Delivery is at least once: an attempt is claimed (counted) before it is
// sent, so two instances never send the same attempt, but a receiver may see an alert again after
// a timeout or a crash between its answer and our note of it, and should ignore an id it has seen.
//
// The signature, for receivers: header `Gatehouse-Signature: t=<unix seconds>,v1=<hex>` where hex
// is HMAC-SHA256(secret, "<t>.<raw request body>"). Check it over the raw bytes before parsing the
// JSON, compare in constant time, and refuse a t more than 5 minutes from your clock
// (verifySignature below does all three). `Gatehouse-Event: alert` names the kind of payload.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";

export type WebhookConfig = { url: string; secret: string };

/** The configured webhook, or null when ALERT_WEBHOOK_URL is unset. */
export function webhookConfig(): WebhookConfig | null {
  return env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET ? { url: env.ALERT_WEBHOOK_URL, secret: env.ALERT_WEBHOOK_SECRET } : null;
}

/** When each attempt is due, after the alert was raised: at once, then backing off. Five in all. */
export const ATTEMPT_DUE_MS = [0, 30 * SECOND_MS, 2 * MINUTE_MS, 10 * MINUTE_MS, HOUR_MS];
export const TIMEOUT_MS = 5 * SECOND_MS;
/** Alerts older than this are not sent: a webhook set up today does not replay last month. */
const MAX_AGE_MS = DAY_MS;
const BATCH = 20;

function hmac(secret: string, t: number, body: string): string {
  return crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

/** The Gatehouse-Signature header for `body`, signed at `now`. */
export function signatureHeader(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / SECOND_MS);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

/** For receivers: whether `header` signs this exact `body` with `secret`, within `toleranceSec` of now. */
export function verifySignature(secret: string, header: string | null | undefined, body: string, toleranceSec = 300, now = Date.now()): boolean {
  if (!header) return false;
  const parts = header.split(",").map((part) => part.trim().split("=", 2) as [string, string?]);
  const t = Number(parts.find(([name]) => name === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now / SECOND_MS - t) > toleranceSec) return false;
  const expected = Buffer.from(hmac(secret, t, body), "hex");
  return parts.some(([name, value]) => {
    if (name !== "v1" || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return crypto.timingSafeEqual(Buffer.from(value, "hex"), expected);
  });
}

/**
 * Sends each alert whose next attempt is due. Run by a job on every instance: an attempt is
 * claimed by moving deliveryAttempts from n to n + 1 where it is still n, so only one instance
 * makes it. Returns the alerts delivered and the attempts that failed.
 */
export async function deliverAlerts(now = Date.now(), config = webhookConfig()): Promise<{ delivered: number; failed: number }> {
  const result = { delivered: 0, failed: 0 };
  if (!config) return result;
  const due = await db.alert.findMany({
    where: {
      deliveredAt: null,
      createdAt: { gte: new Date(now - MAX_AGE_MS) },
      OR: ATTEMPT_DUE_MS.map((after, attempts) => ({ deliveryAttempts: attempts, createdAt: { lte: new Date(now - after) } })),
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  for (const alert of due) {
    const { count } = await db.alert.updateMany({
      where: { id: alert.id, deliveredAt: null, deliveryAttempts: alert.deliveryAttempts },
      data: { deliveryAttempts: alert.deliveryAttempts + 1 },
    });
    if (count === 0) continue;
    const body = JSON.stringify({
      id: alert.id,
      rule: alert.rule,
      severity: alert.severity,
      title: alert.title,
      subjectType: alert.subjectType,
      subjectId: alert.subjectId,
      detail: JSON.parse(alert.detail) as unknown,
      createdAt: alert.createdAt.toISOString(),
    });
    const failure = await post(config, body);
    if (failure) {
      result.failed++;
      const last = alert.deliveryAttempts + 1 >= ATTEMPT_DUE_MS.length;
      // Only where it went, never the secret or the URL's path and query, which may carry a credential.
      console.error(`alert webhook to ${new URL(config.url).origin}: attempt ${alert.deliveryAttempts + 1} for alert ${alert.id} failed (${failure})${last ? "; giving up" : ""}`);
      continue;
    }
    await db.alert.update({ where: { id: alert.id }, data: { deliveredAt: new Date(now) } });
    result.delivered++;
  }
  return result;
}

/** POSTs one payload; returns why it failed, or null. A redirect is a failure: it is not followed. */
async function post(config: WebhookConfig, body: string): Promise<string | null> {
  try {
    const response = await fetch(config.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Gatehouse-Webhook", "gatehouse-event": "alert", "gatehouse-signature": signatureHeader(config.secret, body) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    const { name, cause } = error as { name?: string; cause?: { code?: unknown } };
    return [name ?? "Error", typeof cause?.code === "string" ? cause.code : ""].filter(Boolean).join(" ");
  }
}
