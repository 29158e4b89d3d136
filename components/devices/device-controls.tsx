"use client";
// The device page's controls: rename, enable or disable, and delete after a confirmation. Each
// form posts a server action; errors show beside their field and in one live region.
import type { FormState } from "@/lib/form-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError } from "@/components/ui/field-error";
import { BUTTON, INPUT } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = { device: { id: string; name: string; enabled: boolean }; update: ServerAction<FormState>; remove: ServerAction<FormState> };

export function DeviceControls({ device, update, remove }: Props) {
  const { state, pending, submit } = useFormAction(update);
  const { state: deleted, pending: deleting, submit: submitDelete } = useFormAction(remove);
  const nameErrors = state.errors?.name;
  const message = deleted.message ?? state.message;
  return (
    <section aria-labelledby="controls" className="mt-4 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="controls" className="mb-3 font-medium">
        Manage
      </h2>
      <div className="mb-2 flex flex-wrap items-end gap-3">
        <form action={submit} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="deviceId" value={device.id} />
          <div className="w-64 max-w-full">
            <label htmlFor="device-name" className="text-sm font-medium">Name</label>
            <input
              id="device-name"
              name="name"
              defaultValue={device.name}
              maxLength={80}
              aria-invalid={Boolean(nameErrors)}
              aria-describedby="device-name-error"
              className={`${INPUT} mt-1`}
            />
          </div>
          <button type="submit" aria-disabled={pending} className={BUTTON.secondary}>
            Rename
          </button>
        </form>
        <form action={submit}>
          <input type="hidden" name="deviceId" value={device.id} />
          <input type="hidden" name="enabled" value={device.enabled ? "false" : "true"} />
          <button type="submit" aria-disabled={pending} className={BUTTON.secondary}>
            {device.enabled ? "Disable device" : "Enable device"}
          </button>
        </form>
        <ConfirmDialog
          trigger="Delete device"
          title={`Delete “${device.name}”?`}
          confirmLabel="Delete device"
          fields={{ deviceId: device.id }}
          action={submitDelete}
          pending={deleting}
        >
          <p>Its readings and its ingest tokens are deleted with it. This cannot be undone.</p>
        </ConfirmDialog>
      </div>
      <FieldError id="device-name-error" errors={nameErrors} />
      <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="device-message">
        {message}
      </p>
    </section>
  );
}
