// After a token verifies, later uses are answered from this process's memory: until a change made
// here forgets it, the security epoch moves (a change made anywhere), VERIFIED_TTL_MS passes or the
// token's own end comes. Each test passes its own `now`, well after any before it, so that the
// epoch is read exactly where the test says (other test files move it meanwhile).
import { describe, expect, it } from "vitest";
import { EPOCH_CHECK_MS, VERIFIED_TTL_MS } from "@/lib/access/verified-cache";
import { callerOf } from "@/lib/testing/tokens";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import type { Prisma } from "@/lib/generated/prisma/client";
import { revokeToken } from "./lifecycle";
import { verifyToken } from "./verify";

let clock = Date.now();
/** A time at which a read of the epoch is surely due. */
const dueTime = () => (clock = Math.max(clock, Date.now()) + 10 * EPOCH_CHECK_MS);

/** Changes a token's row behind this process's back and puts the epoch back, as if no trigger had seen it. */
const quietly = (tokenId: string, data: Prisma.ApiTokenUpdateInput) =>
  testDb().$transaction([
    testDb().apiToken.update({ where: { id: tokenId }, data }),
    testDb().$executeRawUnsafe(`UPDATE "SecurityEpoch" SET "value" = "value" - 1 WHERE "id" = 1`),
  ]);
const bumpEpoch = () => testDb().$executeRawUnsafe(`UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1`);

describe("the verification cache, through verifyToken", () => {
  it("answers a token verified once from memory, with no database read, until the epoch moves", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id, { scopes: ["devices:read", "telemetry:read"] });
    const now = dueTime();
    expect((await callerOf(token, now)).scopes).toEqual(new Set(["devices:read", "telemetry:read"]));

    // The row now says otherwise, but the epoch did not move: memory answers, as it did.
    await quietly(view.id, { scopes: "devices:read" });
    expect((await callerOf(token, now + 500)).scopes).toEqual(new Set(["devices:read", "telemetry:read"]));
    await quietly(view.id, { revokedAt: new Date(now) });
    expect((await verifyToken(token, now + EPOCH_CHECK_MS - 1)).ok).toBe(true);

    // A trigger's move of the epoch is read a second after the last read, and empties the cache.
    await bumpEpoch();
    expect(await verifyToken(token, now + EPOCH_CHECK_MS)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("sees a change made through a trigger within EPOCH_CHECK_MS", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    const now = dueTime();
    expect((await verifyToken(token, now)).ok).toBe(true);
    await testDb().apiToken.update({ where: { id: view.id }, data: { revokedAt: new Date(now) } });
    expect((await verifyToken(token, now + EPOCH_CHECK_MS - 1)).ok).toBe(true);
    expect(await verifyToken(token, now + EPOCH_CHECK_MS)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("forgets a token revoked through this process at once", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    const now = dueTime();
    expect((await verifyToken(token, now)).ok).toBe(true);
    await revokeToken("system", view.id);
    expect(await verifyToken(token, now + 1)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("reads the token again after VERIFIED_TTL_MS, even when the epoch never moved", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id, { scopes: ["devices:read", "telemetry:read"] });
    const now = dueTime();
    expect((await verifyToken(token, now)).ok).toBe(true);
    await quietly(view.id, { scopes: "devices:read" });
    expect((await callerOf(token, now + VERIFIED_TTL_MS)).scopes).toEqual(new Set(["devices:read"]));
  });

  it("never serves a token past its own expiry", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id, { expiresInDays: 1 });
    const end = view.expiresAt.getTime();
    expect((await verifyToken(token, end - 100)).ok).toBe(true);
    expect(await verifyToken(token, end)).toMatchObject({ ok: false, reason: "expired" });
  });
});
