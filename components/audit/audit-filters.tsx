// The audit page's filter: it applies as it changes and the URL holds the view, to share or reload
// (LiveFilterForm); without JavaScript it is a plain GET form with its button. The page parses the
// query string and shows what it refused here.
import Link from "next/link";
import { FieldError } from "@/components/ui/field-error";
import { LiveFilterForm } from "@/components/ui/live-filter-form";
import { BUTTON, INPUT, SELECT } from "@/components/ui/styles";
import type { FilterValues } from "./audit-links";

/** Suggestions for the action field: the prefixes, then the actions Gatehouse records. */
const ACTIONS = [
  "user.",
  "token.",
  "device.",
  "policy.",
  "access.",
  "alert.",
  "audit.",
  "user.signed_in",
  "user.sign_in_failed",
  "user.sign_in_throttled",
  "user.signed_out",
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_set",
  "user.password_changed",
  "user.password_link_issued",
  "user.sessions_ended",
  "policy.changed",
  "token.issued",
  "token.rotated",
  "token.revoked",
  "token.revoked_all",
  "token.expired",
  "token.idle_disabled",
  "token.narrowed",
  "token.refused",
  "access.denied",
  "device.created",
  "device.updated",
  "device.deleted",
  "alert.acknowledged",
  "audit.exported",
];

type Props = { values: FilterValues; errors: Record<string, string[] | undefined> };

const label = "text-sm font-medium";

function Field({ name, text, hint, errors, children }: { name: string; text: string; hint?: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={`audit-${name}`} className={label}>
        {text} {hint && <span className="font-normal text-zinc-600 dark:text-zinc-400">{hint}</span>}
      </label>
      <div className="mt-1">{children}</div>
      <FieldError id={`audit-${name}-error`} errors={errors} compact />
    </div>
  );
}

export function AuditFilters({ values, errors }: Props) {
  const control = (name: keyof FilterValues) => ({
    id: `audit-${name}`,
    name,
    defaultValue: values[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `audit-${name}-error`,
  });
  return (
    <LiveFilterForm label="Audit records" className="mb-4 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-2 lg:grid-cols-4">
        <Field name="from" text="From" hint="(UTC)" errors={errors.from}>
          <input type="datetime-local" step={1} className={INPUT} {...control("from")} />
        </Field>
        <Field name="to" text="To" hint="(UTC, before)" errors={errors.to}>
          <input type="datetime-local" step={1} className={INPUT} {...control("to")} />
        </Field>
        <Field name="actor" text="Actor" hint="(email, user or token id)" errors={errors.actor}>
          <input type="text" maxLength={254} autoComplete="off" spellCheck={false} className={INPUT} {...control("actor")} />
        </Field>
        <Field name="action" text="Action" hint="(or a prefix: token.)" errors={errors.action}>
          <input type="text" maxLength={64} list="audit-actions" autoComplete="off" spellCheck={false} className={INPUT} {...control("action")} />
          <datalist id="audit-actions">
            {ACTIONS.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </Field>
        <Field name="targetType" text="Target type" errors={errors.targetType}>
          <input type="text" maxLength={32} placeholder="token, user, device…" autoComplete="off" className={INPUT} {...control("targetType")} />
        </Field>
        <Field name="target" text="Target id" errors={errors.target}>
          <input type="text" maxLength={128} autoComplete="off" spellCheck={false} className={INPUT} {...control("target")} />
        </Field>
        <Field name="outcome" text="Outcome" errors={errors.outcome}>
          <select className={`${SELECT} w-full`} {...control("outcome")}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="denied">Denied</option>
          </select>
        </Field>
        <div className="flex items-center gap-2 self-center pt-1">
          {values.limit && <input type="hidden" name="limit" value={values.limit} />}
          {/* Secondary: the filter applies as it changes; this is for a page whose script has not loaded. */}
          <button type="submit" className={BUTTON.secondary}>
            Apply
          </button>
          <Link href="/admin/audit" className={BUTTON.secondary}>
            Clear filters
          </Link>
        </div>
      </div>
    </LiveFilterForm>
  );
}
