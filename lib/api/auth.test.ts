import { beforeAll, describe, expect, it } from "vitest";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { generateToken } from "@/lib/tokens/format";
import { revokeToken, rotateToken } from "@/lib/tokens/lifecycle";
import { scopesOf } from "./route";
import { routes } from "./routes";
import { apiClient, deviceOf, expectProblem, flipChar, userWithToken } from "@/lib/testing/api-client";
import { label, pathOf, ROUTE_CASES, type RouteCase } from "@/lib/testing/api-routes";
import { STANDARD_SCOPES } from "@/lib/testing/callers";
import { MINUTE_MS, SECOND_MS } from "@/lib/time";

const call = apiClient("203.0.113.11");

type Failure = { name: string; headers: () => Record<string, string>; secret: () => string };

let ownerId: string;
let deviceId: string;
let deviceBefore: unknown;
const tokens: Record<string, string> = {};
const GARBAGE = "Zm9vYmFyLWdhcmJhZ2UtdmFsdWUtMTIzNDU2";

beforeAll(async () => {
  const owner = await userWithToken();
  ownerId = owner.user.id;
  tokens.valid = owner.token;
  deviceId = await deviceOf(ownerId, "Auth target");
  deviceBefore = await testDb().device.findUnique({ where: { id: deviceId } });

  tokens.unknown = generateToken("PERSONAL");

  const expired = await issueTestToken(ownerId, { scopes: ["devices:read", "devices:write", "telemetry:read", "telemetry:write"] });
  await testDb().apiToken.update({ where: { id: expired.view.id }, data: { expiresAt: new Date(Date.now() - SECOND_MS) } });
  tokens.expired = expired.token;

  const revoked = await issueTestToken(ownerId, { scopes: ["devices:read", "devices:write", "telemetry:read", "telemetry:write"] });
  await revokeToken("system", revoked.view.id);
  tokens.revoked = revoked.token;

  const rotated = await issueTestToken(ownerId, { scopes: ["devices:read", "devices:write", "telemetry:read", "telemetry:write"] });
  await rotateToken("system", rotated.view.id, 1);
  await testDb().apiToken.update({ where: { id: rotated.view.id }, data: { graceEndsAt: new Date(Date.now() - SECOND_MS) } });
  tokens.pastGrace = rotated.token;

  const disabled = await userWithToken();
  await deviceOf(disabled.user.id);
  await testDb().user.update({ where: { id: disabled.user.id }, data: { disabledAt: new Date() } });
  tokens.disabledOwner = disabled.token;
});

const bearer = (name: string) => () => ({ authorization: `Bearer ${tokens[name]}` });

const FAILURES: Failure[] = [
  { name: "no Authorization header", headers: () => ({}), secret: () => "" },
  { name: "a Basic credential", headers: () => ({ authorization: `Basic ${btoa("someone:secret-password")}` }), secret: () => "secret-password" },
  { name: "a token without the Bearer scheme", headers: () => ({ authorization: tokens.valid! }), secret: () => tokens.valid! },
  { name: "an empty Bearer", headers: () => ({ authorization: "Bearer " }), secret: () => "" },
  { name: "two words after Bearer", headers: () => ({ authorization: `Bearer ${tokens.valid} extra` }), secret: () => tokens.valid! },
  { name: "garbage after Bearer", headers: () => ({ authorization: `Bearer ${GARBAGE}` }), secret: () => GARBAGE },
  { name: "a bad checksum", headers: () => ({ authorization: `Bearer ${flipChar(tokens.valid!)}` }), secret: () => flipChar(tokens.valid!) },
  { name: "an unknown well-formed token", headers: bearer("unknown"), secret: () => tokens.unknown! },
  { name: "an expired token", headers: bearer("expired"), secret: () => tokens.expired! },
  { name: "a revoked token", headers: bearer("revoked"), secret: () => tokens.revoked! },
  { name: "a rotated token past its grace", headers: bearer("pastGrace"), secret: () => tokens.pastGrace! },
  { name: "a disabled owner's token", headers: bearer("disabledOwner"), secret: () => tokens.disabledOwner! },
];

describe("the route table used by these tests", () => {
  it("covers every route in lib/api/routes.ts", () => {
    const served = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(ROUTE_CASES.map(label).sort()).toEqual(served);
    for (const r of routes) expect(ROUTE_CASES.find((c) => label(c) === `${r.method} ${r.path}`)?.scopes).toEqual(scopesOf(r));
  });
});

describe.each(FAILURES)("$name", (failure) => {
  it.each(ROUTE_CASES.map((c) => [label(c), c] as const))("%s answers 401 problem+json", async (_, routeCase: RouteCase) => {
    const body = routeCase.body?.();
    const result = await call(routeCase.method, pathOf(routeCase, deviceId), { headers: failure.headers(), body });
    expectProblem(result, 401, "unauthorized", [failure.secret(), tokens.valid]);
  });
});

describe("the 401 detail", () => {
  it("is the same for every refused token, so that it tells no one which strings were once real", async () => {
    const detail = async (token: string | null) => (await call("GET", "/me", { token })).body.detail as string;
    const refused = await Promise.all(["expired", "revoked", "pastGrace", "disabledOwner", "unknown"].map((name) => detail(tokens[name]!)));
    refused.push(await detail(flipChar(tokens.valid!)));
    expect(new Set(refused).size).toBe(1);
    expect(refused[0]).toMatch(/not valid/);
    // A request without a token is told how to send one.
    expect(await detail(null)).toMatch(/Authorization header/);
  });
});

describe("refused requests", () => {
  it("changed nothing: the device is as it was and no device was made", async () => {
    expect(await testDb().device.findUnique({ where: { id: deviceId } })).toEqual(deviceBefore);
    expect(await testDb().device.count({ where: { ownerId } })).toBe(1);
    expect(await testDb().telemetry.count({ where: { metric: { deviceId } } })).toBe(0);
  });
});

describe("a token rotated with one hour of grace", () => {
  let oldToken: string;
  let newToken: string;
  let graceOwner: string;

  beforeAll(async () => {
    const user = await createUser();
    graceOwner = user.id;
    const issued = await issueTestToken(user.id, { scopes: ["devices:read", "devices:write", "telemetry:read", "telemetry:write"] });
    oldToken = issued.token;
    newToken = (await rotateToken("system", issued.view.id, 1)).token;
    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: issued.view.id } });
    expect(row.graceEndsAt!.getTime()).toBeGreaterThan(Date.now() + 59 * MINUTE_MS);
  });

  // The routes a standard user's token may call: the admin ones answer it 403 (lib/api/admin-routes.test.ts).
  const standardCases = ROUTE_CASES.filter((c) => c.scopes.every((scope) => STANDARD_SCOPES.includes(scope)));
  it.each(standardCases.map((c) => [label(c), c] as const))("%s still works with the old token and the new one", async (_, routeCase: RouteCase) => {
    for (const token of [oldToken, newToken]) {
      const id = await deviceOf(graceOwner);
      const result = await call(routeCase.method, pathOf(routeCase, id), { token, body: routeCase.body?.() });
      expect(result.status, result.text).toBe(routeCase.ok);
    }
  });
});
