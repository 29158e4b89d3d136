// Which tokens the hygiene views look at: live personal and device tokens of active owners, the
// ones a person still relies on. The dashboard's own token is Gatehouse's to rotate, and a rotated
// token's successor stands for it.
import type { Prisma } from "@/lib/generated/prisma/client";

export function liveOwnedTokens(now: number): Prisma.ApiTokenWhereInput {
  return { kind: { in: ["PERSONAL", "DEVICE"] }, revokedAt: null, replacedById: null, expiresAt: { gt: new Date(now) }, user: { disabledAt: null } };
}
