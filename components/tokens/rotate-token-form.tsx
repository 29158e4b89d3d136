"use client";
// Rotate one token with a choice of grace period for the old one, from those its owner's role
// policy allows. The successor of a personal or device token is shown once; a dashboard token's
// never. Stays mounted after the row's status changes, so that the dialog and the message outlive
// the button.
import { useId } from "react";
import type { TokenFormState } from "@/lib/form-state";
import { graceLabel } from "@/lib/tokens/grace";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON, SELECT } from "@/components/ui/styles";
import { TokenRevealDialog } from "./token-reveal-dialog";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";

type Props = {
  action: ServerAction<TokenFormState>;
  tokenId: string;
  tokenName: string;
  active: boolean;
  /** lib/tokens/grace.ts graceChoices for the owner's policy. */
  graceChoices: number[];
  defaultGraceHours: number;
};

export function RotateTokenForm({ action, tokenId, tokenName, active, graceChoices, defaultGraceHours }: Props) {
  const id = useId();
  const { state, pending, submit, clear } = useFormAction(action);
  const error = state.errors ? Object.values(state.errors).flat().join(" ") : undefined;
  const fallback = graceChoices.includes(defaultGraceHours) ? defaultGraceHours : graceChoices.at(-1);
  return (
    // The margin sets it apart from the revoke button beside it, only when there is something in it.
    <div className={active || state.message || error ? "mr-2" : undefined}>
      {active && (
        <form action={submit} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="tokenId" value={tokenId} />
          <label htmlFor={`${id}-grace`} className="sr-only">
            Grace period for the old token of {tokenName}
          </label>
          <select id={`${id}-grace`} name="graceHours" defaultValue={String(fallback)} aria-describedby={`${id}-message`} className={SELECT}>
            {graceChoices.map((hours) => (
              <option key={hours} value={hours}>{graceLabel(hours)}</option>
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
