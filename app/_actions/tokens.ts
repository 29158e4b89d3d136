"use server";
// Token changes, for both pages that show tokens: Settings → Tokens (anyone's own) and an admin's
// view of a user's tokens. lib/tokens decides who may do what: people rotate and revoke their own
// tokens, admins anyone's, and revoking everything at once is for admins alone.
import { z } from "zod";
import { SCOPES } from "@/lib/access/scopes";
import type { TokenFormState } from "@/lib/form-state";
import { formAction } from "@/lib/server/action";
import { issueToken, revokeAllTokens, revokeToken, rotateToken } from "@/lib/tokens/lifecycle";
import { MAX_GRACE_HOURS } from "@/lib/tokens/policy";
import { rememberTokenChange } from "@/lib/server/token-changes";

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

// Any whole number of hours up to the longest a policy may give; rotateToken holds it to the owner's role.
const RotateInput = z.object({
  tokenId: z.string().min(1),
  graceHours: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number({ error: "Choose a grace period" }).int("Choose a grace period").min(0, "Choose a grace period").max(MAX_GRACE_HOURS, "Choose a grace period"),
  ),
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
  await rememberTokenChange(tokenId);
  return { ok: true, message: "Revoked." };
});

export const rotateTokenAction = formAction<typeof RotateInput, TokenFormState>(
  { input: RotateInput, revalidate: tokenPages },
  async (caller, { tokenId, graceHours }) => {
    const { token, view } = await rotateToken(caller, tokenId, graceHours);
    await rememberTokenChange(tokenId);
    if (view.kind === "DASHBOARD") return { ok: true, message: "Rotated: a new dashboard token was issued." };
    return { ok: true, token, tokenName: view.name, message: "Rotated: a new token was issued." };
  },
);

export const revokeAllTokensAction = formAction({ input: UserInput, admin: true, revalidate: tokenPages }, async (caller, { userId }) => {
  const count = await revokeAllTokens(caller, userId, "revoked");
  return { ok: true, message: `Revoked ${count} token${count === 1 ? "" : "s"}.` };
});
