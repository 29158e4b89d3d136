// Appends one audit record. Callers pass their transaction client so that the change and its
// record commit together.
import "server-only";
import type { Caller, System } from "@/lib/access/caller";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type AuditInput = {
  /** Who made the change: a person or a token (recorded as the user they act for; a token's id goes in the detail), or Gatehouse itself. */
  actor: Caller | System;
  action: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
};

type Client = Pick<Prisma.TransactionClient, "auditEvent">;

export async function appendAudit(input: AuditInput, client: Client = db): Promise<void> {
  const { actor } = input;
  const detail = actor !== "system" && actor.type === "token" ? { ...input.detail, tokenId: actor.tokenId } : (input.detail ?? {});
  await client.auditEvent.create({
    data: {
      at: new Date(),
      actorType: actor === "system" ? "system" : "user",
      actorId: actor === "system" ? null : actor.userId,
      ip: actor === "system" ? null : actor.ip,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      detail: JSON.stringify(detail),
    },
  });
}
