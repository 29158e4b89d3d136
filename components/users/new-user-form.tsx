"use client";
// Create a user (name, email, role). They get no password: the one-time link to set one is shown
// once, in a dialog, for the admin to send them.
import { useId, useState } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { ROLE_LABELS } from "@/components/ui/role-badge";
import { BUTTON, INPUT, SELECT } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";
import { LinkRevealDialog, type LinkFormState } from "./link-reveal-dialog";

export function NewUserForm({ action }: { action: ServerAction<LinkFormState> }) {
  const id = useId();
  // Bumped after a success to remount the fields empty; a refused form keeps what was typed.
  const [round, setRound] = useState(0);
  const { state, pending, submitLater, clear } = useFormAction<LinkFormState>(async (previous, formData) => {
    const next = await action(previous, formData);
    if (next.ok) setRound((n) => n + 1);
    return next;
  });
  const errors = state.errors ?? {};
  const err = (field: string) => `${id}-${field}-error`;

  return (
    <>
      <form
        // POST even before hydration; once hydrated, submitted by hand so that a refusal keeps the fields.
        method="post"
        noValidate
        aria-describedby={`${id}-message`}
        onSubmit={(event) => {
          event.preventDefault();
          submitLater(new FormData(event.currentTarget));
        }}
        className="grid gap-x-4 gap-y-2 sm:grid-cols-[1fr_1fr_auto]"
      >
        <div key={`name-${round}`}>
          <label htmlFor={`${id}-name`} className="text-sm font-medium">Name</label>
          <input id={`${id}-name`} name="name" maxLength={80} autoComplete="off" aria-invalid={Boolean(errors.name)} aria-describedby={err("name")} className={`${INPUT} mt-1`} />
          <FieldError id={err("name")} errors={errors.name} />
        </div>
        <div key={`email-${round}`}>
          <label htmlFor={`${id}-email`} className="text-sm font-medium">Email</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            maxLength={254}
            autoComplete="off"
            aria-invalid={Boolean(errors.email)}
            aria-describedby={err("email")}
            className={`${INPUT} mt-1`}
          />
          <FieldError id={err("email")} errors={errors.email} />
        </div>
        <div key={`role-${round}`}>
          <label htmlFor={`${id}-role`} className="text-sm font-medium">Role</label>
          <select id={`${id}-role`} name="role" defaultValue="STANDARD" aria-invalid={Boolean(errors.role)} aria-describedby={err("role")} className={`${SELECT} mt-1 block w-full`}>
            <option value="STANDARD">{ROLE_LABELS.STANDARD}</option>
            <option value="ADMIN">{ROLE_LABELS.ADMIN}</option>
          </select>
          <FieldError id={err("role")} errors={errors.role} />
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
          <button type="submit" aria-disabled={pending} className={BUTTON.primary}>
            {pending ? "Creating…" : "Create user"}
          </button>
          <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
        </div>
      </form>
      {state.link && state.expiresAt && <LinkRevealDialog link={state.link} name={state.linkFor ?? "the new user"} expiresAt={state.expiresAt} onClose={clear} />}
    </>
  );
}
