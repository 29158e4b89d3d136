import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushAuditSummaries } from "@/lib/audit/summary";
import { createUser, testDb } from "@/lib/testing/factories";
import { authenticate } from "./credentials";
import { verifyPassword } from "./password";
import { recordSignIn } from "./sign-in-events";

vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
vi.mock("./sign-in-events", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./sign-in-events")>();
  return { ...actual, recordSignIn: vi.fn(actual.recordSignIn) };
});

afterEach(() => vi.clearAllMocks());

const PASSWORD = "a long and correct password";

describe("authenticate", () => {
  it("returns the user, without the password hash, for the right email and password", async () => {
    const user = await createUser({ password: PASSWORD, role: "ADMIN", name: "Ada" });
    const result = await authenticate({ email: user.email, password: PASSWORD });
    expect(result).toEqual({ id: user.id, email: user.email, name: "Ada", role: "ADMIN" });
    expect(Object.keys(result!).sort()).toEqual(["email", "id", "name", "role"]);
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const user = await createUser({ password: PASSWORD });
    const result = await authenticate({ email: `  ${user.email.toUpperCase()}\t`, password: PASSWORD });
    expect(result?.id).toBe(user.id);
  });

  it("refuses a wrong password", async () => {
    const user = await createUser({ password: PASSWORD });
    expect(await authenticate({ email: user.email, password: `${PASSWORD}!` })).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD.toUpperCase() })).toBeNull();
  });

  it("refuses an unknown email", async () => {
    expect(await authenticate({ email: "nobody-here@test.gatehouse.local", password: PASSWORD })).toBeNull();
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await createUser({ password: PASSWORD, disabled: true });
    expect(await authenticate({ email: user.email, password: PASSWORD })).toBeNull();
  });

  it("takes the role from the database, not from the input", async () => {
    const user = await createUser({ password: PASSWORD, role: "STANDARD" });
    const result = await authenticate({ email: user.email, password: PASSWORD, role: "ADMIN", id: "someone-else" });
    expect(result).toMatchObject({ id: user.id, role: "STANDARD" });
  });

  it("answers null, never throws, for hostile or malformed input, and writes nothing", async () => {
    const user = await createUser({ password: PASSWORD });
    const before = await testDb().user.findUniqueOrThrow({ where: { id: user.id } });
    const huge = "x".repeat(100_000);
    const attempts: unknown[] = [
      { email: "", password: "" },
      { email: user.email, password: "" },
      { email: "", password: PASSWORD },
      { email: user.email },
      { password: PASSWORD },
      {},
      null,
      undefined,
      "not an object",
      42,
      [user.email, PASSWORD],
      { email: 123, password: PASSWORD },
      { email: user.email, password: huge },
      { email: `${huge}@example.com`, password: PASSWORD },
      { email: "ü@例え.jp", password: PASSWORD },
      { email: "' OR 1=1 --", password: "' OR 1=1 --" },
      { email: `${user.email}' OR '1'='1`, password: "' OR '1'='1" },
      { email: user.email, password: "' OR 1=1 --" },
    ];
    for (const input of attempts) {
      await expect(authenticate(input), JSON.stringify(input)?.slice(0, 80)).resolves.toBeNull();
    }
    // The table is shared with files running in parallel, so compare what these attempts could touch
    // rather than a global count: no user appeared under an attempted email, and ours is untouched.
    const attemptedEmails = ["", "ü@例え.jp", "' OR 1=1 --", `${user.email}' OR '1'='1`, `${huge}@example.com`];
    expect(await testDb().user.count({ where: { email: { in: attemptedEmails } } })).toBe(0);
    expect(await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
    expect(await authenticate({ email: user.email, password: PASSWORD })).not.toBeNull();
  });
});

describe("refusals", () => {
  const WRONG = "not the password at all";
  const address = () => `2001:db8::${crypto.randomBytes(2).toString("hex")}:${crypto.randomBytes(2).toString("hex")}`;
  const unknownEmail = () => `nobody-${crypto.randomUUID()}@test.gatehouse.local`;

  /** A known user's email, locked from `ip` by failures just now. */
  async function throttledEmail(ip: string, now: number) {
    const user = await createUser({ password: PASSWORD });
    for (let i = 0; i < 10; i++) await authenticate({ email: user.email, password: WRONG }, ip, now);
    return user;
  }

  it("look alike for unknown, disabled, wrong-password and throttled attempts, and only a throttled one skips the hash", async () => {
    const ip = address();
    const user = await createUser({ password: PASSWORD });
    const disabled = await createUser({ password: PASSWORD, disabled: true });
    const now = Date.now();
    const lockedFrom = address();
    const throttled = await throttledEmail(lockedFrom, now);
    const checks: number[] = [];
    const answers: unknown[] = [];
    for (const [email, password, from] of [
      [unknownEmail(), PASSWORD, ip],
      [disabled.email, PASSWORD, ip],
      [user.email, WRONG, ip],
      [throttled.email, PASSWORD, lockedFrom],
    ] as const) {
      vi.mocked(verifyPassword).mockClear();
      answers.push(await authenticate({ email, password }, from, now));
      checks.push(vi.mocked(verifyPassword).mock.calls.length);
    }
    expect(answers.map((answer) => answer === null)).toEqual([true, true, true, true]);
    expect(checks).toEqual([1, 1, 1, 0]);
  });

  // Timed: another run beside this one (npm test runs the PostgreSQL suite at the same time) can
  // disturb a sample, so a failure is tried again before it counts.
  it("take about as long for an unknown email as for a known one", { retry: 2 }, async () => {
    const user = await createUser({ password: PASSWORD });
    const disabled = await createUser({ password: PASSWORD, disabled: true });
    await authenticate({ email: unknownEmail(), password: PASSWORD }); // makes the dummy hash once
    const time = async (email: string, password: string) => {
      const start = performance.now();
      await authenticate({ email, password }, address());
      return performance.now() - start;
    };
    const samples: Record<"unknown" | "wrong" | "disabled", number[]> = { unknown: [], wrong: [], disabled: [] };
    for (let i = 0; i < 7; i++) {
      samples.unknown.push(await time(unknownEmail(), PASSWORD));
      samples.wrong.push(await time(user.email, WRONG));
      samples.disabled.push(await time(disabled.email, PASSWORD));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    for (const known of [samples.wrong, samples.disabled]) {
      const ratio = median(samples.unknown) / median(known);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    }
  });

  it("are each recorded, like a success, and never with the password", async () => {
    const ip = address();
    const user = await createUser({ password: PASSWORD });
    const disabled = await createUser({ password: PASSWORD, disabled: true });
    const unknown = unknownEmail();
    const now = Date.now();
    const throttled = await throttledEmail(ip, now);
    vi.mocked(recordSignIn).mockClear();
    await authenticate({ email: user.email, password: WRONG }, ip, now);
    await authenticate({ email: disabled.email, password: PASSWORD }, ip, now);
    await authenticate({ email: unknown, password: PASSWORD }, ip, now);
    await authenticate({ email: throttled.email, password: PASSWORD }, ip, now);
    await authenticate({ email: user.email, password: PASSWORD }, ip, now);
    const events = vi.mocked(recordSignIn).mock.calls.map(([event]) => event);
    expect(events).toEqual([
      { outcome: "failure", email: user.email, userId: user.id, ip },
      { outcome: "failure", email: disabled.email, userId: disabled.id, ip },
      { outcome: "failure", email: unknown, ip },
      { outcome: "throttled", email: throttled.email, ip },
      { outcome: "success", email: user.email, user: { id: user.id, email: user.email, name: user.name, role: user.role }, ip },
    ]);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(JSON.stringify(events)).not.toContain(WRONG);
  });

  it("are summarised, not written one by one; a success writes one record at once, with the person and the address", async () => {
    const ip = address();
    const user = await createUser({ password: PASSWORD });
    await authenticate({ email: user.email, password: WRONG }, ip);
    await authenticate({ email: user.email, password: WRONG }, ip);
    expect(await testDb().auditEvent.count({ where: { OR: [{ actorId: user.id }, { targetId: user.id }] } })).toBe(0);
    await authenticate({ email: user.email, password: PASSWORD }, ip);
    expect(await testDb().auditEvent.findMany({ where: { targetId: user.id } })).toMatchObject([
      { action: "user.signed_in", actorType: "user", actorId: user.id, targetType: "user", ip, detail: "{}" },
    ]);
    await flushAuditSummaries();
    const failed = await testDb().auditEvent.findMany({ where: { targetId: user.id, action: "user.sign_in_failed" } });
    expect(failed).toMatchObject([{ actorType: "anonymous", actorId: null, outcome: "failure", ip }]);
    expect(JSON.parse(failed[0]!.detail)).toMatchObject({ email: user.email, count: 2 });
    expect(JSON.stringify(await testDb().auditEvent.findMany({ where: { targetId: user.id } }))).not.toContain(PASSWORD);
  });
});
