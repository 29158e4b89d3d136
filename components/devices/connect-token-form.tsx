"use client";
// The connection page's "Issue a device token" button: the token comes back from the action once,
// into the reveal-once dialog, and is dropped from state when the dialog closes.
import { useId } from "react";
import { TokenRevealDialog } from "@/components/tokens/token-reveal-dialog";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON } from "@/components/ui/styles";
import { useFormAction, type ServerAction } from "@/components/ui/use-form-action";
import type { TokenFormState } from "@/lib/form-state";

export function ConnectTokenForm({ action, deviceId }: { action: ServerAction<TokenFormState>; deviceId: string }) {
  const id = useId();
  const { state, pending, submitLater, clear } = useFormAction(action);
  return (
    <>
      <ActionForm submit={submitLater} messageId={`${id}-message`} className="mt-3 flex flex-wrap items-center gap-3">
        <input type="hidden" name="deviceId" value={deviceId} />
        <button type="submit" aria-disabled={pending} className={BUTTON.primary}>
          {pending ? "Issuing…" : "Issue a device token"}
        </button>
        <FormMessage id={`${id}-message`} message={state.message} ok={state.ok} />
      </ActionForm>
      {state.token && <TokenRevealDialog token={state.token} name={state.tokenName} onClose={clear} />}
    </>
  );
}
