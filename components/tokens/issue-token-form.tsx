"use client";
// Issue a token for one user: a personal token with scopes from the role's policy, a device token
// for one of their devices (offered disabled, with the reason, when they have none), or (admins) a
// dashboard token. A personal or device token is shown once in a dialog; a dashboard token never.
import { useId, useState } from "react";
import type { TokenFormState } from "@/lib/form-state";
import type { Scope } from "@/lib/access/scopes";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { SelectField, TextField } from "@/components/ui/field";
import { BUTTON } from "@/components/ui/styles";
import { TokenRevealDialog } from "./token-reveal-dialog";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type IssuableKind = "PERSONAL" | "DEVICE" | "DASHBOARD";

const KINDS: Record<IssuableKind, { label: string; help: string }> = {
  PERSONAL: { label: "Personal", help: "for a script; shown once" },
  DEVICE: { label: "Device", help: "pushes readings for one device; shown once" },
  DASHBOARD: { label: "Dashboard", help: "held by the server for the dashboard; never shown" },
};

type Props = {
  action: ServerAction<TokenFormState>;
  userId: string;
  kinds: IssuableKind[];
  scopes: Scope[];
  devices: { id: string; name: string }[];
  maxLifetimeDays: number;
  submitLabel?: string;
};

export function IssueTokenForm({ action, userId, kinds, scopes, devices, maxLifetimeDays, submitLabel = "Issue token" }: Props) {
  const id = useId();
  const [kind, setKind] = useState<IssuableKind>(kinds[0] ?? "PERSONAL");
  // Fields keyed by round are emptied after a success; a refused form keeps what was typed.
  const { state, pending, round, submitLater, clear } = useFormAction(action);
  const errors = state.errors ?? {};
  const err = (field: string) => `${id}-${field}-error`;

  return (
    <>
      <ActionForm submit={submitLater} messageId={`${id}-message`} className="grid gap-x-4 gap-y-2 sm:grid-cols-2">
        <input type="hidden" name="userId" value={userId} />
        <fieldset className="sm:col-span-2" aria-describedby={err("kind")}>
          <legend className="text-sm font-medium">Kind</legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
            {kinds.map((k) => {
              // A device token with no device to name would only be refused: say why instead.
              const unavailable = k === "DEVICE" && devices.length === 0;
              return (
                <label key={k} className="flex items-start gap-2 text-sm">
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    checked={kind === k}
                    disabled={unavailable}
                    aria-describedby={unavailable ? `${id}-no-devices` : undefined}
                    onChange={() => setKind(k)}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-medium">{KINDS[k].label}</span>{" "}
                    <span className="text-zinc-600 dark:text-zinc-400">({KINDS[k].help})</span>
                    {unavailable && (
                      <span id={`${id}-no-devices`} className="block text-xs text-zinc-600 dark:text-zinc-400">
                        No device to issue one for yet: add a device first.
                      </span>
                    )}
                  </span>
                </label>
              );
            })}
          </div>
          <FieldError id={err("kind")} errors={errors.kind} />
        </fieldset>

        <TextField
          key={`name-${round}`}
          id={`${id}-name`}
          label="Name"
          name="name"
          maxLength={80}
          autoComplete="off"
          placeholder={kind === "DASHBOARD" ? "Dashboard" : "Backup script"}
          errors={errors.name}
        />

        <TextField
          key={`days-${round}`}
          id={`${id}-days`}
          label="Expires in (days)"
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={maxLifetimeDays}
          defaultValue={maxLifetimeDays}
          errors={errors.expiresInDays}
          help={`At most ${maxLifetimeDays} days for this role.`}
        />

        {kind === "PERSONAL" && (
          <fieldset key={`scopes-${round}`} className="sm:col-span-2" aria-describedby={err("scopes")}>
            <legend className="text-sm font-medium">Scopes</legend>
            <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
              {scopes.map((scope) => (
                <label key={scope} className="flex items-center gap-2 font-mono text-sm">
                  <input type="checkbox" name="scopes" value={scope} aria-invalid={Boolean(errors.scopes)} />
                  {scope}
                </label>
              ))}
            </div>
            <FieldError id={err("scopes")} errors={errors.scopes} />
          </fieldset>
        )}

        {kind === "DEVICE" && (
          <SelectField key={`device-${round}`} id={`${id}-device`} label="Device" name="deviceId" defaultValue="" errors={errors.deviceId} className="sm:col-span-2" width="w-full sm:w-auto">
            <option value="">{devices.length === 0 ? "No devices to choose from" : "Choose a device"}</option>
            {devices.map((device) => (
              <option key={device.id} value={device.id}>{device.name}</option>
            ))}
          </SelectField>
        )}

        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button type="submit" aria-disabled={pending} className={BUTTON.primary}>
            {pending ? "Issuing…" : submitLabel}
          </button>
          <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
        </div>
      </ActionForm>
      {state.token && <TokenRevealDialog token={state.token} name={state.tokenName} onClose={clear} />}
    </>
  );
}
