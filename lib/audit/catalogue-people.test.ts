// "Each event type emits exactly one record", for people, policies, alerts and the audit log
// itself: sign-in and sign-out, users, passwords, a policy change, an alert acknowledged, an export
// and a summary overflow, each done once through its real code path (lib/testing/audit.ts).
import crypto from "node:crypto";
import { expect, vi } from "vitest";
import type { Person } from "@/lib/access/caller";
import { authenticate } from "@/lib/auth/credentials";
import { authOptions } from "@/lib/auth/options";
import { changeOwnPassword } from "@/lib/auth/password-change";
import { issuePasswordLink, setPasswordWithLink } from "@/lib/auth/password-links";
import { changeUserRole, createUser as addUser, endSessions, setUserDisabled } from "@/lib/auth/users";
import type { Role } from "@/lib/generated/prisma/client";
import { acknowledgeAlert, raiseAlert } from "@/lib/monitor/alerts";
import { describeCatalogue, type Entry } from "@/lib/testing/audit";
import { personOf } from "@/lib/testing/callers";
import { createUser, testDb } from "@/lib/testing/factories";
import { getPolicy, updatePolicy } from "@/lib/tokens/policy";
import { exportAudit } from "./export";
import { flushAuditSummaries, MAX_PENDING, summariseAudit } from "./summary";

await vi.hoisted(async () => (await import("@/lib/testing/audit")).useOwnDatabase("catalogue-people"));

const PASSWORD = "a long enough password";
const newEmail = () => `new-${crypto.randomUUID()}@test.gatehouse.local`;

/** A new user of the role, and them as a signed-in person at `ip`. */
async function signedIn(ip: string, role: Role = "STANDARD") {
  const user = await createUser({ role, password: PASSWORD });
  return { user, as: personOf(user, ip) };
}

const CATALOGUE: Entry[] = [
  {
    action: "user.signed_in",
    how: "the right password",
    async run(ip) {
      const { user } = await signedIn(ip);
      expect(await authenticate({ email: user.email, password: PASSWORD }, ip)).toMatchObject({ id: user.id });
      return { actorType: "user", actorId: user.id, ip, targetType: "user", targetId: user.id };
    },
  },
  {
    action: "user.sign_in_failed",
    how: "a wrong password",
    async run(ip) {
      const { user } = await signedIn(ip);
      expect(await authenticate({ email: user.email, password: "not the password" }, ip)).toBeNull();
      return { actorType: "anonymous", outcome: "failure", ip, targetType: "user", targetId: user.id, detail: { email: user.email } };
    },
  },
  {
    action: "user.sign_in_throttled",
    how: "one more attempt after five failures",
    async run(ip) {
      const { user } = await signedIn(ip);
      const now = Date.now();
      for (let i = 0; i < 5; i++) await authenticate({ email: user.email, password: "a guess" }, ip, now);
      // The five are failures, not throttled attempts.
      await flushAuditSummaries();
      expect(await testDb().auditEvent.count({ where: { action: "user.sign_in_throttled", ip } })).toBe(0);
      expect(await authenticate({ email: user.email, password: PASSWORD }, ip, now)).toBeNull();
      // A throttled attempt never looks the user up, so it names no target.
      return { actorType: "anonymous", outcome: "denied", ip, targetType: null, targetId: null, detail: { email: user.email } };
    },
  },
  {
    action: "user.signed_out",
    how: "next-auth's signOut event",
    async run() {
      const user = await createUser();
      await authOptions.events!.signOut!({ token: { sub: user.id, role: "STANDARD", signedInAt: Date.now() - 1000 }, session: undefined! });
      return { actorType: "user", actorId: user.id, ip: null, targetType: "user", targetId: user.id };
    },
  },
  {
    action: "user.created",
    how: "by an admin",
    async run(ip) {
      const { user: admin, as } = await signedIn(ip, "ADMIN");
      const { user } = await addUser(as, { name: "New", email: newEmail(), role: "STANDARD" });
      return { actorType: "user", actorId: admin.id, ip, targetType: "user", targetId: user.id };
    },
  },
  {
    action: "user.created",
    how: "by npm run user:create",
    async run() {
      const { user } = await addUser("system", { name: "First", email: newEmail(), role: "ADMIN" });
      return { actorType: "system", ip: null, targetType: "user", targetId: user.id, detail: { role: "ADMIN" } };
    },
  },
  {
    action: "user.password_link_issued",
    how: "an admin issues a link",
    async run(ip) {
      const { user: admin, as } = await signedIn(ip, "ADMIN");
      const { user } = await signedIn(ip);
      await issuePasswordLink(as, user.id);
      return { actorType: "user", actorId: admin.id, ip, targetType: "user", targetId: user.id };
    },
  },
  {
    action: "user.password_set",
    how: "a new user with their link",
    async run(ip) {
      const { user: admin } = await signedIn(ip, "ADMIN");
      const { user, link } = await addUser(personOf(admin, null), { name: "Linked", email: newEmail(), role: "STANDARD" });
      await setPasswordWithLink(link.url.split("/").at(-1)!, PASSWORD, ip);
      return { actorType: "user", actorId: user.id, ip, targetType: "user", targetId: user.id };
    },
  },
  {
    action: "user.password_changed",
    how: "by its owner",
    async run(ip) {
      const { user, as } = await signedIn(ip);
      await changeOwnPassword(as, { currentPassword: PASSWORD, password: "another long password" });
      return { actorType: "user", actorId: user.id, ip, targetType: "user", targetId: user.id };
    },
  },
  ...[
    { action: "user.role_changed", how: "Standard to Admin", change: (as: Person, id: string) => changeUserRole(as, id, "ADMIN") },
    { action: "user.disabled", how: "by an admin", change: (as: Person, id: string) => setUserDisabled(as, id, true) },
    { action: "user.sessions_ended", how: "by an admin", change: (as: Person, id: string) => endSessions(as, id) },
  ].map(({ action, how, change }) => ({
    action,
    how,
    async run(ip: string) {
      const { user: admin, as } = await signedIn(ip, "ADMIN");
      const { user } = await signedIn(ip);
      await change(as, user.id);
      return { actorType: "user" as const, actorId: admin.id, ip, targetType: "user", targetId: user.id };
    },
  })),
  {
    action: "user.enabled",
    how: "a disabled user, by an admin",
    async run(ip) {
      const { user: admin, as } = await signedIn(ip, "ADMIN");
      const user = await createUser({ disabled: true });
      await setUserDisabled(as, user.id, false);
      return { actorType: "user", actorId: admin.id, ip, targetType: "user", targetId: user.id };
    },
  },
  {
    // In this file's own database: other test files read the shared policy rows.
    action: "policy.changed",
    how: "the Admin grace period",
    async run(ip) {
      const { user: admin, as } = await signedIn(ip, "ADMIN");
      const { maxLifetimeDays, rotationIntervalDays, gracePeriodHours, idleDisableDays } = await getPolicy("ADMIN");
      await updatePolicy(as, "ADMIN", { maxLifetimeDays, rotationIntervalDays, gracePeriodHours: gracePeriodHours + 1, idleDisableDays });
      return { actorType: "user", actorId: admin.id, ip, targetType: "policy", targetId: "ADMIN" };
    },
  },
  {
    action: "alert.acknowledged",
    how: "by an admin",
    async run(ip) {
      const { user: admin, as } = await signedIn(ip, "ADMIN");
      const key = `catalogue:${crypto.randomUUID()}`;
      await raiseAlert({ rule: "revoked-token-use", key, severity: "critical", title: "Revoked token used", subjectType: "address", subjectId: ip, detail: {} });
      const { id } = await testDb().alert.findUniqueOrThrow({ where: { key } });
      await acknowledgeAlert(as, id);
      return { actorType: "user", actorId: admin.id, ip, targetType: "alert", targetId: id };
    },
  },
  {
    action: "audit.exported",
    how: "as CSV",
    async run(ip) {
      const { user: admin, as } = await signedIn(ip, "ADMIN");
      await new Response(await exportAudit(as, { action: "user." }, "csv")).text();
      return { actorType: "user", actorId: admin.id, ip, targetType: null, targetId: null, detail: { format: "csv", filter: { action: "user." } } };
    },
  },
  {
    action: "audit.summary_overflow",
    how: "one distinct event past the limit",
    async run() {
      const action = `test.catalogue_${crypto.randomUUID().slice(0, 8)}`;
      for (let i = 0; i <= MAX_PENDING; i++) summariseAudit({ actor: { type: "anonymous", ip: `10.9.${i >> 8}.${i & 255}` }, action });
      return { actorType: "system", outcome: "denied", ip: null, targetId: null, detailContains: action, detail: { of: action, limit: MAX_PENDING } };
    },
  },
];

describeCatalogue("people", CATALOGUE);
