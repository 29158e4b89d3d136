// The one form-error contract (STYLE.md 5) that every server action returns, and the mapping of
// expected failures into it. Unexpected errors are rethrown to the error page.
import { z } from "zod";
import { Refusal } from "./refusal";

export type FormState = {
  errors?: Record<string, string[]>;
  message?: string;
  /** True after a change went through, so that a form can reset itself. */
  ok?: boolean;
};

/** A token action's state: `token` is set once, for a token that is shown once, and never stored. */
export type TokenFormState = FormState & { token?: string; tokenName?: string };

export function invalidInput(error: z.ZodError): FormState {
  const { fieldErrors, formErrors } = z.flattenError(error);
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors as Record<string, string[] | undefined>)) if (messages?.length) errors[field] = messages;
  return { errors, message: formErrors[0] ?? "Please correct the fields marked below." };
}

/** An expected refusal as form state: a bad field goes next to the field, anything else is the message. */
export function refusal(error: unknown): FormState {
  if (!(error instanceof Refusal)) throw error;
  if (error.code === "invalid" && error.field) return { errors: { [error.field]: [error.message] } };
  return { message: error.message };
}
