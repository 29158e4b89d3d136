"use client";
// Change one user's role. A downgrade narrows their tokens at once; the message says how many. A
// change Gatehouse would refuse (an admin's own role) is shown disabled, with the reason.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { ROLE_LABELS } from "@/components/ui/role-badge";
import { BUTTON, SELECT } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = {
  action: ServerAction<FormState>;
  userId: string;
  userName: string;
  role: "ADMIN" | "STANDARD";
  /** Why this role cannot be changed by the one viewing it: the controls are disabled and say so. */
  lockedReason?: string;
};

export function RoleForm({ action, userId, userName, role, lockedReason }: Props) {
  const id = useId();
  const { state, pending, submit } = useFormAction(action);
  if (lockedReason) {
    return (
      <div>
        <div className="flex items-center gap-2">
          <label htmlFor={`${id}-role`} className="sr-only">Role for {userName}</label>
          <select id={`${id}-role`} defaultValue={role} disabled aria-describedby={`${id}-reason`} className={SELECT}>
            <option value="STANDARD">{ROLE_LABELS.STANDARD}</option>
            <option value="ADMIN">{ROLE_LABELS.ADMIN}</option>
          </select>
          <button type="button" disabled aria-label={`Save role for ${userName}`} aria-describedby={`${id}-reason`} className={BUTTON.secondary}>
            Save
          </button>
        </div>
        <p id={`${id}-reason`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{lockedReason}</p>
      </div>
    );
  }
  return (
    <form action={submit} aria-describedby={`${id}-message`}>
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-role`} className="sr-only">Role for {userName}</label>
        {/* Keyed by the role, so that the select shows the saved role after every change. */}
        <select
          key={role}
          id={`${id}-role`}
          name="role"
          defaultValue={role}
          aria-invalid={Boolean(state.errors?.role)}
          aria-describedby={`${id}-role-error`}
          className={SELECT}
        >
          <option value="STANDARD">{ROLE_LABELS.STANDARD}</option>
          <option value="ADMIN">{ROLE_LABELS.ADMIN}</option>
        </select>
        <button type="submit" aria-disabled={pending} aria-label={`Save role for ${userName}`} className={BUTTON.secondary}>
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
      <FieldError id={`${id}-role-error`} errors={state.errors?.role} compact />
      <FormMessage id={`${id}-message`} message={state.errors?.role ? undefined : state.message} ok={state.ok} compact />
    </form>
  );
}
