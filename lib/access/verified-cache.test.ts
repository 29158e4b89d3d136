// The verification cache: one per process however many times the bundler copies its module, valid
// only for the security epoch it was filled under, and never consulted while a read of the epoch is
// due. Against the real test database, which other test files change meanwhile (their changes move
// the epoch too), so each assertion either passes its own `now` or allows for a move it did not make.
import { afterEach, describe, expect, it, vi } from "vitest";
import { sqlReader } from "@/lib/db-read";
import { tokenCallerOf } from "@/lib/testing/callers";
import { testDb } from "@/lib/testing/factories";
import { HOUR_MS } from "@/lib/time";
import { checkEpoch, EPOCH_CHECK_MS, recall, remember, VERIFIED_TTL_MS } from "./verified-cache";

const caller = (tokenId = "t-cache") => ({ ...tokenCallerOf({ id: "u-cache", role: "STANDARD" }), tokenId });
const bumpEpoch = () => testDb().$executeRawUnsafe(`UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1`);
/** A time at which a check is surely due: well after any `now` this file used before. */
let clock = Date.now();
const dueTime = () => (clock = Math.max(clock, Date.now()) + 10 * EPOCH_CHECK_MS);

afterEach(() => vi.restoreAllMocks());

describe("the verification cache", () => {
  it("is shared by every copy of its module, so that a revocation in one reaches the others", async () => {
    const api = await import("./verified-cache");
    vi.resetModules();
    const actions = await import("./verified-cache");
    expect(actions).not.toBe(api);

    const now = dueTime();
    const epoch = await api.checkEpoch(now);
    const entry = caller();
    api.remember("hash-cache", entry, now + HOUR_MS, now, epoch);
    expect(actions.recall("hash-cache", now)).toBe(entry);
    actions.forgetVerified({ tokenId: "t-cache" });
    expect(api.recall("hash-cache", now)).toBeUndefined();
  });

  it("reads the epoch at most once per EPOCH_CHECK_MS, and serves nothing while a read is due", async () => {
    const reads = vi.spyOn(sqlReader, "rows");
    const now = dueTime();
    const epoch = await checkEpoch(now);
    expect(reads).toHaveBeenCalledTimes(1);
    const entry = caller();
    remember("hash-1", entry, now + HOUR_MS, now, epoch);

    // Within the second: no I/O, and the entry is served.
    expect(await checkEpoch(now + EPOCH_CHECK_MS - 1)).toBe(epoch);
    expect(recall("hash-1", now + EPOCH_CHECK_MS - 1)).toBe(entry);
    expect(reads).toHaveBeenCalledTimes(1);

    // A second on, a read is due: nothing is served until it has been made.
    expect(recall("hash-1", now + EPOCH_CHECK_MS)).toBeUndefined();
    remember("hash-1", entry, now + HOUR_MS, now, epoch);
    const [a, b, c] = await Promise.all([checkEpoch(now + EPOCH_CHECK_MS), checkEpoch(now + EPOCH_CHECK_MS), checkEpoch(now + EPOCH_CHECK_MS + 5)]);
    expect(reads).toHaveBeenCalledTimes(2);
    expect([b, c]).toEqual([a, a]);
    // Kept when the epoch did not move (another test file may have moved it meanwhile).
    expect(recall("hash-1", now + EPOCH_CHECK_MS)).toBe(a === epoch ? entry : undefined);
  });

  it("empties itself when the epoch moved, whoever moved it", async () => {
    const now = dueTime();
    const epoch = await checkEpoch(now);
    remember("hash-2", caller(), now + HOUR_MS, now, epoch);
    await bumpEpoch();
    expect(recall("hash-2", now + 500)).toBeDefined();
    expect(await checkEpoch(now + EPOCH_CHECK_MS)).toBeGreaterThan(epoch!);
    expect(recall("hash-2", now + EPOCH_CHECK_MS)).toBeUndefined();
  });

  it("does not keep a token read under an epoch that has moved since: the read may predate the change", async () => {
    const now = dueTime();
    const before = await checkEpoch(now);
    await bumpEpoch();
    const after = await checkEpoch(now + EPOCH_CHECK_MS);
    expect(after).not.toBe(before);
    remember("hash-3", caller(), now + HOUR_MS, now + EPOCH_CHECK_MS, before);
    expect(recall("hash-3", now + EPOCH_CHECK_MS)).toBeUndefined();
    remember("hash-3", caller(), now + HOUR_MS, now + EPOCH_CHECK_MS, after);
    expect(recall("hash-3", now + EPOCH_CHECK_MS)).toBeDefined();
  });

  it("keeps an entry until the token's own end, and never longer than VERIFIED_TTL_MS", async () => {
    const now = dueTime();
    const epoch = await checkEpoch(now);
    remember("hash-short", caller("t-short"), now + 300, now, epoch);
    remember("hash-long", caller("t-long"), now + HOUR_MS, now, epoch);
    expect(recall("hash-short", now + 299)).toBeDefined();
    expect(recall("hash-short", now + 300)).toBeUndefined();

    const late = now + VERIFIED_TTL_MS;
    const lateEpoch = await checkEpoch(late - 1);
    // Kept to the end of the TTL when the epoch did not move (another test file may have moved it).
    if (lateEpoch === epoch) expect(recall("hash-long", late - 1)).toBeDefined();
    expect(recall("hash-long", late)).toBeUndefined();
  });

  it("serves nothing for a time before its entry was made, or when the clock went back", async () => {
    const now = dueTime();
    const epoch = await checkEpoch(now);
    remember("hash-4", caller(), now + HOUR_MS, now + 500, epoch);
    expect(recall("hash-4", now + 499)).toBeUndefined();
    remember("hash-4", caller(), now + HOUR_MS, now, epoch);
    expect(recall("hash-4", now + 1)).toBeDefined();
    expect(recall("hash-4", now - 1)).toBeUndefined();
  });
});
