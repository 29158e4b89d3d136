// Expiry reminders to a token's owner (30, 7 and 1 days before), the record that a token expired,
// and the admins' daily digest. Every one is a Notification with a unique key, which is what makes
// each happen once however many instances run the hygiene job.
import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { REMINDER_DAYS } from "@/lib/tokens/reminder-window";
import { liveOwnedTokens } from "./live";
import { isDuplicate, notify, sentKeys } from "./notifications";
import { postureFacts } from "./posture";

// Defined beside the tokens, whose page marks a token "soon" within the same window.
export { REMINDER_DAYS };

/** Expired longer ago than this, a token is not worth a notification (one that expired before Gatehouse kept records, say). */
const EXPIRED_LOOKBACK_MS = 30 * DAY_MS;

/** Tokens people hold and renew themselves, not revoked or rotated; the dashboard's own token is rotated by Gatehouse. */
const OWNED: Prisma.ApiTokenWhereInput = { kind: { in: ["PERSONAL", "DEVICE"] }, revokedAt: null, replacedById: null };

/** The token's own page (usage, status), which its owner and admins can open. */
const linkTo = (tokenId: string) => `/tokens/${tokenId}`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The reminder due for a token with `msLeft` to live: the smallest threshold at or above the days
 * left, so that a token issued with 5 days gets the 7-day one and then the 1-day one; null when
 * none is due yet (or it has expired).
 */
export function dueReminder(msLeft: number): number | null {
  if (msLeft <= 0) return null;
  const due = [...REMINDER_DAYS].reverse().find((days) => msLeft <= days * DAY_MS);
  return due ?? null;
}

function expiresIn(msLeft: number): string {
  return msLeft <= DAY_MS ? "within a day" : `in ${plural(Math.ceil(msLeft / DAY_MS), "day")}`;
}

/** Sends each live personal and device token's due reminder to its owner, once; returns how many it sent. */
export async function sendExpiryReminders(now: number): Promise<number> {
  // Every candidate, not a batch: a batch of the soonest, all reminded already, would starve the rest.
  const tokens = await db.apiToken.findMany({
    where: { ...liveOwnedTokens(now), expiresAt: { gt: new Date(now), lte: new Date(now + REMINDER_DAYS[0] * DAY_MS) } },
    select: { id: true, userId: true, name: true, expiresAt: true },
    orderBy: { expiresAt: "asc" },
  });
  const due = tokens.flatMap((token) => {
    const msLeft = token.expiresAt.getTime() - now;
    const days = dueReminder(msLeft);
    return days === null ? [] : [{ token, msLeft, key: `expiry:${days}:${token.id}` }];
  });
  const sent = await sentKeys(due.map((d) => d.key));
  let count = 0;
  for (const { token, msLeft, key } of due) {
    if (sent.has(key)) continue;
    const title = `Token “${token.name}” expires ${expiresIn(msLeft)}`;
    const body = `It stops working on ${token.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Issue a new one and move what uses it across before then.`;
    if (await notify({ userId: token.userId, key, kind: "token.expiring", title, body, link: linkTo(token.id) }, now)) count++;
  }
  return count;
}

/**
 * Records each personal and device token that has passed its expiry: a notification to its owner
 * and the audit record token.expired, in one transaction. The notification's unique key is what
 * makes it once: when another instance inserted it first, this one's insert fails and its audit
 * record is rolled back with it.
 */
export async function recordExpiredTokens(now: number): Promise<number> {
  const tokens = await db.apiToken.findMany({
    where: { ...OWNED, expiresAt: { lte: new Date(now), gt: new Date(now - EXPIRED_LOOKBACK_MS) } },
    select: { id: true, userId: true, name: true, expiresAt: true },
    orderBy: { expiresAt: "asc" },
  });
  const sent = await sentKeys(tokens.map((t) => `expired:${t.id}`));
  let count = 0;
  for (const token of tokens.filter((t) => !sent.has(`expired:${t.id}`))) {
    try {
      await transaction(async (tx) => {
        await tx.notification.create({
          data: {
            userId: token.userId,
            key: `expired:${token.id}`,
            kind: "token.expired",
            title: `Token “${token.name}” has expired`,
            body: "Requests with it are refused. Issue a new token if you still need one.",
            link: linkTo(token.id),
            createdAt: new Date(now),
          },
        });
        await appendAudit({ actor: "system", action: "token.expired", target: { type: "token", id: token.id }, detail: { expiresAt: token.expiresAt.toISOString() } }, tx);
      });
      count++;
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
  return count;
}

/** The digest's date, in UTC: one a day. */
const day = (now: number) => new Date(now).toISOString().slice(0, 10);

/**
 * Once a day, one notification to each active admin: tokens expiring within 7 days (how many, and
 * up to 10 of them by name), idle tokens and unacknowledged alerts. Nothing on a day with nothing
 * to report. Returns how many it sent.
 */
export async function sendAdminDigest(now: number): Promise<number> {
  const admins = await db.user.findMany({ where: { role: "ADMIN", disabledAt: null }, select: { id: true } });
  const keys = admins.map((admin) => `digest:${day(now)}:${admin.id}`);
  const sent = await sentKeys(keys);
  if (keys.every((key) => sent.has(key))) return 0;

  const facts = await postureFacts("system", now, 10);
  if (facts.expiring7.count + facts.idle.count + facts.openAlerts === 0) return 0;
  const names = facts.expiring7.tokens.map((t) => `“${t.name}” (${t.ownerName})`);
  const more = facts.expiring7.count - names.length;
  const lines = [
    `${plural(facts.expiring7.count, "token")} expiring within 7 days${names.length ? `: ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : ""}.`,
    `${plural(facts.idle.count, "token")} unused for over 30 days.`,
    `${plural(facts.openAlerts, "unacknowledged alert")}.`,
  ];
  const title = `Daily digest: ${plural(facts.expiring7.count, "token")} expiring soon, ${plural(facts.openAlerts, "open alert")}`;
  let count = 0;
  for (const [i, admin] of admins.entries()) {
    if (sent.has(keys[i]!)) continue;
    if (await notify({ userId: admin.id, key: keys[i]!, kind: "digest", title, body: lines.join("\n"), link: "/admin" }, now)) count++;
  }
  return count;
}
