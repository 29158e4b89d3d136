// Appends one audit record. Callers pass their transaction client so that the change and its
// record commit together.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type Actor = { type: "user" | "token" | "system"; id?: string | null; ip?: string | null };

export type AuditInput = {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
};

type Client = Pick<Prisma.TransactionClient, "auditEvent">;

export async function appendAudit(input: AuditInput, client: Client = db): Promise<void> {
  await client.auditEvent.create({
    data: {
      at: new Date(),
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      ip: input.actor.ip ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      detail: JSON.stringify(input.detail ?? {}),
    },
  });
}
