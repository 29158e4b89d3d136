// "Each event type emits exactly one record", for tokens, scope denials and devices: issue, rotate,
// revoke, expire, idle-disable and narrow, every kind of refused token, and device changes through
// the API, each done once through its real code path (lib/testing/audit.ts).
import { expect, vi } from "vitest";
import type { Scope } from "@/lib/access/scopes";
import { changeUserRole } from "@/lib/auth/users";
import { runHygiene } from "@/lib/monitor/hygiene";
import { recordExpiredTokens } from "@/lib/monitor/reminders";
import { apiClient } from "@/lib/testing/api-client";
import { describeCatalogue, type Entry, type Expected } from "@/lib/testing/audit";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { issuePersonal, setRow } from "@/lib/testing/tokens";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { generateToken } from "@/lib/tokens/format";
import { narrowTokenScopes } from "@/lib/tokens/hygiene";
import { issueToken, revokeAllTokens, revokeToken, rotateToken } from "@/lib/tokens/lifecycle";
import { getPolicy } from "@/lib/tokens/policy";

await vi.hoisted(async () => (await import("@/lib/testing/audit")).useOwnDatabase("catalogue-tokens"));

/** A new Standard user's personal token. */
async function tokenOf(scopes: Scope[] = ["devices:read", "devices:write"]) {
  const user = await createUser();
  const { token, view } = await issuePersonal("system", user.id, scopes);
  return { user, token, id: view.id };
}

/** A token left unused for longer than the Standard idle limit. */
async function idleToken() {
  const t = await tokenOf();
  const { idleDisableDays } = await getPolicy("STANDARD");
  await setRow(t.id, { createdAt: new Date(Date.now() - (idleDisableDays + 1) * DAY_MS) });
  return t;
}

const aboutToken = (id: string): Pick<Expected, "targetType" | "targetId"> => ({ targetType: "token", targetId: id });

/** One API request refused for its token; `make` returns the token, and its id where the record names it. */
function refused(reason: string, make: () => Promise<{ token: string | null; id?: string }>): Entry {
  return {
    action: "token.refused",
    how: `a ${reason} token`,
    async run(ip) {
      const { token, id } = await make();
      expect((await apiClient(ip)("GET", "/devices", { token })).status).toBe(401);
      // A refused token is no caller: the record is anonymous's, and names a known token as its target.
      const target = id ? aboutToken(id) : { targetType: null, targetId: null };
      return { actorType: "anonymous", outcome: "denied", ip, tokenId: null, ...target, detail: { reason, route: "GET /devices" } };
    },
  };
}

/** A device change through the API, recorded as the token's. */
function deviceChange(action: string, change: (call: ReturnType<typeof apiClient>, token: string, deviceId: string) => Promise<{ status: number; body?: { id?: string } }>): Entry {
  return {
    action,
    how: "through the API",
    async run(ip) {
      const t = await tokenOf();
      const { id: existing } = await createDevice(t.user.id);
      const response = await change(apiClient(ip), t.token, existing);
      expect(response.status).toBeLessThan(300);
      const targetId = action === "device.created" ? response.body!.id! : existing;
      return { actorType: "token", actorId: t.user.id, tokenId: t.id, ip, targetType: "device", targetId };
    },
  };
}

const CATALOGUE: Entry[] = [
  {
    action: "token.issued",
    how: "a person issues their own",
    async run(ip) {
      const user = await createUser();
      const { view } = await issueToken(personOf(user, ip), { userId: user.id, kind: "PERSONAL", name: "script", scopes: ["devices:read"] });
      return { actorType: "user", actorId: user.id, tokenId: null, ip, ...aboutToken(view.id) };
    },
  },
  {
    action: "token.rotated",
    how: "by an admin",
    async run(ip) {
      const admin = await createUser({ role: "ADMIN" });
      const t = await tokenOf();
      await rotateToken(personOf(admin, ip), t.id, 24);
      return { actorType: "user", actorId: admin.id, ip, ...aboutToken(t.id), detail: { graceHours: 24 } };
    },
  },
  {
    action: "token.revoked",
    how: "by its owner",
    async run(ip) {
      const t = await tokenOf();
      await revokeToken(personOf(t.user, ip), t.id);
      return { actorType: "user", actorId: t.user.id, ip, ...aboutToken(t.id), detail: { reason: "revoked" } };
    },
  },
  {
    action: "token.revoked",
    how: "an admin-only token, by a downgrade to Standard",
    async run(ip) {
      const admin = await createUser({ role: "ADMIN" });
      const demoted = await createUser({ role: "ADMIN" });
      const { view } = await issuePersonal("system", demoted.id, ["audit:read"]);
      await changeUserRole(personOf(admin, ip), demoted.id, "STANDARD");
      return { actorType: "user", actorId: admin.id, ip, ...aboutToken(view.id), detail: { reason: "role changed" } };
    },
  },
  {
    action: "token.revoked_all",
    how: "by an admin",
    async run(ip) {
      const admin = await createUser({ role: "ADMIN" });
      const t = await tokenOf();
      await issuePersonal("system", t.user.id);
      await revokeAllTokens(personOf(admin, ip), t.user.id);
      return { actorType: "user", actorId: admin.id, ip, targetType: "user", targetId: t.user.id, detail: { count: 2 } };
    },
  },
  {
    action: "token.expired",
    how: "the hygiene job, twice",
    async run() {
      const t = await tokenOf();
      await setRow(t.id, { expiresAt: new Date(Date.now() - HOUR_MS) });
      await recordExpiredTokens(Date.now());
      await recordExpiredTokens(Date.now());
      return { actorType: "system", ip: null, ...aboutToken(t.id) };
    },
  },
  {
    action: "token.idle_disabled",
    how: "the hygiene job's sweep, twice",
    async run() {
      const t = await idleToken();
      await runHygiene(Date.now());
      await runHygiene(Date.now());
      return { actorType: "system", ip: null, ...aboutToken(t.id) };
    },
  },
  {
    action: "token.idle_disabled",
    how: "at its next use",
    async run(ip) {
      const t = await idleToken();
      expect((await apiClient(ip)("GET", "/devices", { token: t.token })).status).toBe(401);
      return { actorType: "system", ip: null, ...aboutToken(t.id) };
    },
  },
  {
    action: "token.narrowed",
    how: "by its owner, to the scopes used",
    async run(ip) {
      const t = await tokenOf();
      await narrowTokenScopes(personOf(t.user, ip), t.id, ["devices:read"]);
      return { actorType: "user", actorId: t.user.id, ip, ...aboutToken(t.id), detail: { after: ["devices:read"] } };
    },
  },
  refused("missing", async () => ({ token: null })),
  refused("malformed", async () => ({ token: "gth_not-a-token" })),
  refused("unknown", async () => ({ token: generateToken("PERSONAL") })),
  refused("revoked", async () => {
    const t = await tokenOf();
    await revokeToken("system", t.id);
    return t;
  }),
  refused("expired", async () => {
    const t = await tokenOf();
    await setRow(t.id, { expiresAt: new Date(Date.now() - HOUR_MS) });
    return t;
  }),
  refused("inactive_owner", async () => {
    // Disabled in the database alone: setUserDisabled would revoke the token too.
    const t = await tokenOf();
    await testDb().user.update({ where: { id: t.user.id }, data: { disabledAt: new Date() } });
    return t;
  }),
  {
    action: "access.denied",
    how: "a token without the route's scope",
    async run(ip) {
      const t = await tokenOf(["devices:read"]);
      expect((await apiClient(ip)("POST", "/devices", { token: t.token, body: { name: "X", kind: "thermostat" } })).status).toBe(403);
      return { actorType: "token", outcome: "denied", actorId: t.user.id, tokenId: t.id, ip, targetId: null, detail: { route: "POST /devices", needed: ["devices:write"] } };
    },
  },
  deviceChange("device.created", (call, token) => call("POST", "/devices", { token, body: { name: "Shed", kind: "thermostat" } })),
  deviceChange("device.updated", (call, token, id) => call("PATCH", `/devices/${id}`, { token, body: { name: "Barn" } })),
  deviceChange("device.deleted", (call, token, id) => call("DELETE", `/devices/${id}`, { token })),
];

describeCatalogue("tokens", CATALOGUE);
