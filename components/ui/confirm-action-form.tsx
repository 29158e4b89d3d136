"use client";
// One change behind a confirmation (revoke a token, narrow it): the ConfirmDialog that submits it to
// its server action, and the action's answer under it.
import { useId, type ComponentProps } from "react";
import type { FormState } from "@/lib/form-state";
import { ConfirmDialog } from "./confirm-dialog";
import { FormMessage } from "./field-error";
import { useFormAction, type ServerAction } from "./use-form-action";

type Props = Omit<ComponentProps<typeof ConfirmDialog>, "action" | "pending"> & {
  action: ServerAction<FormState>;
  /** False hides the button (the change no longer applies) but keeps the answer in view. */
  offered?: boolean;
};

export function ConfirmActionForm({ action, offered = true, ...dialog }: Props) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  return (
    <div>
      {offered && <ConfirmDialog {...dialog} action={submit} pending={pending} />}
      <FormMessage id={`${id}-message`} message={error ?? state.message} ok={state.ok} compact />
    </div>
  );
}
