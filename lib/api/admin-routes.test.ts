import { beforeAll, describe, expect, it } from "vitest";
import { ROLE_SCOPES } from "@/lib/access/scopes";
import { apiClient, expectProblem, tokenFor, userWithToken, type Call } from "@/lib/testing/api-client";
import { createUser, testDb } from "@/lib/testing/factories";
import { revokeToken } from "@/lib/tokens/lifecycle";

const call = apiClient("203.0.113.61");

/** Every item of a listing, paging through to the end with the given page size. */
async function listAll(call: Call, path: string, token: string, limit: number) {
  const seen: { id: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const result = await call("GET", `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { token });
    expect(result.status, result.text).toBe(200);
    expect(result.body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...result.body.data);
    cursor = result.body.nextCursor;
    pages++;
  } while (cursor);
  return { seen, pages };
}

/** No member that could carry a secret, at any depth. */
function expectNoSecrets(text: string) {
  expect(text).not.toMatch(/passwordHash|"hash"|ciphertext|\$argon2/);
  expect(text).not.toMatch(/gth_(dsh|pat|dev)_[0-9A-Za-z]{36}/);
}

let admin: Awaited<ReturnType<typeof userWithToken>>;
let standard: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  admin = await userWithToken({ role: "ADMIN" });
  standard = await userWithToken();
});

describe("a standard user's token", () => {
  it.each(["/users", "/tokens", "/tokens?status=active", "/users?limit=1"])("GET %s answers 403 with nothing in it", async (path) => {
    const result = await call("GET", path, { token: standard.token });
    expectProblem(result, 403, "forbidden", [standard.token]);
    expect(result.body.data).toBeUndefined();
    expect(result.text).not.toContain(admin.user.email);
    expect(result.text).not.toContain(standard.user.email);
  });

  it("cannot hold the admin scopes: asking for them at issue is refused, and verify narrows any stored", async () => {
    await expect(tokenFor(standard.user.id, ["users:admin"])).rejects.toMatchObject({ name: "Refusal" });
    // A token stored with them anyway (as if the role changed) is narrowed to the role at use.
    const { token, tokenId } = await tokenFor(standard.user.id, ["devices:read"]);
    await testDb().apiToken.update({ where: { id: tokenId }, data: { scopes: "devices:read users:admin tokens:admin" } });
    expectProblem(await call("GET", "/users", { token }), 403, "forbidden", [token]);
    expectProblem(await call("GET", "/tokens", { token }), 403, "forbidden", [token]);
  });
});

describe("an admin's token without the scope", () => {
  it("answers 403 for each route whose scope it lacks", async () => {
    const everything = ROLE_SCOPES.ADMIN;
    const noUsers = await tokenFor(admin.user.id, everything.filter((s) => s !== "users:admin"));
    const noTokens = await tokenFor(admin.user.id, everything.filter((s) => s !== "tokens:admin"));
    expectProblem(await call("GET", "/users", { token: noUsers.token }), 403, "forbidden");
    expect((await call("GET", "/tokens", { token: noUsers.token })).status).toBe(200);
    expectProblem(await call("GET", "/tokens", { token: noTokens.token }), 403, "forbidden");
    expect((await call("GET", "/users", { token: noTokens.token })).status).toBe(200);
  });
});

describe("GET /users", () => {
  it("pages by id, each page going on where the last ended", async () => {
    // Enough users for three full pages and more, however few the other files made.
    for (let i = 0; i < 5; i++) await createUser();
    const pages: string[][] = [];
    let cursor = "";
    for (let i = 0; i < 3; i++) {
      const result = await call("GET", `/users?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token: admin.token });
      expect(result.status, result.text).toBe(200);
      pages.push(result.body.data.map((u: { id: string }) => u.id));
      cursor = result.body.nextCursor;
      expect(cursor).toBe(pages.at(-1)!.at(-1));
    }
    // The oldest users, whom the other test files running meanwhile cannot come before.
    const oldest = await testDb().user.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 6 });
    expect(pages.flat()).toEqual(oldest.map((u) => u.id));
  });

  it("lists every user once, with no hash, and says who has a password", async () => {
    const pending = await createUser();
    await testDb().user.update({ where: { id: pending.id }, data: { passwordHash: null } });
    const { seen } = await listAll(call, "/users", admin.token, 100);
    expect(new Set(seen.map((u) => u.id)).size).toBe(seen.length);
    const byId = new Map(seen.map((u) => [u.id, u as Record<string, unknown>]));
    expect(byId.get(pending.id)).toEqual({
      id: pending.id,
      email: pending.email,
      name: pending.name,
      role: "STANDARD",
      disabled: false,
      createdAt: expect.any(String),
      hasPassword: false,
    });
    expect(byId.get(admin.user.id)).toMatchObject({ role: "ADMIN", hasPassword: true });
  });

  it("returns no secret and refuses an unknown query member", async () => {
    const result = await call("GET", "/users?limit=100", { token: admin.token });
    expectNoSecrets(result.text);
    expectProblem(await call("GET", "/users?role=ADMIN", { token: admin.token }), 400, "invalid_request");
    expectProblem(await call("GET", "/users?limit=0", { token: admin.token }), 400, "invalid_request");
  });
});

describe("GET /tokens", () => {
  let owner: Awaited<ReturnType<typeof createUser>>;
  let live: string;
  let revoked: string;

  beforeAll(async () => {
    owner = await createUser();
    live = (await tokenFor(owner.id, ["devices:read"])).tokenId;
    revoked = (await tokenFor(owner.id, ["telemetry:read"])).tokenId;
    await revokeToken("system", revoked, "test");
    await testDb().apiToken.update({ where: { id: (await tokenFor(owner.id)).tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
  });

  it("filters by owner and status, and pages", async () => {
    const all = await listAll(call, `/tokens?userId=${owner.id}`, admin.token, 1);
    expect(all.pages).toBe(3);
    const status = async (s: string) => (await listAll(call, `/tokens?userId=${owner.id}&status=${s}`, admin.token, 50)).seen.map((t) => t.id);
    expect(await status("active")).toEqual([live]);
    expect(await status("revoked")).toEqual([revoked]);
    expect(await status("expired")).toHaveLength(1);
    const kinds = await listAll(call, `/tokens?userId=${owner.id}&kind=DEVICE`, admin.token, 50);
    expect(kinds.seen).toEqual([]);
  });

  it("describes a token with its hint only: no hash, ciphertext or secret", async () => {
    const result = await call("GET", `/tokens?userId=${owner.id}&status=active`, { token: admin.token });
    expect(result.body.data).toEqual([
      {
        id: live,
        userId: owner.id,
        kind: "PERSONAL",
        name: expect.any(String),
        scopes: ["devices:read"],
        deviceId: null,
        prefix: "gth_pat_",
        last4: expect.stringMatching(/^[0-9A-Za-z]{4}$/),
        status: "active",
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        revokedAt: null,
        lastUsedAt: null,
      },
    ]);
    const everything = await call("GET", "/tokens?limit=100", { token: admin.token });
    expectNoSecrets(everything.text);
    // The admin's own token, which made these calls, is listed as its hint only.
    expect(everything.text).not.toContain(admin.token);
  });

  it("refuses a bad filter", async () => {
    expectProblem(await call("GET", "/tokens?status=lost", { token: admin.token }), 400, "invalid_request");
    expectProblem(await call("GET", "/tokens?kind=ROOT", { token: admin.token }), 400, "invalid_request");
    expectProblem(await call("GET", "/tokens?owner=x", { token: admin.token }), 400, "invalid_request");
  });
});
