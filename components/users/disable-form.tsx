"use client";
// Disable a user (after a confirmation: every token they hold is revoked) or enable them again. A
// change Gatehouse would refuse (an admin disabling themself) is shown disabled, with the reason.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = {
  action: ServerAction<FormState>;
  userId: string;
  userName: string;
  disabled: boolean;
  /** Why the one viewing cannot disable this user: the button is disabled and says so. */
  lockedReason?: string;
};

export function DisableForm({ action, userId, userName, disabled, lockedReason }: Props) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  if (lockedReason && !disabled) {
    return (
      <div>
        <button type="button" disabled aria-label={`Disable ${userName}`} aria-describedby={`${id}-reason`} className={BUTTON.danger}>
          Disable
        </button>
        <p id={`${id}-reason`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{lockedReason}</p>
      </div>
    );
  }
  return (
    <div>
      {disabled ? (
        <form action={submit}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="disabled" value="false" />
          <button type="submit" aria-disabled={pending} aria-label={`Enable ${userName}`} aria-describedby={`${id}-message`} className={BUTTON.secondary}>
            Enable
          </button>
        </form>
      ) : (
        <ConfirmDialog
          trigger="Disable"
          triggerLabel={`Disable ${userName}`}
          title={`Disable ${userName}?`}
          confirmLabel="Disable and revoke tokens"
          fields={{ userId, disabled: "true" }}
          action={submit}
          pending={pending}
        >
          <p>They are signed out at once, and every token they hold is revoked: their scripts, devices and dashboard stop working.</p>
          <p>Enabling them later does not bring those tokens back.</p>
        </ConfirmDialog>
      )}
      <FormMessage id={`${id}-message`} message={error ?? state.message} ok={state.ok} compact />
    </div>
  );
}
