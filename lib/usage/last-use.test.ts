// A token's last use (time and address), written by the usage flush rather than by each request:
// the latest use a flush holds, never moved back by an earlier one, kept for the next flush when
// the write fails, and read by verification's idle check.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { row, setRow } from "@/lib/testing/tokens";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { verifyToken } from "@/lib/tokens/verify";
import { countUsage, flushUsage, usageSnapshot } from "./counter";
import { allowInserts, refuseInserts } from "@/lib/testing/refuse-inserts";

const T0 = Date.now() - 10 * MINUTE_MS;

async function tokenOf() {
  const user = await createUser();
  const { token, view } = await issueTestToken(user.id);
  return { token, tokenId: view.id, userId: user.id };
}

const use = (t: { tokenId: string; userId: string }, at: number, ip: string | null) => countUsage({ ...t, route: "GET /me", status: 200, ip }, at);
const lastUse = async (tokenId: string) => {
  const { lastUsedAt, lastUsedIp } = await row(tokenId);
  return { at: lastUsedAt?.getTime() ?? null, ip: lastUsedIp };
};

beforeEach(async () => {
  await flushUsage();
});

describe("last use", () => {
  it("is the latest use of the flush, with its address, whatever order the uses came in", async () => {
    const a = await tokenOf();
    const b = await tokenOf();
    use(a, T0 + 5 * SECOND_MS, "203.0.113.5");
    use(a, T0 + 9 * SECOND_MS, "203.0.113.9");
    use(a, T0 + 7 * SECOND_MS, "203.0.113.7");
    use(b, T0, null);
    expect(await lastUse(a.tokenId)).toEqual({ at: null, ip: null });
    await flushUsage();
    expect(await lastUse(a.tokenId)).toEqual({ at: T0 + 9 * SECOND_MS, ip: "203.0.113.9" });
    expect(await lastUse(b.tokenId)).toEqual({ at: T0, ip: null });
  });

  it("only writes the tokens that were used", async () => {
    const used = await tokenOf();
    const unused = await tokenOf();
    use(used, T0, "203.0.113.5");
    await flushUsage();
    expect(await lastUse(unused.tokenId)).toEqual({ at: null, ip: null });
  });

  it("is never moved back by an earlier use flushed later (another instance's, say)", async () => {
    const t = await tokenOf();
    use(t, T0 + MINUTE_MS, "203.0.113.60");
    await flushUsage();
    use(t, T0 + 30 * SECOND_MS, "203.0.113.30");
    await flushUsage();
    expect(await lastUse(t.tokenId)).toEqual({ at: T0 + MINUTE_MS, ip: "203.0.113.60" });
    use(t, T0 + 2 * MINUTE_MS, "203.0.113.120");
    await flushUsage();
    expect(await lastUse(t.tokenId)).toEqual({ at: T0 + 2 * MINUTE_MS, ip: "203.0.113.120" });
  });

  describe("when the write fails", () => {
    // A real failure of the app's own connection: temporary triggers belong to the connection that made them.
    beforeEach(() => refuseInserts(db, "TokenUsage", "refused"));
    afterEach(() => allowInserts(db, "TokenUsage"));

    it("is written by the next flush, or by a later use counted meanwhile", async () => {
      const t = await tokenOf();
      use(t, T0 + SECOND_MS, "203.0.113.1");
      await expect(flushUsage()).rejects.toThrow();
      expect(await lastUse(t.tokenId)).toEqual({ at: null, ip: null });
      use(t, T0, "203.0.113.0");
      expect(usageSnapshot().lastUse.filter((u) => u.tokenId === t.tokenId)).toEqual([{ tokenId: t.tokenId, at: T0 + SECOND_MS, ip: "203.0.113.1" }]);
      await expect(flushUsage()).rejects.toThrow();
      use(t, T0 + 2 * SECOND_MS, "203.0.113.2");

      await allowInserts(db, "TokenUsage");
      await flushUsage();
      expect(await lastUse(t.tokenId)).toEqual({ at: T0 + 2 * SECOND_MS, ip: "203.0.113.2" });
    });
  });

  it("keeps a used token from going idle once flushed", async () => {
    const now = Date.now();
    const used = await tokenOf();
    const idle = await tokenOf();
    // Created 59 days ago; verified two days on, 61 days after creation, the policy's 60 have passed.
    await setRow(used.tokenId, { createdAt: new Date(now - 59 * DAY_MS) });
    await setRow(idle.tokenId, { createdAt: new Date(now - 59 * DAY_MS) });
    use(used, now, "203.0.113.9");
    await flushUsage();
    expect((await verifyToken(used.token, now + 2 * DAY_MS)).ok).toBe(true);
    expect(await verifyToken(idle.token, now + 2 * DAY_MS)).toMatchObject({ ok: false, reason: "revoked" });
    expect((await testDb().apiToken.findUniqueOrThrow({ where: { id: idle.tokenId } })).revokedReason).toBe("idle");
  });
});
