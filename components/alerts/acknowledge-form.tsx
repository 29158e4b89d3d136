"use client";
// Acknowledge one alert: it leaves the open list and the navigation's count.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = { action: ServerAction<FormState>; alertId: string; title: string };

export function AcknowledgeForm({ action, alertId, title }: Props) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  return (
    <form action={submit}>
      <input type="hidden" name="alertId" value={alertId} />
      <button type="submit" aria-disabled={pending} aria-label={`Acknowledge: ${title}`} aria-describedby={`${id}-message`} className={BUTTON.secondary}>
        Acknowledge
      </button>
      <FormMessage id={`${id}-message`} message={error ?? state.message} ok={state.ok} compact />
    </form>
  );
}
