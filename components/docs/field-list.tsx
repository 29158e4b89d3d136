// The fields of a parameter list, a request body or a response: name, type, whether required,
// limits, default and meaning. A list rather than a table, so that a phone shows it whole. The
// styles sit on the list, not on each of its (several hundred) items, to keep the page light.
import type { DocField } from "@/lib/api/docs";
import { InlineCode } from "./inline-code";

type Field = DocField & { in?: string };

const LIST =
  "divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800 [&>li]:px-3 [&>li]:py-2 [&_p]:mt-1 [&_small]:text-xs [&_small]:text-zinc-600 dark:[&_small]:text-zinc-400 [&_strong]:font-medium [&_strong]:text-red-800 dark:[&_strong]:text-red-300";

export function FieldList({ fields, label }: { fields: Field[]; label: string }) {
  return (
    <ul aria-label={label} className={LIST}>
      {fields.map((field) => {
        const limits = [...field.constraints, ...(field.defaultValue !== undefined ? [`default ${field.defaultValue}`] : [])];
        return (
          <li key={`${field.in ?? ""}${field.name}`}>
            <code className="font-semibold break-all">{field.name}</code>{" "}
            <small>
              <span className="font-mono">{field.type}</span>
              {field.in ? ` · in ${field.in} · ` : " · "}
              {field.required ? <strong>required</strong> : "optional"}
            </small>
            {field.description && (
              <p>
                <InlineCode text={field.description} />
              </p>
            )}
            {limits.length > 0 && (
              <p className="break-words [overflow-wrap:anywhere]">
                <small>{limits.join(" · ")}</small>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
