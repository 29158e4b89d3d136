"use server";
// Issue and revoke, for anyone's own tokens and for an admin on any user's: the admin token page
// uses these too. lib/tokens decides who may do what; these re-check only that someone is signed in.
import { z } from "zod";
import { invalidInput, refusal, type FormState, type TokenFormState } from "@/lib/auth/form-state";
import { managerFor } from "@/lib/auth/manager";
import { requireUser } from "@/lib/auth/session";
import { issueToken, revokeToken } from "@/lib/tokens/lifecycle";
import { issueOptions } from "@/lib/tokens/queries";
import { SCOPES } from "@/lib/tokens/scopes";
import { revalidateTokenPages } from "@/lib/server/revalidate";

const IssueInput = z.object({
  userId: z.string().min(1),
  kind: z.enum(["PERSONAL", "DEVICE", "DASHBOARD"], { error: "Choose a kind of token" }),
  name: z.string().trim().min(1, "Give the token a name").max(80, "Keep the name under 80 characters"),
  scopes: z.array(z.enum(SCOPES, { error: "Unknown scope" })),
  deviceId: z.string().optional(),
  expiresInDays: z.coerce.number({ error: "Enter a number of days" }).int("Enter whole days").min(1, "At least 1 day"),
});

const TokenInput = z.object({ tokenId: z.string().min(1) });

/** Both pages that can show a user's tokens. Not exported: every export of this file is a public endpoint. */
export async function issueTokenAction(_previous: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const manager = await managerFor(await requireUser());
  const input = IssueInput.safeParse({
    userId: formData.get("userId"),
    kind: formData.get("kind"),
    name: formData.get("name") ?? "",
    scopes: formData.getAll("scopes"),
    deviceId: formData.get("deviceId") || undefined,
    expiresInDays: formData.get("expiresInDays"),
  });
  if (!input.success) return invalidInput(input.error);
  const { userId, kind, deviceId, ...rest } = input.data;
  try {
    if (kind === "DEVICE" && deviceId) {
      // lib/tokens gives a device token to the device's owner; keep it to the user this form is for.
      const options = await issueOptions(manager, userId);
      if (!options?.devices.some((device) => device.id === deviceId)) return { errors: { deviceId: ["Choose one of this user's devices"] } };
    }
    const { token, view } = await issueToken(manager, { userId, kind, deviceId: kind === "DEVICE" ? deviceId : undefined, ...rest });
    revalidateTokenPages();
    // A dashboard token is held by the server for the dashboard alone: it is never shown to anyone.
    if (view.kind === "DASHBOARD") return { ok: true, message: `Dashboard token “${view.name}” issued.` };
    return { ok: true, token, tokenName: view.name, message: `Token “${view.name}” issued.` };
  } catch (error) {
    return refusal(error);
  }
}

export async function revokeTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const manager = await managerFor(await requireUser());
  const input = TokenInput.safeParse({ tokenId: formData.get("tokenId") });
  if (!input.success) return invalidInput(input.error);
  try {
    await revokeToken(manager, input.data.tokenId, "revoked");
    revalidateTokenPages();
    return { ok: true, message: "Revoked." };
  } catch (error) {
    return refusal(error);
  }
}
