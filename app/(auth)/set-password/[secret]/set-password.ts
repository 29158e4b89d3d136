// What the set-password page's action does. Not a "use server" module: the page's own inline
// action calls this with the secret it closes over (Next encrypts it into the page), so that no
// endpoint takes a secret as a plain argument. The page is public: the secret is the credential.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AUDIT_UNAVAILABLE_MESSAGE, AuditUnavailable } from "@/lib/audit/append";
import { withRequestContext } from "@/lib/audit/context";
import { setPasswordWithLink } from "@/lib/auth/password-links";
import { NewPasswordFields } from "@/lib/auth/password-rules";
import { ipFromForwardedFor } from "@/lib/client-ip";
import { invalidInput, refusal, type FormState } from "@/lib/form-state";

function field(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

export async function setPasswordFromForm(secret: string, formData: FormData): Promise<FormState> {
  const input = NewPasswordFields.safeParse({ password: field(formData, "password"), confirm: field(formData, "confirm") });
  if (!input.success) return invalidInput(input.error);
  const request = await headers();
  const ip = ipFromForwardedFor(request.get("x-forwarded-for"));
  try {
    await withRequestContext({ ip, userAgent: request.get("user-agent") }, () => setPasswordWithLink(secret, input.data.password, ip));
  } catch (error) {
    // A link used, voided or expired meanwhile is a message; anything else goes to the error page.
    if (error instanceof AuditUnavailable) return { message: AUDIT_UNAVAILABLE_MESSAGE };
    return refusal(error);
  }
  redirect("/login?reason=password-set");
}
