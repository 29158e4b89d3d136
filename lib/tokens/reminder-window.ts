// When a token counts as expiring: within the first of the expiry reminders its owner gets
// (lib/monitor/reminders.ts sends them), so that the tokens page and the reminders agree.
import { DAY_MS } from "@/lib/time";

/** Days before expiry at which a personal or device token's owner is reminded, longest first. */
export const REMINDER_DAYS = [30, 7, 1] as const;

export const REMINDER_WINDOW_MS = REMINDER_DAYS[0] * DAY_MS;
