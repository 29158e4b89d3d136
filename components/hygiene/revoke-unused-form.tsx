"use client";
// The advisor's remedy for a token that used none of its scopes: revoke it, after a confirmation.
// Named apart from the token table's own Revoke button, which the same page may show beside it.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

export function RevokeUnusedForm({ action, tokenId, tokenName }: { action: ServerAction<FormState>; tokenId: string; tokenName: string }) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  return (
    <div>
      <ConfirmDialog
        trigger="Revoke unused token"
        triggerLabel={`Revoke the unused token ${tokenName}`}
        title={`Revoke “${tokenName}”?`}
        confirmLabel="Revoke token"
        fields={{ tokenId }}
        action={submit}
        pending={pending}
      >
        <p>It has made no request that needs its scopes in 30 days. Anything still using it gets “401 Unauthorized” from its next request. This cannot be undone.</p>
      </ConfirmDialog>
      <FormMessage id={`${id}-message`} message={error ?? state.message} ok={state.ok} compact />
    </div>
  );
}
