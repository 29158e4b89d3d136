"use server";
// Token changes, for both pages that show tokens: Settings → Tokens (anyone's own) and an admin's
// view of a user's tokens. lib/tokens decides who may do what; rotation and revoking everything
// are for admins alone.
import { z } from "zod";
import { SCOPES } from "@/lib/access/scopes";
import type { TokenFormState } from "@/lib/form-state";
import { formAction } from "@/lib/server/action";
import { issueToken, revokeAllTokens, revokeToken, rotateToken } from "@/lib/tokens/lifecycle";

/** Every page that can show a user's tokens. */
const tokenPages = () => ["/settings/tokens", ["/admin/users/[userId]/tokens", "page"] as [string, "page"]];

const IssueInput = z.object({
  userId: z.string().min(1),
  kind: z.enum(["PERSONAL", "DEVICE", "DASHBOARD"], { error: "Choose a kind of token" }),
  name: z.string({ error: "Give the token a name" }).trim().min(1, "Give the token a name").max(80, "Keep the name under 80 characters"),
  // A form sends one checkbox as one value and none as nothing.
  scopes: z.preprocess((value) => (value === undefined ? [] : [value].flat()), z.array(z.enum(SCOPES, { error: "Unknown scope" }))),
  deviceId: z.string().optional().transform((id) => id || undefined),
  expiresInDays: z.coerce.number({ error: "Enter a number of days" }).int("Enter whole days").min(1, "At least 1 day"),
});

const TokenInput = z.object({ tokenId: z.string().min(1) });

const RotateInput = z.object({
  tokenId: z.string().min(1),
  graceHours: z.enum(["0", "1", "24"], { error: "Choose a grace period" }).transform(Number),
});

const UserInput = z.object({ userId: z.string().min(1) });

export const issueTokenAction = formAction<typeof IssueInput, TokenFormState>(
  { input: IssueInput, revalidate: tokenPages },
  async (caller, { kind, deviceId, ...rest }) => {
    const { token, view } = await issueToken(caller, { kind, deviceId: kind === "DEVICE" ? deviceId : undefined, ...rest });
    // A dashboard token is held by the server for the dashboard alone: it is never shown to anyone.
    if (view.kind === "DASHBOARD") return { ok: true, message: `Dashboard token “${view.name}” issued.` };
    return { ok: true, token, tokenName: view.name, message: `Token “${view.name}” issued.` };
  },
);

export const revokeTokenAction = formAction({ input: TokenInput, revalidate: tokenPages }, async (caller, { tokenId }) => {
  await revokeToken(caller, tokenId, "revoked");
  return { ok: true, message: "Revoked." };
});

export const rotateTokenAction = formAction<typeof RotateInput, TokenFormState>(
  { input: RotateInput, admin: true, revalidate: tokenPages },
  async (caller, { tokenId, graceHours }) => {
    const { token, view } = await rotateToken(caller, tokenId, graceHours);
    if (view.kind === "DASHBOARD") return { ok: true, message: "Rotated: a new dashboard token was issued." };
    return { ok: true, token, tokenName: view.name, message: "Rotated: a new token was issued." };
  },
);

export const revokeAllTokensAction = formAction({ input: UserInput, admin: true, revalidate: tokenPages }, async (caller, { userId }) => {
  const count = await revokeAllTokens(caller, userId, "revoked");
  return { ok: true, message: `Revoked ${count} token${count === 1 ? "" : "s"}.` };
});
