// The verification cache is one per process, however many times the bundler copies its module.
import { describe, expect, it, vi } from "vitest";
import { tokenCallerOf } from "@/lib/testing/callers";
import { MINUTE_MS } from "@/lib/time";

describe("the verification cache", () => {
  it("is shared by every copy of its module, so that a revocation in one reaches the others", async () => {
    const api = await import("./verified-cache");
    vi.resetModules();
    const actions = await import("./verified-cache");
    expect(actions).not.toBe(api);

    const now = Date.now();
    const caller = { ...tokenCallerOf({ id: "u-cache", role: "STANDARD" }), tokenId: "t-cache" };
    api.remember("hash-cache", caller, now + MINUTE_MS, now);
    expect(actions.recall("hash-cache", now)).toBe(caller);
    actions.forgetVerified({ tokenId: "t-cache" });
    expect(api.recall("hash-cache", now)).toBeUndefined();
  });
});
