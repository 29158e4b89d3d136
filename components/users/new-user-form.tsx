"use client";
// Create a user (name, email, role). They get no password: the one-time link to set one is shown
// once, in a dialog, for the admin to send them; then a link finds them in the list, which shows
// a page at a time.
import Link from "next/link";
import { useId, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/field-error";
import { SelectField, TextField } from "@/components/ui/field";
import { ROLE_LABELS } from "@/components/ui/role-badge";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";
import { LinkRevealDialog, type LinkFormState } from "./link-reveal-dialog";

export function NewUserForm({ action }: { action: ServerAction<LinkFormState> }) {
  const id = useId();
  // Fields keyed by round are emptied after a success; a refused form keeps what was typed.
  const { state, pending, round, submitLater, clear } = useFormAction(action);
  const errors = state.errors ?? {};
  // Kept past the dialog's clear(), which drops everything but the message.
  const [created, setCreated] = useState<{ name: string; href: string }>();
  if (state.createdHref && state.createdHref !== created?.href) setCreated({ name: state.linkFor ?? "them", href: state.createdHref });

  return (
    <>
      <ActionForm submit={submitLater} messageId={`${id}-message`} className="grid gap-x-4 gap-y-2 sm:grid-cols-[1fr_1fr_auto]">
        <TextField key={`name-${round}`} id={`${id}-name`} label="Name" name="name" maxLength={80} autoComplete="off" errors={errors.name} />
        <TextField key={`email-${round}`} id={`${id}-email`} label="Email" name="email" type="email" maxLength={254} autoComplete="off" errors={errors.email} />
        <SelectField key={`role-${round}`} id={`${id}-role`} label="Role" name="role" defaultValue="STANDARD" errors={errors.role}>
          <option value="STANDARD">{ROLE_LABELS.STANDARD}</option>
          <option value="ADMIN">{ROLE_LABELS.ADMIN}</option>
        </SelectField>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
          <button type="submit" aria-disabled={pending} className={BUTTON.primary}>
            {pending ? "Creating…" : "Create user"}
          </button>
          <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
          {state.ok && created && (
            <Link href={created.href} prefetch={false} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              Show {created.name} in the list
            </Link>
          )}
        </div>
      </ActionForm>
      {state.link && state.expiresAt && <LinkRevealDialog link={state.link} name={state.linkFor ?? "the new user"} expiresAt={state.expiresAt} onClose={clear} />}
    </>
  );
}
