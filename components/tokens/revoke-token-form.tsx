"use client";
// Revoke one token, after a confirmation that says what stops working.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = { action: ServerAction<FormState>; tokenId: string; tokenName: string; live: boolean; warning?: string };

export function RevokeTokenForm({ action, tokenId, tokenName, live, warning }: Props) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  return (
    <div>
      {live && (
        <ConfirmDialog
          trigger="Revoke"
          triggerLabel={`Revoke ${tokenName}`}
          title={`Revoke “${tokenName}”?`}
          confirmLabel="Revoke token"
          fields={{ tokenId }}
          action={submit}
          pending={pending}
        >
          <p>Anything using this token gets “401 Unauthorized” from its next request. This cannot be undone.</p>
          {warning && <p className="font-medium text-amber-800 dark:text-amber-300">{warning}</p>}
        </ConfirmDialog>
      )}
      <FormMessage id={`${id}-message`} message={error ?? state.message} ok={state.ok} compact />
    </div>
  );
}
