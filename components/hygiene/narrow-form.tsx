"use client";
// "Narrow to the scopes used", after a confirmation that says what stops working.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = { action: ServerAction<FormState>; tokenId: string; tokenName: string; keep: string[]; drop: string[] };

export function NarrowForm({ action, tokenId, tokenName, keep, drop }: Props) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  return (
    <div>
      <ConfirmDialog
        trigger="Narrow to scopes used"
        triggerLabel={`Narrow ${tokenName} to the scopes it used`}
        title={`Narrow “${tokenName}”?`}
        confirmLabel="Narrow token"
        fields={{ tokenId, scopes: keep.join(" ") }}
        action={submit}
        pending={pending}
      >
        <p>
          It keeps <strong>{keep.join(", ")}</strong> and loses <strong>{drop.join(", ")}</strong>. A request that needs a scope it lost gets “403
          Forbidden” from then on. Scopes cannot be added back: issue a new token for that.
        </p>
      </ConfirmDialog>
      <FormMessage id={`${id}-message`} message={error ?? state.message} ok={state.ok} compact />
    </div>
  );
}
