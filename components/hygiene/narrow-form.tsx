"use client";
// "Narrow to the scopes used", after a confirmation that says what stops working.
import type { FormState } from "@/lib/form-state";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import type { ServerAction } from "@/components/ui/use-form-action";

type Props = { action: ServerAction<FormState>; tokenId: string; tokenName: string; keep: string[]; drop: string[] };

export function NarrowForm({ action, tokenId, tokenName, keep, drop }: Props) {
  return (
    <ConfirmActionForm
      action={action}
      trigger="Narrow to scopes used"
      triggerLabel={`Narrow ${tokenName} to the scopes it used`}
      title={`Narrow “${tokenName}”?`}
      confirmLabel="Narrow token"
      fields={{ tokenId, scopes: keep.join(" ") }}
    >
      <p>
        It keeps <strong>{keep.join(", ")}</strong> and loses <strong>{drop.join(", ")}</strong>. A request that needs a scope it lost gets “403
        Forbidden” from then on. Scopes cannot be added back: issue a new token for that.
      </p>
    </ConfirmActionForm>
  );
}
