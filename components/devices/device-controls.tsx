"use client";
// The device page's controls: rename, enable or disable, and delete after a confirmation. Each
// form posts a server action; errors show beside their field and in one live region.
import { useActionState } from "react";
import type { FormState } from "@/lib/auth/form-state";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BUTTON } from "@/components/ui/styles";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;
type Props = { device: { id: string; name: string; enabled: boolean }; update: Action; remove: Action };

export function DeviceControls({ device, update, remove }: Props) {
  const [state, submit, pending] = useActionState(update, {});
  const [deleted, submitDelete, deleting] = useActionState(remove, {});
  const nameErrors = state.errors?.name;
  const message = deleted.message ?? state.message;
  return (
    <section aria-labelledby="controls" className="mt-4 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="controls" className="mb-3 font-medium">
        Manage
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <form action={submit} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="deviceId" value={device.id} />
          <div>
            <label htmlFor="device-name" className="text-sm font-medium">Name</label>
            <input
              id="device-name"
              name="name"
              defaultValue={device.name}
              maxLength={80}
              aria-invalid={Boolean(nameErrors)}
              aria-describedby="device-name-error"
              className="mt-1 block w-64 max-w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          <button type="submit" disabled={pending} className={BUTTON.secondary}>
            Rename
          </button>
        </form>
        <form action={submit}>
          <input type="hidden" name="deviceId" value={device.id} />
          <input type="hidden" name="enabled" value={device.enabled ? "false" : "true"} />
          <button type="submit" disabled={pending} className={BUTTON.secondary}>
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
      <p id="device-name-error" aria-live="polite" className="mt-2 min-h-5 text-sm text-red-700 dark:text-red-400">
        {nameErrors?.join(" ")}
      </p>
      <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="device-message">
        {message}
      </p>
    </section>
  );
}
