// A form that POSTs even before hydration, so that nothing typed in it can end up in a URL, and
// once hydrated is submitted by hand: a form action prop would also reset a refused form, losing
// what was typed. It hands useFormAction the form too, which focuses its first invalid field.
import type { ReactNode } from "react";

type Props = {
  /** useFormAction's submitLater. */
  submit: (formData: FormData, form: HTMLFormElement) => void;
  /** The form's message (FormMessage), which describes it. */
  messageId?: string;
  className?: string;
  children: ReactNode;
};

export function ActionForm({ submit, messageId, className, children }: Props) {
  return (
    <form
      method="post"
      noValidate
      aria-describedby={messageId}
      onSubmit={(event) => {
        event.preventDefault();
        submit(new FormData(event.currentTarget), event.currentTarget);
      }}
      className={className}
    >
      {children}
    </form>
  );
}
