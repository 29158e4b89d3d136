"use server";
// The advisor's two remedies, from the admin home and from Settings → Tokens: narrow a token to
// the scopes it used, or revoke one that used none. lib/tokens decides who may (owner or admin).
import { z } from "zod";
import { SCOPES } from "@/lib/access/scopes";
import { formAction } from "@/lib/server/action";
import { narrowTokenScopes } from "@/lib/tokens/hygiene";
import { revokeToken } from "@/lib/tokens/lifecycle";

/** Every page that shows the advice or the token. */
const hygienePages = () => ["/admin", "/settings/tokens", ["/admin/users/[userId]/tokens", "page"] as [string, "page"]];

const NarrowInput = z.object({
  tokenId: z.string().min(1),
  // One hidden field, the scopes separated by spaces (as a token stores them).
  scopes: z.preprocess(
    (value) => (typeof value === "string" ? value.split(" ").filter(Boolean) : value),
    z.array(z.enum(SCOPES, { error: "Unknown scope" }), { error: "Choose the scopes to keep" }),
  ),
});

const TokenInput = z.object({ tokenId: z.string().min(1) });

export const narrowTokenAction = formAction({ input: NarrowInput, revalidate: hygienePages }, async (caller, { tokenId, scopes }) => {
  const result = await narrowTokenScopes(caller, tokenId, scopes);
  if (!result.changed) return { ok: true, message: "The token already holds only these scopes." };
  return { ok: true, message: `Narrowed to ${result.scopes.join(", ")}.` };
});

export const revokeUnusedTokenAction = formAction({ input: TokenInput, revalidate: hygienePages }, async (caller, { tokenId }) => {
  await revokeToken(caller, tokenId, "unused");
  return { ok: true, message: "Revoked." };
});
