// What the lifecycle tests share: a manager, a personal token, the error a refusal throws, and
// the stored row and audit records to check against.
import { expect } from "vitest";
import { testDb } from "@/lib/testing/factories";
import { TokenError } from "./errors";
import { issueToken, type Manager } from "./lifecycle";
import type { Scope } from "./scopes";

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
export const auditFor = (targetId: string, action: string) => testDb().auditEvent.findMany({ where: { targetId, action } });
