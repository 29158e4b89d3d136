// The rules as pure functions: each fires on a crafted sequence, at its threshold and not below.
import { describe, expect, it } from "vitest";
import { MINUTE_MS, SECOND_MS } from "@/lib/time";
import { BASELINE_MINUTES, REFUSAL_BURST, SIGN_IN_BURST, burstAlerts, newNetworkAlerts, revokedTokenAlerts, volumeAlerts, type FeedRecord } from "./rules";

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);
let nextId = 1;

function record(action: string, at: number, fields: Partial<FeedRecord> = {}, detail: Record<string, unknown> = {}): FeedRecord {
  return { id: nextId++, at: new Date(at), action, ip: "203.0.113.7", tokenId: null, targetType: null, targetId: null, ...fields, detail };
}

describe("revoked or expired token use", () => {
  it("raises a critical alert per token and hour for revoked and expired refusals only", () => {
    const target = { targetType: "token", targetId: "tok_1" };
    const alerts = revokedTokenAlerts([
      record("token.refused", T0, target, { reason: "revoked", route: "GET /devices", count: 3 }),
      record("token.refused", T0 + 10 * MINUTE_MS, target, { reason: "revoked", count: 1 }),
      record("token.refused", T0, { targetType: "token", targetId: "tok_2" }, { reason: "expired", count: 1 }),
      record("token.refused", T0, {}, { reason: "unknown", count: 50 }),
      record("token.refused", T0, target, { reason: "inactive_owner", count: 1 }),
      record("access.denied", T0, { tokenId: "tok_3" }, { reason: "revoked" }),
    ]);
    expect(alerts.map((a) => [a.rule, a.severity, a.subjectType, a.subjectId, a.title])).toEqual([
      ["revoked-token-use", "critical", "token", "tok_1", "Revoked token used"],
      ["revoked-token-use", "critical", "token", "tok_1", "Revoked token used"],
      ["revoked-token-use", "critical", "token", "tok_2", "Expired token used"],
    ]);
    // The same token within the hour is one key: raising it twice stores one alert.
    expect(alerts[0]!.key).toBe(alerts[1]!.key);
    expect(alerts[0]!.key).toBe("revoked-token-use:token:tok_1:2026-12-02T10");
    expect(alerts[0]!.detail).toEqual({ reason: "revoked", address: "203.0.113.7", route: "GET /devices", count: 3 });
  });
});

describe("bursts of refused requests from one address", () => {
  const refusals = (n: number, ip: string, start = T0) =>
    Array.from({ length: n }, (_, i) => record(i % 2 ? "access.denied" : "token.refused", start + i * SECOND_MS, { ip }, { reason: "unknown", count: 1 }));

  it(`fires at ${REFUSAL_BURST} within 5 minutes, and not at one fewer`, () => {
    expect(burstAlerts(refusals(REFUSAL_BURST - 1, "203.0.113.8"), 0)).toEqual([]);
    const alerts = burstAlerts(refusals(REFUSAL_BURST, "203.0.113.9"), 0);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: "refusal-burst", severity: "warning", subjectType: "address", subjectId: "203.0.113.9", detail: { count: REFUSAL_BURST } });
  });

  it("sums the counts of summarised records", () => {
    const alerts = burstAlerts([record("token.refused", T0, {}, { count: 12 }), record("access.denied", T0 + MINUTE_MS, {}, { count: 8 })], 0);
    expect(alerts.map((a) => a.detail.count)).toEqual([20]);
  });

  it("does not add up refusals more than 5 minutes apart, or from different addresses", () => {
    const spread = Array.from({ length: 40 }, (_, i) => record("token.refused", T0 + i * 20 * SECOND_MS, {}, { count: 1 }));
    expect(burstAlerts(spread, 0)).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => record("token.refused", T0, { ip: `198.51.100.${i}` }, { count: 1 }));
    expect(burstAlerts(many, 0)).toEqual([]);
  });

  it("only a record after the cursor ends a window: an old burst is not raised again", () => {
    const burst = refusals(REFUSAL_BURST, "203.0.113.10");
    expect(burstAlerts(burst, burst.at(-1)!.id)).toEqual([]);
    expect(burstAlerts(burst, burst.at(-2)!.id)).toHaveLength(1);
  });

  it("counts requests without a known address as one address", () => {
    const alerts = burstAlerts(refusals(REFUSAL_BURST, null as unknown as string), 0);
    expect(alerts.map((a) => [a.subjectId, a.title])).toEqual([["unknown", `${REFUSAL_BURST} refused API requests from unknown addresses in 5 minutes`]]);
  });
});

describe("bursts of failed sign-ins", () => {
  it(`fires at ${SIGN_IN_BURST} from one address, and at ${SIGN_IN_BURST} against one email from many`, () => {
    const fromOne = Array.from({ length: SIGN_IN_BURST }, (_, i) => record("user.sign_in_failed", T0 + i * SECOND_MS, { ip: "192.0.2.1" }, { email: `u${i}@example.com`, count: 1 }));
    expect(burstAlerts(fromOne, 0).map((a) => [a.rule, a.subjectType, a.subjectId])).toEqual([["sign-in-burst", "address", "192.0.2.1"]]);
    const atOne = Array.from({ length: SIGN_IN_BURST }, (_, i) =>
      record(i % 2 ? "user.sign_in_throttled" : "user.sign_in_failed", T0 + i * SECOND_MS, { ip: `192.0.2.${10 + i}` }, { email: i % 2 ? "Ada@Example.com" : "ada@example.com", count: 1 }),
    );
    const alerts = burstAlerts(atOne, 0);
    expect(alerts.map((a) => [a.subjectType, a.subjectId, a.title])).toEqual([["email", "ada@example.com", `${SIGN_IN_BURST} failed sign-ins against ada@example.com in 5 minutes`]]);
  });

  it("stays silent on a few typos", () => {
    const typos = Array.from({ length: SIGN_IN_BURST - 1 }, (_, i) => record("user.sign_in_failed", T0 + i * 30 * SECOND_MS, { ip: "192.0.2.50" }, { email: "bo@example.com", count: 1 }));
    expect(burstAlerts(typos, 0)).toEqual([]);
  });
});

describe("new networks", () => {
  it("fires for a token that had used other networks, not for a token's first", () => {
    const now = T0;
    const alerts = newNetworkAlerts(
      [
        { tokenId: "tok_a", userId: "u1", network: "203.0.113.0/24", previousLastSeen: null, tokenHadOtherNetworks: false },
        { tokenId: "tok_b", userId: "u1", network: "198.51.100.0/24", previousLastSeen: new Date(now - 40 * 24 * 60 * MINUTE_MS), tokenHadOtherNetworks: true },
      ],
      now,
    );
    expect(alerts.map((a) => [a.rule, a.severity, a.subjectId, a.detail.network])).toEqual([["new-network", "warning", "tok_b", "198.51.100.0/24"]]);
  });
});

describe("volume above the 7-day baseline", () => {
  const minute = T0;
  /** Sums over BASELINE_MINUTES with `busy` minutes at `level` and the rest quiet. */
  const baseline = (busy: number, level: number) => ({ sum: busy * level, sumSquares: busy * level * level });

  it("fires over mean + 4σ and over 100 a minute", () => {
    const quiet = volumeAlerts([{ tokenId: "t", userId: "u", requests: 101, ...baseline(0, 0) }], minute);
    expect(quiet.map((a) => [a.rule, a.severity, a.subjectId])).toEqual([["volume-spike", "warning", "t"]]);
    expect(volumeAlerts([{ tokenId: "t", userId: "u", requests: 100, ...baseline(0, 0) }], minute)).toEqual([]);
  });

  it("stays silent for a token that is always about this busy, and fires well above it", () => {
    // A steady 480 has σ 0; σ is taken as at least √480 ≈ 21.9, so the limit is ≈ 567.6.
    expect(volumeAlerts([{ tokenId: "t", userId: "u", requests: 560, ...baseline(BASELINE_MINUTES, 480) }], minute)).toEqual([]);
    expect(volumeAlerts([{ tokenId: "t", userId: "u", requests: 570, ...baseline(BASELINE_MINUTES, 480) }], minute)).toHaveLength(1);
  });

  it("compares with the mean and σ of every minute, quiet ones as 0", () => {
    // An hour a day at 200: mean ≈ 8.3, σ ≈ 40, so the limit is ≈ 168.
    const { sum, sumSquares } = baseline(7 * 60, 200);
    expect(volumeAlerts([{ tokenId: "t", userId: "u", requests: 160, sum, sumSquares }], minute)).toEqual([]);
    const alerts = volumeAlerts([{ tokenId: "t", userId: "u", requests: 175, sum, sumSquares }], minute);
    expect(alerts.map((a) => a.detail)).toEqual([{ requests: 175, minute: new Date(minute).toISOString(), mean: 8.3, sigma: 40, userId: "u" }]);
  });
});
