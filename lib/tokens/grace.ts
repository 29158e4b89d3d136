// The grace periods a rotation offers: the usual ones up to what the owner's role policy allows,
// and the policy's own value, which is the default. rotateToken refuses anything past the policy.
import { DAY_MS, HOUR_MS } from "@/lib/time";

const USUAL_GRACE_HOURS = [0, 1, 24, 72, 168];

/** The choices, shortest first; the policy's value is always one of them. */
export function graceChoices(policyHours: number): number[] {
  const allowed = USUAL_GRACE_HOURS.filter((hours) => hours <= policyHours);
  return [...new Set([...allowed, policyHours])].sort((a, b) => a - b);
}

/** "No grace", "1 hour grace", "3 days grace": whole days once a period is a whole number of them. */
export function graceLabel(hours: number): string {
  if (hours === 0) return "No grace";
  const days = (hours * HOUR_MS) / DAY_MS;
  const [count, unit] = hours >= 48 && Number.isInteger(days) ? [days, "day"] : [hours, "hour"];
  return `${count} ${unit}${count === 1 ? "" : "s"} grace`;
}
