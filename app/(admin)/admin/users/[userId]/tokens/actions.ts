"use server";
// Admin-only token changes: rotation and revoking everything a user holds. Issue and revoke are
// shared with the settings page (app/(dashboard)/settings/tokens/actions.ts).
import { z } from "zod";
import { invalidInput, refusal, type FormState, type TokenFormState } from "@/lib/auth/form-state";
import { managerFor } from "@/lib/auth/manager";
import { requireAdmin } from "@/lib/auth/session";
import { revokeAllTokens, rotateToken } from "@/lib/tokens/lifecycle";
import { revalidateTokenPages } from "@/lib/server/revalidate";

const RotateInput = z.object({
  tokenId: z.string().min(1),
  graceHours: z.enum(["0", "1", "24"], { error: "Choose a grace period" }).transform(Number),
});

const UserInput = z.object({ userId: z.string().min(1) });

/** Both pages that can show a user's tokens. Not exported: every export of this file is a public endpoint. */
export async function rotateTokenAction(_previous: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const manager = await managerFor(await requireAdmin());
  const input = RotateInput.safeParse({ tokenId: formData.get("tokenId"), graceHours: formData.get("graceHours") });
  if (!input.success) return invalidInput(input.error);
  try {
    const { token, view } = await rotateToken(manager, input.data.tokenId, input.data.graceHours);
    revalidateTokenPages();
    if (view.kind === "DASHBOARD") return { ok: true, message: "Rotated: a new dashboard token was issued." };
    return { ok: true, token, tokenName: view.name, message: "Rotated: a new token was issued." };
  } catch (error) {
    return refusal(error);
  }
}

export async function revokeAllTokensAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const manager = await managerFor(await requireAdmin());
  const input = UserInput.safeParse({ userId: formData.get("userId") });
  if (!input.success) return invalidInput(input.error);
  try {
    const count = await revokeAllTokens(manager, input.data.userId, "revoked");
    revalidateTokenPages();
    return { ok: true, message: `Revoked ${count} token${count === 1 ? "" : "s"}.` };
  } catch (error) {
    return refusal(error);
  }
}
