"use client";
// One role's token policy as four whole numbers, each with its bounds beside it. A refused save
// keeps what was typed; a saved one shows the stored values.
import { useId } from "react";
import type { FormState } from "@/lib/form-state";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/field";
import { ROLE_LABELS } from "@/components/ui/role-badge";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Values = { maxLifetimeDays: number; rotationIntervalDays: number; gracePeriodHours: number; idleDisableDays: number };

type Props = {
  action: ServerAction<FormState>;
  policy: Values & { role: "ADMIN" | "STANDARD" };
  limits: { ceilingDays: number; maxGraceHours: number; maxIdleDays: number };
};

export function PolicyForm({ action, policy, limits }: Props) {
  const id = useId();
  const { state, pending, submitLater } = useFormAction(action);
  const errors = state.errors ?? {};
  const label = ROLE_LABELS[policy.role];
  const fields: { name: keyof Values; label: string; min: number; max: number; help: string }[] = [
    { name: "maxLifetimeDays", label: "Maximum lifetime (days)", min: 1, max: limits.ceilingDays, help: `1 to ${limits.ceilingDays}, this role's ceiling.` },
    { name: "rotationIntervalDays", label: "Rotation interval (days)", min: 1, max: limits.ceilingDays, help: "How often the dashboard's token is renewed: at most the maximum lifetime." },
    { name: "gracePeriodHours", label: "Rotation grace (hours)", min: 0, max: limits.maxGraceHours, help: `How long a rotated token keeps working: 0 to ${limits.maxGraceHours}.` },
    { name: "idleDisableDays", label: "Disable when idle for (days)", min: 1, max: limits.maxIdleDays, help: `1 to ${limits.maxIdleDays}.` },
  ];

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id={`${id}-title`} className="font-medium">{label}</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Ceiling: a {label} token lives at most {limits.ceilingDays} days, whatever this policy says.
      </p>
      <ActionForm submit={submitLater} messageId={`${id}-message`} className="grid gap-x-4 gap-y-2 sm:grid-cols-2">
        <input type="hidden" name="role" value={policy.role} />
        {fields.map((field) => (
          <TextField
            // Keyed by the stored value, so that a saved change shows what was stored.
            key={`${field.name}-${policy[field.name]}`}
            id={`${id}-${field.name}`}
            label={field.label}
            name={field.name}
            type="number"
            inputMode="numeric"
            min={field.min}
            max={field.max}
            step={1}
            defaultValue={policy[field.name]}
            errors={errors[field.name]}
            help={field.help}
          />
        ))}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button type="submit" aria-disabled={pending} aria-label={`Save the ${label} policy`} className={BUTTON.primary}>
            {pending ? "Saving…" : "Save"}
          </button>
          <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
        </div>
      </ActionForm>
    </section>
  );
}
