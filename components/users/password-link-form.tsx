"use client";
// Issue a new one-time set-password link for one user: one who has not set a password yet, or
// forgot it. Their current password, if any, works until the link is used.
import { useId } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";
import { LinkRevealDialog, type LinkFormState } from "./link-reveal-dialog";

type Props = { action: ServerAction<LinkFormState>; userId: string; userName: string };

export function PasswordLinkForm({ action, userId, userName }: Props) {
  const id = useId();
  const { state, pending, submitLater, clear } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  return (
    <div>
      <ActionForm submit={submitLater}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" aria-disabled={pending} aria-describedby={`${id}-message`} className={BUTTON.secondary}>
          {pending ? "Issuing…" : "New link"}
          <span className="sr-only"> to set a password, for {userName}</span>
        </button>
      </ActionForm>
      <FormMessage id={`${id}-message`} message={error ?? (state.link ? undefined : state.message)} ok={state.ok} compact />
      {state.link && state.expiresAt && <LinkRevealDialog link={state.link} name={userName} expiresAt={state.expiresAt} onClose={clear} />}
    </div>
  );
}
