"use client";
// Revoke every live token of a user at once, after a confirmation.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = { action: ServerAction<FormState>; userId: string; userName: string; liveCount: number };

export function RevokeAllForm({ action, userId, userName, liveCount }: Props) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <ConfirmDialog
        trigger="Revoke all tokens"
        title={`Revoke all of ${userName}'s tokens?`}
        confirmLabel={`Revoke ${liveCount === 1 ? "1 token" : `all ${liveCount} tokens`}`}
        fields={{ userId }}
        action={submit}
        pending={pending}
      >
        <p>
          Every script, device and their dashboard stop working at once: {liveCount === 1 ? "1 live token" : `${liveCount} live tokens`} will be
          revoked. This cannot be undone.
        </p>
        <p>Their dashboard stays unavailable until you issue them a new dashboard token.</p>
      </ConfirmDialog>
      <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
    </div>
  );
}
