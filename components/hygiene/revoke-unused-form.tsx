"use client";
// The advisor's remedy for a token that used none of its scopes: revoke it, after a confirmation.
// Named apart from the token table's own Revoke button, which the same page may show beside it.
import type { FormState } from "@/lib/form-state";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import type { ServerAction } from "@/components/ui/use-form-action";

export function RevokeUnusedForm({ action, tokenId, tokenName }: { action: ServerAction<FormState>; tokenId: string; tokenName: string }) {
  return (
    <ConfirmActionForm
      action={action}
      trigger="Revoke unused token"
      triggerLabel={`Revoke the unused token ${tokenName}`}
      title={`Revoke “${tokenName}”?`}
      confirmLabel="Revoke token"
      fields={{ tokenId }}
    >
      <p>It has made no request that needs its scopes in 30 days. Anything still using it gets “401 Unauthorized” from its next request. This cannot be undone.</p>
    </ConfirmActionForm>
  );
}
