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
  return { errors, message: formErrors[0] ?? correctFieldsMessage(Object.keys(errors)) };
}

/** A field's name as words: "maxLifetimeDays" is "max lifetime days", "device_id" is "device id". */
function fieldWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
}

/**
 * The message of a form with invalid fields, naming them: it says nothing about where they are
 * (a form's message sits below some fields and above others, on a phone too), and the form moves
 * focus to the first of them (components/ui/use-form-action.ts).
 */
export function correctFieldsMessage(fields: string[]): string {
  const names = [...new Set(fields.map(fieldWords).filter(Boolean))];
  if (names.length === 0) return "Please correct the highlighted fields.";
  if (names.length === 1) return `Please correct the highlighted field: ${names[0]}.`;
  return `Please correct the ${names.length} highlighted fields: ${names.slice(0, -1).join(", ")} and ${names.at(-1)}.`;
}

/** An expected refusal as form state: a bad field goes next to the field, anything else is the message. */
export function refusal(error: unknown): FormState {
  if (!(error instanceof Refusal)) throw error;
  if (error.code === "invalid" && error.field) return { errors: { [error.field]: [error.message] } };
  return { message: error.message };
}
