// What the token tests share: a manager, a personal token, the error a refusal throws, a token's
// principal, and the stored row and audit records to check against.
import { expect } from "vitest";
import { testDb } from "@/lib/testing/factories";
import { TokenError } from "./errors";
import { issueToken, type Manager } from "./lifecycle";
import type { Scope } from "./scopes";
import { verifyToken, type Principal } from "./verify";

export const asManager = (user: { id: string; role: Manager["role"] }): Manager => ({ id: user.id, role: user.role, ip: "198.51.100.4" });

export async function issuePersonal(manager: Manager | "system", userId: string, scopes: Scope[] = ["devices:read"], expiresInDays?: number) {
  return issueToken(manager, { userId, kind: "PERSONAL", name: "script", scopes, expiresInDays });
}

/** The TokenError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function tokenError(promise: Promise<unknown>): Promise<TokenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

export const row = (id: string) => testDb().apiToken.findUniqueOrThrow({ where: { id } });
export const setRow = (id: string, data: { expiresAt?: Date; graceEndsAt?: Date; lastUsedAt?: Date; createdAt?: Date }) => testDb().apiToken.update({ where: { id }, data });

/** The principal of a token that must verify. */
export async function principalOf(token: string, now?: number): Promise<Principal> {
  const result = await verifyToken(token, now);
  if (!result.ok) throw new Error(`expected the token to verify, got ${result.reason}`);
  return result.principal;
}
export const auditFor = (targetId: string, action: string) => testDb().auditEvent.findMany({ where: { targetId, action } });
