"use client";
// A secret shown once (a new token, a set-password link), in a modal dialog with a copy button.
// Closing it calls onClose, which must drop the secret from state: it cannot be shown again.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { BUTTON, DIALOG, INPUT } from "./styles";

type Props = {
  title: string;
  /** Says that it will not be shown again, and what to do with it. */
  warning: ReactNode;
  /** What the secret is called: the field's label ("Token"), and lower-cased in the copy texts. */
  noun: string;
  value: string;
  testId: string;
  onClose: () => void;
};

export function RevealOnceDialog({ title, warning, noun, value, testId, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const lower = noun.toLowerCase();

  useEffect(() => {
    const dialog = ref.current;
    // showModal() focuses the first control (the secret, selected) and returns focus on close.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} aria-describedby={`${id}-once`} className={DIALOG}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <p id={`${id}-once`} className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
        {warning}
      </p>
      <label htmlFor={`${id}-value`} className="mt-4 block text-sm font-medium">
        {noun}
      </label>
      <input
        id={`${id}-value`}
        data-testid={testId}
        readOnly
        value={value}
        autoComplete="off"
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        className={`${INPUT} mt-1 font-mono text-xs`}
      />
      <CopyButton text={value} label={`Copy ${lower}`} copiedMessage="Copied to the clipboard." noun={lower} className="mt-3 flex flex-wrap items-center gap-3" />
      <form method="dialog" className="mt-5 flex justify-end">
        <button type="submit" className={BUTTON.primary}>
          I have copied it, close
        </button>
      </form>
    </dialog>
  );
}
