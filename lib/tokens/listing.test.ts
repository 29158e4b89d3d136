import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { listTokensBy, parseStatusFilter, renewedBy, tokenPhase, type ListedToken } from "./listing";
import type { TokenView } from "./views";

const now = Date.UTC(2026, 11, 1);

function view(id: string, over: Partial<TokenView> = {}): TokenView {
  return {
    id,
    userId: "u",
    kind: "PERSONAL",
    name: id,
    scopes: ["devices:read"],
    deviceId: null,
    deviceName: null,
    hint: "gth_pat_…abcd",
    createdAt: new Date(now - DAY_MS),
    expiresAt: new Date(now + 80 * DAY_MS),
    graceEndsAt: null,
    revokedAt: null,
    revokedReason: null,
    lastUsedAt: null,
    lastUsedIp: null,
    status: "active",
    ...over,
  };
}

const listed = (v: TokenView, createdById: string | null = "person"): ListedToken => ({ view: v, createdById });

describe("parseStatusFilter", () => {
  it("takes a known view and falls back to the live one", () => {
    expect(parseStatusFilter("revoked")).toBe("revoked");
    expect(parseStatusFilter(["expired", "all"])).toBe("expired");
    expect(parseStatusFilter(undefined)).toBe("current");
    expect(parseStatusFilter("REVOKED")).toBe("current");
    expect(parseStatusFilter("'; drop")).toBe("current");
  });
});

describe("tokenPhase", () => {
  it("is expiring inside the 30-day reminder window, not before", () => {
    expect(tokenPhase(view("a", { expiresAt: new Date(now + 31 * DAY_MS) }), null, now)).toBe("active");
    expect(tokenPhase(view("a", { expiresAt: new Date(now + 30 * DAY_MS) }), null, now)).toBe("expiring");
    expect(tokenPhase(view("a", { expiresAt: new Date(now + 20 * DAY_MS) }), null, now)).toBe("expiring");
  });

  it("counts a rotated token in its grace as expiring, and never warns of one something renews", () => {
    expect(tokenPhase(view("a", { status: "grace", graceEndsAt: new Date(now + HOUR_MS) }), null, now)).toBe("expiring");
    expect(tokenPhase(view("a", { expiresAt: new Date(now + DAY_MS) }), "script", now)).toBe("active");
    expect(tokenPhase(view("a", { expiresAt: new Date(now + DAY_MS) }), "gatehouse", now)).toBe("active");
  });

  it("keeps revoked and expired as they are, whatever the expiry", () => {
    expect(tokenPhase(view("a", { status: "revoked", expiresAt: new Date(now + 80 * DAY_MS) }), null, now)).toBe("revoked");
    expect(tokenPhase(view("a", { status: "expired", expiresAt: new Date(now - DAY_MS) }), null, now)).toBe("expired");
  });
});

describe("renewedBy", () => {
  it("is Gatehouse for every dashboard token, a script for a device token no person issued", () => {
    expect(renewedBy({ kind: "DASHBOARD" }, "admin")).toBe("gatehouse");
    expect(renewedBy({ kind: "DASHBOARD" }, null)).toBe("gatehouse");
    expect(renewedBy({ kind: "DEVICE" }, null)).toBe("script");
    expect(renewedBy({ kind: "DEVICE" }, "person")).toBeNull();
    expect(renewedBy({ kind: "PERSONAL" }, "person")).toBeNull();
  });
});

describe("listTokensBy", () => {
  const tokens = [
    listed(view("active")),
    listed(view("soon", { expiresAt: new Date(now + 5 * DAY_MS) })),
    listed(view("grace", { status: "grace", graceEndsAt: new Date(now + HOUR_MS) })),
    listed(view("sim", { kind: "DEVICE", expiresAt: new Date(now + DAY_MS) }), null),
    listed(view("revoked", { status: "revoked", revokedAt: new Date(now - DAY_MS), revokedReason: "revoked" })),
    listed(view("expired", { status: "expired", expiresAt: new Date(now - DAY_MS) })),
  ];
  const ids = (filter: Parameters<typeof listTokensBy>[1], keep?: Set<string>) => listTokensBy(tokens, filter, now, keep).tokens.map((t) => t.id);

  it("shows live tokens by default, and every view one click away, counted", () => {
    expect(ids("current")).toEqual(["active", "soon", "grace", "sim"]);
    expect(ids("active")).toEqual(["active", "sim"]);
    expect(ids("expiring")).toEqual(["soon", "grace"]);
    expect(ids("revoked")).toEqual(["revoked"]);
    expect(ids("expired")).toEqual(["expired"]);
    expect(ids("all")).toHaveLength(6);
    expect(listTokensBy(tokens, "current", now).counts).toEqual({ current: 4, active: 2, expiring: 2, revoked: 1, expired: 1, all: 6 });
  });

  it("marks each token's phase and renewal", () => {
    const { tokens: items } = listTokensBy(tokens, "all", now);
    expect(items.find((t) => t.id === "sim")).toMatchObject({ phase: "active", renewedBy: "script" });
    expect(items.find((t) => t.id === "soon")).toMatchObject({ phase: "expiring", renewedBy: null });
  });

  it("keeps a just-changed token in a live view it would leave, but not in the others", () => {
    expect(ids("current", new Set(["revoked"]))).toEqual(["active", "soon", "grace", "sim", "revoked"]);
    expect(ids("active", new Set(["grace"]))).toEqual(["active", "grace", "sim"]);
    expect(ids("expired", new Set(["revoked"]))).toEqual(["expired"]);
    // The counts stay what each view holds.
    expect(listTokensBy(tokens, "current", now, new Set(["revoked"])).counts.current).toBe(4);
  });
});
