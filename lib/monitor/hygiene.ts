// Token hygiene, run by the "hygiene" job every minute on every instance: idle tokens disabled,
// expired ones recorded, expiry reminders and the admins' daily digest. Each step is once-only by
// its own means (a conditional update, a notification's unique key), so instances may overlap.
import "server-only";
import { disableIdleTokens } from "@/lib/tokens/hygiene";
import { recordExpiredTokens, sendAdminDigest, sendExpiryReminders } from "./reminders";

export type HygieneRun = { idleDisabled: number; expired: number; reminders: number; digests: number };

export async function runHygiene(now: number): Promise<HygieneRun> {
  const idleDisabled = (await disableIdleTokens(now)).length;
  const expired = await recordExpiredTokens(now);
  const reminders = await sendExpiryReminders(now);
  const digests = await sendAdminDigest(now);
  return { idleDisabled, expired, reminders, digests };
}
