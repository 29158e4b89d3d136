// A device API refusal as the form-error contract: field errors beside their fields, the problem's
// detail as the message. Anything unexpected goes on to the error page.
import "server-only";
import type { FormState } from "@/lib/auth/form-state";
import { AccessRevokedError, DeviceApiError } from "./device-client";

export function apiRefusal(error: unknown): FormState {
  if (error instanceof AccessRevokedError) return { message: "Your dashboard access has been revoked; nothing was changed." };
  if (!(error instanceof DeviceApiError)) throw error;
  return { errors: error.problem.errors, message: error.problem.detail };
}
