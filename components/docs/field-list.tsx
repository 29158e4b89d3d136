// The fields of a parameter list, a request body or a response: name, type, whether required,
// limits, default and meaning. A list rather than a table, so that a phone shows it whole.
import type { DocField } from "@/lib/api/docs";
import { InlineCode } from "./inline-code";

type Field = DocField & { in?: string };

export function FieldList({ fields, label }: { fields: Field[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
      {fields.map((field) => (
        <li key={`${field.in ?? ""}${field.name}`} className="px-3 py-2">
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <code className="font-semibold break-all">{field.name}</code>
            <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{field.type}</span>
            {field.in && <span className="text-xs text-zinc-600 dark:text-zinc-400">in {field.in}</span>}
            {field.required ? (
              <span className="text-xs font-medium text-red-800 dark:text-red-300">required</span>
            ) : (
              <span className="text-xs text-zinc-600 dark:text-zinc-400">optional</span>
            )}
          </div>
          {field.description && (
            <p className="mt-1 text-zinc-700 dark:text-zinc-300">
              <InlineCode text={field.description} />
            </p>
          )}
          {(field.constraints.length > 0 || field.defaultValue !== undefined) && (
            <p className="mt-1 text-xs break-words text-zinc-600 [overflow-wrap:anywhere] dark:text-zinc-400">
              {[...field.constraints, ...(field.defaultValue !== undefined ? [`default ${field.defaultValue}`] : [])].join(" · ")}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
