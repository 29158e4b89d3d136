import { describe, expect, it } from "vitest";
import { Refusal } from "@/lib/refusal";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, issueTestToken, testDb, TOKEN_VIEW_KEYS } from "@/lib/testing/factories";
import { revokeToken } from "./lifecycle";
import { issueOptions, listTokenPage, listTokens, missingAddressReason } from "./queries";
import { MINUTE_MS } from "@/lib/time";

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("listTokens", () => {
  it("lists a user's tokens newest first, with device names, hints and statuses", async () => {
    const user = await createUser();
    const device = await createDevice(user.id, { name: "Porch sensor" });
    const first = await issueTestToken(user.id);
    const second = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
    // Same-millisecond issues would tie on createdAt: make the order unambiguous.
    await testDb().apiToken.update({ where: { id: first.view.id }, data: { createdAt: new Date(Date.now() - MINUTE_MS) } });
    await revokeToken("system", first.view.id, "lost laptop");

    const tokens = await listTokens(personOf(user), user.id);
    expect(tokens.map((t) => t.id)).toEqual([second.view.id, first.view.id]);
    expect(tokens[0]).toMatchObject({ kind: "DEVICE", deviceName: "Porch sensor", status: "active", scopes: ["telemetry:write"] });
    expect(tokens[0]!.hint).toBe(`${second.token.slice(0, 8)}…${second.token.slice(-4)}`);
    expect(tokens[1]).toMatchObject({ status: "revoked", revokedReason: "lost laptop" });
  });

  it("returns only views: never a hash, a ciphertext or the token", async () => {
    const user = await createUser();
    const { token } = await issueTestToken(user.id, { kind: "DASHBOARD" });
    const tokens = await listTokens(personOf(user), user.id);
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens[0]!).sort()).toEqual(TOKEN_VIEW_KEYS);
    expect(JSON.stringify(tokens)).not.toContain(token.slice(8, -4));
  });

  it("lets an admin list anyone's tokens", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const { view } = await issueTestToken(user.id);
    expect((await listTokens(personOf(admin), user.id)).map((t) => t.id)).toEqual([view.id]);
  });

  it("refuses a standard user another user's tokens", async () => {
    const user = await createUser();
    const other = await createUser();
    await issueTestToken(other.id);
    const error = await rejection(listTokens(personOf(user), other.id));
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).code).toBe("forbidden");
  });

  it("answers an empty list for a user without tokens", async () => {
    const user = await createUser();
    expect(await listTokens(personOf(user), user.id)).toEqual([]);
  });
});

describe("issueOptions", () => {
  it("offers the owner's role scopes, lifetime and own devices only", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const other = await createUser();
    const b = await createDevice(user.id, { name: "B shed" });
    const a = await createDevice(user.id, { name: "A attic" });
    await createDevice(other.id);

    const options = await issueOptions(personOf(admin), user.id);
    expect(options).toEqual({
      scopes: ["devices:read", "devices:write", "telemetry:read", "telemetry:write"],
      maxLifetimeDays: 90,
      gracePeriodHours: 24,
      devices: [
        { id: a.id, name: "A attic" },
        { id: b.id, name: "B shed" },
      ],
    });
    expect(await issueOptions(personOf(user), user.id)).toEqual(options);
  });

  it("follows the owner's role, not the caller's", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const options = await issueOptions(personOf(admin), admin.id);
    expect(options?.scopes).toContain("users:admin");
    expect(options?.maxLifetimeDays).toBe(180);
  });

  it("answers null for no such user, and refuses another user's to a standard user", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const other = await createUser();
    expect(await issueOptions(personOf(admin), "no-such-user")).toBeNull();
    const error = await rejection(issueOptions(personOf(user), other.id));
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).code).toBe("forbidden");
  });
});

describe("listTokenPage", () => {
  it("lists one view with every view's count, the script's device token marked as renewed by it", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const live = await issueTestToken(user.id, { expiresInDays: 60 });
    const soon = await issueTestToken(user.id, { expiresInDays: 5 });
    // Issued by no person, as the simulator issues its short-lived device tokens.
    const script = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id, expiresInDays: 1 });
    const gone = await issueTestToken(user.id);
    await revokeToken("system", gone.view.id);

    const page = await listTokenPage(personOf(user), user.id, "current");
    expect(new Set(page.tokens.map((t) => t.id))).toEqual(new Set([live.view.id, soon.view.id, script.view.id]));
    expect(page.counts).toMatchObject({ current: 3, active: 2, expiring: 1, revoked: 1, expired: 0, all: 4 });
    expect(page.tokens.find((t) => t.id === script.view.id)).toMatchObject({ phase: "active", renewedBy: "script" });
    expect(page.tokens.find((t) => t.id === soon.view.id)).toMatchObject({ phase: "expiring", renewedBy: null });
    expect((await listTokenPage(personOf(user), user.id, "revoked")).tokens.map((t) => t.id)).toEqual([gone.view.id]);
    expect((await listTokenPage(personOf(user), user.id, "current", new Set([gone.view.id]))).tokens.map((t) => t.id)).toContain(gone.view.id);
  });

  it("refuses a standard user another user's tokens, and keeps who issued a token out of the rows", async () => {
    const user = await createUser();
    const other = await createUser();
    await issueTestToken(other.id);
    expect(((await rejection(listTokenPage(personOf(user), other.id, "all"))) as Refusal).code).toBe("forbidden");
    const { tokens } = await listTokenPage(personOf(other), other.id, "all");
    expect(Object.keys(tokens[0]!).sort()).toEqual([...TOKEN_VIEW_KEYS, "phase", "renewedBy"].sort());
  });
});

describe("missingAddressReason", () => {
  it("says the address is known only behind a trusted proxy", () => {
    expect(missingAddressReason(0)).toBe("address not recorded: not behind a trusted proxy");
    expect(missingAddressReason(1)).toBe("address not recorded: the proxy sent none");
  });
});
