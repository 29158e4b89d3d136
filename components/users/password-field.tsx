// A labelled password input with its help and its errors beside it (STYLE.md 5). What was typed is
// never sent back: a refused form keeps it in the browser only.
import { FieldError } from "@/components/ui/field-error";
import { INPUT } from "@/components/ui/styles";

type Props = {
  id: string;
  name: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  errors?: string[];
  help?: string;
};

export function PasswordField({ id, name, label, autoComplete, errors, help }: Props) {
  const describedBy = [help ? `${id}-help` : null, `${id}-error`].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <input id={id} name={name} type="password" autoComplete={autoComplete} aria-invalid={Boolean(errors)} aria-describedby={describedBy} className={`${INPUT} mt-1`} />
      {help && <p id={`${id}-help`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{help}</p>}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
