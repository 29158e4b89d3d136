// The admin API's shapes (users:admin, tokens:admin), as in schemas.ts: one schema validates a
// request and documents it, and one checks each response, so that no undeclared member (a hash,
// a ciphertext) can leave.
import { z } from "zod";
import { SCOPES } from "@/lib/access/scopes";
import { PageQuery } from "./schemas";

const isoTime = z.iso.datetime({ offset: true });
const role = z.enum(["ADMIN", "STANDARD"]);
const kind = z.enum(["DASHBOARD", "PERSONAL", "DEVICE"]);

/** Unknown query members are refused, so that a misspelt filter is an error rather than everything. */
export const UserPageQuery = PageQuery.strict();

export const AdminUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role,
    disabled: z.boolean(),
    createdAt: isoTime,
    hasPassword: z.boolean().meta({ description: "false while the user's one-time set-password link is unused" }),
  })
  .meta({ id: "AdminUser" });

export const AdminUserPage = z.object({ data: z.array(AdminUser), nextCursor: z.string().nullable() }).meta({ id: "AdminUserPage" });

export const TokenPageQuery = PageQuery.extend({
  userId: z.string().min(1).max(64).optional().meta({ description: "Only this user's tokens" }),
  kind: kind.optional(),
  status: z.enum(["active", "revoked", "expired"]).optional().meta({ description: "active includes a rotated token in its grace period" }),
}).strict();

export const AdminToken = z
  .object({
    id: z.string(),
    userId: z.string(),
    kind,
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    deviceId: z.string().nullable(),
    prefix: z.string().meta({ description: "The token's first characters, which name its kind" }),
    last4: z.string().meta({ description: "The token's last four characters" }),
    status: z.enum(["active", "grace", "expired", "revoked"]),
    createdAt: isoTime,
    expiresAt: isoTime,
    revokedAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable(),
  })
  .meta({ id: "AdminToken" });

export const AdminTokenPage = z.object({ data: z.array(AdminToken), nextCursor: z.string().nullable() }).meta({ id: "AdminTokenPage" });
