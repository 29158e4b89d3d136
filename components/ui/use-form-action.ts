"use client";
// useActionState around a server action, plus clear(): it drops all but the message on the client,
// so that a token shown once does not linger in memory after its dialog is closed.
import { startTransition, useActionState, useState } from "react";
import type { FormState } from "@/lib/form-state";

export type ServerAction<S extends FormState> = (previous: S, formData: FormData) => Promise<S>;

/** The payload of a dispatch: a submitted form, or null to clear the state. */
type Payload = FormData | null;

export function useFormAction<S extends FormState>(action: ServerAction<S>) {
  const [round, setRound] = useState(0);
  const [state, dispatch, pending] = useActionState<S, Payload>(async (previous, formData) => {
    if (!formData) return { ok: previous.ok, message: previous.message } as S;
    const next = await action(previous, formData);
    if (next.ok) setRound((n) => n + 1);
    return next;
  }, {} as Awaited<S>);
  return {
    state,
    pending,
    /**
     * How many changes went through: key a form's fields by it to remount them empty after a
     * success, while a refused form keeps what was typed.
     */
    round,
    /**
     * For a form's action prop: React runs it in a transition and resets the form afterwards. A
     * busy button is only aria-disabled (styles.ts), so a press while busy is dropped here.
     */
    submit: (formData: FormData) => {
      if (!pending) dispatch(formData);
    },
    /** For code outside a form action (an onSubmit handler, a dialog's close); busy presses are dropped too. */
    submitLater: (formData: FormData) => {
      if (!pending) startTransition(() => dispatch(formData));
    },
    clear: () => startTransition(() => dispatch(null)),
  };
}
