// What the token tests share: a personal token, the refusal a call must throw, a token's caller as
// verification makes it, and the stored row and audit records to check against.
import { expect } from "vitest";
import type { Caller, System, TokenCaller } from "@/lib/access/caller";
import type { Scope } from "@/lib/access/scopes";
import { Refusal } from "@/lib/refusal";
import { issueToken } from "@/lib/tokens/lifecycle";
import { verifyToken } from "@/lib/tokens/verify";
import { testDb } from "./factories";

export async function issuePersonal(caller: Caller | System, userId: string, scopes: Scope[] = ["devices:read"], expiresInDays?: number) {
  return issueToken(caller, { userId, kind: "PERSONAL", name: "script", scopes, expiresInDays });
}

/** The Refusal a promise rejects with; fails the test if it resolves or throws anything else. */
export async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

export const row = (id: string) => testDb().apiToken.findUniqueOrThrow({ where: { id } });
export const setRow = (id: string, data: { expiresAt?: Date; graceEndsAt?: Date; lastUsedAt?: Date; createdAt?: Date }) => testDb().apiToken.update({ where: { id }, data });

/** The caller of a token that must verify. */
export async function callerOf(token: string, now?: number): Promise<TokenCaller> {
  const result = await verifyToken(token, now);
  if (!result.ok) throw new Error(`expected the token to verify, got ${result.reason}`);
  return result.caller;
}
export const auditFor = (targetId: string, action: string) => testDb().auditEvent.findMany({ where: { targetId, action } });
