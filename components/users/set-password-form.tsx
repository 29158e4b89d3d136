"use client";
// Choose a password, typed twice: on the one-time link's page (no current password) and on
// Settings → Password (the current one first). Success redirects to the sign-in page. What was
// typed is never sent back: a refused form keeps it in the browser only.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/field";
import { BUTTON, INPUT } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = {
  action: ServerAction<FormState>;
  /** The account, shown and given to password managers as the user name. */
  email: string;
  /** Asks for the current password first: a change of one's own. */
  askCurrent?: boolean;
  minLength: number;
  submitLabel: string;
};

export function SetPasswordForm({ action, email, askCurrent, minLength, submitLabel }: Props) {
  const id = useId();
  const { state, pending, submitLater } = useFormAction(action);
  const errors = state.errors ?? {};
  return (
    <ActionForm submit={submitLater} messageId={`${id}-message`} className="space-y-3">
      <div>
        <label htmlFor={`${id}-email`} className="text-sm font-medium">Account</label>
        <input id={`${id}-email`} name="username" type="email" value={email} readOnly autoComplete="username" className={`${INPUT} mt-1 bg-zinc-50 dark:bg-zinc-800`} />
      </div>
      {askCurrent && (
        <TextField id={`${id}-current`} name="currentPassword" type="password" label="Current password" autoComplete="current-password" errors={errors.currentPassword} />
      )}
      <TextField
        id={`${id}-password`}
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        errors={errors.password}
        help={`At least ${minLength} characters. A few unrelated words make a good one.`}
      />
      <TextField id={`${id}-confirm`} name="confirm" type="password" label="New password again" autoComplete="new-password" errors={errors.confirm} />
      <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
      <button type="submit" aria-disabled={pending} className={`${BUTTON.primary} w-full`}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </ActionForm>
  );
}
