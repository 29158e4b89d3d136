// The one wrapper every server action goes through. A server action is a public endpoint (a direct
// POST reaches it), so each one here requires its user (or an admin) again, parses its form with
// zod, calls lib/, which checks owner and scope itself, revalidates the pages that show what
// changed, and returns the form state; expected refusals become that state, anything else goes on
// to the error page.
import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Person } from "@/lib/access/caller";
import { hasNul } from "@/lib/api/body";
import { AUDIT_UNAVAILABLE_MESSAGE, AuditUnavailable } from "@/lib/audit/append";
import { withRequestContext } from "@/lib/audit/context";
import { requireAdmin, requireUser } from "@/lib/auth/session";
import { correctFieldsMessage, invalidInput, refusal, type FormState } from "@/lib/form-state";
import { Refusal } from "@/lib/refusal";
import { AccessRevokedError, DeviceApiError } from "./device-client";

/** A path to revalidate, or a dynamic route's pattern with its type ("page" or "layout"). */
type Revalidated = string | [pattern: string, type: "page" | "layout"];

type ActionOptions<S extends z.ZodType> = {
  input: S;
  /** Admins only: anyone else is sent to the homepage. */
  admin?: boolean;
  /** The pages that show what a successful change changed. */
  revalidate: (input: z.output<S>) => Revalidated[];
  /** Where to go after a successful change, instead of answering with state. */
  redirectTo?: string;
};

type FormAction<R extends FormState> = (previous: R, formData: FormData) => Promise<R>;

export function formAction<S extends z.ZodType, R extends FormState = FormState>(
  options: ActionOptions<S>,
  run: (caller: Person, input: z.output<S>) => Promise<NoInfer<R>>,
): FormAction<R> {
  return async (_previous, formData) => {
    const caller = options.admin ? await requireAdmin() : await requireUser();
    const fields = formFields(formData);
    const refused = nulRefusal(fields, options.input);
    if (refused) return refused as R;
    const input = options.input.safeParse(fields);
    if (!input.success) return invalidInput(input.error) as R;
    let state: R;
    const userAgent = (await headers()).get("user-agent");
    try {
      state = await withRequestContext({ ip: caller.ip, userAgent }, () => run(caller, input.data));
    } catch (error) {
      return expectedFailure(error) as R;
    }
    // A run refuses by throwing a Refusal; state without ok changed nothing, so nothing is stale.
    if (!state.ok) return state;
    for (const path of options.revalidate(input.data)) {
      if (typeof path === "string") revalidatePath(path);
      else revalidatePath(...path);
    }
    if (options.redirectTo) redirect(options.redirectTo);
    return state;
  };
}

/** The names of an object schema's fields (through a pipe), or null for a schema of another shape. */
function fieldNames(schema: z.ZodType): Set<string> | null {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodPipe) return fieldNames(schema.in as z.ZodType);
  return null;
}

/**
 * PostgreSQL cannot store a NUL in text: a field holding one is refused on both engines, as the
 * device API refuses it. A field the schema does not know is dropped, as the schema would drop it,
 * and never named: the message names only the form's own fields, never one a request made up.
 */
function nulRefusal(fields: Record<string, string | string[]>, schema: z.ZodType): FormState | null {
  const known = fieldNames(schema);
  for (const name of Object.keys(fields)) if (known && !known.has(name)) delete fields[name];
  const withNul = Object.keys(fields).filter((name) => [fields[name]!].flat().some(hasNul));
  if (withNul.length === 0) return null;
  if (!known) return { message: "A field holds a NUL character, which no field may." };
  return { errors: Object.fromEntries(withNul.map((name) => [name, ["May not contain a NUL character"]])), message: correctFieldsMessage(withNul) };
}

/**
 * A form's fields as an object for zod: a repeated name (checkboxes) becomes a list, which a
 * schema expecting one value refuses. React's own fields ($ACTION_…) are left out, and so are
 * files, which no action takes: a field sent as a file counts as missing.
 */
function formFields(formData: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(formData.keys())) {
    if (name.startsWith("$ACTION")) continue;
    const values = formData.getAll(name).filter((value): value is string => typeof value === "string");
    if (values.length > 0) fields[name] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}

/** An expected refusal, from lib/ or from the device API, as form state; anything else is rethrown. */
function expectedFailure(error: unknown): FormState {
  if (error instanceof Refusal) return refusal(error);
  if (error instanceof AuditUnavailable) return { message: AUDIT_UNAVAILABLE_MESSAGE };
  if (error instanceof AccessRevokedError) return { message: "Your dashboard access has been revoked; nothing was changed." };
  if (error instanceof DeviceApiError) return { errors: error.problem.errors, message: error.problem.detail };
  throw error;
}
