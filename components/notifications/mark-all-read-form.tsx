"use client";
// One button: mark every notification read.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

export function MarkAllReadForm({ action, unread }: { action: ServerAction<FormState>; unread: number }) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  return (
    <form action={submit} className="flex flex-col items-end">
      <button type="submit" aria-disabled={pending || unread === 0} aria-describedby={`${id}-message`} className={BUTTON.secondary}>
        Mark all read
      </button>
      <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} compact />
    </form>
  );
}
