"use client";
// The Add device form: name, kind (from the catalogue) and location, each with its error beside
// it. After a success it goes on to the new device's connection page.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/field-error";
import { SelectField, TextField } from "@/components/ui/field";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/form-state";

type KindOption = { value: string; label: string; reports: string };

type Props = { action: ServerAction<FormState & { deviceId?: string }>; kinds: KindOption[] };

export function AddDeviceForm({ action, kinds }: Props) {
  const id = useId();
  const router = useRouter();
  const { state, pending, submitLater } = useFormAction(action);
  const [kind, setKind] = useState(kinds[0]?.value ?? "");
  const errors = state.errors ?? {};
  const reports = kinds.find((k) => k.value === kind)?.reports;

  useEffect(() => {
    if (state.ok && state.deviceId) router.push(`/devices/${encodeURIComponent(state.deviceId)}/connect`);
  }, [state, router]);

  return (
    <ActionForm submit={submitLater} messageId={`${id}-message`} className="grid gap-y-2">
      <TextField id={`${id}-name`} label="Name" name="name" maxLength={80} autoComplete="off" placeholder="Hallway thermostat" errors={errors.name} />
      <SelectField
        id={`${id}-kind`}
        label="Kind"
        name="kind"
        value={kind}
        onChange={(event) => setKind(event.target.value)}
        errors={errors.kind}
        help={reports ? `Reports ${reports}.` : undefined}
      >
        {kinds.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <TextField id={`${id}-location`} label="Location (optional)" name="location" maxLength={80} autoComplete="off" placeholder="Hallway" errors={errors.location} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" aria-disabled={pending} className={BUTTON.primary}>
          {pending ? "Adding…" : "Add device"}
        </button>
        <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
      </div>
    </ActionForm>
  );
}
