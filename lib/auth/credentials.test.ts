import { describe, expect, it } from "vitest";
import { createUser, testDb } from "@/lib/testing/factories";
import { authenticate, SIGN_IN_LIMITS } from "./credentials";

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

describe("sign-in throttling", () => {
  it("refuses even the right password after too many attempts for one email, and leaves others alone", async () => {
    const user = await createUser({ password: "correct horse battery staple" });
    const other = await createUser({ password: "another good passphrase" });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) expect(await authenticate({ email: user.email, password: `wrong ${i}` })).toBeNull();
    expect(await authenticate({ email: user.email, password: "correct horse battery staple" })).toBeNull();
    expect(await authenticate({ email: other.email, password: "another good passphrase" })).not.toBeNull();
  });

  it("limits one client address across emails", async () => {
    const ip = "192.0.2.77";
    const user = await createUser({ password: "correct horse battery staple" });
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await authenticate({ email: `nobody-${i}@example.com`, password: "x" }, ip);
    expect(await authenticate({ email: user.email, password: "correct horse battery staple" }, ip)).toBeNull();
    expect(await authenticate({ email: user.email, password: "correct horse battery staple" }, "192.0.2.78")).not.toBeNull();
  });
});
