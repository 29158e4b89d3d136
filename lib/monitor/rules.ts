// The anomaly rules as pure functions: each takes what the monitor read (audit records, usage
// totals, the networks a usage flush found new) and returns the alerts it should raise. Every key
// is rule + subject + the hour, so a continuing problem raises one alert an hour, not one a run.
import { HOUR_MS, MINUTE_MS } from "@/lib/time";
import type { NewNetwork } from "@/lib/usage/counter";
import type { AlertDraft } from "./alerts";

/** Refused tokens and scope denials from one address within BURST_WINDOW_MS that make a burst. */
export const REFUSAL_BURST = 20;
/** Failed or throttled sign-ins from one address, or against one email, within BURST_WINDOW_MS. */
export const SIGN_IN_BURST = 10;
export const BURST_WINDOW_MS = 5 * MINUTE_MS;
/** Requests in one minute a token must pass, besides its baseline, to count as a spike. */
export const VOLUME_FLOOR = 100;
/** How many standard deviations above its 7-day mean a token's minute must be. */
export const VOLUME_SIGMAS = 4;
export const BASELINE_MINUTES = 7 * 24 * 60;
/** Requests whose client address is unknown (TRUSTED_PROXY_HOPS=0) count as this one address. */
export const UNKNOWN_ADDRESS = "unknown";

/** Each rule in a sentence, for README and /admin/alerts. */
export const RULES = [
  { id: "revoked-token-use", severity: "critical", statement: "A revoked or expired token is presented to the API." },
  { id: "new-network", severity: "warning", statement: "A token that has been used before is used from a network (IPv4 /24, IPv6 /48) it has not used in 30 days." },
  {
    id: "volume-spike",
    severity: "warning",
    statement: `A token makes more than ${VOLUME_FLOOR} requests in a minute and more than its 7-day per-minute mean plus ${VOLUME_SIGMAS} standard deviations (quiet minutes count as 0; the deviation is taken as at least the square root of the mean, the chance variation of a steady rate).`,
  },
  {
    id: "refusal-burst",
    severity: "warning",
    statement: `One address has ${REFUSAL_BURST} or more requests refused for a bad token or a missing scope within 5 minutes (without a trusted proxy every address is unknown, and they count as one).`,
  },
  { id: "sign-in-burst", severity: "warning", statement: `${SIGN_IN_BURST} or more failed or throttled sign-ins within 5 minutes from one address, or against one email from anywhere.` },
] as const;

export type RuleId = (typeof RULES)[number]["id"];

/** An audit record as the rules read it: `count` is detail.count for a summarised record, else 1. */
export type FeedRecord = {
  id: number;
  at: Date;
  action: string;
  ip: string | null;
  tokenId: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
};

export const REFUSAL_ACTIONS = ["token.refused", "access.denied"];
export const SIGN_IN_ACTIONS = ["user.sign_in_failed", "user.sign_in_throttled"];

/** The hour a time falls in, as it appears in a key: "2026-12-02T06". */
function hourOf(time: number): string {
  return new Date(Math.floor(time / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);
}

function draft(rule: RuleId, subjectType: string, subjectId: string, time: number, title: string, detail: Record<string, unknown>): AlertDraft {
  const severity = RULES.find((r) => r.id === rule)!.severity;
  return { rule, key: `${rule}:${subjectType}:${subjectId}:${hourOf(time)}`, severity, title, subjectType, subjectId, detail };
}

export function countOf(record: FeedRecord): number {
  const count = record.detail.count;
  return typeof count === "number" && Number.isFinite(count) && count > 0 ? count : 1;
}

/** Rule: each refusal of a revoked or expired token. */
export function revokedTokenAlerts(records: FeedRecord[]): AlertDraft[] {
  return records.flatMap((record) => {
    const reason = record.detail.reason;
    if (record.action !== "token.refused" || (reason !== "revoked" && reason !== "expired")) return [];
    // A refused token is no caller: the router names it as the record's target.
    const tokenId = record.tokenId ?? (record.targetType === "token" ? record.targetId : null);
    const [type, id] = tokenId ? ["token", tokenId] : ["address", record.ip ?? UNKNOWN_ADDRESS];
    const detail = { reason, address: record.ip, route: record.detail.route ?? null, count: countOf(record) };
    return [draft("revoked-token-use", type, id, record.at.getTime(), `${reason === "revoked" ? "Revoked" : "Expired"} token used`, detail)];
  });
}

function addressName(id: string): string {
  return id === UNKNOWN_ADDRESS ? "unknown addresses" : id;
}

type Burst = { rule: RuleId; actions: string[]; threshold: number; keysOf: (r: FeedRecord) => [type: string, id: string][]; title: (n: number, type: string, id: string) => string };

const BURSTS: Burst[] = [
  {
    rule: "refusal-burst",
    actions: REFUSAL_ACTIONS,
    threshold: REFUSAL_BURST,
    keysOf: (r) => [["address", r.ip ?? UNKNOWN_ADDRESS]],
    title: (n, _, id) => `${n} refused API requests from ${addressName(id)} in 5 minutes`,
  },
  {
    rule: "sign-in-burst",
    actions: SIGN_IN_ACTIONS,
    threshold: SIGN_IN_BURST,
    keysOf: (r) => {
      // Whatever was typed in the sign-in form: cut to an email's longest, so a key stays small.
      const email = typeof r.detail.email === "string" ? r.detail.email.trim().toLowerCase().slice(0, 254) : "";
      return [["address", r.ip ?? UNKNOWN_ADDRESS], ...(email ? ([["email", email]] as [string, string][]) : [])];
    },
    title: (n, type, id) => `${n} failed sign-ins ${type === "email" ? `against ${id}` : `from ${addressName(id)}`} in 5 minutes`,
  },
];

/**
 * Rules: bursts. `records` holds every record of the burst actions from BURST_WINDOW_MS before the
 * first new one on; a new one (id > `after`) ends a window (its time back BURST_WINDOW_MS) whose
 * counts, summed per subject, are checked against the threshold.
 */
export function burstAlerts(records: FeedRecord[], after: number): AlertDraft[] {
  const alerts = new Map<string, AlertDraft>();
  for (const burst of BURSTS) {
    const bySubject = new Map<string, { type: string; id: string; records: FeedRecord[] }>();
    for (const record of records) {
      if (!burst.actions.includes(record.action)) continue;
      for (const [type, id] of burst.keysOf(record)) {
        const subject = bySubject.get(`${type}:${id}`) ?? { type, id, records: [] };
        subject.records.push(record);
        bySubject.set(`${type}:${id}`, subject);
      }
    }
    for (const { type, id, records: list } of bySubject.values()) {
      list.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
      let start = 0;
      let sum = 0;
      for (const record of list) {
        sum += countOf(record);
        while (list[start]!.at.getTime() <= record.at.getTime() - BURST_WINDOW_MS) sum -= countOf(list[start++]!);
        if (record.id <= after || sum < burst.threshold) continue;
        const alert = draft(burst.rule, type, id, record.at.getTime(), burst.title(sum, type, id), { count: sum, threshold: burst.threshold, windowEnd: record.at.toISOString() });
        // One alert a key: the largest count seen in its hour.
        const seen = alerts.get(alert.key);
        if (!seen || (seen.detail.count as number) < sum) alerts.set(alert.key, alert);
      }
    }
  }
  return [...alerts.values()];
}

/** Rule: a new network, for a token that had used others (its very first network is no anomaly). */
export function newNetworkAlerts(networks: NewNetwork[], now: number): AlertDraft[] {
  return networks
    .filter((n) => n.tokenHadOtherNetworks)
    .map((n) =>
      draft("new-network", "token", n.tokenId, now, `Token used from a new network, ${n.network}`, {
        network: n.network,
        userId: n.userId,
        previousLastSeen: n.previousLastSeen?.toISOString() ?? null,
      }),
    );
}

/** A token's requests in the minute checked, and the sum and sum of squares of its per-minute requests over the 7 days before. */
export type MinuteVolume = { tokenId: string; userId: string; requests: number; sum: number; sumSquares: number };

/** Rule: a minute above the token's 7-day baseline (mean + 4σ over BASELINE_MINUTES, quiet minutes as 0, σ at least √mean) and above VOLUME_FLOOR. */
export function volumeAlerts(volumes: MinuteVolume[], minute: number): AlertDraft[] {
  return volumes.flatMap((v) => {
    const mean = v.sum / BASELINE_MINUTES;
    // At least √mean: counts of independent requests vary that much by chance (Poisson), so a
    // token steady at 480 a minute is not flagged for making 500.
    const sigma = Math.max(Math.sqrt(mean), Math.sqrt(Math.max(0, v.sumSquares / BASELINE_MINUTES - mean * mean)));
    const limit = mean + VOLUME_SIGMAS * sigma;
    if (v.requests <= VOLUME_FLOOR || v.requests <= limit) return [];
    const detail = { requests: v.requests, minute: new Date(minute).toISOString(), mean: round(mean), sigma: round(sigma), userId: v.userId };
    return [draft("volume-spike", "token", v.tokenId, minute, `${v.requests} requests in a minute, over the token's usual ${round(limit)}`, detail)];
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
