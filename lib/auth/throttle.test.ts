// Sign-in throttling, driven through authenticate with an injected clock: failures count, throttled
// attempts and successes do not, delays double up to their caps, and nobody elsewhere can hold an
// account's owner out for longer than the account's short cap.
import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser, testDb } from "@/lib/testing/factories";
import { MINUTE_MS, SECOND_MS } from "@/lib/time";
import { authenticate } from "./credentials";
import { hashPassword, verifyPassword } from "./password";
import { FORGET_FAILURES_MS, SIGN_IN_THROTTLE } from "./throttle";

vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const PASSWORD = "a long and correct password";
const WRONG = "not the password at all";
const T0 = Date.now();

/** A fresh client address for each use, so that tests never share an address key. */
const address = () => `2001:db8::${crypto.randomBytes(2).toString("hex")}:${crypto.randomBytes(2).toString("hex")}`;
const unknownEmail = () => `nobody-${crypto.randomUUID()}@test.gatehouse.local`;
const signIn = (email: string, password: string, ip: string | null, at: number) => authenticate({ email, password }, ip, at);
const hashChecks = () => vi.mocked(verifyPassword).mock.calls.length;

afterEach(() => vi.mocked(verifyPassword).mockClear());

describe("sign-in throttling per account and address", () => {
  it("doubles the wait after each failure past the threshold, up to the cap", async () => {
    const user = await createUser({ password: PASSWORD });
    const ip = address();
    const { threshold, capMs } = SIGN_IN_THROTTLE.accountFromAddress;
    for (let i = 0; i < threshold; i++) expect(await signIn(user.email, WRONG, ip, T0)).toBeNull();
    let last = T0;
    for (let failures = threshold; failures < threshold + 12; failures++) {
      const wait = Math.min(capMs, 2 ** (failures - threshold) * SECOND_MS);
      expect(await signIn(user.email, PASSWORD, ip, last + wait - 1), `after ${failures} failures`).toBeNull();
      last += wait;
      expect(await signIn(user.email, WRONG, ip, last)).toBeNull();
    }
    expect(await signIn(user.email, PASSWORD, ip, last + capMs - 1)).toBeNull();
    expect(await signIn(user.email, PASSWORD, ip, last + capMs)).not.toBeNull();
  });

  it("does not count throttled attempts, nor check their password", async () => {
    const user = await createUser({ password: PASSWORD });
    const ip = address();
    for (let i = 0; i < SIGN_IN_THROTTLE.accountFromAddress.threshold; i++) await signIn(user.email, WRONG, ip, T0);
    const checked = hashChecks();
    for (let i = 0; i < 40; i++) expect(await signIn(user.email, i % 2 ? WRONG : PASSWORD, ip, T0 + 999)).toBeNull();
    expect(hashChecks()).toBe(checked);
    // The lock is still the one the last failure set: a second after it.
    expect(await signIn(user.email, PASSWORD, ip, T0 + SECOND_MS)).not.toBeNull();
  });

  it("does not count a success, and leaves the lock as it was", async () => {
    const user = await createUser({ password: PASSWORD });
    const ip = address();
    for (let i = 0; i < SIGN_IN_THROTTLE.accountFromAddress.threshold; i++) await signIn(user.email, WRONG, ip, T0);
    for (let i = 0; i < 10; i++) expect(await signIn(user.email, PASSWORD, ip, T0 + SECOND_MS), `success ${i}`).not.toBeNull();
    // One more failure: the sixth, so two seconds.
    await signIn(user.email, WRONG, ip, T0 + SECOND_MS);
    expect(await signIn(user.email, PASSWORD, ip, T0 + 3 * SECOND_MS - 1)).toBeNull();
    expect(await signIn(user.email, PASSWORD, ip, T0 + 3 * SECOND_MS)).not.toBeNull();
  });

  it("lets simultaneous attempts past the threshold no sooner than one after another", async () => {
    const user = await createUser({ password: PASSWORD });
    const ip = address();
    const results = await Promise.all(Array.from({ length: 20 }, () => signIn(user.email, WRONG, ip, T0)));
    expect(results.every((result) => result === null)).toBe(true);
    expect(hashChecks()).toBe(SIGN_IN_THROTTLE.accountFromAddress.threshold);
  });

  it("counts a failure on every key, the one it brings to its threshold included", async () => {
    const sprayer = address();
    const perAccount = SIGN_IN_THROTTLE.accountFromAddress.threshold;
    for (let i = 0; i < SIGN_IN_THROTTLE.address.threshold / perAccount; i++) {
      const email = unknownEmail();
      for (let j = 0; j < perAccount; j++) await signIn(email, WRONG, sprayer, T0);
    }
    const user = await createUser({ password: PASSWORD });
    expect(await signIn(user.email, PASSWORD, sprayer, T0 + 999)).toBeNull();
    expect(await signIn(user.email, PASSWORD, sprayer, T0 + SECOND_MS)).not.toBeNull();
  });

  it("forgets failures after a quiet spell longer than any lock", async () => {
    expect(Math.max(...Object.values(SIGN_IN_THROTTLE).map(({ capMs }) => capMs))).toBeLessThan(FORGET_FAILURES_MS);
    const user = await createUser({ password: PASSWORD });
    const ip = address();
    for (let i = 0; i < SIGN_IN_THROTTLE.accountFromAddress.threshold; i++) await signIn(user.email, WRONG, ip, T0);
    expect(await signIn(user.email, WRONG, ip, T0 + FORGET_FAILURES_MS)).toBeNull();
    expect(await signIn(user.email, PASSWORD, ip, T0 + FORGET_FAILURES_MS)).not.toBeNull();
  });

  it("locks one address out of an account without locking the account", async () => {
    const user = await createUser({ password: PASSWORD });
    const stranger = address();
    for (let i = 0; i < 30; i++) await signIn(user.email, WRONG, stranger, T0);
    expect(await signIn(user.email, PASSWORD, stranger, T0)).toBeNull();
    expect(await signIn(user.email, PASSWORD, address(), T0)).not.toBeNull();
  });

  it("holds the owner out for at most the account's short cap, however many strangers fail", async () => {
    const owner = await createUser({ password: PASSWORD });
    const strangers = Array.from({ length: 8 }, address);
    const end = T0 + 400 * SECOND_MS;
    for (let at = T0; at <= end; at += SECOND_MS) for (const ip of strangers) await signIn(owner.email, WRONG, ip, at);
    const { threshold, capMs } = SIGN_IN_THROTTLE.account;
    // Enough failures that an uncapped doubling would lock the account for over a minute.
    expect(hashChecks()).toBeGreaterThan(threshold + Math.log2(capMs / SECOND_MS) + 1);
    expect(await signIn(owner.email, PASSWORD, address(), end)).toBeNull();
    expect(await signIn(owner.email, PASSWORD, address(), end + capMs)).not.toBeNull();
  });

  it("does not hold the owner out at all from an address they signed in from before", async () => {
    const owner = await createUser({ password: PASSWORD });
    const home = address();
    expect(await signIn(owner.email, PASSWORD, home, T0)).not.toBeNull();
    const strangers = Array.from({ length: 8 }, address);
    for (let at = T0; at <= T0 + 100 * SECOND_MS; at += SECOND_MS) {
      for (const ip of strangers) await signIn(owner.email, WRONG, ip, at);
      if ((at - T0) % (20 * SECOND_MS) === 0) expect(await signIn(owner.email, PASSWORD, home, at)).not.toBeNull();
    }
    expect(await signIn(owner.email, PASSWORD, address(), T0 + 100 * SECOND_MS)).toBeNull();
    // The address's own key still counts: guessing from there is as slow as anywhere.
    for (let i = 0; i < SIGN_IN_THROTTLE.accountFromAddress.threshold; i++) await signIn(owner.email, WRONG, home, T0 + 101 * SECOND_MS);
    expect(await signIn(owner.email, PASSWORD, home, T0 + 101 * SECOND_MS)).toBeNull();
  });

  it("throttles one address spraying many accounts, with growing delays", async () => {
    const user = await createUser({ password: PASSWORD });
    const sprayer = address();
    for (let i = 0; i < SIGN_IN_THROTTLE.address.threshold; i++) await signIn(unknownEmail(), WRONG, sprayer, T0);
    expect(await signIn(user.email, PASSWORD, sprayer, T0 + 999)).toBeNull();
    expect(await signIn(unknownEmail(), WRONG, sprayer, T0 + SECOND_MS)).toBeNull();
    expect(await signIn(user.email, PASSWORD, sprayer, T0 + 2999)).toBeNull();
    expect(await signIn(user.email, PASSWORD, address(), T0 + 2999)).not.toBeNull();
    expect(await signIn(user.email, PASSWORD, sprayer, T0 + 3 * SECOND_MS)).not.toBeNull();
  });

  it("counts unknown, disabled and wrong-password attempts alike", async () => {
    const { threshold } = SIGN_IN_THROTTLE.accountFromAddress;
    const ip = address();
    const wrong = await createUser({ password: PASSWORD });
    const disabled = await createUser({ password: PASSWORD, disabled: true });
    const unknown = unknownEmail();
    for (let i = 0; i < threshold; i++) {
      expect(await signIn(wrong.email, WRONG, ip, T0)).toBeNull();
      expect(await signIn(disabled.email, PASSWORD, ip, T0)).toBeNull();
      expect(await signIn(unknown, PASSWORD, ip, T0)).toBeNull();
    }
    await testDb().user.update({ where: { id: disabled.id }, data: { disabledAt: null } });
    await testDb().user.create({ data: { email: unknown, name: "Late", passwordHash: await hashPassword(PASSWORD) } });
    for (const email of [wrong.email, disabled.email, unknown]) {
      expect(await signIn(email, PASSWORD, ip, T0 + 999), email).toBeNull();
      expect(await signIn(email, PASSWORD, ip, T0 + SECOND_MS), email).not.toBeNull();
    }
  });

  it("without a known address, keeps the account's lock short", async () => {
    const user = await createUser({ password: PASSWORD });
    const { threshold, capMs } = SIGN_IN_THROTTLE.accountWithoutAddress;
    for (let i = 0; i < threshold; i++) await signIn(user.email, WRONG, null, T0);
    expect(await signIn(user.email, PASSWORD, null, T0 + 999)).toBeNull();
    const end = T0 + 10 * MINUTE_MS;
    for (let at = T0; at <= end; at += SECOND_MS) await signIn(user.email, WRONG, null, at);
    expect(await signIn(user.email, PASSWORD, null, end)).toBeNull();
    expect(await signIn(user.email, PASSWORD, null, end + capMs)).not.toBeNull();
  });
});
