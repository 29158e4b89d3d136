// A labelled input or select with its help and its errors beside it (STYLE.md 5): the control is
// `id`, its help `${id}-help` and its errors `${id}-error`, both named by aria-describedby.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { FieldError } from "./field-error";
import { INPUT, SELECT } from "./styles";

type Frame = {
  id: string;
  label: string;
  errors?: string[];
  help?: ReactNode;
  /** The wrapper's classes, for its place in the form's grid. */
  className?: string;
};

function FieldFrame({ id, label, errors, help, className, children }: Frame & { children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      {children}
      {help && <p id={`${id}-help`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{help}</p>}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** The control's aria wiring to the frame's help and errors. */
function described({ id, errors, help }: Frame) {
  return { "aria-invalid": Boolean(errors), "aria-describedby": help ? `${id}-help ${id}-error` : `${id}-error` };
}

type TextFieldProps = Frame & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "aria-invalid" | "aria-describedby">;

export function TextField({ id, label, errors, help, className, ...input }: TextFieldProps) {
  const frame = { id, label, errors, help, className };
  return (
    <FieldFrame {...frame}>
      <input id={id} {...input} {...described(frame)} className={`${INPUT} mt-1`} />
    </FieldFrame>
  );
}

type SelectFieldProps = Frame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "aria-invalid" | "aria-describedby"> & {
    /** The select's width classes. */
    width?: string;
  };

export function SelectField({ id, label, errors, help, className, width = "w-full", children, ...select }: SelectFieldProps) {
  const frame = { id, label, errors, help, className };
  return (
    <FieldFrame {...frame}>
      <select id={id} {...select} {...described(frame)} className={`${SELECT} mt-1 block ${width}`}>
        {children}
      </select>
    </FieldFrame>
  );
}
