"use client";
// Rotate one token with a choice of grace period for the old one. The successor of a personal or
// device token is shown once; a dashboard token's never. Stays mounted after the row's status
// changes, so that the dialog and the message outlive the button.
import { useId } from "react";
import type { TokenFormState } from "@/lib/form-state";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON, SELECT } from "@/components/ui/styles";
import { TokenRevealDialog } from "./token-reveal-dialog";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

const GRACE = [
  { hours: 0, label: "No grace" },
  { hours: 1, label: "1 hour grace" },
  { hours: 24, label: "24 hours grace" },
];

type Props = { action: ServerAction<TokenFormState>; tokenId: string; tokenName: string; active: boolean; defaultGraceHours: number };

export function RotateTokenForm({ action, tokenId, tokenName, active, defaultGraceHours }: Props) {
  const id = useId();
  const { state, pending, submit, clear } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  const fallback = GRACE.some((g) => g.hours === defaultGraceHours) ? defaultGraceHours : 1;
  return (
    <div>
      {active && (
        <form action={submit} className="flex items-center gap-2">
          <input type="hidden" name="tokenId" value={tokenId} />
          <label htmlFor={`${id}-grace`} className="sr-only">
            Grace period for the old token of {tokenName}
          </label>
          <select id={`${id}-grace`} name="graceHours" defaultValue={String(fallback)} aria-describedby={`${id}-message`} className={SELECT}>
            {GRACE.map((g) => (
              <option key={g.hours} value={g.hours}>{g.label}</option>
            ))}
          </select>
          <button type="submit" aria-disabled={pending} aria-label={`Rotate ${tokenName}`} className={BUTTON.secondary}>
            {pending ? "Rotating…" : "Rotate"}
          </button>
        </form>
      )}
      <FormMessage id={`${id}-message`} message={error ?? state.message} ok={state.ok} compact />
      {state.token && <TokenRevealDialog token={state.token} name={state.tokenName} onClose={clear} />}
    </div>
  );
}
