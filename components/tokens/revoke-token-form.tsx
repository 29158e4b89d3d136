"use client";
// Revoke one token, after a confirmation that says what stops working.
import type { FormState } from "@/lib/form-state";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import type { ServerAction } from "@/components/ui/use-form-action";

type Props = { action: ServerAction<FormState>; tokenId: string; tokenName: string; live: boolean; warning?: string };

export function RevokeTokenForm({ action, tokenId, tokenName, live, warning }: Props) {
  return (
    <ConfirmActionForm
      action={action}
      offered={live}
      trigger="Revoke"
      triggerLabel={`Revoke ${tokenName}`}
      title={`Revoke “${tokenName}”?`}
      confirmLabel="Revoke token"
      fields={{ tokenId }}
    >
      <p>Anything using this token gets “401 Unauthorized” from its next request. This cannot be undone.</p>
      {warning && <p className="font-medium text-amber-800 dark:text-amber-300">{warning}</p>}
    </ConfirmActionForm>
  );
}
