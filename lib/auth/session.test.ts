// A session's life: the time put in the token at sign-in, the user's sessionsValidAfter stamp that
// sign-out, a role change and a disable set, and the check on every request. next-auth's
// getServerSession and Next's headers() need a live request, so they are stood in for; the user row
// is read through the real SQL from the test database.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "next-auth";
import { encode, decode, type JWT } from "next-auth/jwt";
import { personOf } from "@/lib/testing/callers";
import { createUser, testDb } from "@/lib/testing/factories";

const request = vi.hoisted(() => ({ session: null as Session | null }));
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => request.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { authOptions } = await import("./options");
const { getCurrentUser, sessionIsCurrent } = await import("./session");
const { changeUserRole, endSessions, setUserDisabled } = await import("./users");

type User = Awaited<ReturnType<typeof createUser>>;

/** Signs in as next-auth does: the jwt callback with the user, then the session callback. */
async function signIn(user: User): Promise<JWT> {
  const token = await authOptions.callbacks!.jwt!({ token: { sub: user.id, role: user.role }, user: { id: user.id, role: user.role }, account: null });
  request.session = await sessionOf(token);
  return token;
}

async function sessionOf(token: JWT): Promise<Session> {
  const session = { user: { name: null, email: null, image: null }, expires: "" } as unknown as Session;
  return (await authOptions.callbacks!.session!({ session, token, user: undefined!, newSession: undefined, trigger: "update" })) as Session;
}

/** next-auth's sign-out POST: the signOut event with the decoded cookie. */
async function signOut(token: JWT): Promise<void> {
  await authOptions.events!.signOut!({ token, session: undefined! });
}

/** Waits for the clock to move on by a millisecond, so that stamps and sign-ins are ordered. */
async function tick(): Promise<void> {
  const start = Date.now();
  while (Date.now() <= start) await new Promise((resolve) => setTimeout(resolve, 1));
}

beforeEach(() => {
  request.session = null;
});

describe("sessionIsCurrent", () => {
  const stamp = new Date("2026-12-01T10:00:00.000Z");
  const at = (ms: number) => stamp.getTime() + ms;

  it("accepts any session of a user with no stamp, and none of a disabled user", () => {
    expect(sessionIsCurrent({ disabledAt: null, sessionsValidAfter: null }, at(-1))).toBe(true);
    expect(sessionIsCurrent({ disabledAt: null, sessionsValidAfter: null }, undefined)).toBe(true);
    expect(sessionIsCurrent({ disabledAt: stamp, sessionsValidAfter: null }, at(1))).toBe(false);
  });

  it("compares in milliseconds: a sign-in one millisecond after the stamp stands, one in the same millisecond does not", () => {
    const user = { disabledAt: null, sessionsValidAfter: stamp };
    expect(sessionIsCurrent(user, at(1))).toBe(true);
    expect(sessionIsCurrent(user, at(0))).toBe(false);
    expect(sessionIsCurrent(user, at(-1))).toBe(false);
    // In the same second as the stamp, before and after it: whole seconds could not tell these apart.
    expect(sessionIsCurrent(user, at(999))).toBe(true);
    expect(sessionIsCurrent({ disabledAt: null, sessionsValidAfter: new Date(at(999)) }, at(1))).toBe(false);
  });

  it("refuses a session that carries no sign-in time once the user has a stamp", () => {
    expect(sessionIsCurrent({ disabledAt: null, sessionsValidAfter: stamp }, undefined)).toBe(false);
  });
});

describe("the sign-in time in the token", () => {
  it("is set at sign-in, passed to the session, and kept when next-auth refreshes the cookie and renews iat", async () => {
    const user = await createUser();
    const before = Date.now();
    const token = await signIn(user);
    expect(token.signedInAt).toBeGreaterThanOrEqual(before);
    expect(token.signedInAt).toBeLessThanOrEqual(Date.now());
    expect(request.session?.signedInAt).toBe(token.signedInAt);

    // What GET /api/auth/session does with a cookie: decode, the jwt callback without a user, encode.
    const secret = authOptions.secret!;
    const old = { ...token, iat: Math.floor(before / 1000) - 3600 };
    const refreshed = await decode({ secret, token: await encode({ secret, token: await authOptions.callbacks!.jwt!({ token: old, user: undefined!, account: null }) }) });
    expect(refreshed?.iat).toBeGreaterThan(old.iat);
    expect(refreshed?.signedInAt).toBe(token.signedInAt);
  });
});

describe("getCurrentUser", () => {
  it("answers the signed-in person, and no one without a session", async () => {
    const user = await createUser({ name: "Signed In" });
    expect(await getCurrentUser()).toBeNull();
    await signIn(user);
    expect(await getCurrentUser()).toMatchObject({ type: "person", userId: user.id, name: "Signed In", role: "STANDARD" });
  });

  it("refuses a copy of a signed-out session, and accepts the next sign-in", async () => {
    const user = await createUser();
    const token = await signIn(user);
    const copied = request.session;
    await tick();
    await signOut(token);
    request.session = copied;
    expect(await getCurrentUser()).toBeNull();

    await tick();
    await signIn(user);
    expect((await getCurrentUser())?.userId).toBe(user.id);
  });

  it("does not let a stale copy sign its owner out of a newer session", async () => {
    const user = await createUser();
    const stale = await signIn(user);
    await tick();
    await signOut(stale);
    await tick();
    await signIn(user);
    await tick();
    await signOut(stale);
    expect((await getCurrentUser())?.userId).toBe(user.id);
  });

  it("ends a user's sessions when an admin changes their role or disables them", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    await signIn(user);
    await tick();
    await changeUserRole(personOf(admin), user.id, "ADMIN");
    expect(await getCurrentUser()).toBeNull();

    await tick();
    await signIn({ ...user, role: "ADMIN" });
    expect((await getCurrentUser())?.role).toBe("ADMIN");
    await tick();
    await setUserDisabled(personOf(admin), user.id, true);
    expect(await getCurrentUser()).toBeNull();
    await setUserDisabled(personOf(admin), user.id, false);
    expect(await getCurrentUser()).toBeNull();
  });

  it("ends a user's sessions through endSessions, the call a password change is to make", async () => {
    const user = await createUser();
    await signIn(user);
    await tick();
    await endSessions(personOf(user), user.id);
    expect(await getCurrentUser()).toBeNull();
    const stamp = (await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionsValidAfter;
    expect(stamp).toBeInstanceOf(Date);
  });
});
