"use client";
// useActionState around a server action, plus clear(): it drops all but the message on the client,
// so that a token shown once does not linger in memory after its dialog is closed. A refused form
// gets focus on its first invalid field, wherever the form's message sits.
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/form-state";

export type ServerAction<S extends FormState> = (previous: S, formData: FormData) => Promise<S>;

/** The payload of a dispatch: a submitted form, or null to clear the state. */
type Payload = FormData | null;

/** The controls a person can move to (not hidden fields, not disabled ones), in the form's order. */
function focusable(form: HTMLFormElement): HTMLElement[] {
  return [...form.elements].filter(
    (element): element is HTMLElement =>
      element instanceof HTMLElement && !(element instanceof HTMLInputElement && element.type === "hidden") && !element.matches(":disabled") && element.getClientRects().length > 0,
  );
}

/**
 * Moves focus to the first control the errors name or that says it is invalid, so that a keyboard
 * or screen reader user lands on what to correct; returns whether there was one.
 */
export function focusFirstInvalid(form: HTMLFormElement, fields: string[]): boolean {
  const names = new Set(fields);
  const first = focusable(form).find((element) => element.getAttribute("aria-invalid") === "true" || names.has(element.getAttribute("name") ?? ""));
  first?.focus();
  return Boolean(first);
}

/** The form the submitting control belongs to, for a form submitted through its action prop. */
function activeForm(): HTMLFormElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement ? active.closest("form") : null;
}

export function useFormAction<S extends FormState>(action: ServerAction<S>) {
  const [round, setRound] = useState(0);
  const form = useRef<HTMLFormElement | null>(null);
  const [state, dispatch, pending] = useActionState<S, Payload>(async (previous, formData) => {
    if (!formData) return { ok: previous.ok, message: previous.message } as S;
    const next = await action(previous, formData);
    if (next.ok) setRound((n) => n + 1);
    return next;
  }, {} as Awaited<S>);

  // After the refused state has rendered, so that the fields already say they are invalid.
  useEffect(() => {
    const fields = Object.keys(state.errors ?? {});
    if (fields.length > 0 && form.current?.isConnected) focusFirstInvalid(form.current, fields);
  }, [state]);

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
      if (pending) return;
      form.current = activeForm();
      dispatch(formData);
    },
    /**
     * For code outside a form action (an onSubmit handler, a dialog's close); busy presses are
     * dropped too. `from`: the form submitted (ActionForm passes it), whose invalid field gets focus.
     */
    submitLater: (formData: FormData, from?: HTMLFormElement) => {
      if (pending) return;
      form.current = from ?? activeForm();
      startTransition(() => dispatch(formData));
    },
    clear: () => startTransition(() => dispatch(null)),
  };
}
