"use client";
// A button that asks before a destructive change: a native modal <dialog> whose confirm button
// submits the hidden fields to the given form action. Cancel comes first, so it gets the focus.
import { useId, useRef } from "react";
import { BUTTON, DIALOG } from "./styles";

type Props = {
  /** The visible text of the button that opens the dialog. */
  trigger: string;
  /** Its accessible name, when the visible text alone is ambiguous ("Revoke" in every row). */
  triggerLabel?: string;
  title: string;
  confirmLabel: string;
  fields: Record<string, string>;
  action: (formData: FormData) => void;
  pending?: boolean;
  children: React.ReactNode;
};

export function ConfirmDialog({ trigger, triggerLabel, title, confirmLabel, fields, action, pending, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button type="button" aria-label={triggerLabel} aria-disabled={pending} onClick={() => !pending && ref.current?.showModal()} className={BUTTON.danger}>
        {trigger}
      </button>
      <dialog ref={ref} aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} className={DIALOG}>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={`${id}-body`} className="mt-2 space-y-2 text-sm text-zinc-700 dark:text-zinc-300">
          {children}
        </div>
        <form
          action={(formData) => {
            ref.current?.close();
            action(formData);
          }}
          className="mt-5 flex flex-wrap justify-end gap-2"
        >
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="button" onClick={() => ref.current?.close()} className={BUTTON.secondary}>
            Cancel
          </button>
          <button type="submit" className={BUTTON.dangerSolid}>
            {confirmLabel}
          </button>
        </form>
      </dialog>
    </>
  );
}
